# Common part of the arm-none-eabi toolchain files: bare-metal Cortex-M with
# newlib-nano. Include from a per-CPU file that sets MOTE_CPU_FLAGS first, or
# use it directly with -DMOTE_CPU_FLAGS="...".
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "objcopy")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "size")
# Compiler checks cannot link a bare-metal executable without a linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(MOTE_CPU_FLAGS "${MOTE_CPU_FLAGS}" CACHE STRING "-mcpu/-mfpu/-mfloat-abi flags")
set(CMAKE_C_FLAGS_INIT "${MOTE_CPU_FLAGS} -mthumb -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT
    "${MOTE_CPU_FLAGS} -mthumb -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti")
set(CMAKE_ASM_FLAGS_INIT "${MOTE_CPU_FLAGS} -mthumb")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${MOTE_CPU_FLAGS} -mthumb --specs=nano.specs -nostartfiles -Wl,--gc-sections")

# Headers and libraries come from the toolchain only; programs from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
