#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 s, all four targets
# Seeds: the shared conformance models (if present) and the example models.
# Crashes are written to build-fuzz/crashes/; the script fails if any target finds one.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_model_load fuzz_allocate fuzz_invoke fuzz_cli)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DMOTE_FUZZ=ON -DMOTE_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
seeds=build-fuzz/seeds
mkdir -p "$seeds" build-fuzz/crashes
cp examples/models/*.tflite "$seeds"/
cp tests/robustness/corpus/* "$seeds"/  # past crashers stay in the seeds
if [ -d ../shared/conformance/models ]; then
  for m in ../shared/conformance/models/*.tflite; do
    # fuzz_invoke reads "model | input | u32 model length"; a plain model works as well.
    cp "$m" "$seeds"/
  done
fi
status=0
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  echo "== $t for ${seconds}s"
  extra=()  # fuzz_cli: also every command line the CLI tests check
  [ "$t" != fuzz_cli ] || extra=(tests/fuzz/cli_seeds)
  if ! build-fuzz/tests/fuzz/$t -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -close_fd_mask=3 -artifact_prefix=build-fuzz/crashes/$t- -print_final_stats=1 \
      "$corpus" "$seeds" "${extra[@]}" 2>build-fuzz/$t.log; then
    status=1
    echo "$t FAILED: see build-fuzz/$t.log and build-fuzz/crashes/"
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" build-fuzz/$t.log | tail -2 || true
done
exit $status
