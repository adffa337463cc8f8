# The libraries behind NormLab's data formats, shared by the application build and the fuzz
# project (fuzz/CMakeLists.txt): archives (.npz, downloaded .tar.gz/.zip) and image codecs.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(SPNG REQUIRED IMPORTED_TARGET spng)
pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)
pkg_check_modules(WEBP REQUIRED IMPORTED_TARGET libwebp)
pkg_check_modules(TIFF REQUIRED IMPORTED_TARGET libtiff-4)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
set(NORMLAB_FORMAT_LIBRARIES PkgConfig::LIBARCHIVE PkgConfig::SPNG PkgConfig::TURBOJPEG PkgConfig::WEBP
                             PkgConfig::TIFF PkgConfig::STB)
