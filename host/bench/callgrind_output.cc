#include "bench/callgrind_output.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mote {
namespace bench {

bool ParseCallgrindDump(const std::string& text, std::string* request, uint64_t* total) {
  request->clear();
  bool have_total = false;
  std::istringstream lines(text);
  std::string line;
  const std::string trigger = "desc: Trigger: Client Request: ";
  while (std::getline(lines, line)) {
    if (line.rfind(trigger, 0) == 0) {
      *request = line.substr(trigger.size());
    } else if (line.rfind("totals:", 0) == 0) {
      *total = std::strtoull(line.c_str() + 7, nullptr, 10);
      have_total = true;
    }
  }
  return have_total;
}

bool ReadCallgrindDumps(const std::string& out_file, CallgrindCounts* counts, std::string* error) {
  *counts = CallgrindCounts();
  const std::string layer_prefix = kLayerDump;
  for (int part = 1;; ++part) {
    const std::string path = out_file + "." + std::to_string(part);
    std::ifstream f(path, std::ios::binary);
    if (!f) {
      if (part == 1) *error = "callgrind wrote no dumps (" + path + " is missing)";
      return part > 1;
    }
    std::stringstream text;
    text << f.rdbuf();
    std::string request;
    uint64_t total = 0;
    if (!ParseCallgrindDump(text.str(), &request, &total)) {
      *error = path + " is not a callgrind dump";
      return false;
    }
    if (request.rfind(layer_prefix, 0) == 0) {
      const size_t op = std::strtoul(request.c_str() + layer_prefix.size(), nullptr, 10);
      counts->layers.emplace_back(op, total);
      counts->observed += total;
    } else if (request == kObservedDump) {
      counts->observed += total;
    } else if (request == kCleanDump) {
      counts->clean = total;
      counts->have_clean = true;
    }
  }
}

}  // namespace bench
}  // namespace mote
