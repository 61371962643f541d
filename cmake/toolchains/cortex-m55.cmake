# Cortex-M55 (Armv8.1-M, Helium/MVE and FPU; QEMU mps3-an547).
set(MOTE_CPU_FLAGS "-mcpu=cortex-m55 -mfloat-abi=hard")
set(MOTE_TARGET_CPU cortex-m55 CACHE STRING "")
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
