# The generated code of every shared model, compiled for a Cortex-M4F with
# arm-none-eabi-g++ (-Wall -Wextra -Werror, no exceptions, no RTTI): NAME.cc
# holds the params and kernel calls (NAME_data.cc only literal arrays).
# -Wno-format as scripts/check-arm-build.sh (newlib's uint32_t is 'long').
file(GLOB models ${SHARED}/conformance/models/*.tflite)
if(NOT models)
  message("SKIPPED: ${SHARED}/conformance/models is absent")
  return()
endif()
set(gen ${OUT}/arm-generated)
file(REMOVE_RECURSE ${gen})
file(MAKE_DIRECTORY ${gen}/include)
# Only the flatbuffers headers, not the host's whole /usr/include.
file(CREATE_LINK /usr/include/flatbuffers ${gen}/include/flatbuffers SYMBOLIC)
set(sources "")
foreach(model ${models})
  get_filename_component(name ${model} NAME_WE)
  string(MAKE_C_IDENTIFIER ${name} id)
  execute_process(COMMAND ${MOTE} compile ${model} -o ${gen} --name ${id} --target cortex-m4
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mote compile ${name} --target cortex-m4 failed (${rc}): ${err}")
  endif()
  list(APPEND sources ${gen}/${id}.cc)
endforeach()
execute_process(COMMAND ${ARM_GXX} -std=c++17 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard
                        -mfpu=fpv4-sp-d16 -Os -fno-exceptions -fno-rtti -Wall -Wextra -Werror
                        -Wno-format -I${RUNTIME} -I${RUNTIME}/include -I${gen}/include -I${gen}
                        -fsyntax-only ${sources}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generated code does not compile for cortex-m4:\n${err}")
endif()
list(LENGTH sources n)
message("${n} generated models compile for cortex-m4")
