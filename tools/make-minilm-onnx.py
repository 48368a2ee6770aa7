#!/usr/bin/env python3
"""Builds the ONNX graph of the built-in embedding model (all-MiniLM-L6-v2) from its fp16
safetensors weights, for ONNX Runtime's CPU provider.

    make-minilm-onnx.py WEIGHTS.safetensors CONFIG.json OUT.onnx

Inputs:  input_ids int64 [batch, seq], attention_mask int64 [batch, seq] (1 = token, 0 = pad)
Output:  sentence_embedding float32 [batch, hidden]: mean over the masked tokens, L2-normalised.

The graph is written with ONNX Runtime's fused com.microsoft operators (EmbedLayerNormalization,
Attention, SkipLayerNormalization, BiasGelu): with plain ONNX operators ORT's optimiser fuses
almost nothing of a BERT graph, and the fused kernels are what makes CPU inference fast.
Token type ids are always 0 for sentence embeddings, so the type-0 embedding is folded into
the position table and the graph takes no token_type_ids. Weights are stored as float32.
Only python3-onnx and python3-numpy are needed.
"""

import json
import os
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SAFETENSORS_DTYPES = {"F16": np.float16, "F32": np.float32, "I64": np.int64}


def read_safetensors(path):
    """Returns {name: float32 or int64 array}; the header is an 8-byte little-endian length + JSON."""
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8 : 8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = SAFETENSORS_DTYPES[info["dtype"]]
        begin, end = info["data_offsets"]
        array = np.frombuffer(data, dtype=dtype, count=(end - begin) // np.dtype(dtype).itemsize,
                              offset=base + begin).reshape(info["shape"])
        tensors[name] = array.astype(np.float32) if dtype == np.float16 else array.copy()
    return tensors


class GraphBuilder:
    def __init__(self, weights):
        self.weights = weights
        self.nodes = []
        self.initializers = []
        self.counter = 0

    def weight(self, name, array=None):
        """Adds an initializer (from the safetensors by default) and returns its name."""
        value = self.weights[name] if array is None else array
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def const(self, name, array):
        return self.weight(name, np.asarray(array))

    def node(self, op, inputs, name, domain="", outputs=1, **attrs):
        out_names = [name] if outputs == 1 else [f"{name}_{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(op, inputs, out_names, name=f"{name}_node",
                                           domain=domain, **attrs))
        return out_names[0] if outputs == 1 else out_names


def linear_t(weights, prefix):
    """PyTorch Linear keeps [out, in]; MatMul wants [in, out]."""
    return weights[f"{prefix}.weight"].T


def build(weights, config):
    hidden = config["hidden_size"]
    heads = config["num_attention_heads"]
    layers = config["num_hidden_layers"]
    eps = float(config["layer_norm_eps"])
    if config.get("hidden_act") != "gelu":
        sys.exit(f"unsupported activation {config.get('hidden_act')!r}: the graph uses exact (erf) GELU")

    g = GraphBuilder(weights)
    ids32 = g.node("Cast", ["input_ids"], "input_ids_int32", to=TensorProto.INT32)
    mask32 = g.node("Cast", ["attention_mask"], "attention_mask_int32", to=TensorProto.INT32)

    # token_type_ids are all 0: add the type-0 row to every position instead of looking it up.
    positions = weights["embeddings.position_embeddings.weight"] + weights["embeddings.token_type_embeddings.weight"][0]
    # EmbedLayerNormalization looks up positions 0..seq-1 itself: no Range/Gather chain needed.
    x, _ = g.node("EmbedLayerNormalization",
                  [ids32, "", g.weight("embeddings.word_embeddings.weight"),
                   g.weight("embeddings.position_type0_embeddings", positions), "",
                   g.weight("embeddings.LayerNorm.weight"), g.weight("embeddings.LayerNorm.bias"), mask32],
                  "embeddings", domain="com.microsoft", outputs=2, epsilon=eps)

    for i in range(layers):
        p = f"encoder.layer.{i}"
        qkv_weight = np.concatenate([linear_t(weights, f"{p}.attention.self.{m}") for m in ("query", "key", "value")],
                                    axis=1)
        qkv_bias = np.concatenate([weights[f"{p}.attention.self.{m}.bias"] for m in ("query", "key", "value")])
        # The raw [batch, seq] mask rather than EmbedLayerNormalization's mask_index (a count per
        # row), so padding is right whichever side it is on.
        context = g.node("Attention",
                         [x, g.weight(f"{p}.attention.qkv.weight", qkv_weight),
                          g.weight(f"{p}.attention.qkv.bias", qkv_bias), mask32],
                         f"{p}.attention", domain="com.microsoft", num_heads=heads)
        projected = g.node("MatMul", [context, g.weight(f"{p}.attention.output.dense.weight_t",
                                                        linear_t(weights, f"{p}.attention.output.dense"))],
                           f"{p}.attention.output.matmul")
        x = g.node("SkipLayerNormalization",
                   [projected, x, g.weight(f"{p}.attention.output.LayerNorm.weight"),
                    g.weight(f"{p}.attention.output.LayerNorm.bias"), g.weight(f"{p}.attention.output.dense.bias")],
                   f"{p}.attention.output", domain="com.microsoft", epsilon=eps)

        up = g.node("MatMul", [x, g.weight(f"{p}.intermediate.dense.weight_t",
                                           linear_t(weights, f"{p}.intermediate.dense"))],
                    f"{p}.intermediate.matmul")
        activated = g.node("BiasGelu", [up, g.weight(f"{p}.intermediate.dense.bias")], f"{p}.intermediate.gelu",
                           domain="com.microsoft")
        down = g.node("MatMul", [activated, g.weight(f"{p}.output.dense.weight_t",
                                                     linear_t(weights, f"{p}.output.dense"))],
                      f"{p}.output.matmul")
        x = g.node("SkipLayerNormalization",
                   [down, x, g.weight(f"{p}.output.LayerNorm.weight"), g.weight(f"{p}.output.LayerNorm.bias"),
                    g.weight(f"{p}.output.dense.bias")],
                   f"{p}.output", domain="com.microsoft", epsilon=eps)

    # Mean pooling as one batched MatMul: [batch, 1, seq] x [batch, seq, hidden].
    mask_f = g.node("Cast", ["attention_mask"], "pool.mask", to=TensorProto.FLOAT)
    mask_row = g.node("Unsqueeze", [mask_f, g.const("pool.axis1", np.array([1], np.int64))], "pool.mask_row")
    summed = g.node("MatMul", [mask_row, x], "pool.sum3")
    summed = g.node("Squeeze", [summed, "pool.axis1"], "pool.sum")
    count = g.node("ReduceSum", [mask_f, "pool.axis1"], "pool.count", keepdims=1)
    count = g.node("Max", [count, g.const("pool.min_count", np.array(1e-9, np.float32))], "pool.count_clamped")
    mean = g.node("Div", [summed, count], "pool.mean")
    # Like torch.nn.functional.normalize: x / max(||x||, 1e-12).
    norm = g.node("ReduceL2", [mean], "norm.l2", axes=[1], keepdims=1)  # axes is an input only from opset 18
    norm = g.node("Max", [norm, g.const("norm.min", np.array(1e-12, np.float32))], "norm.clamped")
    g.node("Div", [mean, norm], "sentence_embedding")

    graph = helper.make_graph(
        g.nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"])],
        [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])],
        g.initializers)
    model = helper.make_model(graph, producer_name="signalhub make-minilm-onnx.py",
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])
    model.ir_version = 8  # what ORT >= 1.14 reads; the operators need nothing newer
    model.doc_string = "all-MiniLM-L6-v2 sentence embeddings (mean pooling, L2-normalised)"
    return model


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    weights_path, config_path, out_path = argv[1:]
    with open(config_path, encoding="utf-8") as f:
        config = json.load(f)
    model = build(read_safetensors(weights_path), config)
    # The standard checker knows no com.microsoft schemas, so only the ONNX part is checked.
    onnx.checker.check_model(model, full_check=False)
    tmp = out_path + ".tmp"
    onnx.save_model(model, tmp)
    os.replace(tmp, out_path)


if __name__ == "__main__":
    main(sys.argv)
