#include "bench/firmware_output.h"

#include <cstdlib>
#include <sstream>

namespace mote {
namespace bench {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

FirmwareReport ParseFirmwareOutput(const std::string& text) {
  FirmwareReport r;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream l(line);
    std::string key;
    l >> key;
    if (key == "MOTE_LAYER") {
      // "MOTE_LAYER index op instructions" or "MOTE_LAYER index instructions".
      std::vector<std::string> fields;
      for (std::string f; l >> f;) fields.push_back(f);
      if (fields.size() < 2) continue;
      LayerCost layer;
      layer.index = std::strtoul(fields[0].c_str(), nullptr, 10);
      if (fields.size() >= 3) layer.op = fields[1];
      layer.instructions = std::strtoull(fields.back().c_str(), nullptr, 10);
      r.layers.push_back(layer);
    } else if (key == "MOTE_INSTRUCTIONS") {
      r.have_instructions = static_cast<bool>(l >> r.instructions);
    } else if (key == "MOTE_OBSERVED") {
      l >> r.observed;
    } else if (key == "MOTE_ARENA") {
      l >> r.arena_bytes;
    } else if (key == "MOTE_STACK") {
      l >> r.stack_bytes;
    } else if (key == "MOTE_HEAP") {
      l >> r.heap_bytes;
    } else if (key == "MOTE_OUTPUT") {
      std::string hex;
      l >> hex;
      for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        const int hi = HexDigit(hex[i]), lo = HexDigit(hex[i + 1]);
        if (hi < 0 || lo < 0) break;
        r.output.push_back(static_cast<uint8_t>(hi * 16 + lo));
      }
    } else if (key == "MOTE_ERROR") {
      r.error = line;
    }
  }
  return r;
}

}  // namespace bench
}  // namespace mote
