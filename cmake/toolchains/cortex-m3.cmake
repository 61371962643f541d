# Cortex-M3: no FPU, no DSP extension (QEMU mps2-an385). Runs the portable
# kernels (`mote compile --target portable`).
set(MOTE_CPU_FLAGS "-mcpu=cortex-m3 -mfloat-abi=soft")
set(MOTE_TARGET_CPU cortex-m3 CACHE STRING "")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
