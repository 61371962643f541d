// Host-side IR of a model ready for C++ emission: every tensor with its
// storage (arena offset from the interpreter's plan, constant data, or static
// state) and every op with the op data its Prepare computed on the host.
#ifndef MOTE_HOST_COMPILER_AOT_IR_H_
#define MOTE_HOST_COMPILER_AOT_IR_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mote/interpreter.h"
#include "mote/model.h"
#include "mote/op_resolver.h"

namespace mote {
namespace aot {

enum class Storage {
  kNone,      // no memory (empty or unused)
  kArena,     // activation in the arena at `offset`
  kConstant,  // weights: emitted as a const array
  kVariable,  // state carried across invocations: emitted as static storage
};

struct AotTensor {
  size_t index = 0;
  std::string name;
  DataType type = DataType::kFloat32;
  std::vector<int32_t> shape;
  size_t bytes = 0;
  Storage storage = Storage::kNone;
  size_t offset = 0;              // kArena only
  const uint8_t* data = nullptr;  // kConstant only
  float scale = 0.0f;
  int32_t zero_point = 0;
};

struct AotOp {
  size_t index = 0;
  BuiltinOp builtin = BuiltinOp::kCustom;
  std::string name;                      // e.g. CONV_2D
  std::vector<int32_t> inputs, outputs;  // tensor indices, -1 = omitted
  const void* op_data = nullptr;         // as Prepare set it (lives in `arena` below)
  std::vector<size_t> scratch_offsets;   // arena offsets of the op's scratch buffers
  std::vector<size_t> scratch_bytes;     // sizes (upper bound: up to the next buffer)
  uint64_t macs = 0;
  // Streaming (Interpreter::stream_consumer): this op also computes the op
  // at position stream_consumer of AotModel::ops, feeding it bands of
  // stream_band_rows output rows through scratch slot stream_scratch (band
  // buffer, then the consumer's accumulators); or that consumer, whose work
  // is done by the op at position stream_producer.
  int32_t stream_consumer = -1;
  int32_t stream_producer = -1;
  int32_t stream_band_rows = 0;
  int stream_scratch = -1;
};

// Owns everything the IR points into: the model bytes' view, the interpreter
// (op data lives in its arena) and that arena.
struct AotModel {
  std::vector<AotTensor> tensors;
  std::vector<AotOp> ops;  // in execution order (Interpreter::op_at_step)
  std::vector<int32_t> inputs, outputs;
  size_t arena_bytes = 0;              // activations + scratch (no persistent data)
  size_t interpreter_arena_bytes = 0;  // the interpreter's arena_used_bytes, for comparison

  // Keep-alive for op_data pointers.
  std::unique_ptr<OpResolver> resolver;
  std::vector<uint8_t> arena_storage;
  std::unique_ptr<Interpreter> interpreter;
};

// Runs Prepare and the memory planner of the interpreter on the host and
// lifts the result into the IR. `model` must outlive the result.
// `archs`: the target's instruction sets; Prepare picks kernel variants for
// them. `pack_weights`: variants may pre-pack weights of any size (the
// generated code keeps them in flash); otherwise only what the interpreter
// would pack at run time (per-channel tables).
Status BuildAotModel(const Model& model, KernelArchSet archs, bool pack_weights, AotModel* out);

}  // namespace aot
}  // namespace mote

#endif  // MOTE_HOST_COMPILER_AOT_IR_H_
