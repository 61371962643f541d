# Cortex-M4 with single-precision FPU (e.g. nRF52840; QEMU mps2-an386).
set(MOTE_CPU_FLAGS "-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(MOTE_TARGET_CPU cortex-m4 CACHE STRING "")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
