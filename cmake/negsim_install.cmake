# What `cmake --install build --prefix P` puts under P, and the .deb CPack
# makes of it (docs/install.md). Included from the top-level CMakeLists.txt
# once the targets exist. Two components:
#   runtime      bin/negsim, the man page, bash completion, scenarios, docs
#                (Debian package `negsim`)
#   development  headers, static libraries, CMake package config
#                (Debian package `libnegsim-dev`)
include(CMakePackageConfigHelpers)

set(NEGSIM_INSTALL_SCENARIODIR ${CMAKE_INSTALL_DATADIR}/negsim/scenarios)
set(NEGSIM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/negsim)

# --- runtime -----------------------------------------------------------------
install(TARGETS negsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/scenarios/ DESTINATION ${NEGSIM_INSTALL_SCENARIODIR}
        COMPONENT runtime)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)

# Man page negsim(1), written by help2man from the built binary's --help and
# --version and every `negsim COMMAND --help` (cmake/negsim_manpage.cmake).
find_program(NEGSIM_HELP2MAN help2man)
find_program(NEGSIM_GZIP gzip)
mark_as_advanced(NEGSIM_HELP2MAN NEGSIM_GZIP)
if(NEGSIM_HELP2MAN)
  set(NEGSIM_MAN_PAGE ${CMAKE_BINARY_DIR}/man/negsim.1)
  add_custom_command(
    OUTPUT ${NEGSIM_MAN_PAGE}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND ${CMAKE_COMMAND} -DNEGSIM=$<TARGET_FILE:negsim> -DHELP2MAN=${NEGSIM_HELP2MAN}
            -DGZIP=${NEGSIM_GZIP} -DOUTPUT=${NEGSIM_MAN_PAGE}
            -DINCLUDE=${CMAKE_BINARY_DIR}/man/negsim.h2m
            -P ${CMAKE_SOURCE_DIR}/cmake/negsim_manpage.cmake
    DEPENDS negsim ${CMAKE_SOURCE_DIR}/cmake/negsim_manpage.cmake
    COMMENT "Writing the man page negsim(1) from negsim --help")
  add_custom_target(negsim_man ALL DEPENDS ${NEGSIM_MAN_PAGE})
  if(NEGSIM_GZIP)
    install(FILES ${NEGSIM_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
  else()
    install(FILES ${NEGSIM_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
  endif()
else()
  message(STATUS "help2man not found: no man page (Debian: apt-get install help2man)")
endif()

# Bash completion, where bash-completion looks for it: its pkg-config
# `completionsdir` (Debian: /usr/share/bash-completion/completions), taken
# relative to bash-completion's own prefix so that --prefix still applies.
set(_negsim_completions ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_get_variable(_bc_dir bash-completion completionsdir)
  pkg_get_variable(_bc_prefix bash-completion prefix)
  if(_bc_dir AND _bc_prefix)
    file(RELATIVE_PATH _bc_relative ${_bc_prefix} ${_bc_dir})
    if(NOT _bc_relative MATCHES "^\\.\\.")
      set(_negsim_completions ${_bc_relative})
    endif()
  endif()
endif()
set(NEGSIM_BASH_COMPLETION_DIR ${_negsim_completions} CACHE STRING
    "Where the bash completion script goes, relative to the install prefix")
install(FILES ${NEGSIM_BASH_COMPLETION_SCRIPT} DESTINATION ${NEGSIM_BASH_COMPLETION_DIR}
        COMPONENT runtime)

# --- development ---------------------------------------------------------------
install(TARGETS negsim_models negsim_sim EXPORT negsimTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
# Headers of models/ and sim/ (not the CLI's), as include/negsim/models/...
install(DIRECTORY ${CMAKE_SOURCE_DIR}/models ${CMAKE_SOURCE_DIR}/sim
        DESTINATION ${NEGSIM_INSTALL_INCLUDEDIR} COMPONENT development
        FILES_MATCHING PATTERN "*.hpp" PATTERN "cli" EXCLUDE)
install(FILES ${NEGSIM_GENERATED_INCLUDE}/negsim_version.hpp DESTINATION ${NEGSIM_INSTALL_INCLUDEDIR}
        COMPONENT development)
install(EXPORT negsimTargets NAMESPACE negsim:: DESTINATION ${NEGSIM_INSTALL_CMAKEDIR}
        COMPONENT development)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/negsimConfig.cmake.in
  ${CMAKE_BINARY_DIR}/negsimConfig.cmake
  INSTALL_DESTINATION ${NEGSIM_INSTALL_CMAKEDIR}
  PATH_VARS NEGSIM_INSTALL_INCLUDEDIR NEGSIM_INSTALL_SCENARIODIR)
# 0.x: minor versions may break the API, so only the same minor matches.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/negsimConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/negsimConfig.cmake ${CMAKE_BINARY_DIR}/negsimConfigVersion.cmake
              ${CMAKE_SOURCE_DIR}/cmake/FindGLPK.cmake
        DESTINATION ${NEGSIM_INSTALL_CMAKEDIR} COMPONENT development)

# --- the .deb (cpack -G DEB in build/) -----------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME negsim)
set(CPACK_PACKAGE_VENDOR "negsim")
set(CPACK_PACKAGE_CONTACT "negsim maintainers <negsim@localhost>")
# Descriptions: CPackDeb puts the project's DESCRIPTION (CPack's summary) on
# the first line of both packages and indents the text below under it.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # negsim_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME negsim)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION science)
# Depends of the binary from the shared libraries it links (dpkg-shlibdeps,
# Debian package dpkg-dev): libyaml-cpp, libglpk, libtbb, libgmp, Boost, libstdc++.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "negsim turns a scenario file (players, levers, payoffs) into games, finds
their equilibria (every one verified by its regret), simulates repeated play
and bargaining, and sweeps parameters. This package holds the negsim
command, its man page, bash completion, the shipped scenarios and the docs.")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libnegsim-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
# Static libraries: what a program embedding the solvers compiles and links
# against (docs/install.md, "Package config"). Not found by dpkg-shlibdeps.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "libyaml-cpp-dev, libgmp-dev, libeigen3-dev, nlohmann-json3-dev, libglpk-dev, libtbb-dev, libboost-program-options-dev, pkg-config")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION "Headers and static libraries of negsim's game models, scenario language and
solvers, with a CMake package: find_package(negsim) gives negsim::negsim.")
include(CPack)
