#!/usr/bin/env bash
# Runs a Mote firmware image on an emulated Cortex-M board and exits with the
# firmware's own exit code (semihosting SYS_EXIT_EXTENDED).
#
#   scripts/qemu-run.sh BOARD IMAGE.elf     BOARD: an385 (M3), an386 (M4F), an500 (M7), an505 (M33),
#                                           an547 (M55)
#
# -icount shift=0: every executed instruction advances virtual time by 1 ns,
# so the firmware's SysTick-based counter reads executed instructions
# (deterministic from run to run). A hung image is stopped after MOTE_QEMU_TIMEOUT
# seconds (default 300) with exit code 124.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 BOARD IMAGE.elf" >&2
  exit 2
fi
case "$1" in
  an385) machine=mps2-an385 ;;
  an386) machine=mps2-an386 ;;
  an500) machine=mps2-an500 ;;
  an505) machine=mps2-an505 ;;
  an547) machine=mps3-an547 ;;
  *) echo "$0: unknown board '$1' (an385, an386, an500, an505, an547)" >&2; exit 2 ;;
esac
if [[ ! -f "$2" ]]; then
  echo "$0: no such image: $2" >&2
  exit 2
fi
exec timeout "${MOTE_QEMU_TIMEOUT:-300}" qemu-system-arm -M "$machine" -nographic -monitor none \
  -serial null -icount shift=0 -semihosting-config enable=on,target=native -kernel "$2"
