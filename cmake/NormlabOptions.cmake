# One INTERFACE target carries the compile settings every first-party target shares.
add_library(normlab_options INTERFACE)
target_compile_features(normlab_options INTERFACE cxx_std_20)
target_include_directories(normlab_options INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_options(normlab_options INTERFACE -Wall -Wextra -Wpedantic)
# Qt hygiene (harmless for Qt-free targets). Only defines that exist in Qt 6.4. Not
# QT_NO_KEYWORDS: qcustomplot.h itself uses `signals` and `foreach`; our code uses Q_SIGNALS,
# Q_SLOTS and Q_EMIT all the same.
target_compile_definitions(normlab_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING)

option(NORMLAB_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
if(NORMLAB_SANITIZE)
  target_compile_options(normlab_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(normlab_options INTERFACE -fsanitize=address,undefined)
endif()
