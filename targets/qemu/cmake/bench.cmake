# The benchmark firmwares built and run by `mote bench`, on one input
# (MOTE_BENCH_INPUT: all inputs concatenated, or zeros):
#   mote_bench      the interpreter on MOTE_BENCH_MODEL (.tflite), with only the
#                   kernel folders it needs (MOTE_BENCH_KERNELS, default all)
#   mote_bench_aot  the ahead-of-time compiled model in MOTE_BENCH_AOT_DIR
#                   (bench_model.h/.cc/_data.cc) and the kernel folders its
#                   code calls (MOTE_BENCH_AOT_KERNELS); no interpreter
set(MOTE_BENCH_MODEL "" CACHE FILEPATH "Model for mote_bench")
set(MOTE_BENCH_INPUT "" CACHE FILEPATH "Input bytes for mote_bench (all inputs concatenated)")
set(MOTE_BENCH_KERNELS "" CACHE STRING "Kernel folders linked into mote_bench (default: all)")
set(MOTE_BENCH_ARENA 131072 CACHE STRING "Arena bytes of mote_bench")
set(MOTE_BENCH_AOT_DIR "" CACHE PATH "Generated bench_model.* for mote_bench_aot")
set(MOTE_BENCH_AOT_KERNELS "" CACHE STRING "Kernel folders the code in MOTE_BENCH_AOT_DIR calls")

set(bench_input ${MOTE_BENCH_INPUT})
if(NOT bench_input)
  set(bench_input ${CMAKE_CURRENT_BINARY_DIR}/empty_input.bin)
  file(WRITE ${bench_input} "")
endif()

# The harnesses run outside the measured Invoke (the per-layer hook only in
# the observed one): built for size, so the flash split is mostly the model's.
set_source_files_properties(app/bench.cc app/bench_aot.cc PROPERTIES COMPILE_OPTIONS -Os)

if(MOTE_BENCH_MODEL)
  set(kernels ${MOTE_BENCH_KERNELS})
  if(NOT kernels)
    set(kernels ${MOTE_KERNEL_NAMES})
  endif()
  mote_firmware(mote_bench SOURCES app/bench.cc KERNELS ${kernels})
  target_compile_definitions(mote_bench PRIVATE MOTE_ARENA_BYTES=${MOTE_BENCH_ARENA})
  mote_embed(mote_bench ${MOTE_BENCH_MODEL} g_model .rodata.mote_weights.model)
  mote_embed(mote_bench ${bench_input} g_input .rodata.mote_data.input)
endif()

if(MOTE_BENCH_AOT_DIR)
  mote_firmware(mote_bench_aot SOURCES app/bench_aot.cc ${MOTE_BENCH_AOT_DIR}/bench_model.cc
                                       ${MOTE_BENCH_AOT_DIR}/bench_model_data.cc)
  target_include_directories(mote_bench_aot PRIVATE ${MOTE_BENCH_AOT_DIR})
  # The generated code calls mote_aot_layer_end after every op (per-layer counts).
  target_compile_definitions(mote_bench_aot PRIVATE MOTE_AOT_LAYER_HOOK)
  foreach(name ${MOTE_BENCH_AOT_KERNELS})
    target_link_libraries(mote_bench_aot PRIVATE mote_kernel_${name})
  endforeach()
  mote_embed(mote_bench_aot ${bench_input} g_input .rodata.mote_data.input)
endif()
