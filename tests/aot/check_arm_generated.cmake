# The generated code of every shared model, compiled with arm-none-eabi-g++
# (-Wall -Wextra -Werror, no exceptions, no RTTI) for a Cortex-M4F
# (--target cortex-m4) and for a Cortex-M3 without DSP or FPU (--target
# portable); every NAME.h also compiles as C99 (the extern "C" API). NAME.cc
# holds the params and kernel calls (NAME_data.cc only literal arrays).
# -Wno-format as scripts/check-arm-build.sh (newlib's uint32_t is 'long').
file(GLOB models ${SHARED}/conformance/models/*.tflite)
if(NOT models)
  message("SKIPPED: ${SHARED}/conformance/models is absent")
  return()
endif()
string(REPLACE "g++" "gcc" ARM_GCC ${ARM_GXX})
foreach(config "cortex-m4;-mcpu=cortex-m4;-mfloat-abi=hard;-mfpu=fpv4-sp-d16"
               "portable;-mcpu=cortex-m3;-mfloat-abi=soft")
  list(GET config 0 target)
  list(SUBLIST config 1 -1 cpu_flags)
  set(gen ${OUT}/arm-generated-${target})
  file(REMOVE_RECURSE ${gen})
  file(MAKE_DIRECTORY ${gen})
  set(sources "")
  set(headers "")
  foreach(model ${models})
    get_filename_component(name ${model} NAME_WE)
    string(MAKE_C_IDENTIFIER ${name} id)
    execute_process(COMMAND ${MOTE} compile ${model} -o ${gen} --name ${id} --target ${target}
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "mote compile ${name} --target ${target} failed (${rc}): ${err}")
    endif()
    list(APPEND sources ${gen}/${id}.cc)
    string(APPEND headers "#include \"${id}.h\"\n")
  endforeach()
  execute_process(COMMAND ${ARM_GXX} -std=c++17 ${cpu_flags} -mthumb -Os -fno-exceptions -fno-rtti
                          -Wall -Wextra -Werror -Wno-format -I${RUNTIME} -I${RUNTIME}/include
                          -I${gen} -fsyntax-only ${sources}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generated code does not compile for ${target}:\n${err}")
  endif()
  # All headers in one C translation unit: C99, and several models side by side.
  file(WRITE ${gen}/all_headers.c "${headers}")
  execute_process(COMMAND ${ARM_GCC} -std=c99 ${cpu_flags} -mthumb -Wall -Wextra -Werror -pedantic
                          -I${gen} -fsyntax-only ${gen}/all_headers.c
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generated headers do not compile as C for ${target}:\n${err}")
  endif()
  list(LENGTH sources n)
  message("${n} generated models compile for ${target} (${cpu_flags}); their headers as C99")
endforeach()
