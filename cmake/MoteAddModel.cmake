# mote_add_model(<target> <model.tflite> [TARGET portable|cortex-m4|...] [OPTIMIZE size|speed]
#                [NAME <c_identifier>])
#
# Compiles a .tflite model ahead of time into <target> (any CMake executable or
# library, e.g. a firmware): runs `mote compile --json` at configure time (again
# whenever the model or mote changes), adds the generated NAME.cc/NAME_data.cc
# to <target>, and the runtime sources of the kernels the model calls (only
# those, only the TARGET's variants) to one static library per <target>,
# <target>_mote_kernels, built with <target>'s toolchain. Include "NAME.h".
#   TARGET    portable (default: plain C++ kernels, any CPU with a C++17
#             compiler), cortex-m4, cortex-m7, cortex-m33, cortex-m55 or host
#   OPTIMIZE  speed (default) or size (no pre-packed weights: flash stays at
#             the model's weight bytes)
#   NAME      C identifier prefix (default: the model file name)
# MOTE_EXECUTABLE must name the `mote` tool (find_package(mote) sets it).
function(mote_add_model target model)
  cmake_parse_arguments(ARG "" "TARGET;OPTIMIZE;NAME" "" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mote_add_model: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT MOTE_EXECUTABLE)
    message(FATAL_ERROR "mote_add_model: MOTE_EXECUTABLE is not set (find_package(mote))")
  endif()
  if(NOT ARG_TARGET)
    set(ARG_TARGET portable)
  endif()
  if(NOT ARG_OPTIMIZE)
    set(ARG_OPTIMIZE speed)
  endif()
  get_filename_component(model "${model}" ABSOLUTE)
  if(NOT ARG_NAME)
    get_filename_component(ARG_NAME "${model}" NAME_WE)
  endif()
  string(MAKE_C_IDENTIFIER "${ARG_NAME}" name)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/mote_models/${target}/${name}")
  execute_process(
    COMMAND "${MOTE_EXECUTABLE}" compile "${model}" -o "${dir}" --name "${name}"
            --target "${ARG_TARGET}" --optimize "${ARG_OPTIMIZE}" --json
    OUTPUT_VARIABLE json ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mote_add_model: mote compile ${model} failed (${rc}): ${err}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${model}" "${MOTE_EXECUTABLE}")

  # JSON array -> CMake list.
  macro(_mote_json_list key out)
    set(${out} "")
    string(JSON _n LENGTH "${json}" ${key})
    if(_n GREATER 0)
      math(EXPR _last "${_n} - 1")
      foreach(_i RANGE ${_last})
        string(JSON _item GET "${json}" ${key} ${_i})
        list(APPEND ${out} "${_item}")
      endforeach()
    endif()
  endmacro()
  _mote_json_list(sources generated)
  _mote_json_list(runtime_sources runtime_sources)
  _mote_json_list(include_dirs include_dirs)

  set(kernels ${target}_mote_kernels)
  if(NOT TARGET ${kernels})
    add_library(${kernels} STATIC)
    target_compile_features(${kernels} PUBLIC cxx_std_17)
    target_link_libraries(${target} PRIVATE ${kernels})
  endif()
  get_target_property(have ${kernels} SOURCES)
  foreach(src ${runtime_sources})
    if(NOT have OR NOT src IN_LIST have)
      target_sources(${kernels} PRIVATE "${src}")
    endif()
  endforeach()
  target_include_directories(${kernels} PUBLIC ${include_dirs})
  target_sources(${target} PRIVATE ${generated})
  string(JSON arena GET "${json}" arena_bytes_aot)
  string(JSON weights GET "${json}" flash_weights_bytes)
  message(STATUS "mote_add_model(${target} ${name}): --target ${ARG_TARGET} --optimize "
                 "${ARG_OPTIMIZE}, arena ${arena} B, weights ${weights} B")
endfunction()
