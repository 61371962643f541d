// Internal: how many inputs and outputs each builtin op takes (from the
// .tflite operator definitions), checked by Model::Load.
#ifndef MOTE_MODEL_OP_ARITY_H_
#define MOTE_MODEL_OP_ARITY_H_

#include <cstdint>

namespace mote {

struct OpArity {
  uint16_t min_inputs, max_inputs, min_outputs, max_outputs;
};

// False for builtin codes whose arity Mote does not know (not checked at load).
bool LookupOpArity(int32_t builtin_code, OpArity* arity);

// The BuiltinOptions union code the op's options must have; false if Mote does
// not check it for this op (the op reads no options).
bool LookupOptionsType(int32_t builtin_code, uint8_t* options_type);

}  // namespace mote

#endif  // MOTE_MODEL_OP_ARITY_H_
