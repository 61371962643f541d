# mote_readme_snippet(OUT): writes the C++ block of README.md's "Using the
# runtime" section (between the readme-snippet markers) to OUT, verbatim, so
# that tests and firmware compile exactly what the README shows.
function(mote_readme_snippet out)
  get_filename_component(root ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/.. ABSOLUTE)
  set(readme ${root}/README.md)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${readme})
  file(READ ${readme} text)
  string(FIND "${text}" "<!-- readme-snippet:begin -->\n```cpp\n" begin)
  string(FIND "${text}" "```\n<!-- readme-snippet:end -->" end)
  if(begin EQUAL -1 OR end EQUAL -1)
    message(FATAL_ERROR "README.md: no ```cpp block between the readme-snippet markers")
  endif()
  string(LENGTH "<!-- readme-snippet:begin -->\n```cpp\n" marker)
  math(EXPR begin "${begin} + ${marker}")
  math(EXPR length "${end} - ${begin}")
  string(SUBSTRING "${text}" ${begin} ${length} snippet)
  file(CONFIGURE OUTPUT ${out} CONTENT "// Extracted from README.md by cmake/readme_snippet.cmake; do not edit.\n${snippet}" @ONLY)
endfunction()

# mote_bytes_include(IN OUT): IN's bytes as a C array initializer list ("0x01, 0x02, ...").
function(mote_bytes_include in out)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${in})
  file(READ ${in} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  file(CONFIGURE OUTPUT ${out} CONTENT "${bytes}\n" @ONLY)
endfunction()
