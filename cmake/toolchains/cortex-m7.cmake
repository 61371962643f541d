# Cortex-M7 with double-precision FPU (e.g. STM32F7/H7; QEMU mps2-an500).
set(MOTE_CPU_FLAGS "-mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-d16")
set(MOTE_TARGET_CPU cortex-m7 CACHE STRING "")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
