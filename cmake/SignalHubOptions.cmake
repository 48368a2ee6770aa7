# One INTERFACE target carries the language level, warnings and strict Qt defines;
# every Signal Hub target links it, so nothing is configured globally.
add_library(signalhub_options INTERFACE)
add_library(SignalHub::options ALIAS signalhub_options)
target_compile_features(signalhub_options INTERFACE cxx_std_20)
target_compile_definitions(signalhub_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060800
    SIGNALHUB_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(signalhub_options INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
        -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
endif()

option(SIGNALHUB_WERROR "Treat compiler warnings as errors" OFF)
if(SIGNALHUB_WERROR)
    target_compile_options(signalhub_options INTERFACE -Werror)
endif()
