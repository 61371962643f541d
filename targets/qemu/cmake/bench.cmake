# mote_bench: one model (MOTE_BENCH_MODEL) with its input (MOTE_BENCH_INPUT, or
# zeros), only the kernel folders it needs (MOTE_BENCH_KERNELS, default all).
# Built and run by `mote bench`.
set(MOTE_BENCH_MODEL "" CACHE FILEPATH "Model for mote_bench")
set(MOTE_BENCH_INPUT "" CACHE FILEPATH "Input bytes for mote_bench (all inputs concatenated)")
set(MOTE_BENCH_KERNELS "" CACHE STRING "Kernel folders linked into mote_bench (default: all)")
set(MOTE_BENCH_ARENA 131072 CACHE STRING "Arena bytes of mote_bench")

if(MOTE_BENCH_MODEL)
  set(kernels ${MOTE_BENCH_KERNELS})
  if(NOT kernels)
    set(kernels ${MOTE_KERNEL_NAMES})
  endif()
  mote_firmware(mote_bench SOURCES app/bench.cc KERNELS ${kernels})
  target_compile_definitions(mote_bench PRIVATE MOTE_ARENA_BYTES=${MOTE_BENCH_ARENA})
  mote_embed(mote_bench ${MOTE_BENCH_MODEL} g_model .rodata.mote_weights.model)
  set(input ${MOTE_BENCH_INPUT})
  if(NOT input)
    set(input ${CMAKE_CURRENT_BINARY_DIR}/empty_input.bin)
    file(WRITE ${input} "")
  endif()
  mote_embed(mote_bench ${input} g_input .rodata.mote_data.input)
endif()
