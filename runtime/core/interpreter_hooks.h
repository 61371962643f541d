// Hooks into an Interpreter for Mote's own host tools: the AOT compiler (op
// data, scratch offsets, streaming pairs, target instruction sets, ahead-of-
// time packing), the memory timeline and tests (planner switches, plan
// summary, planned regions). Not part of the application API (mote/interpreter.h).
//
//   InterpreterHooks::set_kernel_archs(interpreter, archs);
//   MOTE_TRY(interpreter.AllocateTensors());
//   const void* data = InterpreterHooks::op_data(interpreter, op);
#ifndef MOTE_CORE_INTERPRETER_HOOKS_H_
#define MOTE_CORE_INTERPRETER_HOOKS_H_

#include <cstddef>
#include <cstdint>

#include "mote/interpreter.h"
#include "mote/kernel_arch.h"
#include "mote/planner.h"

namespace mote {

struct InterpreterHooks {
  // Read-only views of what AllocateTensors computed (valid after it
  // succeeded): op `op`'s op data (as its Prepare set it), its scratch
  // buffers and their offsets from the arena start.
  static const void* op_data(const Interpreter& in, size_t op) {
    return op < in.num_ops_ ? in.ops_[op].op_data : nullptr;
  }
  static int num_scratch(const Interpreter& in, size_t op) {
    return op < in.num_ops_ ? in.ops_[op].num_scratch : 0;
  }
  static uint32_t scratch_offset(const Interpreter& in, size_t op, int i) {
    return in.ops_[op].scratch[i];
  }
  // Streaming (PlannerOptions::stream, see StreamDecl): the op whose input is
  // op `op`'s output, fed band by band at op `op`'s step, or -1; for that
  // consumer, its producer (the consumer's own step then does nothing). The
  // producer's scratch slot stream_scratch(op) holds the band buffer (rows of
  // StreamDecl::band_rows, 16-byte aligned size) and then the accumulators.
  // Ops with an index above 32767 are never paired.
  static int32_t stream_consumer(const Interpreter& in, size_t op) {
    return in.ops_[op].stream_consumer;
  }
  static int32_t stream_producer(const Interpreter& in, size_t op) {
    return in.ops_[op].stream_producer;
  }
  static int stream_scratch(const Interpreter& in, size_t op) { return in.ops_[op].stream_scratch; }
  static const StreamDecl& stream_decl(const Interpreter& in, size_t op) {
    return in.ops_[op].stream;
  }

  // Instruction sets kernels may pick optimized variants for (default: this
  // machine's, NativeKernelArchs()); set before AllocateTensors. The AOT
  // compiler sets the target's, so Prepare picks what the target will run.
  static void set_kernel_archs(Interpreter& in, KernelArchSet archs) { in.kernel_archs_ = archs; }
  static KernelArchSet kernel_archs(const Interpreter& in) { return in.kernel_archs_; }
  // Set by the AOT compiler: Prepare may derive large constants (pre-packed
  // weights), which the generated code keeps in flash.
  static void set_ahead_of_time(Interpreter& in, bool aot) { in.ahead_of_time_ = aot; }
  static bool ahead_of_time(const Interpreter& in) { return in.ahead_of_time_; }

  // Planner switches (mote/planner.h PlannerOptions); set before AllocateTensors.
  static void set_planner_options(Interpreter& in, const PlannerOptions& options) {
    in.planner_options_ = options;
  }
  // Summary of the last successful plan.
  static const PlanSummary& plan_summary(const Interpreter& in) { return in.plan_summary_; }
  // Called once per planned region during AllocateTensors (host tools: the
  // memory timeline). The planner's own memory is released right after.
  static void set_plan_observer(Interpreter& in, PlanObserver observer, void* user) {
    in.plan_observer_ = observer;
    in.plan_observer_user_ = user;
  }
};

}  // namespace mote

#endif  // MOTE_CORE_INTERPRETER_HOOKS_H_
