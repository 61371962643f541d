// Streaming between two ops (mote/kernel.h: StreamDecl): a producer that can
// compute its output in bands of rows, read only by a consumer that can fold
// its input into accumulators slice by slice. The pair runs at the producer's
// step; the tensor between them is never stored (PlanMemory leaves it out).
#include <cstdint>
#include <cstring>

#include "mote/interpreter.h"
#include "mote/planner.h"

namespace mote {
namespace {

// Rows and bytes per row of a [1, H, W, C] tensor; rows = 0 if it is not one.
struct Rows {
  int32_t rows = 0;
  size_t row_bytes = 0;
};
Rows RowsOf(const TensorView& t) {
  if (t.rank() != 4 || t.dim(0) != 1 || t.dim(1) <= 0) return Rows{};
  return Rows{t.dim(1), t.bytes() / static_cast<size_t>(t.dim(1))};
}

size_t BandBytes(const Rows& r, int32_t band_rows) {
  return AlignUp(r.row_bytes * static_cast<size_t>(band_rows), kArenaAlignment);
}

}  // namespace

void Interpreter::PairStreams() {
  if (!planner_options_.stream) return;
  const Span<const int32_t> graph_outputs = subgraph_.outputs();
  for (size_t p = 0; p < num_ops_; ++p) {
    OpRuntime& producer = ops_[p];
    if (producer.stream.band_rows <= 0 || p > INT16_MAX) continue;
    const StreamFns* producer_fns = producer.kernel->stream;
    if (producer_fns == nullptr || producer_fns->eval_band == nullptr) continue;
    if (producer.num_scratch >= kMaxScratchPerOp) continue;
    const int32_t t = producer.outputs[0];
    if (t < 0 || tensor_data_[t] != nullptr) continue;  // constant or state
    bool is_graph_output = false;
    for (int32_t o : graph_outputs) is_graph_output = is_graph_output || o == t;
    if (is_graph_output) continue;
    // Exactly one reader, reading it once, as input 0.
    int32_t consumer = -1;
    int readers = 0;
    for (size_t c = 0; c < num_ops_; ++c) {
      const OperatorView op = subgraph_.op(c);
      for (size_t i = 0; i < op.inputs().size(); ++i) {
        if (op.inputs()[i] != t) continue;
        ++readers;
        consumer = i == 0 ? static_cast<int32_t>(c) : -1;
      }
    }
    if (readers != 1 || consumer < 0 || consumer > INT16_MAX) continue;
    OpRuntime& c = ops_[consumer];
    const StreamFns* fns = c.kernel->stream;
    if (c.stream.accumulators == 0 || fns == nullptr || fns->accumulate == nullptr ||
        fns->finish == nullptr) {
      continue;
    }
    if (c.stream_producer >= 0 || c.stream_consumer >= 0 || producer.stream_producer >= 0) continue;
    // The consumer runs early (at the producer's step): its other inputs must
    // exist then, so they are constants.
    const OperatorView cop = subgraph_.op(static_cast<size_t>(consumer));
    bool constants = true;
    for (size_t i = 1; i < cop.inputs().size(); ++i) {
      const int32_t in = cop.inputs()[i];
      constants = constants && (in < 0 || subgraph_.tensor(static_cast<size_t>(in)).is_constant());
    }
    const TensorView tensor = subgraph_.tensor(static_cast<size_t>(t));
    const Rows rows = RowsOf(tensor);
    if (!constants || rows.rows == 0) continue;
    const size_t bytes = BandBytes(rows, producer.stream.band_rows) +
                         sizeof(int32_t) * static_cast<size_t>(c.stream.accumulators);
    // Worth it only if the band buffer, the accumulators and the consumer's
    // outputs (now written at the producer's step) take less than the tensor.
    size_t outputs = 0;
    for (int32_t o : cop.outputs()) {
      outputs += AlignUp(subgraph_.tensor(static_cast<size_t>(o)).bytes(), kArenaAlignment);
    }
    if (bytes + outputs >= AlignUp(tensor.bytes(), kArenaAlignment)) continue;
    producer.stream_scratch = static_cast<int8_t>(producer.num_scratch);
    producer.scratch[producer.num_scratch++] = static_cast<uint32_t>(bytes);
    producer.stream_consumer = static_cast<int16_t>(consumer);
    c.stream_producer = static_cast<int16_t>(p);
  }
}

void Interpreter::UnpairStreams() {
  for (size_t p = 0; p < num_ops_; ++p) {
    OpRuntime& rt = ops_[p];
    if (rt.stream_consumer >= 0) {
      ops_[rt.stream_consumer].stream_producer = -1;
      rt.stream_consumer = -1;
      --rt.num_scratch;  // the pair's slot, appended last
      rt.stream_scratch = -1;
    }
  }
}

bool Interpreter::IsStreamedTensor(size_t tensor) const {
  for (size_t p = 0; p < num_ops_; ++p) {
    if (ops_[p].stream_consumer >= 0 && ops_[p].outputs[0] == static_cast<int32_t>(tensor)) {
      return true;
    }
  }
  return false;
}

void Interpreter::InvokeStreamed(size_t producer, const EvalContext& ctx) const {
  const OpRuntime& p = ops_[producer];
  const OpRuntime& c = ops_[p.stream_consumer];
  EvalContext consumer_ctx = ctx;
  consumer_ctx.inputs_ = c.inputs;
  consumer_ctx.outputs_ = c.outputs;
  consumer_ctx.op_data_ = c.op_data;
  consumer_ctx.scratch_offsets_ = c.scratch;
  const Rows rows = RowsOf(subgraph_.tensor(static_cast<size_t>(p.outputs[0])));
  const int32_t band_rows = p.stream.band_rows;
  uint8_t* band = static_cast<uint8_t*>(ctx.scratch(p.stream_scratch));
  int32_t* acc = reinterpret_cast<int32_t*>(band + BandBytes(rows, band_rows));
  std::memset(acc, 0, sizeof(int32_t) * c.stream.accumulators);
  for (int32_t r0 = 0; r0 < rows.rows; r0 += band_rows) {
    const int32_t n = rows.rows - r0 < band_rows ? rows.rows - r0 : band_rows;
    p.kernel->stream->eval_band(ctx, r0, n, band);
    c.kernel->stream->accumulate(consumer_ctx, band, static_cast<size_t>(r0) * rows.row_bytes,
                                 static_cast<size_t>(n) * rows.row_bytes, acc);
  }
  c.kernel->stream->finish(consumer_ctx, acc);
}

}  // namespace mote
