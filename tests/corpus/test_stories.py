import datetime as dt

from presslens.article import Article
from presslens.corpus.stories import StoryParams, find_stories

DRILLS = "NATO began military drills in Lithuania near the Baltic coast; troops and tanks took part in the exercise."
GAS = "Gas prices in Europe rose again as pipeline deliveries from Nord Stream fell and storage emptied."
DAY = dt.date(2022, 1, 10)


def article(article_id, text, outlet, days=0):
    return Article(text=text, id=article_id, outlet=outlet, published=DAY + dt.timedelta(days=days))


def corpus():
    return [
        article("d1", DRILLS, "TASS"),
        article("d2", "Military drills: " + DRILLS.replace("took part", "joined"), "RT", 1),
        article("g1", GAS, "Reuters"),
        article("d3", DRILLS + " Moscow protested against the drills.", "BBC", 2),
        article("g2", GAS.replace("rose again", "climbed"), "Kommersant", 1),
        article("x1", "A cat show opened in Riga with hundreds of cats from twelve countries.", "LSM"),
        article("d-late", DRILLS, "TASS", 60),
    ]


def test_articles_about_the_same_event_form_a_story():
    stories = find_stories(corpus())
    assert [story["articles"] for story in stories] == [["d1", "d2", "d3"], ["g1", "g2"]]


def test_a_story_has_terms_outlets_and_a_time_span():
    drills = find_stories(corpus())[0]
    assert "drills" in drills["terms"]
    assert [o["name"] for o in drills["outlets"]] == ["TASS", "RT", "BBC"]
    assert (drills["first"], drills["last"]) == ("2022-01-10", "2022-01-12")


def test_the_time_window_separates_the_same_words_months_apart():
    stories = find_stories(corpus(), StoryParams(window_days=90))
    assert stories[0]["articles"] == ["d1", "d2", "d3", "d-late"]


def test_too_few_articles_give_no_story():
    assert find_stories([article("d1", DRILLS, "TASS")]) == []
