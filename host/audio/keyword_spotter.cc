#include "audio/keyword_spotter.h"

#include <cstring>

#include "audio/wav_reader.h"
#include "kernels/signal/signal.h"

namespace mote {
namespace audio {

namespace {
constexpr size_t kArenaBytes = 256 * 1024;

uint8_t* Align16(std::vector<uint8_t>& v) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(v.data());
  return v.data() + ((16 - (p & 15)) & 15);
}
}  // namespace

int FrameCount(size_t num_samples) {
  if (num_samples < static_cast<size_t>(kWindowSamples)) return 0;
  return static_cast<int>((num_samples - kWindowSamples) / kStrideSamples + 1);
}

std::unique_ptr<ModelSession> ModelSession::Load(const std::string& path, std::string* error,
                                                 StatusCode* code) {
  StatusCode ignored;
  if (code == nullptr) code = &ignored;
  std::vector<uint8_t> bytes;
  if (!ReadBinaryFile(path, &bytes, error)) {
    *code = StatusCode::kInvalidArgument;
    return nullptr;
  }
  std::unique_ptr<ModelSession> s(new ModelSession());
  s->storage_.resize(bytes.size() + 16);
  uint8_t* data = Align16(s->storage_);
  if (!bytes.empty()) std::memcpy(data, bytes.data(), bytes.size());
  Result<Model> model = Model::Load(Span<const uint8_t>(data, bytes.size()));
  if (!model.ok()) {
    *code = model.status().code();
    *error = path + ": invalid model: " + model.status().message();
    return nullptr;
  }
  s->model_.reset(new Model(model.value()));
  s->arena_storage_.resize(kArenaBytes + 16);
  s->interpreter_.reset(new Interpreter(*s->model_, s->resolver_,
                                        Span<uint8_t>(Align16(s->arena_storage_), kArenaBytes)));
  const Status st = s->interpreter_->AllocateTensors();
  if (!st.ok()) {
    *code = st.code();
    *error = path + ": " + st.message();
    return nullptr;
  }
  return s;
}

bool FeatureExtractor::Load(const std::string& path, std::string* error, StatusCode* code) {
  session_ = ModelSession::Load(path, error, code);
  if (!session_) return false;
  if (code != nullptr) *code = StatusCode::kInvalidModel;  // for the checks below
  Interpreter& in = session_->interpreter();
  if (in.num_inputs() != 1 || in.input(0).type != DataType::kInt16 ||
      in.input(0).bytes != kWindowSamples * sizeof(int16_t) || in.num_outputs() != 1 ||
      in.output(0).type != DataType::kInt8) {
    *error = path + ": not an audio front end (expects int16 [480] in, int8 features out)";
    return false;
  }
  features_ = static_cast<int>(in.output(0).bytes);
  return true;
}

void FeatureExtractor::Reset() {
  session_->interpreter().ResetVariables();
  signal::ResetState(session_->interpreter());
}

void FeatureExtractor::ProcessWindow(const int16_t* window, int8_t* features) {
  Interpreter& in = session_->interpreter();
  std::memcpy(in.input(0).data, window, kWindowSamples * sizeof(int16_t));
  (void)in.Invoke();  // cannot fail after a successful AllocateTensors
  std::memcpy(features, in.output(0).data, static_cast<size_t>(features_));
}

std::vector<int8_t> FeatureExtractor::ProcessClip(const std::vector<int16_t>& samples) {
  Reset();
  const int frames = FrameCount(samples.size());
  std::vector<int8_t> out(static_cast<size_t>(frames) * static_cast<size_t>(features_));
  for (int f = 0; f < frames; ++f) {
    ProcessWindow(samples.data() + static_cast<size_t>(f) * kStrideSamples,
                  out.data() + static_cast<size_t>(f) * static_cast<size_t>(features_));
  }
  return out;
}

bool KeywordClassifier::Load(const std::string& path, std::string* error, StatusCode* code) {
  session_ = ModelSession::Load(path, error, code);
  if (!session_) return false;
  if (code != nullptr) *code = StatusCode::kInvalidModel;  // for the checks below
  Interpreter& in = session_->interpreter();
  if (in.num_inputs() != 1 || in.input(0).type != DataType::kInt8 || in.num_outputs() != 1 ||
      in.output(0).type != DataType::kInt8) {
    *error = path + ": not an int8 keyword classifier (one int8 input and output)";
    return false;
  }
  input_bytes_ = in.input(0).bytes;
  num_classes_ = in.output(0).bytes;
  scale_ = in.output(0).scale;
  zero_point_ = in.output(0).zero_point;
  return true;
}

std::vector<int8_t> KeywordClassifier::Classify(const int8_t* grid) {
  Interpreter& in = session_->interpreter();
  std::memcpy(in.input(0).data, grid, input_bytes_);
  (void)in.Invoke();
  const int8_t* out = in.output(0).data_as<int8_t>();
  return std::vector<int8_t>(out, out + in.output(0).bytes);
}

bool CommandRecognizer::Process(const std::vector<int8_t>& scores, int64_t time_ms, int* label,
                                int* score) {
  history_.emplace_back(time_ms, scores);
  while (!history_.empty() && history_.front().first < time_ms - options_.average_window_ms) {
    history_.pop_front();
  }
  *label = previous_label_;
  *score = 0;
  if (static_cast<int>(history_.size()) < options_.minimum_count) return false;
  int best = 0;
  int best_avg = -1;
  for (size_t l = 0; l < scores.size(); ++l) {
    int sum = 0;
    for (const auto& h : history_) sum += h.second[l] + 128;
    const int avg = sum / static_cast<int>(history_.size());
    if (avg > best_avg) {
      best_avg = avg;
      best = static_cast<int>(l);
    }
  }
  *label = best;
  *score = best_avg;
  if (best_avg > options_.threshold &&
      (best != previous_label_ || time_ms - previous_time_ms_ > options_.suppression_ms)) {
    previous_label_ = best;
    previous_time_ms_ = time_ms;
    return true;
  }
  return false;
}

std::vector<Detection> DetectKeywords(KeywordClassifier& classifier,
                                      const std::vector<int8_t>& features, size_t row,
                                      int stride_frames, const RecognizerOptions& options,
                                      int first_keyword, size_t* windows) {
  std::vector<Detection> out;
  *windows = 0;
  const size_t grid_rows = classifier.input_bytes() / row;
  const size_t frames = features.size() / row;
  CommandRecognizer recognizer(options);
  for (size_t end = grid_rows; end <= frames; end += static_cast<size_t>(stride_frames)) {
    const std::vector<int8_t> raw = classifier.Classify(features.data() + (end - grid_rows) * row);
    ++*windows;
    const int64_t time_ms =
        static_cast<int64_t>((end - 1) * kStrideSamples + kWindowSamples) * 1000 / kSampleRate;
    int label = 0, score = 0;
    if (recognizer.Process(raw, time_ms, &label, &score) && label >= first_keyword) {
      out.push_back(Detection{time_ms, label, score});
    }
  }
  return out;
}

}  // namespace audio
}  // namespace mote
