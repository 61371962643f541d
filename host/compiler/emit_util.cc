#include "compiler/emit_util.h"

#include <cctype>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "kernels/elementwise/broadcast.h"

namespace mote {
namespace aot {

std::string Fill(const std::string& tmpl, const std::map<std::string, std::string>& vars) {
  std::string out;
  out.reserve(tmpl.size() * 2);
  size_t pos = 0;
  for (;;) {
    const size_t open = tmpl.find("{{", pos);
    if (open == std::string::npos) break;
    const size_t close = tmpl.find("}}", open + 2);
    if (close == std::string::npos) break;
    out.append(tmpl, pos, open - pos);
    const std::string key = tmpl.substr(open + 2, close - open - 2);
    const auto it = vars.find(key);
    if (it == vars.end()) {
      std::fprintf(stderr, "mote compile: internal error: template placeholder {{%s}} unset\n",
                   key.c_str());
      std::abort();
    }
    out += it->second;
    pos = close + 2;
  }
  out.append(tmpl, pos, std::string::npos);
  return out;
}

std::string IntLiteral(int64_t v) {
  // INT32_MIN / INT64_MIN cannot be written as a negated literal.
  if (v == INT64_MIN) return "INT64_MIN";
  if (v == INT32_MIN) return "INT32_MIN";
  std::string s = std::to_string(v);
  if (v > INT32_MAX || v < INT32_MIN) s += "LL";
  return s;
}

std::string FloatLiteral(float v) {
  if (std::isnan(v)) return "std::numeric_limits<float>::quiet_NaN()";
  if (std::isinf(v)) {
    return v > 0 ? "std::numeric_limits<float>::infinity()"
                 : "-std::numeric_limits<float>::infinity()";
  }
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%.9g", static_cast<double>(v));
  std::string s = buf;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s + "f";
}

const char* CTypeOf(DataType type) {
  switch (type) {
    case DataType::kFloat32:
      return "float";
    case DataType::kInt32:
      return "int32_t";
    case DataType::kUInt8:
      return "uint8_t";
    case DataType::kInt64:
      return "int64_t";
    case DataType::kBool:
      return "bool";
    case DataType::kInt16:
      return "int16_t";
    case DataType::kInt8:
      return "int8_t";
    case DataType::kUInt32:
      return "uint32_t";
    case DataType::kUInt16:
      return "uint16_t";
    case DataType::kUInt64:
      return "uint64_t";
    default:
      return nullptr;
  }
}

namespace {

template <typename T>
T Load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

std::string ElementText(DataType type, const uint8_t* p) {
  switch (type) {
    case DataType::kFloat32:
      return FloatLiteral(Load<float>(p));
    case DataType::kInt32:
      return IntLiteral(Load<int32_t>(p));
    case DataType::kUInt8:
      return std::to_string(Load<uint8_t>(p));
    case DataType::kInt64:
      return IntLiteral(Load<int64_t>(p));
    case DataType::kBool:
      return p[0] ? "true" : "false";
    case DataType::kInt16:
      return std::to_string(Load<int16_t>(p));
    case DataType::kInt8:
      return std::to_string(Load<int8_t>(p));
    case DataType::kUInt32:
      return std::to_string(Load<uint32_t>(p)) + "u";
    case DataType::kUInt16:
      return std::to_string(Load<uint16_t>(p));
    case DataType::kUInt64:
      return std::to_string(Load<uint64_t>(p)) + "ull";
    default:
      return "0";
  }
}

}  // namespace

std::string ArrayDefinition(const std::string& qualifiers, DataType type, const std::string& name,
                            const uint8_t* data, size_t count) {
  const size_t elem = DataTypeSize(type);
  const size_t per_line = elem >= 8 ? 4 : (elem == 4 ? 8 : 16);
  std::string s = qualifiers + (qualifiers.empty() ? "" : " ") + "const " + CTypeOf(type) + " " +
                  name + "[" + std::to_string(count) + "] = {";
  for (size_t i = 0; i < count; ++i) {
    if (i % per_line == 0) s += "\n    ";
    s += ElementText(type, data + i * elem);
    s += i + 1 < count ? (i % per_line == per_line - 1 ? "," : ", ") : "";
  }
  s += "\n};\n";
  return s;
}

std::string Int32Array(const std::string& qualifiers, const std::string& name, const int32_t* v,
                       size_t count) {
  return ArrayDefinition(qualifiers, DataType::kInt32, name, reinterpret_cast<const uint8_t*>(v),
                         count);
}

std::string WrapLines(const std::string& text, size_t width) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    const size_t indent = line.find_first_not_of(' ');
    const std::string cont(indent == std::string::npos ? 4 : indent + 4, ' ');
    while (line.size() > width) {
      size_t cut = line.rfind(", ", width - 1);
      if (cut == std::string::npos || cut <= cont.size()) break;
      out += line.substr(0, cut + 1) + "\n";
      line = cont + line.substr(cut + 2);
    }
    out += line;
    if (end < text.size()) out += "\n";
    start = end + 1;
  }
  return out;
}

std::string IntList(const int32_t* v, int n) {
  std::string s = "{";
  for (int i = 0; i < n; ++i) s += (i ? ", " : "") + IntLiteral(v[i]);
  return s + "}";
}

std::string UintList(const uint32_t* v, int n) {
  std::string s = "{";
  for (int i = 0; i < n; ++i) s += (i ? ", " : "") + std::to_string(v[i]) + "u";
  return s + "}";
}

Fields BroadcastShapeFields(const BroadcastShape& s) {
  Fields f;
  f.Add("dims", IntList(s.dims, kBroadcastRank))
      .Add("stride1", UintList(s.stride1, kBroadcastRank))
      .Add("stride2", UintList(s.stride2, kBroadcastRank))
      .Add("size", std::to_string(s.size) + "u")
      .Bool("broadcast", s.broadcast);
  return f;
}

Fields& Fields::Nested(const std::string& field, const Fields& inner, int indent) {
  return Add(field, inner.Render(indent));
}

std::string Fields::Render(int indent) const {
  const std::string pad(static_cast<size_t>(indent), ' ');
  const std::string close_pad(static_cast<size_t>(indent > 4 ? indent - 4 : 0), ' ');
  std::string s = "{\n";
  for (size_t i = 0; i < items_.size(); ++i) {
    // Designated: a field renamed or reordered in the kernel's params struct is
    // a compile error, not a silent shift.
    s += pad + "." + items_[i].first + " = " + items_[i].second;
    s += i + 1 < items_.size() ? ",\n" : "\n";
  }
  return s + close_pad + "}";
}

std::string Identifier(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "m_" + out;
  return out;
}

std::string CamelCase(const std::string& s) {
  std::string out;
  bool upper = true;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string ShapeText(const std::vector<int32_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string Thousands(uint64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace aot
}  // namespace mote
