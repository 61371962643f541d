// Small helpers for printing C++: named-placeholder templates, literals of
// every element type, const arrays and aggregate initializers with one
// commented field per line.
#ifndef MOTE_HOST_COMPILER_EMIT_UTIL_H_
#define MOTE_HOST_COMPILER_EMIT_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "mote/types.h"

namespace mote {

struct BroadcastShape;

namespace aot {

// Replaces every {{key}} in `tmpl` with vars[key]; an unknown key is a bug
// in the emitter and aborts.
std::string Fill(const std::string& tmpl, const std::map<std::string, std::string>& vars);

std::string IntLiteral(int64_t v);
std::string FloatLiteral(float v);   // exact (round-trips), inf/nan spelled via <limits>
const char* CTypeOf(DataType type);  // "int8_t", "float", ...; nullptr if no C type

// `const T name[n] = {...};` from raw little-endian element bytes, 16 elements
// a line (8 for 64-bit and float). `qualifiers` goes in front (e.g. "alignas(16) extern").
std::string ArrayDefinition(const std::string& qualifiers, DataType type, const std::string& name,
                            const uint8_t* data, size_t count);
std::string Int32Array(const std::string& qualifiers, const std::string& name, const int32_t* v,
                       size_t count);

// Breaks lines longer than `width` after ", " (continuation indented by 4
// more than the line), so generated calls stay within 100 columns.
std::string WrapLines(const std::string& text, size_t width = 100);

// "{1, 2, 3}" for a member array.
std::string IntList(const int32_t* v, int n);
// "{1u, 2u, 3u}".
std::string UintList(const uint32_t* v, int n);

// Designated initializer of a params struct (`.field = value`), in
// declaration order: C++20, accepted by GCC and Clang in C++17 mode.
class Fields {
 public:
  Fields& Add(const std::string& field, const std::string& value) {
    items_.push_back({field, value});
    return *this;
  }
  Fields& Int(const std::string& field, int64_t v) { return Add(field, IntLiteral(v)); }
  Fields& Bool(const std::string& field, bool v) { return Add(field, v ? "true" : "false"); }
  Fields& Float(const std::string& field, float v) { return Add(field, FloatLiteral(v)); }
  // A nested aggregate (e.g. a shape struct member).
  Fields& Nested(const std::string& field, const Fields& inner, int indent);
  // "{\n    .field = value,\n ...}" with `indent` spaces before each field.
  std::string Render(int indent = 4) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// A broadcast shape (kernels/elementwise/broadcast.h) as a nested aggregate:
// dims, both inputs' strides, size, broadcast.
Fields BroadcastShapeFields(const BroadcastShape& s);

// A C identifier from any string ("kws_ref-model" -> "kws_ref_model").
std::string Identifier(const std::string& s);
// "kws_ref_model" -> "KwsRefModel".
std::string CamelCase(const std::string& s);
// "1,49,10,1" style, for comments.
std::string ShapeText(const std::vector<int32_t>& shape);
// 12345678 -> "12,345,678".
std::string Thousands(uint64_t v);

}  // namespace aot
}  // namespace mote

#endif  // MOTE_HOST_COMPILER_EMIT_UTIL_H_
