# Installation (cmake --install) and the Debian package (cpack -G DEB): the programs, the desktop
# entry, icon and AppStream metainfo for the GUI, and a man page for normlab-cli made by help2man
# from the program's own help.
include(GNUInstallDirs)
# Libraries outside the system folders (an upstream LibTorch) stay findable after installation.
set(CMAKE_INSTALL_RPATH_USE_LINK_PATH TRUE)

install(TARGETS normlab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The training engine, loaded at run time (core/train/engine/engineloader.h) from <bin>/../<libdir>/normlab.
install(TARGETS normlab_engine LIBRARY DESTINATION ${NORMLAB_ENGINE_INSTALL_DIR})
if(NORMLAB_GUI)
  install(TARGETS normlab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  set(_app_id org.normlab.NormLab)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/${_app_id}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/${_app_id}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/${_app_id}.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

# The man page runs normlab-cli at build time, so not in sanitizer builds (a report would fail the
# build) and not without help2man (scripts/install-deps installs it).
find_program(HELP2MAN help2man)
if(HELP2MAN AND NORMLAB_SANITIZE STREQUAL "")
  set(_man ${CMAKE_CURRENT_BINARY_DIR}/man/normlab-cli.1)
  set(_include ${CMAKE_CURRENT_BINARY_DIR}/man/commands.h2m)
  add_custom_command(
    OUTPUT ${_man}.gz
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:normlab-cli> -DOUT=${_include} -P ${PROJECT_SOURCE_DIR}/cmake/NormlabManPage.cmake
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1 --include=${_include}
            "--name=exact data set statistics, normalization constants and training comparisons"
            --output=${_man} $<TARGET_FILE:normlab-cli>
    COMMAND gzip -9nf ${_man}
    DEPENDS normlab-cli ${PROJECT_SOURCE_DIR}/cmake/NormlabManPage.cmake
    COMMENT "Generating the normlab-cli man page with help2man"
    VERBATIM)
  add_custom_target(normlab-man ALL DEPENDS ${_man}.gz)
  install(FILES ${_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
elseif(NOT HELP2MAN)
  message(STATUS "help2man not found: no man page for normlab-cli")
endif()

set(CPACK_PACKAGE_NAME normlab)
set(CPACK_PACKAGE_VENDOR "NormLab")
set(CPACK_PACKAGE_CONTACT "NormLab developers <normlab@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "explore how input normalization changes image data and training")
# CPack puts the summary first and indents each line of this text itself.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "NormLab loads MNIST, FashionMNIST, synthetic digits or any folder of IDX files,
shows images and pixel histograms before and after min-max, z-score or
per-sample normalization, exports exact statistics (JSON, CSV, NumPy) with the
transforms.Normalize(...) line, and trains small networks side by side to
compare normalizations. normlab is the desktop application, normlab-cli the
command-line front end.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Library dependencies come from dpkg-shlibdeps (LibTorch, Qt, QCustomPlot, libdeflate, libcurl, …).
# OpenBLAS is not linked directly, but without it Debian's LibTorch falls back to the slow
# reference BLAS; the real data set is recommended so the app opens real clothes offline.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-pthread")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist")
include(CPack)
