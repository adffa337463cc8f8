# Every dependency comes from a Debian 12 package (scripts/install-deps lists them),
# or, for LibTorch, from -DCMAKE_PREFIX_PATH pointing at an upstream (CUDA) build.
find_package(Threads REQUIRED)
find_package(Torch REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
include(${CMAKE_CURRENT_LIST_DIR}/NormlabFormatLibraries.cmake)

if(NORMLAB_GUI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets PrintSupport Svg Test)
  find_package(QCustomPlotQt6 REQUIRED)
elseif(NORMLAB_TESTS)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Test)
endif()
