"""A tiny synthetic PTC corpus, written by the tests, and a model trained on it."""

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


@pytest.fixture(scope="session")
def synthetic_corpus():
    """The corpus maker, for tests that want articles the model was not trained on."""
    return make_corpus


@pytest.fixture(scope="session")
def corpus():
    return make_corpus()


@pytest.fixture(scope="session")
def trained_model(corpus, tmp_path_factory):
    from presslens.techniques.model import TechniqueModel

    articles, labels = corpus
    model = TechniqueModel(max_iterations=30, threshold=0.5).fit(articles, labels)
    folder = tmp_path_factory.mktemp("model")
    model.save(folder, notes={"data": "synthetic"})
    return folder


@pytest.fixture()
def corpus_dir(corpus, tmp_path):
    articles, labels = corpus
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id, text in articles.items():
        (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    return folder
