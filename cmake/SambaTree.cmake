# Finds the flags for compiling a module against the installed smbd.
#
# scripts/prepare-samba-tree.sh fetches and configures the Samba source of
# exactly the installed version once, caching it outside the build; here we
# only read the flags it recorded. Sets SAMBA_MODULE_FLAGS and
# SAMBA_MODULESDIR.

execute_process(
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/prepare-samba-tree.sh
  OUTPUT_VARIABLE _samba_flags_file
  OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _samba_rc)
if(NOT _samba_rc EQUAL 0)
  message(FATAL_ERROR
    "Could not prepare the Samba source tree (see the messages above). "
    "Run scripts/install-deps.sh, or configure with -DSCANNEDONLY_BUILD_VFS=OFF.")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_samba_flags_file})
file(STRINGS ${_samba_flags_file} SAMBA_MODULE_FLAGS)

execute_process(COMMAND smbd -b OUTPUT_VARIABLE _smbd_build RESULT_VARIABLE _smbd_rc)
if(NOT _smbd_rc EQUAL 0)
  message(FATAL_ERROR "smbd -b failed: is samba installed?")
endif()
string(REGEX MATCH "MODULESDIR: ([^\n]*)" _ ${_smbd_build})
set(SAMBA_MODULESDIR ${CMAKE_MATCH_1} CACHE PATH "smbd's module directory")
message(STATUS "Samba module flags from ${_samba_flags_file}; MODULESDIR ${SAMBA_MODULESDIR}")
