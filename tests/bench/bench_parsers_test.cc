// The pure parts of `mote bench`: firmware lines, callgrind dumps, the linker
// map's weight files and the subtraction of the observers' cost.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "bench/callgrind_output.h"
#include "bench/firmware_output.h"
#include "bench/layer_costs.h"
#include "bench/map_file.h"

namespace mote {
namespace bench {
namespace {

std::vector<LayerCost> Layers(std::vector<uint64_t> counts) {
  std::vector<LayerCost> layers;
  for (size_t i = 0; i < counts.size(); ++i) {
    LayerCost l;
    l.index = i;
    l.instructions = counts[i];
    layers.push_back(l);
  }
  return layers;
}

TEST(LayerCostsTest, SubtractsTheObserversCostEvenly) {
  std::vector<LayerCost> layers = Layers({1000, 500, 300});
  // Observed 1900 in all (100 after the last op), 1810 without observers:
  // 90 instructions of observer calls, 30 per layer.
  SubtractObserverCost(1900, 1810, &layers);
  EXPECT_EQ(layers[0].instructions, 970u);
  EXPECT_EQ(layers[1].instructions, 470u);
  EXPECT_EQ(layers[2].instructions, 270u);
  EXPECT_LE(SumInstructions(layers), 1810u);
}

TEST(LayerCostsTest, RemainderGoesToTheFirstLayers) {
  std::vector<LayerCost> layers = Layers({100, 100, 100});
  SubtractObserverCost(300, 298, &layers);  // 2 over 3 layers
  EXPECT_EQ(layers[0].instructions, 99u);
  EXPECT_EQ(layers[1].instructions, 99u);
  EXPECT_EQ(layers[2].instructions, 100u);
}

TEST(LayerCostsTest, SmallLayersNeverGoNegative) {
  // Counts have a resolution (40 instructions on mps2-an386): a tiny layer
  // can read 0 or 40; what it cannot give comes from the others.
  std::vector<LayerCost> layers = Layers({0, 40, 4000});
  SubtractObserverCost(4040, 3920, &layers);  // 120 to take
  EXPECT_EQ(layers[0].instructions, 0u);
  EXPECT_EQ(layers[1].instructions, 0u);
  EXPECT_EQ(layers[2].instructions, 3920u);
  EXPECT_EQ(SumInstructions(layers), 3920u);
}

TEST(LayerCostsTest, NothingToSubtract) {
  std::vector<LayerCost> layers = Layers({10, 20});
  SubtractObserverCost(30, 40, &layers);  // observed below clean: leave as is
  EXPECT_EQ(SumInstructions(layers), 30u);
  layers = Layers({0, 0});
  SubtractObserverCost(50, 10, &layers);  // all zero: terminates
  EXPECT_EQ(SumInstructions(layers), 0u);
}

TEST(FirmwareOutputTest, ParsesEveryLine) {
  const FirmwareReport r = ParseFirmwareOutput(
      "booting\n"
      "MOTE_LAYER 0 CONV_2D 1200\n"
      "MOTE_LAYER 1 880\n"
      "MOTE_OBSERVED 2120\n"
      "MOTE_OUTPUT 00ff7f80\n"
      "MOTE_INSTRUCTIONS 2040\n"
      "MOTE_ARENA 768\nMOTE_STACK 960\nMOTE_HEAP 0\n");
  ASSERT_EQ(r.layers.size(), 2u);
  EXPECT_EQ(r.layers[0].op, "CONV_2D");
  EXPECT_EQ(r.layers[0].instructions, 1200u);
  EXPECT_EQ(r.layers[1].index, 1u);
  EXPECT_EQ(r.layers[1].op, "");  // compiled models: the host names the op
  EXPECT_EQ(r.layers[1].instructions, 880u);
  EXPECT_TRUE(r.have_instructions);
  EXPECT_EQ(r.instructions, 2040u);
  EXPECT_EQ(r.observed, 2120u);
  EXPECT_EQ(r.output, (std::vector<uint8_t>{0x00, 0xff, 0x7f, 0x80}));
  EXPECT_EQ(r.arena_bytes, 768u);
  EXPECT_EQ(r.stack_bytes, 960u);
}

TEST(FirmwareOutputTest, ErrorWithoutCount) {
  const FirmwareReport r = ParseFirmwareOutput("MOTE_ERROR 4 input size mismatch\n");
  EXPECT_FALSE(r.have_instructions);
  EXPECT_EQ(r.error, "MOTE_ERROR 4 input size mismatch");
}

constexpr char kDump[] =
    "version: 1\ncreator: callgrind-3.19.0\npid: 1\ncmd:  ./driver\npart: 2\n\n"
    "desc: I1 cache: \ndesc: Timerange: Basic block 102 - 1104\n"
    "desc: Trigger: Client Request: mote-layer-7\n\npositions: line\nevents: Ir\n"
    "summary: 6014\ntotals: 6014\n\nfn=(1) main\n0 6014\n";

TEST(CallgrindOutputTest, ParsesOneDump) {
  std::string request;
  uint64_t total = 0;
  ASSERT_TRUE(ParseCallgrindDump(kDump, &request, &total));
  EXPECT_EQ(request, "mote-layer-7");
  EXPECT_EQ(total, 6014u);
  EXPECT_FALSE(ParseCallgrindDump("not a dump\n", &request, &total));
}

TEST(CallgrindOutputTest, ReadsNumberedDumps) {
  const std::string base = ::testing::TempDir() + "/bench_parsers_callgrind.out";
  auto write = [&](int part, const std::string& request, uint64_t total) {
    std::ofstream(base + "." + std::to_string(part)) << "desc: Trigger: Client Request: " << request
                                                     << "\nevents: Ir\ntotals: " << total << "\n";
  };
  write(1, std::string(kLayerDump) + "0", 500);
  write(2, std::string(kLayerDump) + "1", 300);
  write(3, kObservedDump, 20);
  write(4, kCleanDump, 780);
  std::remove((base + ".5").c_str());
  CallgrindCounts counts;
  std::string error;
  ASSERT_TRUE(ReadCallgrindDumps(base, &counts, &error)) << error;
  ASSERT_EQ(counts.layers.size(), 2u);
  EXPECT_EQ(counts.layers[1], (std::pair<size_t, uint64_t>{1, 300}));
  EXPECT_EQ(counts.observed, 820u);
  EXPECT_TRUE(counts.have_clean);
  EXPECT_EQ(counts.clean, 780u);
  EXPECT_FALSE(ReadCallgrindDumps(base + ".none", &counts, &error));
}

TEST(MapFileTest, WeightFilesCountAsWeights) {
  const std::string map =
      "Linker script and memory map\n\n"
      ".text           0x00000400      0x300\n"
      " .text.main     0x00000400      0x100 CMakeFiles/app.dir/app/bench_aot.cc.obj\n"
      " .rodata._ZN16bench_model_data1kE\n"
      "                0x00000500      0x180 CMakeFiles/app.dir/aot_model/bench_model_data.cc.obj\n"
      " .text.memcpy   0x00000680      0x80 "
      "/usr/lib/gcc/arm-none-eabi/12.2.1/../../../arm-none-eabi/lib/thumb/libc_nano.a(memcpy.o)\n";
  FlashSplit split;
  std::string error;
  ASSERT_TRUE(ParseMapFile(map, &split, &error, {"bench_model_data.cc"})) << error;
  EXPECT_EQ(split.weights, 0x180u);
  EXPECT_EQ(split.code, 0x100u);
  EXPECT_EQ(split.libc, 0x80u);
  ASSERT_TRUE(ParseMapFile(map, &split, &error));  // without: the array is code
  EXPECT_EQ(split.weights, 0u);
  EXPECT_EQ(split.code, 0x280u);
}

}  // namespace
}  // namespace bench
}  // namespace mote
