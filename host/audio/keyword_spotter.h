// The micro_speech pipeline on the host: 16 kHz audio -> 30 ms windows every
// 20 ms -> audio front end model (TFLM signal ops) -> int8 [49][40] feature
// grid -> keyword classifier -> scores; plus TFLM-style smoothing of scores
// over time for long recordings.
#ifndef MOTE_HOST_AUDIO_KEYWORD_SPOTTER_H_
#define MOTE_HOST_AUDIO_KEYWORD_SPOTTER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

namespace mote {
namespace audio {

constexpr int kSampleRate = 16000;
constexpr int kWindowSamples = 480;  // 30 ms
constexpr int kStrideSamples = 320;  // 20 ms
constexpr int kClipFrames = 49;      // frames in 1 s of audio

// Number of full windows in `num_samples` samples.
int FrameCount(size_t num_samples);

// A .tflite file with its interpreter in its own arena (host only).
class ModelSession {
 public:
  // nullptr and *error ("PATH: ...") on failure; *code (if given) says what
  // kind of failure (kInvalidArgument: unreadable file; kInvalidModel,
  // kUnsupported, kResourceExhausted: from loading and allocating the model).
  static std::unique_ptr<ModelSession> Load(const std::string& path, std::string* error,
                                            StatusCode* code = nullptr);
  Interpreter& interpreter() { return *interpreter_; }

 private:
  ModelSession() = default;
  std::vector<uint8_t> storage_;
  std::vector<uint8_t> arena_storage_;
  std::unique_ptr<Model> model_;
  AllOpsResolver resolver_;
  std::unique_ptr<Interpreter> interpreter_;
};

// The audio front end: int16 window [480] -> int8 features [40], with one
// noise-reduction state per stream.
class FeatureExtractor {
 public:
  bool Load(const std::string& path, std::string* error, StatusCode* code = nullptr);
  int features_per_frame() const { return features_; }
  // Starts a new stream (clears the carried noise estimates).
  void Reset();
  // Features of the next window; the state advances.
  void ProcessWindow(const int16_t* window, int8_t* features);
  // Every window of a clip from a fresh state: FrameCount(n) rows.
  std::vector<int8_t> ProcessClip(const std::vector<int16_t>& samples);

 private:
  std::unique_ptr<ModelSession> session_;
  int features_ = 0;
};

// The classifier: int8 feature grid -> raw int8 scores.
class KeywordClassifier {
 public:
  bool Load(const std::string& path, std::string* error, StatusCode* code = nullptr);
  size_t input_bytes() const { return input_bytes_; }
  // Scores per classification (the labels the model tells apart).
  size_t num_classes() const { return num_classes_; }
  // `grid` holds input_bytes() values (missing rows must be zero).
  std::vector<int8_t> Classify(const int8_t* grid);
  float output_scale() const { return scale_; }
  int output_zero_point() const { return zero_point_; }

 private:
  std::unique_ptr<ModelSession> session_;
  size_t input_bytes_ = 0;
  size_t num_classes_ = 0;
  float scale_ = 1.0f;
  int zero_point_ = 0;
};

// TFLM's RecognizeCommands: averages each label's score (raw + 128, 0..255)
// over the last `average_window_ms`; reports a new command when the top
// average passes `threshold` and the label changed or `suppression_ms` passed.
struct RecognizerOptions {
  int average_window_ms = 1000;
  int threshold = 200;
  int suppression_ms = 1500;
  int minimum_count = 3;
};

class CommandRecognizer {
 public:
  explicit CommandRecognizer(RecognizerOptions options) : options_(options) {}
  // Returns true for a new command; *label / *score get the top label and its average.
  bool Process(const std::vector<int8_t>& scores, int64_t time_ms, int* label, int* score);

 private:
  RecognizerOptions options_;
  std::deque<std::pair<int64_t, std::vector<int8_t>>> history_;
  int previous_label_ = 0;  // starts at "silence", as TFLM
  int64_t previous_time_ms_ = INT64_MIN / 2;
};

struct Detection {
  int64_t time_ms;  // end of the 1 s window that triggered it
  int label;
  int score;  // averaged score, 0..255
};

// Streaming over a long recording's features (rows of `row` values, one per
// 20 ms frame): classifies the last grid of frames every `stride_frames`
// frames and returns the recognizer's new commands whose label index is at
// least `first_keyword` (2 skips micro_speech's silence and unknown).
std::vector<Detection> DetectKeywords(KeywordClassifier& classifier,
                                      const std::vector<int8_t>& features, size_t row,
                                      int stride_frames, const RecognizerOptions& options,
                                      int first_keyword, size_t* windows);

}  // namespace audio
}  // namespace mote

#endif  // MOTE_HOST_AUDIO_KEYWORD_SPOTTER_H_
