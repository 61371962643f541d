# `cmake --install`: the mote tool, the runtime sources generated code is
# built with, the host kernel libraries (`mote run --aot`) and the CMake
# package (find_package(mote) + mote_add_model). The installed tool finds
# share/mote and lib/mote next to itself, so the prefix can move.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS mote RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
set(_mote_libs mote_core mote_kernel_common)
foreach(name ${MOTE_KERNEL_NAMES})
  list(APPEND _mote_libs mote_kernel_${name})
endforeach()
install(TARGETS ${_mote_libs} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}/mote)
# The tool looks for ../lib/mote: keep that layout whatever LIBDIR is.
if(NOT CMAKE_INSTALL_LIBDIR STREQUAL "lib")
  install(CODE "file(CREATE_LINK \"${CMAKE_INSTALL_LIBDIR}/mote\"
                \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/mote\" SYMBOLIC)")
endif()
install(DIRECTORY ${CMAKE_SOURCE_DIR}/runtime/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mote/runtime
        FILES_MATCHING PATTERN "*.h" PATTERN "*.cc" PATTERN "*.S")

set(_mote_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/mote)
file(RELATIVE_PATH MOTE_CONFIG_TO_PREFIX /prefix/${_mote_cmake_dir} /prefix)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/moteConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/moteConfig.cmake
                              INSTALL_DESTINATION ${_mote_cmake_dir})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/moteConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion
                                 ARCH_INDEPENDENT)  # firmware: 32-bit cross builds
install(FILES ${CMAKE_BINARY_DIR}/moteConfig.cmake ${CMAKE_BINARY_DIR}/moteConfigVersion.cmake
              ${CMAKE_SOURCE_DIR}/cmake/MoteAddModel.cmake
        DESTINATION ${_mote_cmake_dir})
