# Install rules and package files: find_package(Ombuds 1) gives Ombuds::ombuds (C++) and
# Ombuds::ombuds_c (the C API); ombuds.pc serves pkg-config.
include(CMakePackageConfigHelpers)

set(OMBUDS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Ombuds)

# Two export sets, so a C consumer loads nothing of the C++ library's dependencies.
install(TARGETS ombuds_c
  EXPORT OmbudsCTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ombuds_domain ombuds
  EXPORT OmbudsCxxTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ombuds_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ombuds DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/ombuds/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ombuds)
install(FILES ${PROJECT_BINARY_DIR}/capi/include/ombuds/ombuds.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ombuds)
install(FILES ${PROJECT_SOURCE_DIR}/data/themes.json ${PROJECT_SOURCE_DIR}/data/organisation.json
  DESTINATION ${CMAKE_INSTALL_DATADIR}/ombuds)
install(FILES ${PROJECT_SOURCE_DIR}/data/demo/cases.csv DESTINATION ${CMAKE_INSTALL_DATADIR}/ombuds/demo)

install(EXPORT OmbudsCTargets NAMESPACE Ombuds:: DESTINATION ${OMBUDS_CMAKE_DIR})
install(EXPORT OmbudsCxxTargets NAMESPACE Ombuds:: DESTINATION ${OMBUDS_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/OmbudsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/OmbudsConfig.cmake INSTALL_DESTINATION ${OMBUDS_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/OmbudsConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/OmbudsConfig.cmake ${PROJECT_BINARY_DIR}/OmbudsConfigVersion.cmake
  DESTINATION ${OMBUDS_CMAKE_DIR})

file(RELATIVE_PATH OMBUDS_PC_RELATIVE_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" OMBUDS_PC_RELATIVE_PREFIX "${OMBUDS_PC_RELATIVE_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/ombuds.pc.in ${PROJECT_BINARY_DIR}/ombuds.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/ombuds.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
