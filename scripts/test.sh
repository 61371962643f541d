#!/usr/bin/env bash
# Builds everything and runs every test (unit, kernels, conformance against
# ../shared when present, zero-heap proof, Cortex-M build check).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"

# Robustness (docs/robustness.md): the test suites again under ASan + UBSan,
# the bounded-work check, and a short run of each libFuzzer target.
# Only the test binaries are rebuilt with sanitizers (the AOT and Cortex-M
# suites re-run toolchains and gain nothing from instrumenting the host).
cmake -S . -B build-asan -DMOTE_SANITIZE=ON >/dev/null
asan_tests=(mote_unit_tests mote_conformance_tests mote_robustness_tests audio_tests)
for t in build/tests/kernel_*_test; do asan_tests+=("$(basename "$t")"); done
cmake --build build-asan -j"$(nproc)" --target "${asan_tests[@]}"
for t in "${asan_tests[@]}"; do
  bin=$(find build-asan/tests -name "$t" -type f -executable | head -1)
  echo "== ASan+UBSan: $t"
  "$bin" --gtest_brief=1
done
build/tests/robustness/robustness_load_budget
scripts/fuzz.sh "${MOTE_FUZZ_SECONDS:-30}"
