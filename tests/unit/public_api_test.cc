// The application API (README "Using the runtime"): the README's snippet as
// written, mote/ops.h's registrations, Status, Result and the Interpreter's
// behaviour on bad input (failed model, indices out of range).
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

// README.md's snippet, extracted verbatim at configure time (cmake/readme_snippet.cmake).
#include "readme_snippet.inc"

alignas(16) const uint8_t g_model[] = {
#include "example_model_bytes.inc"
};
const size_t g_model_len = sizeof(g_model);

#include "kernels/conv2d/conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "kernels/fully_connected/fully_connected.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/ops.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

std::vector<uint8_t> ExampleInput() {
  return testing::ReadFile(std::string(MOTE_SOURCE_DIR) +
                           "/examples/models/tiny_conv_int8.input.bin");
}

// ---- README snippet ----

TEST(ReadmeSnippet, RunsTheExampleModelLikeTheAllOpsResolver) {
  const std::vector<uint8_t> input = ExampleInput();
  ASSERT_EQ(input.size(), 64u);
  int8_t scores[3] = {};
  const Status s = RunModel(reinterpret_cast<const int8_t*>(input.data()), scores);
  ASSERT_TRUE(s.ok()) << s.message();

  AllOpsResolver all;
  testing::ModelRunner runner(std::vector<uint8_t>(g_model, g_model + g_model_len), 16 * 1024);
  ASSERT_TRUE(runner.Init(all).ok());
  runner.SetInputBytes(0, input.data(), input.size());
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  const std::vector<int8_t> expected = runner.Output<int8_t>(0);
  ASSERT_EQ(expected.size(), 3u);
  EXPECT_EQ(std::vector<int8_t>(scores, scores + 3), expected);
}

// ---- mote/ops.h ----

struct Accessor {
  const char* name;
  const OpKernel& (*get)();
};

// Every registration in mote/ops.h, all types.
const Accessor kAllTypes[] = {
#define MOTE_OP(name) \
  { #name, &ops::name }
    MOTE_OP(Conv2D),
    MOTE_OP(DepthwiseConv2D),
    MOTE_OP(FullyConnected),
    MOTE_OP(TransposeConv),
    MOTE_OP(AveragePool2D),
    MOTE_OP(MaxPool2D),
    MOTE_OP(Relu),
    MOTE_OP(Relu6),
    MOTE_OP(LeakyRelu),
    MOTE_OP(Logistic),
    MOTE_OP(Tanh),
    MOTE_OP(HardSwish),
    MOTE_OP(Softmax),
    MOTE_OP(Add),
    MOTE_OP(Sub),
    MOTE_OP(Mul),
    MOTE_OP(Div),
    MOTE_OP(Minimum),
    MOTE_OP(Maximum),
    MOTE_OP(SquaredDifference),
    MOTE_OP(Prelu),
    MOTE_OP(SelectV2),
    MOTE_OP(Equal),
    MOTE_OP(NotEqual),
    MOTE_OP(Greater),
    MOTE_OP(GreaterEqual),
    MOTE_OP(Less),
    MOTE_OP(LessEqual),
    MOTE_OP(LogicalAnd),
    MOTE_OP(LogicalOr),
    MOTE_OP(LogicalNot),
    MOTE_OP(Abs),
    MOTE_OP(Neg),
    MOTE_OP(Floor),
    MOTE_OP(Ceil),
    MOTE_OP(Round),
    MOTE_OP(Sqrt),
    MOTE_OP(Rsqrt),
    MOTE_OP(Square),
    MOTE_OP(Sin),
    MOTE_OP(Cos),
    MOTE_OP(Exp),
    MOTE_OP(Log),
    MOTE_OP(Elu),
    MOTE_OP(Mean),
    MOTE_OP(Sum),
    MOTE_OP(ReduceMax),
    MOTE_OP(ArgMax),
    MOTE_OP(Reshape),
    MOTE_OP(Squeeze),
    MOTE_OP(ExpandDims),
    MOTE_OP(Concatenation),
    MOTE_OP(Pack),
    MOTE_OP(Unpack),
    MOTE_OP(Split),
    MOTE_OP(SplitV),
    MOTE_OP(Transpose),
    MOTE_OP(Gather),
    MOTE_OP(StridedSlice),
    MOTE_OP(Slice),
    MOTE_OP(Pad),
    MOTE_OP(PadV2),
    MOTE_OP(ResizeNearestNeighbor),
    MOTE_OP(Shape),
    MOTE_OP(Fill),
    MOTE_OP(ZerosLike),
    MOTE_OP(Quantize),
    MOTE_OP(Dequantize),
    MOTE_OP(Cast),
    MOTE_OP(UnidirectionalSequenceLstm),
    MOTE_OP(Svdf),
    MOTE_OP(SignalWindow),
    MOTE_OP(SignalFftAutoScale),
    MOTE_OP(SignalRfft),
    MOTE_OP(SignalEnergy),
    MOTE_OP(SignalFilterBank),
    MOTE_OP(SignalFilterBankSquareRoot),
    MOTE_OP(SignalFilterBankSpectralSubtraction),
    MOTE_OP(SignalPcan),
    MOTE_OP(SignalFilterBankLog),
};
// The int8-only registrations and the all-types one of the same op.
const Accessor kInt8[][2] = {
    {MOTE_OP(Conv2DInt8), MOTE_OP(Conv2D)},
    {MOTE_OP(DepthwiseConv2DInt8), MOTE_OP(DepthwiseConv2D)},
    {MOTE_OP(FullyConnectedInt8), MOTE_OP(FullyConnected)},
    {MOTE_OP(AveragePool2DInt8), MOTE_OP(AveragePool2D)},
    {MOTE_OP(MaxPool2DInt8), MOTE_OP(MaxPool2D)},
    {MOTE_OP(SoftmaxInt8), MOTE_OP(Softmax)},
#undef MOTE_OP
};

TEST(Ops, EveryKernelOfTheRuntimeHasAnAccessor) {
  std::set<const OpKernel*> accessors;
  for (const Accessor& a : kAllTypes) {
    EXPECT_TRUE(accessors.insert(&a.get()).second) << a.name << " returns another's kernel";
  }
  AllOpsResolver all;
  std::set<const OpKernel*> registered;
  for (size_t i = 0; i < all.num_kernels(); ++i) {
    registered.insert(&all.kernel(i));
    EXPECT_TRUE(accessors.count(&all.kernel(i)) == 1)
        << OpKernelName(all.kernel(i)) << " has no accessor in mote/ops.h";
  }
  for (const Accessor& a : kAllTypes) {
    EXPECT_TRUE(registered.count(&a.get()) == 1) << a.name << " is not in the AllOpsResolver";
  }
}

TEST(Ops, Int8RegistrationsAreTheSameOpWithAnotherPrepare) {
  for (const auto& pair : kInt8) {
    const OpKernel& int8 = pair[0].get();
    const OpKernel& all = pair[1].get();
    EXPECT_EQ(int8.builtin, all.builtin) << pair[0].name;
    EXPECT_NE(int8.prepare, all.prepare) << pair[0].name;
    EXPECT_EQ(int8.memory, all.memory) << pair[0].name;
    EXPECT_EQ(int8.stream, all.stream) << pair[0].name;
  }
}

// A float32 model with an int8-only registration: a clear kUnsupported error;
// the all-types registration runs it.
TEST(Ops, Int8RegistrationRejectsFloatModels) {
  host::ModelBuilder mb;
  const int x = mb.AddTensor(DataType::kFloat32, {1, 4});
  const int w =
      mb.AddConstTensor(DataType::kFloat32, {2, 4}, std::vector<float>{1, 0, 0, 0, 0, 1, 0, 0});
  const int y = mb.AddTensor(DataType::kFloat32, {1, 2});
  mb.AddOperator(BuiltinOp::kFullyConnected, {x, w, -1}, {y});
  mb.SetInputs({x});
  mb.SetOutputs({y});
  const std::vector<uint8_t> model = mb.Build();
  {
    OpResolverN<1> resolver;
    ASSERT_TRUE(resolver.Add(ops::FullyConnectedInt8()).ok());
    testing::ModelRunner runner(model, 16 * 1024);
    const Status s = runner.Init(resolver);
    EXPECT_EQ(s.code(), StatusCode::kUnsupported);
    EXPECT_NE(std::string(s.message()).find("registered for int8 only"), std::string::npos)
        << s.message();
  }
  OpResolverN<1> resolver;
  ASSERT_TRUE(resolver.Add(ops::FullyConnected()).ok());
  testing::ModelRunner runner(model, 16 * 1024);
  const Status s = runner.Init(resolver);
  EXPECT_TRUE(s.ok()) << s.message();
}

// The per-type lists are the full lists without the AOT-only variants
// (weights re-laid-out ahead of time), in the same order.
template <typename V>
std::vector<std::string> Names(Span<const V* const> list) {
  std::vector<std::string> names;
  for (const V* v : list) names.push_back(v->name);
  return names;
}
template <typename V>
std::vector<std::string> WithoutAotOnly(Span<const V* const> list) {
  static const std::set<std::string> kAotOnly = {
      "conv2d_s8_w16__armv7em_dsp", "depthwise_conv2d_s8_1ch_w16__armv7em_dsp",
      "depthwise_conv2d_s8_3x3_packed__armv7em_dsp", "fully_connected_s8_w16__armv7em_dsp"};
  std::vector<std::string> names;
  for (const V* v : list) {
    if (kAotOnly.count(v->name) == 0) names.push_back(v->name);
  }
  return names;
}

TEST(Ops, InterpreterVariantListsDropOnlyTheAotOnlyVariants) {
  EXPECT_EQ(Names(ConvS8InterpreterVariants()), WithoutAotOnly(ConvS8Variants()));
  EXPECT_EQ(Names(DepthwiseS8InterpreterVariants()), WithoutAotOnly(DepthwiseS8Variants()));
  EXPECT_EQ(Names(FullyConnectedS8InterpreterVariants()),
            WithoutAotOnly(FullyConnectedS8Variants()));
}

// ---- Status and Result ----

TEST(Status, IsSmallAndKeepsItsMessage) {
  EXPECT_EQ(sizeof(Status), 4u);
  EXPECT_LE(sizeof(Result<void*>), 16u);
  const Status ok = Status::Ok();
  EXPECT_TRUE(ok.ok());
  EXPECT_STREQ(ok.message(), "");
  const Status s =
      Status::Error(StatusCode::kResourceExhausted, "needs %zu bytes, has %d", size_t{4096}, 100);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_STREQ(s.message(), "needs 4096 bytes, has 100");
  const Status c = s.WithContext("op %d (%s)", 3, "CONV_2D");
  EXPECT_EQ(c.code(), StatusCode::kResourceExhausted);
  EXPECT_STREQ(c.message(), "op 3 (CONV_2D): needs 4096 bytes, has 100");
  EXPECT_STREQ(s.message(), "needs 4096 bytes, has 100");  // the original is still there
  EXPECT_TRUE(ok.WithContext("x").ok());
  EXPECT_EQ(Status::Error(StatusCode::kOk, "not an error").code(), StatusCode::kInternal);
}

TEST(Status, LongMessagesAreTruncated) {
  const std::string long_text(1000, 'x');
  const Status s = Status::Error(StatusCode::kInternal, "%s", long_text.c_str());
  const size_t n = std::strlen(s.message());
  EXPECT_GT(n, 100u);
  EXPECT_LT(n, long_text.size());
  const Status c = s.WithContext("context");
  EXPECT_EQ(std::string(c.message()).rfind("context: xxx", 0), 0u);
}

TEST(Status, AnOverwrittenMessageIsReportedAsSuch) {
  const Status first = Status::Error(StatusCode::kInvalidModel, "first %d", 1);
  for (int i = 0; i < 1000; ++i) Status::Error(StatusCode::kInternal, "later %d", i).IgnoreError();
  EXPECT_EQ(first.code(), StatusCode::kInvalidModel);  // the code is never lost
  EXPECT_NE(std::string(first.message()).find("overwritten"), std::string::npos) << first.message();
  // Context over an overwritten message keeps the marker.
  EXPECT_NE(std::string(first.WithContext("op 1").message()).find("op 1: "), std::string::npos);
}

TEST(Result, FromAnOkStatusIsAnError) {
  const Result<int> r = Status::Ok();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

#ifdef NDEBUG
// Release builds: the value of a failed Result is value-initialized, never garbage
// (debug builds assert instead: tests/unit/debug/debug_checks_test.cc).
TEST(Result, ValueOfAnErrorIsValueInitializedInRelease) {
  const Result<int*> p = Status::Error(StatusCode::kInvalidArgument, "no");
  EXPECT_EQ(p.value(), nullptr);
  const Result<Model> m = Status::Error(StatusCode::kInvalidModel, "no");
  EXPECT_FALSE((*m).loaded());
}
#endif

// ---- Interpreter ----

TEST(Interpreter, OverAFailedModelReportsTheLoadError) {
  std::vector<uint8_t> garbage(64, 0xab);
  alignas(16) static uint8_t arena[4096];
  OpResolverN<1> resolver;
  const Result<Model> model = Model::Load(Span<const uint8_t>(garbage.data(), garbage.size()));
  ASSERT_FALSE(model.ok());
  Interpreter interp(model, resolver, Span<uint8_t>(arena));
  const Status s = interp.AllocateTensors();
  EXPECT_EQ(s.code(), model.status().code());
  EXPECT_NE(std::string(s.message()).find("the model did not load"), std::string::npos)
      << s.message();
  EXPECT_EQ(interp.num_inputs(), 0u);
  EXPECT_EQ(interp.num_outputs(), 0u);
  EXPECT_TRUE(interp.input(0).empty());
  EXPECT_TRUE(interp.output(0).empty());
  EXPECT_TRUE(interp.tensor(0).empty());
  EXPECT_FALSE(interp.CheckedInput(0).ok());
  EXPECT_EQ(interp.Invoke().code(), StatusCode::kFailedPrecondition);

  // An empty Model handle (what *model gives for a failed load in release builds).
  Interpreter empty(Model(), resolver, Span<uint8_t>(arena));
  EXPECT_EQ(empty.AllocateTensors().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(empty.num_inputs(), 0u);
  EXPECT_EQ(empty.Invoke().code(), StatusCode::kFailedPrecondition);
}

TEST(Interpreter, HoldsTheModelHandleByValue) {
  alignas(16) static uint8_t arena[8 * 1024];
  AllOpsResolver resolver;
  // The handle is a temporary: the interpreter keeps its own copy.
  Interpreter interp(Model::Load(Span<const uint8_t>(g_model, g_model_len)).value(), resolver,
                     Span<uint8_t>(arena));
  ASSERT_TRUE(interp.AllocateTensors().ok());
  const std::vector<uint8_t> input = ExampleInput();
  std::memcpy(interp.input(0).data, input.data(), input.size());
  ASSERT_TRUE(interp.Invoke().ok());
  EXPECT_EQ(interp.output(0).bytes, 3u);
  EXPECT_STREQ(interp.subgraph().op(0).name(nullptr, 0), "CONV_2D");
}

TEST(Interpreter, IndicesOutOfRangeAreErrors) {
  alignas(16) static uint8_t arena[8 * 1024];
  AllOpsResolver resolver;
  Interpreter interp(Model::Load(Span<const uint8_t>(g_model, g_model_len)), resolver,
                     Span<uint8_t>(arena));
  // Before AllocateTensors: metadata but no memory.
  EXPECT_EQ(interp.num_inputs(), 1u);
  EXPECT_TRUE(interp.input(0).empty());
  EXPECT_EQ(interp.input(0).bytes, 64u);
  EXPECT_EQ(interp.CheckedInput(0).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(interp.AllocateTensors().ok());
  EXPECT_FALSE(interp.input(0).empty());
  ASSERT_TRUE(interp.CheckedInput(0).ok());
  EXPECT_EQ(interp.CheckedInput(0).value().data, interp.input(0).data);
  ASSERT_TRUE(interp.CheckedOutput(0).ok());

  const TensorRef none = interp.input(1);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.bytes, 0u);
  EXPECT_EQ(none.data_as<int8_t>(), nullptr);
  EXPECT_TRUE(interp.output(5).empty());
  EXPECT_TRUE(interp.tensor(100000).empty());
  const Result<TensorRef> in = interp.CheckedInput(1);
  EXPECT_EQ(in.status().code(), StatusCode::kInvalidArgument);
  EXPECT_STREQ(in.status().message(), "input 1 out of range (the model has 1)");
  EXPECT_EQ(interp.CheckedOutput(1).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mote
