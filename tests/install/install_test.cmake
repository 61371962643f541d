# The installed Mote as a user sees it: `cmake --install` into a prefix inside
# the build tree, the installed `mote` run from another directory (compile,
# run --aot bit-exact; no build-tree path in it), then a CMake firmware project outside the repo
# (tests/install/consumer) that uses find_package(mote) + mote_add_model to build
# the KWS model for the portable target (run bit-exact on QEMU's Cortex-M3 board
# mps2-an385) and for cortex-m4 (run on mps2-an386).
#   cmake -DBUILD=<mote build dir> -DSOURCE=<repo> -DSHARED=<../shared> -DOUT=<dir> -P install_test.cmake
set(model ${SHARED}/conformance/models/kws_ref_model.tflite)
set(golden ${SHARED}/conformance/golden/kws_ref_model)
if(NOT EXISTS ${model} OR NOT EXISTS ${golden}/in0.bin)
  message("SKIPPED: ${model} or its goldens are absent")
  return()
endif()
find_program(QEMU qemu-system-arm)
find_program(ARM_GXX arm-none-eabi-g++)
if(NOT QEMU OR NOT ARM_GXX)
  message("SKIPPED: needs qemu-system-arm and arm-none-eabi-g++")
  return()
endif()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(run_out "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${OUT}/prefix)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT}/elsewhere)
run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix})

# The installed tool, from another directory: its runtime is the installed one.
execute_process(COMMAND ${prefix}/bin/mote compile ${model} -o gen --json
                WORKING_DIRECTORY ${OUT}/elsewhere RESULT_VARIABLE rc OUTPUT_VARIABLE json
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installed mote compile failed (${rc}): ${err}")
endif()
string(JSON first GET "${json}" runtime_sources 0)
string(FIND "${first}" "${prefix}/share/mote/runtime/" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "installed mote uses runtime sources outside its prefix: ${first}")
endif()
# `mote run --aot` from there: builds with the installed runtime and kernel libraries.
execute_process(COMMAND ${CMAKE_COMMAND} -E env MOTE_CACHE_DIR=${OUT}/aot-cache
                        ${prefix}/bin/mote run --aot ${model} -i ${golden}/in0.bin -o out0.bin
                WORKING_DIRECTORY ${OUT}/elsewhere RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installed mote run --aot failed (${rc}): ${err}")
endif()
file(READ ${OUT}/elsewhere/out0.bin got HEX)
file(READ ${golden}/out0.bin want HEX)
if(NOT got STREQUAL want)
  message(FATAL_ERROR "installed mote run --aot: output differs from the golden")
endif()
# No path of the build tree compiled into the installed tool.
file(STRINGS ${prefix}/bin/mote leaked REGEX "${BUILD}")
if(leaked)
  message(FATAL_ERROR "the installed mote contains build-tree paths: ${leaked}")
endif()

# The out-of-tree firmware, for each target.
foreach(config "portable;cortex-m3;mps2_an385.ld;an385;speed"
               "cortex-m4;cortex-m4f;mps2_an386.ld;an386;speed")
  list(GET config 0 target)
  list(GET config 1 toolchain)
  list(GET config 2 ld)
  list(GET config 3 board)
  list(GET config 4 optimize)
  set(bin ${OUT}/consumer-${target}-${optimize})
  run(${CMAKE_COMMAND} -S ${SOURCE}/tests/install/consumer -B ${bin}
      -DCMAKE_TOOLCHAIN_FILE=${SOURCE}/cmake/toolchains/${toolchain}.cmake
      -DCMAKE_BUILD_TYPE=Release -Dmote_DIR=${prefix}/lib/cmake/mote -DMODEL=${model}
      -DGOLDEN=${golden} -DMOTE_TARGET=${target} -DOPTIMIZE=${optimize}
      -DBOARD_DIR=${SOURCE}/targets/qemu -DBOARD_LD=${ld})
  run(${CMAKE_COMMAND} --build ${bin} -j2)
  execute_process(COMMAND ${SOURCE}/scripts/qemu-run.sh ${board} ${bin}/kws_firmware.elf
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "MOTE_GOLDEN_OK")
    message(FATAL_ERROR "${target} (${optimize}) on ${board}: exit ${rc}\n${out}\n${err}")
  endif()
  execute_process(COMMAND arm-none-eabi-size ${bin}/kws_firmware.elf OUTPUT_VARIABLE size)
  string(REGEX MATCH "MOTE_INSTRUCTIONS [0-9]+" instr "${out}")
  message("${target} --optimize ${optimize} on ${board}: bit-exact on 3 golden inputs, ${instr}\n${size}")
endforeach()
