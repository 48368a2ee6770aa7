#!/usr/bin/env python3
"""Makes the int8 variant of the built-in embedding model from its fp32 ONNX graph, with ONNX
Runtime's own dynamic quantisation: int8 weights (per output channel), activations quantised
per batch at run time, for the fused Attention, EmbedLayerNormalization and MatMul nodes —
except the feed-forward down-projections of the first two layers, which stay fp32: their
inputs (GELU outputs) have the outliers that per-tensor activation scales lose most on, and
keeping them lifts the 1st-percentile cosine to the fp32 vectors from 0.986 to 0.992 for
about 5 % of the speed.

    quantize-minilm-onnx.py MODEL.onnx OUT.onnx

Where the choices come from is in bench/RESULTS.md ("An int8 built-in model"). Needs
python3-onnx and python3-onnxruntime (both in the build root).
"""

import logging
import os
import sys

# Debian's onnxruntime registers its operator schemas in the same registry as python3-onnx;
# onnx.reference, which the quantiser imports, must list the schemas before that happens.
import onnx
import onnx.reference  # noqa: F401  (imported for its side effect, before onnxruntime)

# The layers whose feed-forward down-projection stays fp32.
FP32_LAYERS = (0, 1)


def import_quantizer():
    """ONNX Runtime then reports each schema as registered twice on stderr: that is silenced."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            from onnxruntime import quantization
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    return quantization


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    kept = [f"encoder.layer.{layer}.output.matmul_node" for layer in FP32_LAYERS]
    names = {node.name for node in onnx.load(source).graph.node}
    missing = [name for name in kept if name not in names]
    if missing:
        sys.exit(f"{source} has no node {', '.join(missing)}: see make-minilm-onnx.py's names")
    partial = target + ".partial"
    # It advises a pre-processing pass (shape inference, graph optimisation); the graph of
    # make-minilm-onnx.py is already written with the fused operators that pass would make.
    logging.getLogger().setLevel(logging.ERROR)
    quantization = import_quantizer()
    quantization.quantize_dynamic(
        source,
        partial,
        weight_type=quantization.QuantType.QInt8,
        per_channel=True,
        reduce_range=False,
        nodes_to_exclude=kept,
    )
    os.replace(partial, target)


if __name__ == "__main__":
    main()
