#!/usr/bin/env python3
"""Checks the graph that make-minilm-onnx.py wrote against a plain numpy BERT computed from the
same safetensors, with ONNX Runtime at optimisation level "all" (as Signal Hub runs it).

    check-minilm-onnx.py MODEL.onnx WEIGHTS.safetensors CONFIG.json

Uses python3-onnxruntime and python3-numpy. Exits 1 when a vector differs.
"""

import importlib.util
import json
import math
import os
import sys

import numpy as np
import onnxruntime as ort

EXAMPLE_IDS = [101, 2023, 2003, 2019, 2742, 6251, 102]  # "This is an example sentence"
# sentence-transformers' all-MiniLM-L6-v2 for that sentence (fp32 weights), first four values.
EXAMPLE_START = [0.0677, 0.0636, 0.0487, 0.0794]


def load_maker():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-minilm-onnx.py")
    spec = importlib.util.spec_from_file_location("make_minilm_onnx", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def layer_norm(x, gamma, beta, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def gelu(x):
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def reference(w, config, ids):
    """One unpadded sequence through BERT, mean pooling, L2 normalisation, in float64."""
    w = {k: v.astype(np.float64) for k, v in w.items() if v.dtype != np.int64}
    hidden, heads, eps = config["hidden_size"], config["num_attention_heads"], config["layer_norm_eps"]
    size = hidden // heads
    n = len(ids)
    x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
         + w["embeddings.token_type_embeddings.weight"][0])
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)

    def linear(v, name):
        return v @ w[f"{name}.weight"].T + w[f"{name}.bias"]

    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}"
        q, k, v = (linear(x, f"{p}.attention.self.{m}").reshape(n, heads, size).transpose(1, 0, 2)
                   for m in ("query", "key", "value"))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        probs = scores / scores.sum(-1, keepdims=True)
        context = (probs @ v).transpose(1, 0, 2).reshape(n, hidden)
        x = layer_norm(linear(context, f"{p}.attention.output.dense") + x, w[f"{p}.attention.output.LayerNorm.weight"],
                       w[f"{p}.attention.output.LayerNorm.bias"], eps)
        up = gelu(linear(x, f"{p}.intermediate.dense"))
        x = layer_norm(linear(up, f"{p}.output.dense") + x, w[f"{p}.output.LayerNorm.weight"],
                       w[f"{p}.output.LayerNorm.bias"], eps)
    mean = x.mean(0)
    return mean / np.linalg.norm(mean)


def run_padded(session, sequences):
    width = max(len(s) for s in sequences)
    ids = np.zeros((len(sequences), width), np.int64)
    mask = np.zeros((len(sequences), width), np.int64)
    for row, seq in enumerate(sequences):
        ids[row, : len(seq)] = seq
        mask[row, : len(seq)] = 1
    return session.run(None, {"input_ids": ids, "attention_mask": mask})[0]


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    model_path, weights_path, config_path = argv[1:]
    with open(config_path, encoding="utf-8") as f:
        config = json.load(f)
    weights = load_maker().read_safetensors(weights_path)

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])

    rng = np.random.default_rng(7)
    sequences = [EXAMPLE_IDS] + [[101] + list(rng.integers(1000, 29000, n)) + [102] for n in (3, 40, 126)]
    batched = run_padded(session, sequences)
    failures = 0
    for seq, got in zip(sequences, batched):
        want = reference(weights, config, seq)
        alone = run_padded(session, [seq])[0]
        diff_ref, diff_pad = np.abs(got - want).max(), np.abs(got - alone).max()
        ok = diff_ref < 1e-4 and diff_pad < 1e-5 and abs(np.linalg.norm(got) - 1) < 1e-5
        failures += not ok
        print(f"len {len(seq):3d}: max |onnx - numpy| {diff_ref:.2e}, |padded - alone| {diff_pad:.2e}"
              f"{'' if ok else '  FAILED'}")
    start = batched[0][:4]
    if np.abs(start - EXAMPLE_START).max() > 1e-3:
        print(f"example sentence starts {start}, expected {EXAMPLE_START}  FAILED")
        failures += 1
    else:
        print(f"example sentence starts {np.round(start, 4)} as sentence-transformers does")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv)
