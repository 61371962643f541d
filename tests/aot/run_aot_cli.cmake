# `mote run --aot` on hello_world_int8: same bytes as the golden output; a
# wrong-size input gives exit code 4, as with the interpreter.
set(model ${SHARED}/conformance/models/hello_world_int8.tflite)
set(golden ${SHARED}/conformance/golden/hello_world_int8)
if(NOT EXISTS ${model})
  message("SKIPPED: ${model} is absent")
  return()
endif()
set(ENV{MOTE_CACHE_DIR} ${OUT}/aot-cache)
execute_process(COMMAND ${MOTE} run --aot ${model} -i ${golden}/in0.bin -o ${OUT}/hello_aot.bin
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mote run --aot exited with ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/hello_aot.bin ${golden}/out0.bin
                RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "mote run --aot output differs from the golden output")
endif()
execute_process(COMMAND ${MOTE} run --aot ${model} -i ${golden}/out0.bin -i ${golden}/out0.bin
                        -o ${OUT}/hello_aot_bad.bin
                RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 4)
  message(FATAL_ERROR "wrong input count: expected exit code 4, got ${rc}")
endif()
# The audio front end (TFLM signal custom ops, carried state) compiles too; an
# unknown op's exit code 5 is checked by aot_single_op_tests.
execute_process(COMMAND ${MOTE} compile ${SHARED}/conformance/models/audio_preprocessor_int8.tflite
                        -o ${OUT}/audio_preprocessor
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "state 160 bytes")
  message(FATAL_ERROR "compiling audio_preprocessor_int8: expected exit code 0 and 160 bytes of "
                      "state (the noise estimate), got ${rc}: ${out}${err}")
endif()
