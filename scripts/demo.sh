#!/usr/bin/env bash
# The main job: build Mote, then inspect and run the shipped example model.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" --target mote
model=examples/models/tiny_conv_int8.tflite
./build/mote inspect "$model"
./build/mote run "$model" -i examples/models/tiny_conv_int8.input.bin -o build/tiny_conv_int8.scores.bin
echo "scores (int8, scale 1/256, zero point -128):"
od -An -t d1 build/tiny_conv_int8.scores.bin
