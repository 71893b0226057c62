# Finds the flags for compiling a module against the installed smbd.
#
# scripts/prepare-samba-tree.sh fetches and configures the Samba source of
# exactly the installed version once, caching it outside the build; here we
# only read the flags it recorded. Sets SAMBA_MODULE_FLAGS, SAMBA_VERSION,
# SAMBA_PACKAGE_VERSION (the Debian version the tree is keyed on) and
# SAMBA_MODULESDIR, and refuses a Samba the module does not support.

# The supported range, by release and by the VFS interface version that
# vfs/samba_compat.hpp knows (47: Samba 4.17 ... 50: Samba 4.22).
set(SCANNEDONLY_SAMBA_MIN 4.17)
set(SCANNEDONLY_SAMBA_MAX 4.22)
set(SCANNEDONLY_VFS_INTERFACE_MIN 47)
set(SCANNEDONLY_VFS_INTERFACE_MAX 50)
set(_supported "scannedonly supports Samba ${SCANNEDONLY_SAMBA_MIN} to ${SCANNEDONLY_SAMBA_MAX} (VFS interfaces ${SCANNEDONLY_VFS_INTERFACE_MIN} to ${SCANNEDONLY_VFS_INTERFACE_MAX})")

# smbd lives in /usr/sbin, which a non-root PATH lacks.
find_program(SMBD smbd PATHS /usr/sbin /usr/local/sbin NO_CACHE)
if(NOT SMBD)
  message(FATAL_ERROR "smbd not found: install samba (scripts/install-deps.sh), "
    "or configure with -DSCANNEDONLY_BUILD_VFS=OFF.")
endif()
# A Samba upgrade replaces smbd: the next build configures again and so
# prepares and uses the new version's tree instead of keeping the old flags.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SMBD})

execute_process(COMMAND ${SMBD} -V OUTPUT_VARIABLE _smbd_version RESULT_VARIABLE _smbd_rc)
string(REGEX MATCH "([0-9]+)\\.([0-9]+)\\.([0-9]+)" SAMBA_VERSION "${_smbd_version}")
if(NOT _smbd_rc EQUAL 0 OR NOT SAMBA_VERSION)
  message(FATAL_ERROR "${SMBD} -V failed or printed no version: is samba installed?")
endif()
set(_release "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}")
if(_release VERSION_LESS SCANNEDONLY_SAMBA_MIN OR _release VERSION_GREATER SCANNEDONLY_SAMBA_MAX)
  message(FATAL_ERROR "Samba ${SAMBA_VERSION} is not supported: ${_supported}.")
endif()

execute_process(
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/prepare-samba-tree.sh
  OUTPUT_VARIABLE _samba_flags_file
  OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _samba_rc)
if(NOT _samba_rc EQUAL 0)
  message(FATAL_ERROR
    "Could not prepare the Samba ${SAMBA_VERSION} source tree (see the messages above). "
    "Run scripts/install-deps.sh, or configure with -DSCANNEDONLY_BUILD_VFS=OFF.")
endif()
file(STRINGS ${_samba_flags_file} SAMBA_MODULE_FLAGS)
execute_process(COMMAND dpkg-query -W -f=\${Version} samba
                OUTPUT_VARIABLE SAMBA_PACKAGE_VERSION)

# The feature check the module's code is keyed on, read from the tree itself.
get_filename_component(_tree ${_samba_flags_file} DIRECTORY)
file(STRINGS ${_tree}/source/source3/include/vfs.h _interface
     REGEX "^#define SMB_VFS_INTERFACE_VERSION [0-9]+")
string(REGEX MATCH "[0-9]+$" SAMBA_VFS_INTERFACE "${_interface}")
if(NOT SAMBA_VFS_INTERFACE OR SAMBA_VFS_INTERFACE LESS SCANNEDONLY_VFS_INTERFACE_MIN
   OR SAMBA_VFS_INTERFACE GREATER SCANNEDONLY_VFS_INTERFACE_MAX)
  message(FATAL_ERROR "Samba ${SAMBA_VERSION} has VFS interface "
    "'${SAMBA_VFS_INTERFACE}' in ${_tree}/source/source3/include/vfs.h: ${_supported}.")
endif()

execute_process(COMMAND ${SMBD} -b OUTPUT_VARIABLE _smbd_build RESULT_VARIABLE _smbd_rc)
if(NOT _smbd_rc EQUAL 0)
  message(FATAL_ERROR "${SMBD} -b failed: is samba installed?")
endif()
string(REGEX MATCH "MODULESDIR: ([^\n]*)" _ ${_smbd_build})
set(SAMBA_MODULESDIR ${CMAKE_MATCH_1} CACHE INTERNAL "smbd's module directory, from smbd -b")
message(STATUS "Samba ${SAMBA_VERSION}, VFS interface ${SAMBA_VFS_INTERFACE}; "
  "module flags from ${_samba_flags_file}; MODULESDIR ${SAMBA_MODULESDIR}")
