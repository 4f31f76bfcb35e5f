"""A random two-layer BERT of width 8, in the safetensors key names, for fast graph tests."""

import numpy as np

TINY_CONFIG = {"hidden_size": 8, "num_attention_heads": 2, "num_hidden_layers": 2, "layer_norm_eps": 1e-12}


def tiny_weights(layers=2, vocab=20, hidden=8, inner=16, seed=0):
    rng = np.random.default_rng(seed)
    weights = {"embeddings.word_embeddings.weight": rng.normal(size=(vocab, hidden)),
               "embeddings.position_embeddings.weight": rng.normal(size=(32, hidden)),
               "embeddings.token_type_embeddings.weight": rng.normal(size=(2, hidden)),
               "embeddings.LayerNorm.weight": np.ones(hidden), "embeddings.LayerNorm.bias": np.zeros(hidden),
               "classifier.weight": rng.normal(size=(2, hidden)), "classifier.bias": np.zeros(2)}  # fmt: skip
    for layer in range(layers):
        prefix = f"encoder.layer.{layer}."
        for name, shape in (("attention.self.query", (hidden, hidden)), ("attention.self.key", (hidden, hidden)),
                            ("attention.self.value", (hidden, hidden)), ("attention.output.dense", (hidden, hidden)),
                            ("intermediate.dense", (inner, hidden)), ("output.dense", (hidden, inner))):  # fmt: skip
            weights[prefix + name + ".weight"] = rng.normal(size=shape) * 0.3
            weights[prefix + name + ".bias"] = rng.normal(size=shape[0]) * 0.1
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[prefix + norm + ".weight"] = np.ones(hidden)
            weights[prefix + norm + ".bias"] = np.zeros(hidden)
    return {key: value.astype(np.float32) for key, value in weights.items()}
