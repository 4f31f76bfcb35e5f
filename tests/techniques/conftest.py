"""A tiny synthetic PTC corpus, written by the tests, and a model folder fitted on it without torch.

The model's layers are the base all-MiniLM-L6-v2 layers above the shared ones (not fine-tuned); its SI
and TC heads are logistic regressions fitted on their states, so that the tests exercise the shipped
code path (the ONNX graph, the heads, decoding) in seconds.
"""

import json

import numpy as np
import pytest

from presslens.techniques.formats import Label

PATTERNS = [
    ("These evil traitors", "Name_Calling,Labeling"),
    ("absolutely disgusting", "Loaded_Language"),
    ("Make the nation great again", "Slogans"),
]
FILLER = [
    "The committee met on Tuesday to discuss the budget.",
    "Officials said the report would be published next week.",
    "The weather in the capital was mild for the season.",
]


def make_corpus(n_articles: int = 8) -> tuple[dict[str, str], list[Label]]:
    articles: dict[str, str] = {}
    labels: list[Label] = []
    for number in range(n_articles):
        article_id = str(1000 + number)
        text = f"Report number {number}\n\n"
        for line in range(6):
            text += FILLER[(number + line) % len(FILLER)] + "\n"
            phrase, technique = PATTERNS[(number + line) % len(PATTERNS)]
            start = len(text)
            text += f"{phrase} said the speaker."
            labels.append(Label(article_id, start, start + len(phrase), technique))
            text += "\n"
        articles[article_id] = text
    return articles, labels


def fit_model_folder(folder, articles, labels):
    """Write a model folder whose heads are fitted by scikit-learn on the base layers' states."""
    import onnx
    from safetensors.numpy import load_file
    from sklearn.linear_model import LogisticRegression

    from presslens.encoder import build_graph, bundled_model_dir, default_encoder
    from presslens.techniques.model import FORMAT_VERSION, TechniqueModel, piece_tags, span_signals
    from presslens.techniques.scorer import merge_spans

    encoder = default_encoder()
    weights = load_file(str(bundled_model_dir() / "model.safetensors"))
    layers = range(encoder.shared_layers, int(encoder.config["num_hidden_layers"]))
    onnx.save(build_graph(weights, encoder.config, layers, embeddings=False), folder / "model.onnx")
    classes = sorted({label.technique for label in labels})
    meta = {"format_version": FORMAT_VERSION, "classes": classes, "choices": {"threshold": 0.5, "low_threshold": 0.3},
            "data": "synthetic"}
    (folder / "meta.json").write_text(json.dumps(meta))
    hidden = encoder.dimension
    np.savez(folder / "heads.npz", **{"si.weight": np.zeros((3, hidden), np.float32), "si.bias": np.zeros(3, np.float32),
                                      "tc.weight": np.zeros((len(classes), hidden + 2), np.float32),
                                      "tc.bias": np.zeros(len(classes), np.float32)})
    model = TechniqueModel.load(folder, encoder=encoder)
    si_x, si_y, tc_x, tc_y = [], [], [], []
    for article_id, text in articles.items():
        outputs = model.outputs(text)
        mine = [label for label in labels if label.article_id == article_id]
        si_x.append(outputs.states)
        si_y.append(piece_tags(outputs.offsets, merge_spans((label.start, label.end) for label in mine)))
        for label in mine:
            index = outputs.pieces(label.start, label.end)
            tc_x.append(np.concatenate([outputs.states[index].mean(0), span_signals(text, label.start, label.end)]))
            tc_y.append(classes.index(label.technique))
    si = LogisticRegression(max_iter=2000).fit(np.concatenate(si_x), np.concatenate(si_y))
    tc = LogisticRegression(max_iter=2000).fit(np.stack(tc_x), tc_y)
    np.savez(folder / "heads.npz", **{"si.weight": si.coef_.astype(np.float32), "si.bias": si.intercept_.astype(np.float32),
                                      "tc.weight": tc.coef_.astype(np.float32), "tc.bias": tc.intercept_.astype(np.float32)})
    return folder


@pytest.fixture(scope="session")
def synthetic_corpus():
    """The corpus maker, for tests that want articles the model was not trained on."""
    return make_corpus


@pytest.fixture(scope="session")
def corpus():
    return make_corpus()


@pytest.fixture(scope="session")
def trained_model(corpus, tmp_path_factory):
    articles, labels = corpus
    return fit_model_folder(tmp_path_factory.mktemp("model"), articles, labels)


@pytest.fixture()
def corpus_dir(corpus, tmp_path):
    articles, labels = corpus
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id, text in articles.items():
        (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    return folder
