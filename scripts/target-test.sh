#!/usr/bin/env bash
# On-target tests: builds the firmware for a Cortex-M CPU and runs it under QEMU.
#
#   scripts/target-test.sh build    DIR CPU   configure + build the firmware in DIR
#   scripts/target-test.sh selftest DIR CPU   run the runtime self-test
#   scripts/target-test.sh fault    DIR CPU   a deliberate fault is reported, exit code 71
#   scripts/target-test.sh variants DIR CPU   kernel variants vs their references (real DSP instructions)
#   scripts/target-test.sh conformance DIR CPU run TFLM goldens byte-exact (exit 77 = skipped:
#                                             ../shared absent)
# CPU: cortex-m4f, cortex-m7, cortex-m33, cortex-m55 (cmake/toolchains/CPU.cmake).
# Conformance models: kws_ref_model, ad01_int8, hello_world_int8, micro_speech_quantized
# (override with MOTE_TARGET_CONFORMANCE="a;b").
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 build|selftest|fault|variants|conformance DIR CPU" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
root=$PWD
what=$1 dir=$2 cpu=$3
toolchain=$root/cmake/toolchains/$cpu.cmake
if [[ ! -f $toolchain ]]; then
  echo "$0: unknown CPU '$cpu' (no $toolchain)" >&2
  exit 2
fi
shared=${MOTE_SHARED_DIR:-$root/../shared}
models=${MOTE_TARGET_CONFORMANCE:-kws_ref_model;ad01_int8;hello_world_int8;micro_speech_quantized}
have_shared=0
[[ -d $shared/conformance/models ]] && have_shared=1

case $what in
  build)
    conf=""
    [[ $have_shared == 1 ]] && conf=$models
    cmake -S targets/qemu -B "$dir" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
      -DMOTE_SHARED_DIR="$shared" -DMOTE_CONFORMANCE_MODELS="$conf" > "$dir.configure.log" 2>&1 ||
      { cat "$dir.configure.log"; exit 1; }
    targets=(--target mote_selftest --target mote_fault_demo --target mote_variant_tests)
    [[ $have_shared == 1 ]] && targets+=(--target mote_conformance)
    cmake --build "$dir" -j"${MOTE_BUILD_JOBS:-2}" "${targets[@]}"
    ;;
  selftest)
    scripts/qemu-run.sh "$(cat "$dir/board.txt")" "$dir/mote_selftest.elf"
    ;;
  variants)
    scripts/qemu-run.sh "$(cat "$dir/board.txt")" "$dir/mote_variant_tests.elf"
    ;;
  fault)
    set +e
    out=$(scripts/qemu-run.sh "$(cat "$dir/board.txt")" "$dir/mote_fault_demo.elf")
    rc=$?
    set -e
    echo "$out"
    if [[ $rc != 71 || $out != *"HARD FAULT"*"pc=0x"* ]]; then
      echo "FAIL: expected the fault report and exit code 71, got exit code $rc"
      exit 1
    fi
    echo "PASS: fault reported, exit code 71"
    ;;
  conformance)
    if [[ $have_shared == 0 ]]; then
      echo "SKIP: $shared/conformance not found (TFLM goldens live beside the repository)"
      exit 77
    fi
    scripts/qemu-run.sh "$(cat "$dir/board.txt")" "$dir/mote_conformance.elf"
    ;;
  *)
    echo "$0: unknown action '$what' (build, selftest, fault, variants, conformance)" >&2
    exit 2
    ;;
esac
