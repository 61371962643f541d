# Cortex-M33 with FPU and DSP extension (e.g. nRF5340; QEMU mps2-an505).
set(MOTE_CPU_FLAGS "-mcpu=cortex-m33 -mfloat-abi=hard -mfpu=fpv5-sp-d16")
set(MOTE_TARGET_CPU cortex-m33 CACHE STRING "")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
