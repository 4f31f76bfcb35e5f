import datetime as dt
import json

import numpy as np
import pytest

from presslens.article import Article, Span
from presslens.corpus.store import Store
from presslens.corpus.stories import StoryParams, find_stories, lead, update_stories
from presslens.report import Report

DRILLS = "NATO began military drills in Lithuania near the Baltic coast; troops and tanks took part in the exercise."
GAS = "Gas prices in Europe rose again as pipeline deliveries from Nord Stream fell and storage emptied."
CATS = "A cat show opened in Riga with hundreds of cats from twelve countries."
DAY = dt.date(2022, 1, 10)


def article(article_id, text, outlet, days=0, title=None):
    return Article(text=text, id=article_id, outlet=outlet, title=title, published=DAY + dt.timedelta(days=days))


class TopicEncoder:
    """Unit vectors by topic word (drills, gas, cats, else a vector of its own), counting what it encodes."""

    TOPICS = ("drills", "gas", "cat")

    def __init__(self):
        self.encoded = []

    def encode(self, texts):
        self.encoded += texts
        vectors = np.zeros((len(texts), 8), dtype=np.float32)
        for row, text in enumerate(texts):
            topic = next((k for k, word in enumerate(self.TOPICS) if word in text.lower()), 3 + row % 5)
            vectors[row, topic] = 1.0
        return vectors


def corpus():
    return [
        article("d1", DRILLS, "TASS"),
        article("d2", "Military drills: " + DRILLS.replace("took part", "joined"), "RT", 1),
        article("g1", GAS, "Reuters"),
        article("d3", DRILLS + " Moscow protested against the drills.", "BBC", 2),
        article("g2", GAS.replace("rose again", "climbed"), "Kommersant", 1),
        article("x1", CATS, "LSM"),
        article("d-late", DRILLS, "TASS", 60),
    ]


def stories_of(articles, params=StoryParams(), names=None):
    return find_stories(articles, params, vectors=TopicEncoder().encode([a.text for a in articles]), names=names)


def test_articles_about_the_same_event_form_a_story():
    assert [sorted(story["articles"]) for story in stories_of(corpus())] == [["d1", "d2", "d3"], ["g1", "g2"]]


def test_a_story_has_outlets_and_a_time_span():
    drills = stories_of(corpus())[0]
    assert sorted(o["name"] for o in drills["outlets"]) == ["BBC", "RT", "TASS"]
    assert (drills["first"], drills["last"]) == ("2022-01-10", "2022-01-12")


def test_the_time_window_separates_the_same_event_months_apart():
    assert sorted(stories_of(corpus(), StoryParams(window_days=90))[0]["articles"]) == ["d-late", "d1", "d2", "d3"]


def test_too_few_articles_give_no_story():
    assert stories_of([article("d1", DRILLS, "TASS")]) == []


def test_shared_rare_names_join_articles_that_meaning_alone_keeps_apart():
    articles = [article("a", "Storm news", "X"), article("b", "Flood news", "Y")]
    vectors = np.array([[1.0, 0.0], [0.4, 0.9165]], dtype=np.float32)
    names = [{"Riga": 2, "Latvia": 1}, {"Riga": 1, "Latvia": 1}]
    assert len(find_stories(articles, vectors=vectors, names=names)) == 1


def test_meaning_alone_keeps_them_apart():
    articles = [article("a", "Storm news", "X"), article("b", "Flood news", "Y")]
    vectors = np.array([[1.0, 0.0], [0.4, 0.9165]], dtype=np.float32)
    assert find_stories(articles, vectors=vectors) == []


def test_average_linkage_does_not_chain_two_events_through_a_bridge():
    # a ~ bridge ~ b, but a and b have nothing in common: not one story of three.
    angle = np.deg2rad([0, 50, 100])
    vectors = np.stack([np.cos(angle), np.sin(angle)], axis=1).astype(np.float32)
    articles = [article(name, name, "X") for name in ("a", "bridge", "b")]
    found = find_stories(articles, StoryParams(threshold=0.6, entity_weight=0), vectors=vectors)
    assert [len(story["articles"]) for story in found] == [2]


def test_a_story_of_two_needs_the_pair_threshold():
    articles = [article("a", "Storm news", "X"), article("b", "Flood news", "Y")]
    vectors = np.array([[1.0, 0.0], [0.57, 0.8216]], dtype=np.float32)
    assert find_stories(articles, StoryParams(entity_weight=0), vectors=vectors) == []


def test_the_label_is_the_title_of_the_most_central_article():
    articles = [article("d1", DRILLS, "TASS", title="Drills begin"), article("d2", DRILLS, "RT", 1, title="Drills"),
                article("d3", DRILLS, "BBC", 2, title="More drills")]
    assert stories_of(articles)[0]["label"] == "Drills begin"


def test_lead_is_the_title_and_the_first_words_without_the_title_twice():
    assert lead(Article(text="Drills begin\n\nNATO began drills on Monday.", title="Drills begin"), 3) == \
        "Drills begin\nNATO began drills"


def build_store(path, articles):
    with Store(path) as store:
        for item in articles:
            store.add_article(item)
    return path


def test_update_stories_stores_the_stories_and_their_articles(tmp_path):
    db = build_store(tmp_path / "c.db", corpus())
    with Store(db) as store:
        update_stories(store, encoder=TopicEncoder())
        rows = store.connection.execute("SELECT id, articles, outlets FROM stories ORDER BY id").fetchall()
        assert [(row["id"], row["articles"]) for row in rows] == [(1, 3), (2, 2)]


def test_a_second_run_encodes_only_new_articles(tmp_path):
    db = build_store(tmp_path / "c.db", corpus())
    with Store(db) as store:
        update_stories(store, encoder=TopicEncoder())
        store.add_article(article("g3", GAS + " Traders worried.", "DW", 2))
        encoder = TopicEncoder()
        found = update_stories(store, encoder=encoder)
    assert (len(encoder.encoded), sorted(found[1]["articles"])) == (1, ["g1", "g2", "g3"])


def test_an_exact_copy_joins_its_originals_story(tmp_path):
    db = build_store(tmp_path / "c.db", [*corpus(), article("g1-copy", GAS, "Yahoo", 1)])
    with Store(db) as store:
        found = update_stories(store, encoder=TopicEncoder())
    assert sorted(found[1]["articles"]) == ["g1", "g1-copy", "g2"]


def test_names_come_from_the_entities_layer(tmp_path):
    text = "Nord Stream deliveries fell."
    db = build_store(tmp_path / "c.db", [article("n1", text, "A"), article("n2", text + " More.", "B", 1)])
    with Store(db) as store:
        for article_id in ("n1", "n2"):
            stored = store.get_article(article_id)
            store.save_report(Report(article=stored, layers={"entities": [Span(0, 11, "ORG")]}))
        found = update_stories(store, encoder=TopicEncoder(), params=StoryParams(threshold=0.4, entity_weight=1))
    assert found[0]["names"] == ["Nord Stream"]


@pytest.mark.parametrize("params", [StoryParams(), StoryParams(lead_words=10)])
def test_stored_stories_record_their_parameters(tmp_path, params):
    db = build_store(tmp_path / "c.db", corpus())
    with Store(db) as store:
        update_stories(store, params, encoder=TopicEncoder())
        stored = json.loads(store.connection.execute("SELECT params FROM stories LIMIT 1").fetchone()[0])
    assert stored["lead_words"] == params.lead_words
