// micro_speech with Mote: a WAV file -> "yes" / "no" / silence / unknown.
//
//   micro_speech audio_preprocessor_int8.tflite micro_speech_quantized.tflite yes.wav
//
// The whole pipeline with the runtime API: the audio front end model (TFLM's
// signal ops) turns each 30 ms window (480 samples, every 20 ms) into 40 int8
// features; 49 windows (1 s) make the classifier's input grid. Host build; the
// Cortex-M build (models and audio as arrays in flash) comes with the target issue.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "audio/resample.h"    // host only: any rate -> 16 kHz
#include "audio/wav_reader.h"  // host only: any WAV -> 16-bit mono
#include "mote/interpreter.h"
#include "mote/ops.h"  // one registration per op

namespace {

constexpr int kWindow = 480, kStride = 320, kFeatures = 40, kFrames = 49;
alignas(16) uint8_t g_frontend_arena[16 * 1024];
alignas(16) uint8_t g_classifier_arena[16 * 1024];

// Model bytes must stay alive (and 16-byte aligned) while the model is used.
bool ReadModel(const char* path, std::vector<uint64_t>* storage, mote::Model* model) {
  std::ifstream f(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  storage->assign(bytes.size() / 8 + 2, 0);
  std::memcpy(storage->data(), bytes.data(), bytes.size());
  auto loaded =
      mote::Model::Load({reinterpret_cast<const uint8_t*>(storage->data()), bytes.size()});
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s: %s\n", path, loaded.status().message());
    return false;
  }
  *model = loaded.value();
  return true;
}

bool Check(const mote::Status& s, const char* what) {
  if (!s.ok()) std::fprintf(stderr, "%s: %s\n", what, s.message());
  return s.ok();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s FRONTEND.tflite CLASSIFIER.tflite FILE.wav\n", argv[0]);
    return 2;
  }
  std::vector<uint64_t> frontend_bytes, classifier_bytes;
  mote::Model frontend_model, classifier_model;
  if (!ReadModel(argv[1], &frontend_bytes, &frontend_model) ||
      !ReadModel(argv[2], &classifier_bytes, &classifier_model)) {
    return 3;
  }
  mote::audio::WavAudio wav;
  std::string error;
  if (!mote::audio::ReadWav(argv[3], &wav, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  if (wav.sample_rate != 16000) {  // the front end model expects 16 kHz
    wav.samples = mote::audio::Resample(wav.samples, wav.sample_rate, 16000);
  }

  // Only the kernels these two models use are linked.
  mote::OpResolverN<24> resolver;
  for (const mote::OpKernel* k : {&mote::ops::SignalWindow(),
                                  &mote::ops::SignalFftAutoScale(),
                                  &mote::ops::SignalRfft(),
                                  &mote::ops::SignalEnergy(),
                                  &mote::ops::SignalFilterBank(),
                                  &mote::ops::SignalFilterBankSquareRoot(),
                                  &mote::ops::SignalFilterBankSpectralSubtraction(),
                                  &mote::ops::SignalPcan(),
                                  &mote::ops::SignalFilterBankLog(),
                                  &mote::ops::Reshape(),
                                  &mote::ops::Cast(),
                                  &mote::ops::StridedSlice(),
                                  &mote::ops::Concatenation(),
                                  &mote::ops::Mul(),
                                  &mote::ops::Add(),
                                  &mote::ops::Div(),
                                  &mote::ops::Minimum(),
                                  &mote::ops::Maximum(),
                                  &mote::ops::DepthwiseConv2DInt8(),
                                  &mote::ops::FullyConnectedInt8(),
                                  &mote::ops::SoftmaxInt8()}) {
    if (!Check(resolver.Add(*k), "resolver")) return 3;
  }

  mote::Interpreter frontend(frontend_model, resolver, mote::Span<uint8_t>(g_frontend_arena));
  mote::Interpreter classifier(classifier_model, resolver, mote::Span<uint8_t>(g_classifier_arena));
  if (!Check(frontend.AllocateTensors(), argv[1]) ||
      !Check(classifier.AllocateTensors(), argv[2])) {
    return 3;
  }

  // One front end state per stream: each window's features depend on the
  // noise estimate carried from the previous windows (AllocateTensors zeroed
  // it; mote::signal::ResetState(frontend) starts a new stream).
  int8_t* grid = classifier.input(0).data_as<int8_t>();
  std::memset(grid, 0, classifier.input(0).bytes);
  for (int f = 0; f < kFrames && f * kStride + kWindow <= static_cast<int>(wav.samples.size());
       ++f) {
    std::memcpy(frontend.input(0).data, &wav.samples[f * kStride], kWindow * sizeof(int16_t));
    if (!Check(frontend.Invoke(), "front end")) return 1;
    std::memcpy(grid + f * kFeatures, frontend.output(0).data, kFeatures);
  }
  if (!Check(classifier.Invoke(), "classifier")) return 1;

  static const char* const kLabels[] = {"silence", "unknown", "yes", "no"};
  const mote::TensorRef out = classifier.output(0);
  int best = 0;
  for (int i = 0; i < 4; ++i) {
    const int8_t raw = out.data_as<int8_t>()[i];
    std::printf("%-8s %.4f (raw %d)\n", kLabels[i], out.scale * (raw - out.zero_point), raw);
    if (raw > out.data_as<int8_t>()[best]) best = i;
  }
  std::printf("heard: %s\n", kLabels[best]);
  return 0;
}
