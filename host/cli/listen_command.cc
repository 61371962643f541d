// `mote listen --frontend FE.tflite --model KWS.tflite --labels a,b,c FILE.wav`:
// runs the micro_speech pipeline (audio front end + keyword classifier) on a
// WAV file: any PCM width or float, any channel count and rate, converted to
// 16 kHz 16-bit mono first (audio/wav_reader.h, audio/resample.h; a note on
// stderr says what was converted). One second or less: one classification of the
// first 49 frames (shorter clips are zero-padded, as TFLM's feature buffer).
// --stream: slides a 1 s window over a long recording and reports smoothed
// detections over time (TFLM's RecognizeCommands).
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "audio/keyword_spotter.h"
#include "audio/resample.h"
#include "audio/wav_reader.h"
#include "cli/cli_common.h"
#include "cli/commands.h"

namespace mote {
namespace cli {
namespace {

struct ListenOptions {
  std::string frontend;
  std::string model;
  std::string labels = "silence,unknown,yes,no";
  std::string wav;
  std::string dump_features;
  bool json = false;
  bool stream = false;
  int stride_frames = 1;
  audio::RecognizerOptions recognizer;
};

std::vector<std::string> SplitLabels(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(item);
  return out;
}

int Listen(const ListenOptions& o) {
  std::vector<std::string> labels = SplitLabels(o.labels);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].empty()) {
      return Fail(kExitUsage, "--labels '%s' has an empty label", o.labels.c_str());
    }
    for (size_t k = 0; k < i; ++k) {
      if (labels[k] == labels[i]) {
        return Fail(kExitUsage, "--labels names '%s' twice", labels[i].c_str());
      }
    }
  }
  std::vector<uint8_t> bytes;
  if (!ReadFileOrComplain(o.wav, &bytes)) return kExitIo;
  audio::WavAudio wav;
  std::string error;
  if (!audio::ParseWav(bytes, &wav, &error)) {
    return Fail(kExitUsage, "%s: not a usable WAV file: %s", o.wav.c_str(), error.c_str());
  }
  const nlohmann::ordered_json source = {{"sample_rate", wav.sample_rate},
                                         {"channels", wav.channels},
                                         {"bits", wav.bits},
                                         {"format", wav.is_float ? "float" : "pcm"}};
  if (audio::WasConverted(wav, audio::kSampleRate)) {
    std::fprintf(stderr, "mote: %s: %s -> %d Hz mono 16-bit\n", o.wav.c_str(),
                 audio::DescribeSource(wav).c_str(), audio::kSampleRate);
  }
  if (wav.sample_rate != audio::kSampleRate) {
    wav.samples = audio::Resample(wav.samples, wav.sample_rate, audio::kSampleRate);
    wav.sample_rate = audio::kSampleRate;
  }
  if (wav.samples.size() < static_cast<size_t>(audio::kWindowSamples)) {
    return Fail(kExitUsage, "%s: %zu samples, shorter than one 30 ms window (480 samples)",
                o.wav.c_str(), wav.samples.size());
  }
  audio::FeatureExtractor frontend;
  audio::KeywordClassifier classifier;
  StatusCode code = StatusCode::kInvalidModel;
  if (!frontend.Load(o.frontend, &error, &code) || !classifier.Load(o.model, &error, &code)) {
    return Fail(code == StatusCode::kInvalidArgument
                    ? kExitIo
                    : ModelExitCode(Status::Error(code, "%s", "model")),
                "%s", error.c_str());
  }
  const size_t row = static_cast<size_t>(frontend.features_per_frame());
  const size_t grid_rows = classifier.input_bytes() / row;
  if (grid_rows == 0 || grid_rows * row != classifier.input_bytes()) {
    return Fail(kExitInvalidModel, "%s: input of %zu bytes is not a grid of %zu-feature rows",
                o.model.c_str(), classifier.input_bytes(), row);
  }
  if (labels.size() != classifier.num_classes()) {
    return Fail(kExitUsage, "--labels has %zu label%s (%s) but %s tells %zu classes apart",
                labels.size(), labels.size() == 1 ? "" : "s", o.labels.c_str(), o.model.c_str(),
                classifier.num_classes());
  }
  const std::vector<int8_t> features = frontend.ProcessClip(wav.samples);
  const size_t frames = features.size() / row;
  const double window_s =
      static_cast<double>((grid_rows - 1) * audio::kStrideSamples + audio::kWindowSamples) /
      audio::kSampleRate;
  if (frames < grid_rows) {
    Warning(
        "%s: %.3f s of audio (%zu frames) is shorter than the model's %.2f s window (%zu "
        "frames): the rest of the window is zeros (silence)",
        o.wav.c_str(), static_cast<double>(wav.samples.size()) / audio::kSampleRate, frames,
        window_s, grid_rows);
  }
  if (!o.dump_features.empty() &&
      !WriteFileOrComplain(o.dump_features, features.data(), features.size())) {
    return kExitIo;
  }
  auto label_of = [&](size_t i) { return labels[i]; };
  if (!o.stream) {
    std::vector<int8_t> grid(classifier.input_bytes(), 0);
    const size_t rows = frames < grid_rows ? frames : grid_rows;
    std::copy(features.begin(), features.begin() + static_cast<long>(rows * row), grid.begin());
    const std::vector<int8_t> raw = classifier.Classify(grid.data());
    size_t best = 0;
    for (size_t i = 1; i < raw.size(); ++i) {
      if (raw[i] > raw[best]) best = i;
    }
    nlohmann::ordered_json j;
    j["file"] = o.wav;
    j["source"] = source;
    j["frames"] = frames;
    j["label"] = label_of(best);
    j["scores_raw"] = raw;
    j["scores"] = nlohmann::ordered_json::object();
    for (size_t i = 0; i < raw.size(); ++i) {
      j["scores"][label_of(i)] =
          classifier.output_scale() * (raw[i] - classifier.output_zero_point());
    }
    if (o.json) {
      PrintJson(j);
    } else {
      std::printf("%s: %s  (", o.wav.c_str(), label_of(best).c_str());
      for (size_t i = 0; i < raw.size(); ++i) {
        std::printf("%s%s=%.4f", i ? " " : "", label_of(i).c_str(),
                    classifier.output_scale() * (raw[i] - classifier.output_zero_point()));
      }
      std::printf(")\n");
    }
    return kExitOk;
  }
  // Streaming: classify the last 49 frames every stride_frames frames. The
  // recording is followed by one window of silence (zero features, as TFLM's
  // feature buffer holds before any audio), so that a word near the end (a
  // 1 s clip is one window) still passes through the window long enough for
  // the recognizer's averaging: a detection needs minimum_count results.
  std::vector<int8_t> padded = features;
  padded.resize(features.size() + (grid_rows - 1) * row, 0);
  size_t windows = 0;
  const std::vector<audio::Detection> found = audio::DetectKeywords(
      classifier, padded, row, o.stride_frames, o.recognizer, /*first_keyword=*/2, &windows);
  nlohmann::ordered_json detections = nlohmann::ordered_json::array();
  for (const audio::Detection& d : found) {
    const std::string name = label_of(static_cast<size_t>(d.label));
    detections.push_back(
        {{"time_s", d.time_ms / 1000.0}, {"label", name}, {"score", d.score / 255.0}});
    if (!o.json) {
      std::printf("%8.2f s  %s  (average score %.3f)\n", d.time_ms / 1000.0, name.c_str(),
                  d.score / 255.0);
    }
  }
  if (o.json) {
    nlohmann::ordered_json j = {{"file", o.wav},
                                {"source", source},
                                {"frames", frames},
                                {"windows", windows},
                                {"detections", detections}};
    PrintJson(j);
  } else if (detections.empty()) {
    std::printf("%s: no keyword detected in %zu windows\n", o.wav.c_str(), windows);
  }
  return kExitOk;
}

}  // namespace

void AddListenCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ListenOptions>();
  CLI::App* cmd = app.add_subcommand(
      "listen",
      "Spot keywords in a WAV file (any PCM/float, mono or multi-channel, any rate; converted to "
      "16 kHz mono 16-bit): audio front end model (30 ms windows every 20 ms) + keyword "
      "classifier.");
  cmd->footer(ExitCodesHelp());
  cmd->add_option("--frontend", opt->frontend,
                  "Audio front end .tflite (e.g. audio_preprocessor_int8.tflite)")
      ->required();
  cmd->add_option("--model", opt->model, "Keyword classifier .tflite (e.g. micro_speech_quantized)")
      ->required();
  cmd->add_option("--labels", opt->labels,
                  "Comma-separated labels in output order, one per class of the model")
      ->capture_default_str();
  cmd->add_option("WAV", opt->wav,
                  "WAV file: PCM 8/16/24/32-bit or float 32/64-bit, any channels and rate")
      ->required();
  cmd->add_flag("--json", opt->json,
                "Print JSON (source format, label, scores_raw, scores; or detections)");
  cmd->add_option("--dump-features", opt->dump_features,
                  "Write the int8 feature grid (one row of features per 20 ms frame) to this file");
  cmd->add_flag("--stream", opt->stream,
                "Long recordings: classify a sliding 1 s window and report smoothed detections "
                "(labels other than the first two, silence and unknown)");
  cmd->add_option("--stride-frames", opt->stride_frames,
                  "Streaming: frames between classifications")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--average-ms", opt->recognizer.average_window_ms,
                  "Streaming: average scores over this window (1..60000)")
      ->capture_default_str()
      ->check(CLI::Range(1, 60000));
  cmd->add_option("--threshold", opt->recognizer.threshold,
                  "Streaming: detection threshold on the averaged score (0..255)")
      ->capture_default_str()
      ->check(CLI::Range(0, 255));
  cmd->add_option("--suppression-ms", opt->recognizer.suppression_ms,
                  "Streaming: no repeat detection of a label within this time (0..3600000)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  cmd->callback([opt, exit_code]() { *exit_code = Listen(*opt); });
}

}  // namespace cli
}  // namespace mote
