#include "bench/map_file.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace mote {
namespace bench {
namespace {

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::vector<std::string> Tokens(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string t;
  while (in >> t) out.push_back(t);
  return out;
}

bool IsHex(const std::string& s) { return s.size() > 2 && s[0] == '0' && s[1] == 'x'; }

// Output sections whose contents occupy flash.
bool InFlash(const std::string& out_section) {
  return out_section == ".isr_vector" || out_section == ".text" || out_section == ".data" ||
         out_section == ".ARM.exidx" || out_section == ".ARM.extab" ||
         out_section == ".preinit_array" || out_section == ".init_array" ||
         out_section == ".fini_array" || out_section == ".rodata";
}

bool FromToolchain(const std::string& file) {
  return file.find("/arm-none-eabi/lib/") != std::string::npos ||
         file.find("/gcc/arm-none-eabi/") != std::string::npos;
}

// One input section as listed: address, listed size, category. Merged
// sections (.rodata.str*) are listed with their size before merging, so the
// effective size is capped by where the next section starts.
struct Entry {
  size_t addr;
  size_t size;
  size_t* bucket;
};

void Flush(std::vector<Entry>* entries, size_t section_end) {
  for (size_t i = 0; i < entries->size(); ++i) {
    const Entry& e = (*entries)[i];
    const size_t next = i + 1 < entries->size() ? (*entries)[i + 1].addr : section_end;
    *e.bucket += next > e.addr ? std::min(e.size, next - e.addr) : 0;
  }
  entries->clear();
}

}  // namespace

bool ParseMapFile(const std::string& text, FlashSplit* split, std::string* error,
                  const std::vector<std::string>& weight_files) {
  *split = FlashSplit();
  const size_t start = text.find("Linker script and memory map");
  if (start == std::string::npos) {
    *error = "no 'Linker script and memory map' section (not a GNU ld map file?)";
    return false;
  }
  std::istringstream in(text.substr(start));
  std::string line, out_section, pending_name;
  std::vector<Entry> entries;
  size_t section_end = 0;
  bool pending_section = false;  // output section name alone on its line
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> tok = Tokens(line);
    if (tok.empty()) continue;
    // Symbol assignments: "  0x... __flash_used__ = ...".
    if (tok.size() >= 3 && IsHex(tok[0]) && tok[2] == "=") {
      const size_t value = std::strtoull(tok[0].c_str(), nullptr, 16);
      if (tok[1] == "__flash_used__") split->flash_used = value;
      if (tok[1] == "__ram_used__") split->ram_used = value;
      continue;
    }
    if (line[0] == '.' || line[0] == '/') {  // an output section: NAME [ADDR SIZE]
      Flush(&entries, section_end);
      out_section = tok[0];
      pending_name.clear();
      pending_section = tok.size() < 3;
      section_end = tok.size() >= 3 ? std::strtoull(tok[1].c_str(), nullptr, 16) +
                                          std::strtoull(tok[2].c_str(), nullptr, 16)
                                    : 0;
      continue;
    }
    if (pending_section) {
      pending_section = false;
      if (tok.size() >= 2 && IsHex(tok[0]) && IsHex(tok[1])) {
        section_end =
            std::strtoull(tok[0].c_str(), nullptr, 16) + std::strtoull(tok[1].c_str(), nullptr, 16);
        continue;
      }
    }
    if (line[0] != ' ' || !InFlash(out_section)) continue;
    // Input section: " .name ADDR SIZE FILE", or " .name" alone with
    // "ADDR SIZE FILE" on the next line; "*fill*" is padding.
    std::string name;
    size_t i = 0;
    if (tok[0][0] == '.' || tok[0] == "*fill*" || tok[0] == "COMMON") {
      name = tok[0];
      i = 1;
      if (tok.size() == 1) {
        pending_name = name;
        continue;
      }
    } else if (IsHex(tok[0]) && !pending_name.empty()) {
      name = pending_name;
    } else {
      continue;
    }
    pending_name.clear();
    if (tok.size() < i + 2 || !IsHex(tok[i]) || !IsHex(tok[i + 1])) continue;
    const size_t addr = std::strtoull(tok[i].c_str(), nullptr, 16);
    const size_t size = std::strtoull(tok[i + 1].c_str(), nullptr, 16);
    if (size == 0) continue;
    const std::string file = tok.size() > i + 2 ? tok[i + 2] : "";
    size_t* bucket = &split->code;
    const bool weight_file =
        std::any_of(weight_files.begin(), weight_files.end(),
                    [&](const std::string& w) { return file.find(w) != std::string::npos; });
    if (StartsWith(name, ".rodata.mote_weights") || weight_file) {
      bucket = &split->weights;
    } else if (FromToolchain(file)) {
      bucket = &split->libc;
    }
    entries.push_back({addr, size, bucket});
  }
  Flush(&entries, section_end);
  return true;
}

}  // namespace bench
}  // namespace mote
