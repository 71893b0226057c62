# What keeps the module matched to Samba after `apt-get upgrade`: the
# module's source in /usr/src, scripts/rebuild-module.sh as
# /usr/lib/scannedonly/rebuild-module, an apt hook that runs it when the
# samba package changes version, and the stamp naming the version the
# installed module was built for (see docs/installation.md).
set(SCANNEDONLY_MODULE_SOURCE ${CMAKE_INSTALL_PREFIX}/src/scannedonly-${PROJECT_VERSION})
set(SCANNEDONLY_MODULE_STAMP
    ${CMAKE_INSTALL_FULL_LOCALSTATEDIR}/lib/scannedonly/module-samba-version)
set(SCANNEDONLY_REBUILD_MODULE ${CMAKE_INSTALL_PREFIX}/lib/scannedonly/rebuild-module)

configure_file(${PROJECT_SOURCE_DIR}/scripts/rebuild-module.sh
               ${CMAKE_CURRENT_BINARY_DIR}/rebuild-module @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/conf/apt/80scannedonly-module.in
               ${CMAKE_CURRENT_BINARY_DIR}/80scannedonly-module @ONLY)
install(PROGRAMS ${CMAKE_CURRENT_BINARY_DIR}/rebuild-module
        DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/scannedonly)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/80scannedonly-module
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/apt/apt.conf.d)

# Just what SCANNEDONLY_MODULE_ONLY builds.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core ${PROJECT_SOURCE_DIR}/include
                  ${PROJECT_SOURCE_DIR}/vfs ${PROJECT_SOURCE_DIR}/cmake
        DESTINATION ${SCANNEDONLY_MODULE_SOURCE})
install(FILES ${PROJECT_SOURCE_DIR}/CMakeLists.txt ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${SCANNEDONLY_MODULE_SOURCE})
install(PROGRAMS ${PROJECT_SOURCE_DIR}/scripts/prepare-samba-tree.sh
        DESTINATION ${SCANNEDONLY_MODULE_SOURCE}/scripts)

install(CODE "
  file(WRITE \"\$ENV{DESTDIR}${SCANNEDONLY_MODULE_STAMP}\" \"${SAMBA_PACKAGE_VERSION}\\n\")")
