# One INTERFACE target carries the compile settings every first-party target shares.
add_library(normlab_options INTERFACE)
target_compile_features(normlab_options INTERFACE cxx_std_20)
target_include_directories(normlab_options INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_options(normlab_options INTERFACE -Wall -Wextra -Wpedantic)
# Qt hygiene (harmless for Qt-free targets). Only defines that exist in Qt 6.4. Not
# QT_NO_KEYWORDS: qcustomplot.h itself uses `signals` and `foreach`; our code uses Q_SIGNALS,
# Q_SLOTS and Q_EMIT all the same.
target_compile_definitions(normlab_options INTERFACE
  NORMLAB_VERSION="${PROJECT_VERSION}"
  QT_NO_CAST_FROM_ASCII
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING)

# address: AddressSanitizer + LeakSanitizer + UndefinedBehaviorSanitizer; thread: ThreadSanitizer.
# Every report aborts, so a test that triggers one fails.
set(NORMLAB_SANITIZE "" CACHE STRING "Sanitizer build: empty, address or thread")
if(NORMLAB_SANITIZE STREQUAL "ON")
  set(NORMLAB_SANITIZE address) # the earlier boolean option
elseif(NORMLAB_SANITIZE STREQUAL "OFF")
  set(NORMLAB_SANITIZE "")
endif()
if(NORMLAB_SANITIZE STREQUAL "address")
  set(_normlab_sanitize -fsanitize=address,undefined -fno-sanitize-recover=undefined)
elseif(NORMLAB_SANITIZE STREQUAL "thread")
  set(_normlab_sanitize -fsanitize=thread)
elseif(NOT NORMLAB_SANITIZE STREQUAL "")
  message(FATAL_ERROR "NORMLAB_SANITIZE must be empty, address or thread")
endif()
if(_normlab_sanitize)
  target_compile_options(normlab_options INTERFACE ${_normlab_sanitize} -fno-omit-frame-pointer)
  target_link_options(normlab_options INTERFACE ${_normlab_sanitize})
endif()
