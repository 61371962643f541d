#!/usr/bin/env bash
# Compiles the whole device runtime (core, model reader, every kernel) for a
# Cortex-M4F with arm-none-eabi-g++: C++17, no exceptions, no RTTI, -Werror.
# -Wno-format: newlib's uint32_t is 'unsigned long', so "%u" for a uint32_t
# warns although both are 32 bits; the host build checks formats for real.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/arm-check}
mkdir -p "$out/include"
# Only the flatbuffers headers, not the host's whole /usr/include.
ln -sfn /usr/include/flatbuffers "$out/include/flatbuffers"
flags=(-std=c++17 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os
       -fno-exceptions -fno-rtti -Wall -Wextra -Werror -Wno-format -Iruntime/include -Iruntime -I"$out/include")
n=0
# x86 kernel variants (*__x86_*.cc) build only for x86-64 hosts.
for src in $(find runtime -name '*.cc' ! -name '*__x86_*' | sort); do
  arm-none-eabi-g++ "${flags[@]}" -c "$src" -o "$out/$(echo "$src" | tr / _).o"
  n=$((n + 1))
done
arm-none-eabi-ar rcs "$out/libmote_runtime_cm4.a" "$out"/*.o
echo "built $n runtime sources for cortex-m4: $(du -b "$out/libmote_runtime_cm4.a" | cut -f1) bytes archive"
