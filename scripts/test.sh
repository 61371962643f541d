#!/usr/bin/env bash
# Builds everything and runs every test (unit, kernels, conformance against
# ../shared when present, zero-heap proof, Cortex-M build check).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
