# cmake -DIN=file -DOUT=file.cc -DNAME=symbol [-DSECTION=.rodata.x] -P embed.cmake
# Writes a C++ source defining `extern const uint8_t NAME[]` (16-byte aligned,
# as the model reader requires) and `extern const size_t NAME_len`.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REPEAT "0x..," 16 row)
string(REGEX REPLACE "(${row})" "\\1\n" body "${body}")
if(NOT SECTION)
  set(SECTION ".rodata.mote_data.${NAME}")
endif()
if(bytes EQUAL 0)
  set(body "0")
endif()
file(WRITE "${OUT}.tmp"
"// Generated from ${IN} by targets/qemu/cmake/embed.cmake.
#include <cstddef>
#include <cstdint>
extern const uint8_t ${NAME}[];
extern const size_t ${NAME}_len;
__attribute__((section(\"${SECTION}\"), aligned(16)))
const uint8_t ${NAME}[] = {
${body}
};
const size_t ${NAME}_len = ${bytes};
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
