#include "analysis/memory_timeline.h"
#include "core/interpreter_hooks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mote {
namespace host {
namespace {

void Record(void* user, const PlannedRegion& region) {
  static_cast<MemoryTimeline*>(user)->regions.push_back(MemoryRegion{region, "", {}});
}

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Bytes(uint64_t b) {
  char buf[32];
  if (b >= 10240) {
    std::snprintf(buf, sizeof(buf), "%.1f KB", static_cast<double>(b) / 1024.0);
  } else {
    std::snprintf(buf, sizeof(buf), "%llu B", static_cast<unsigned long long>(b));
  }
  return buf;
}

std::string TickLabel(double b, double max_bytes) {
  char buf[32];
  if (max_bytes >= 10240) {
    std::snprintf(buf, sizeof(buf), "%.1f KB", b / 1024.0);
  } else {
    std::snprintf(buf, sizeof(buf), "%.0f B", b);
  }
  return buf;
}

// A round tick step giving about `count` ticks over [0, range].
double TickStep(double range, int count) {
  if (range <= 0) return 1;
  const double raw = range / count;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (raw <= m * mag) return m * mag;
  }
  return 10 * mag;
}

}  // namespace

MemoryTimeline ComputeMemoryTimeline(const Model& model, const OpResolver& resolver,
                                     const PlannerOptions& options) {
  MemoryTimeline tl;
  std::vector<uint8_t> arena(64u << 20);
  Interpreter interpreter(model, resolver, Span<uint8_t>(arena.data(), arena.size()));
  InterpreterHooks::set_planner_options(interpreter, options);
  InterpreterHooks::set_plan_observer(interpreter, &Record, &tl);
  const Status s = interpreter.AllocateTensors();
  if (!s.ok()) {
    tl.error = s.message();
    tl.regions.clear();
    return tl;
  }
  tl.ok = true;
  tl.summary = InterpreterHooks::plan_summary(interpreter);
  tl.arena_bytes = interpreter.arena_used_bytes();
  const uintptr_t base = reinterpret_cast<uintptr_t>(arena.data());
  tl.plan_start = base % kArenaAlignment == 0 ? 0 : kArenaAlignment - base % kArenaAlignment;
  const SubgraphView sg = interpreter.subgraph();

  // Tensors sharing each region (views, in-place and banded outputs): their
  // bytes inside the region's, their lifetime (in steps) inside its lifetime.
  const size_t num_ops = sg.num_operators();
  std::vector<int32_t> first(sg.num_tensors(), -1), last(sg.num_tensors(), -1);
  auto touch = [&](int32_t t, int32_t step) {
    if (t < 0) return;
    if (first[t] < 0 || step < first[t]) first[t] = step;
    last[t] = std::max(last[t], step);
  };
  for (size_t step = 0; step < num_ops; ++step) {
    const OperatorView op = sg.op(interpreter.op_at_step(step));
    for (int32_t t : op.inputs()) touch(t, static_cast<int32_t>(step));
    for (int32_t t : op.outputs()) touch(t, static_cast<int32_t>(step));
  }
  const uintptr_t plan_base = base + tl.plan_start;
  for (MemoryRegion& r : tl.regions) {
    r.region.offset -= static_cast<uint32_t>(tl.plan_start);
    if (r.region.tensor < 0) {
      r.label = "op " + std::to_string(r.region.scratch_op) + " scratch " +
                std::to_string(r.region.scratch_index);
    }
  }
  for (size_t t = 0; t < sg.num_tensors(); ++t) {
    const TensorRef ref = interpreter.tensor(t);
    if (ref.bytes == 0 || ref.data == nullptr || sg.tensor(t).is_constant() ||
        sg.tensor(t).is_variable()) {
      continue;
    }
    const uintptr_t at = reinterpret_cast<uintptr_t>(ref.data);
    if (at < plan_base) continue;
    const uint64_t offset = at - plan_base;
    for (MemoryRegion& r : tl.regions) {
      if (r.region.tensor < 0) continue;
      const bool inside_bytes = offset >= r.region.offset &&
                                offset + ref.bytes <= uint64_t{r.region.offset} + r.region.size;
      const bool inside_time = r.region.tensor == static_cast<int32_t>(t) || first[t] < 0 ||
                               (first[t] >= r.region.first_op && last[t] <= r.region.last_op);
      if (!inside_bytes || !inside_time) continue;
      r.tensors.push_back(static_cast<int32_t>(t));
      r.label += (r.label.empty() ? "" : " = ") + std::string(sg.tensor(t).name());
      break;
    }
  }

  char buf[24];
  tl.ops.resize(num_ops);
  for (size_t step = 0; step < num_ops; ++step) {
    OpMemory& op = tl.ops[step];
    op.step = step;
    op.index = interpreter.op_at_step(step);
    op.name = sg.op(op.index).name(buf, sizeof(buf));
    for (const MemoryRegion& r : tl.regions) {
      if (r.region.first_op <= static_cast<int32_t>(step) &&
          static_cast<int32_t>(step) <= r.region.last_op) {
        op.live_bytes += r.region.size;
        op.top_bytes = std::max<uint64_t>(op.top_bytes, r.region.offset + r.region.size);
      }
    }
    if (op.live_bytes > tl.peak_live_bytes) {
      tl.peak_live_bytes = op.live_bytes;
      tl.peak_op = op.index;
      tl.peak_step = step;
    }
  }
  return tl;
}

std::string MemoryTimelineSvg(const MemoryTimeline& tl, const std::string& title) {
  const double width = 1000, height = 620;
  const double left = 90, right = 30, top = 70, bottom = 150;
  const double pw = width - left - right, ph = height - top - bottom;
  const size_t num_ops = std::max<size_t>(tl.ops.size(), 1);
  const double max_bytes = std::max<double>(
      1.0,
      static_cast<double>(std::max<uint64_t>(tl.summary.activation_bytes, tl.peak_live_bytes)));
  auto x = [&](double op) { return left + pw * op / static_cast<double>(num_ops); };
  auto y = [&](double bytes) { return top + ph - ph * bytes / max_bytes; };
  std::string s;
  char line[512];
  auto add = [&](const char* fmt, auto... args) {
    std::snprintf(line, sizeof(line), fmt, args...);
    s += line;
  };
  add("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
      "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\">\n",
      width, height, width, height);
  add("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
  s += "<text x=\"" + std::to_string(static_cast<int>(width / 2)) +
       "\" y=\"28\" font-size=\"20\" text-anchor=\"middle\" font-weight=\"bold\">" + Escape(title) +
       "</text>\n";
  const std::string subtitle = "arena plan " + Bytes(tl.summary.activation_bytes) +
                               " (activations + scratch), peak live " + Bytes(tl.peak_live_bytes) +
                               " at op " + std::to_string(tl.peak_op) + ", " +
                               std::to_string(tl.summary.num_banded) + " conv(s) in place" +
                               (tl.summary.reordered ? ", ops reordered" : "");
  s += "<text x=\"" + std::to_string(static_cast<int>(width / 2)) +
       "\" y=\"50\" font-size=\"13\" text-anchor=\"middle\" fill=\"#444\">" + Escape(subtitle) +
       "</text>\n";
  // Grid and y axis (bytes).
  const double step =
      max_bytes >= 10240 ? TickStep(max_bytes / 1024, 8) * 1024 : TickStep(max_bytes, 8);
  for (double b = 0; b <= max_bytes + 1e-9; b += step) {
    add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n", left, y(b),
        left + pw, y(b));
    add("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n", left - 6,
        y(b) + 4, TickLabel(b, max_bytes).c_str());
  }
  add("<text x=\"18\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\" "
      "transform=\"rotate(-90 18 %.1f)\">arena offset (bytes)</text>\n",
      top + ph / 2, top + ph / 2);
  // Regions.
  static const char* kColors[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
                                  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6"};
  size_t color = 0;
  for (const MemoryRegion& r : tl.regions) {
    const double x0 = x(r.region.first_op), x1 = x(r.region.last_op + 1);
    const double y0 = y(r.region.offset + r.region.size), y1 = y(r.region.offset);
    const bool scratch = r.region.tensor < 0;
    const char* fill = scratch ? "#bbbbbb" : kColors[color++ % 10];
    add("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
        "fill-opacity=\"0.8\" stroke=\"#333\" stroke-width=\"0.6\">",
        x0, y0, std::max(1.0, x1 - x0), std::max(0.5, y1 - y0), fill);
    s += "<title>" + Escape(r.label) + ": " + std::to_string(r.region.size) + " B at offset " +
         std::to_string(r.region.offset) + ", steps " + std::to_string(r.region.first_op) + "-" +
         std::to_string(r.region.last_op) + "</title></rect>\n";
    if (x1 - x0 > 60 && y1 - y0 > 14) {
      const size_t slash = r.label.find_last_of('/');
      std::string label = Bytes(r.region.size) + "  " +
                          (slash == std::string::npos ? r.label : r.label.substr(slash + 1));
      const size_t max_chars = static_cast<size_t>((x1 - x0) / 6.5);
      if (label.size() > max_chars)
        label = label.substr(0, max_chars > 1 ? max_chars - 1 : 0) + "~";
      add("<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"white\">", x0 + 3, y0 + 12);
      s += Escape(label) + "</text>\n";
    }
  }
  // Live bytes per op (step line).
  std::string path;
  for (const OpMemory& op : tl.ops) {
    char seg[96];
    std::snprintf(seg, sizeof(seg), "%s%.1f %.1f L%.1f %.1f ", path.empty() ? "M" : "L",
                  x(static_cast<double>(op.step)), y(static_cast<double>(op.live_bytes)),
                  x(static_cast<double>(op.step + 1)), y(static_cast<double>(op.live_bytes)));
    path += seg;
  }
  if (!path.empty()) {
    s += "<path d=\"" + path + "\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n";
  }
  // X axis: op indices and names.
  add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n", left, top + ph,
      left + pw, top + ph);
  add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n", left, top, left,
      top + ph);
  const size_t every = std::max<size_t>(1, tl.ops.size() / 40);
  for (const OpMemory& op : tl.ops) {
    if (op.step % every != 0) continue;
    const double cx = x(static_cast<double>(op.step) + 0.5);
    add("<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" "
        "transform=\"rotate(-55 %.1f %.1f)\">%zu %s</text>\n",
        cx, top + ph + 14, cx, top + ph + 14, op.index, Escape(op.name).c_str());
  }
  add("<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\">operator (execution "
      "order)</text>\n",
      left + pw / 2, height - 8);
  // Legend.
  const double lx = left + pw - 260;
  add("<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"#4e79a7\"/>", lx, top - 14);
  add("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">tensor</text>\n", lx + 18, top - 5);
  add("<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"#bbbbbb\"/>", lx + 70,
      top - 14);
  add("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">scratch</text>\n", lx + 88, top - 5);
  add("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" "
      "stroke-width=\"2\"/>",
      lx + 145, top - 9, lx + 165, top - 9);
  add("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">live bytes</text>\n", lx + 170, top - 5);
  s += "</svg>\n";
  return s;
}

}  // namespace host
}  // namespace mote
