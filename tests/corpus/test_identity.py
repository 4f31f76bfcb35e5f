import datetime as dt

import pytest

from presslens.article import Article, Span
from presslens.corpus import identity
from presslens.corpus.identity import clean_name, is_role, resolve
from presslens.corpus.store import Store
from presslens.report import Report

COUNTS = {"Donald Trump": 1618, "Donald J. Trump": 247, "Trump": 48, "Mr. Trump": 9, "Crooked Hillary Clinton": 3,
          "Hillary Clinton": 900, "Bill Clinton": 100, "Clinton": 40, "Obama": 30, "Barack Obama": 200,
          "Obama Says": 2, "just 28 percent of voters": 1, "Vermont": 4, "Associated Press": 5}


@pytest.fixture(scope="module")
def people():
    return resolve(COUNTS, non_persons={"Vermont"})


def test_middle_initial_is_the_same_person(people):
    assert people["Donald J. Trump"] == "Donald Trump"


def test_dominated_bare_surname_joins_the_full_name(people):
    assert people["Trump"] == "Donald Trump"


def test_honorific_surname_joins_the_full_name(people):
    assert people["Mr. Trump"] == "Donald Trump"


def test_epithet_in_front_is_stripped(people):
    assert people["Crooked Hillary Clinton"] == "Hillary Clinton"


def test_surname_of_two_people_without_a_dominant_one_stays_apart():
    assert resolve({"Hillary Clinton": 60, "Bill Clinton": 40, "Clinton": 10})["Clinton"] == "Clinton"


def test_people_sharing_a_surname_are_not_merged(people):
    assert people["Bill Clinton"] == "Bill Clinton"


def test_headline_verb_is_not_a_name(people):
    assert "Obama Says" not in people


def test_number_phrase_is_not_a_name(people):
    assert "just 28 percent of voters" not in people


def test_place_known_to_the_corpus_is_not_a_speaker(people):
    assert "Vermont" not in people


def test_outlet_is_not_a_speaker(people):
    assert "Associated Press" not in people


def test_most_quoted_variant_is_the_canonical_name(people):
    assert people["Obama"] == "Barack Obama"


def test_merge_correction_wins():
    assert resolve({"Hillary Clinton": 60, "Bill Clinton": 40, "Clinton": 10},
                   corrections={"Clinton": "Bill Clinton"})["Clinton"] == "Bill Clinton"


def test_split_correction_keeps_the_alias_apart():
    assert resolve({"Donald Trump": 60, "Trump": 10}, corrections={"Trump": None})["Trump"] == "Trump"


def test_junior_is_another_person():
    assert resolve({"Donald Trump": 50, "Donald Trump Jr.": 5})["Donald Trump Jr."] == "Donald Trump Jr."


def test_a_participle_in_front_is_not_part_of_the_name():
    assert clean_name("Asserting Clinton") == "Clinton"


@pytest.mark.parametrize("name", ["Aides", "Senior advisers", "Critics"])
def test_a_group_of_people_is_no_name(name):
    assert clean_name(name) is None


@pytest.mark.parametrize(("name", "clean"), [
    ("President-elect Trump", "Trump"),
    ("Vice-President Pence", "Pence"),
    ("Republican nominee Donald Trump", "Donald Trump"),
    ("Former Secretary of State Hillary Clinton", "Hillary Clinton"),
    ("Chief Justice John Roberts", "John Roberts"),
    ("Mike Judge", "Mike Judge"),
])
def test_titles_and_the_words_before_them_are_not_the_name(name, clean):
    assert clean_name(name) == clean


def test_a_hyphenated_title_is_no_full_name_competing_for_the_surname():
    assert resolve({"Donald J. Trump": 10, "President-elect Trump": 3, "Trump": 3})["Trump"] == "Donald J. Trump"


def test_clean_name_strips_titles():
    assert clean_name("Sen. Bernie Sanders") == "Bernie Sanders"


@pytest.mark.parametrize("role", ["7:10 p.m. \n\n", "Mr.", "Hillary Clinton", "I"])
def test_noise_is_not_a_role(role):
    assert not is_role(role)


@pytest.mark.parametrize("role", ["Florida Sen.", "House Speaker", "President", "veteran media consultant"])
def test_roles_are_roles(role):
    assert is_role(role)


def _quoting(store, article_id, outlet, name, role, quotes=1):
    text = "Someone said " + " ".join(f'"quote number {i}."' for i in range(quotes))
    article = Article(text=text, id=article_id, outlet=outlet, published=dt.date(2016, 5, 1))
    store.add_article(article)
    speaker = Span(0, 7, "PERSON", attrs={"name": name, "role": role})
    spans = [Span(text.index(f"quote number {i}"), text.index(f"quote number {i}") + 14, "QUOTE",
                  attrs={"kind": "direct", "cue": None, "speaker": speaker, "outlet": None}) for i in range(quotes)]
    store.save_report(Report(article=article, layers={"quotes": spans}, analyzers=["quotes"]))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "people.db") as store:
        _quoting(store, "a", "wash-post", "Donald Trump", "Republican nominee", 3)
        _quoting(store, "b", "nyt", "Donald J. Trump", "Republican nominee", 2)
        _quoting(store, "c", "nyt", "Trump", "veteran media consultant")
        _quoting(store, "d", "nyt", "Obama Says", None)
        identity.refresh(store)
        yield store


def test_store_speakers_are_people(store):
    assert [row["name"] for row in store.speakers()] == ["Donald Trump"]


def test_store_person_counts_every_alias(store):
    assert store.speaker("Trump")["quotes"] == 6


def test_store_person_shows_the_most_frequent_role(store):
    assert store.speaker("Donald J. Trump")["role"] == "Republican nominee"


def test_store_roles_are_counted_per_article(store):
    assert store.speaker("Trump")["roles"] == [{"role": "Republican nominee", "articles": 2},
                                               {"role": "veteran media consultant", "articles": 1}]


def test_store_quotes_carry_the_canonical_name(store):
    assert {row["speaker"] for row in store.quotes(speaker="Mr. Trump")} == {"Donald Trump"}


def test_split_is_applied_on_later_runs(store):
    identity.correct(store, "Trump", None)
    identity.refresh(store)
    assert store.person_name("Trump") == "Trump"


def test_publisher_is_the_registry_name(store):
    assert store.list_articles(outlet="The Washington Post")[0]["id"] == "a"


def test_publishers_are_counted_apart_from_cited_outlets(store):
    assert (store.stats()["publishers"], store.stats()["cited_outlets"]) == (2, 0)
