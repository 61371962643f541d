// audio_bench FRONTEND.tflite CLASSIFIER.tflite FILE.wav: runs the micro_speech
// pipeline with each stage in its own non-inlined function so that
//   valgrind --tool=callgrind --toggle-collect='RunFrontendFrame*' audio_bench ...
// counts the front end's instructions per 30 ms frame (docs/audio.md).
#include <cstdio>
#include <string>
#include <vector>

#include "audio/keyword_spotter.h"
#include "audio/wav_reader.h"

namespace {

__attribute__((noinline)) void RunFrontendFrame(mote::audio::FeatureExtractor& fe,
                                                const int16_t* window, int8_t* out) {
  fe.ProcessWindow(window, out);
}

__attribute__((noinline)) std::vector<int8_t> RunClassifier(mote::audio::KeywordClassifier& kws,
                                                            const int8_t* grid) {
  return kws.Classify(grid);
}

__attribute__((noinline)) std::vector<int8_t> RunClip(mote::audio::FeatureExtractor& fe,
                                                      mote::audio::KeywordClassifier& kws,
                                                      const std::vector<int16_t>& samples) {
  fe.Reset();
  const int frames = mote::audio::FrameCount(samples.size());
  std::vector<int8_t> grid(kws.input_bytes(), 0);
  const int rows = frames < 49 ? frames : 49;
  for (int f = 0; f < rows; ++f) {
    RunFrontendFrame(fe, samples.data() + f * mote::audio::kStrideSamples, grid.data() + f * 40);
  }
  return RunClassifier(kws, grid.data());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: audio_bench FRONTEND.tflite CLASSIFIER.tflite FILE.wav\n");
    return 2;
  }
  mote::audio::FeatureExtractor fe;
  mote::audio::KeywordClassifier kws;
  mote::audio::WavAudio wav;
  std::string error;
  if (!fe.Load(argv[1], &error) || !kws.Load(argv[2], &error) ||
      !mote::audio::ReadWav(argv[3], &wav, &error)) {
    std::fprintf(stderr, "audio_bench: %s\n", error.c_str());
    return 1;
  }
  const std::vector<int8_t> scores = RunClip(fe, kws, wav.samples);
  std::printf("scores:");
  for (int8_t s : scores) std::printf(" %d", s);
  std::printf("\n");
  return 0;
}
