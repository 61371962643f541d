#include "bench/svg_plot.h"

#include <algorithm>
#include <cstdio>

namespace mote {
namespace bench {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '"') {
      out += "&quot;";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string BarChartSvg(const std::string& title, const std::string& unit,
                        const std::vector<Bar>& bars) {
  const int kLabelWidth = 260, kBarWidth = 520, kValueWidth = 160, kRow = 18, kTop = 40;
  const int width = kLabelWidth + kBarWidth + kValueWidth;
  const int height = kTop + kRow * static_cast<int>(bars.size()) + 20;
  uint64_t max = 1;
  for (const Bar& b : bars) max = std::max(max, b.value);
  std::string svg;
  char buf[512];
  std::snprintf(buf, sizeof(buf),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                "font-family=\"sans-serif\" font-size=\"12\">\n"
                "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
                "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n",
                width, height, Escape(title).c_str());
  svg += buf;
  int y = kTop;
  for (const Bar& b : bars) {
    const double w = static_cast<double>(b.value) / static_cast<double>(max) * kBarWidth;
    std::snprintf(buf, sizeof(buf),
                  "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n"
                  "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4a7ebb\"/>\n"
                  "<text x=\"%.1f\" y=\"%d\">%llu %s</text>\n",
                  kLabelWidth - 6, y + kRow - 5, Escape(b.label).c_str(), kLabelWidth, y + 2, w,
                  kRow - 4, kLabelWidth + w + 4, y + kRow - 5,
                  static_cast<unsigned long long>(b.value), Escape(unit).c_str());
    svg += buf;
    y += kRow;
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace bench
}  // namespace mote
