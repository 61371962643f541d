// Per-type registrations (mote/ops.h): ops::Conv2D() accepts every element
// type its kernel supports; ops::Conv2DInt8() only int8, so that a firmware
// registering it links no float32 or int16 code and none of the int8
// variants that only the AOT compiler can use (weights re-laid-out ahead of
// time). A kernel's Prepare is a template over the accepted types; code for
// the other types sits behind `if constexpr` and is never referenced.
#ifndef MOTE_KERNELS_COMMON_TYPED_REGISTRATION_H_
#define MOTE_KERNELS_COMMON_TYPED_REGISTRATION_H_

#include "kernels/common/weighted_op_types.h"
#include "mote/kernel.h"

namespace mote {

// Sets of accepted types (bits indexed like WeightedVariant: f32, s8, s16).
constexpr unsigned kTypesF32 = 1u << static_cast<int>(WeightedVariant::kF32);
constexpr unsigned kTypesS8 = 1u << static_cast<int>(WeightedVariant::kS8);
constexpr unsigned kTypesS16 = 1u << static_cast<int>(WeightedVariant::kS16);
constexpr unsigned kTypesAll = kTypesF32 | kTypesS8 | kTypesS16;

constexpr unsigned TypeBit(WeightedVariant v) { return 1u << static_cast<int>(v); }

// The error for a model whose type the registration does not accept.
inline Status TypeNotRegistered(DataType type, const char* registered) {
  return Status::Error(StatusCode::kUnsupported,
                       "%s tensors, but the op was registered for %s only (register the op's "
                       "all-types accessor or its %s one)",
                       DataTypeName(type), registered, DataTypeName(type));
}

// Checks that `variant` is in kTypes; `type` names it in the error.
template <unsigned kTypes>
Status CheckRegisteredType(WeightedVariant variant, DataType type) {
  if ((kTypes & TypeBit(variant)) != 0) return Status::Ok();
  return TypeNotRegistered(type, kTypes == kTypesS8    ? "int8"
                                 : kTypes == kTypesS16 ? "int16"
                                                       : "float32");
}

// After CheckRegisteredType: the variant and type Prepare may see. For a
// one-type registration these are constants, so that the optimizer drops
// every branch for the other types and the code they reference.
template <unsigned kTypes>
constexpr WeightedVariant RegisteredVariant(WeightedVariant v) {
  if constexpr (kTypes == kTypesF32) {
    return WeightedVariant::kF32;
  } else if constexpr (kTypes == kTypesS8) {
    return WeightedVariant::kS8;
  } else if constexpr (kTypes == kTypesS16) {
    return WeightedVariant::kS16;
  } else {
    return v;
  }
}
// The kernel variants a registration may pick: every variant (kAll) for the
// all-types registration, which the AOT compiler uses too; the interpreter's
// list (kInterpreter) for a typed one. `if constexpr` keeps a typed
// registration from referencing the full list, so the linker drops the
// AOT-only variants.
template <unsigned kTypes, auto kAll, auto kInterpreter>
auto RegisteredVariants() {
  if constexpr (kTypes == kTypesAll) {
    return kAll();
  } else {
    return kInterpreter();
  }
}

template <unsigned kTypes>
constexpr DataType RegisteredType(DataType t) {
  if constexpr (kTypes == kTypesF32) {
    return DataType::kFloat32;
  } else if constexpr (kTypes == kTypesS8) {
    return DataType::kInt8;
  } else if constexpr (kTypes == kTypesS16) {
    return DataType::kInt16;
  } else {
    return t;
  }
}

}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_TYPED_REGISTRATION_H_
