"""The entities analyzer: NER spans, canonical people, roles, NER corrections."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REFERENCE_ARTICLE, requires_reference

from presslens.analyzers.entities import EntityAnalyzer
from presslens.article import Article
from presslens.ingest import read_inputs
from presslens.context import Context
from presslens.pipeline import Pipeline
from presslens.settings import Settings

SETTINGS = Settings(analyzers=("entities",))


def analyze_file(path: Path):
    (result,) = list(read_inputs(str(path), SETTINGS))
    return Pipeline(SETTINGS).analyze(result.article)


def people(text: str) -> dict[str, list[str]]:
    """Canonical name -> roles, for a one-line article."""
    report = Pipeline(SETTINGS).analyze(Article(text=text))
    return {p["name"]: p["roles"] for p in report.summary["people"]}


def person_mentions(text: str) -> list[tuple[str, str, str]]:
    """(mention text, canonical name, mention kind) for each PERSON span."""
    article = Article(text=text)
    spans = EntityAnalyzer().analyze(article, Context(article))
    return [(s.text_in(text), s.attrs["name"], s.attrs["mention"]) for s in spans if s.label == "PERSON"]


@pytest.fixture(scope="module")
def example_people(example_path):
    report = analyze_file(example_path)
    return {p["name"]: p for p in report.summary["people"]}


def test_example_people_are_exactly_the_named_individuals(example_people):
    assert list(example_people) == ["Anna Petrova", "Dmitry Peskov", "Sergey Lavrov", "Jens Stoltenberg", "Pavel Ivanov"]


@pytest.mark.parametrize(
    "name, role",
    [
        ("Dmitry Peskov", "Kremlin spokesman"),
        ("Sergey Lavrov", "Russian Foreign Minister"),
        ("Jens Stoltenberg", "NATO Secretary General"),
        ("Pavel Ivanov", "Military analyst"),
        ("Anna Petrova", "author"),
    ],
)
def test_example_roles(example_people, name, role):
    assert example_people[name]["roles"][0] == role


def test_example_counts_surname_and_description_mentions(example_people):
    # "Dmitry Peskov", "Kremlin spokesman", "Peskov" x2
    assert example_people["Dmitry Peskov"]["mentions"] == 4


def test_surname_resolves_to_full_name_introduced_earlier():
    assert ("Lavrov", "Sergey Lavrov", "name") in person_mentions("Sergey Lavrov arrived. Lavrov said no.")


def test_surname_resolves_to_full_name_introduced_later():
    assert ("Lavrov", "Sergey Lavrov", "name") in person_mentions("Lavrov said no. Sergey Lavrov is a minister.")


def test_possessive_is_not_part_of_the_name():
    assert ("Lavrov", "Sergey Lavrov", "name") in person_mentions("Sergey Lavrov spoke. Lavrov's aide agreed.")


def test_role_before_name_with_possessor_and_commas():
    text = "Risks are high, Russia's Deputy Defence Minister, Alexander Fomin, added."
    assert people(text) == {"Alexander Fomin": ["Deputy Defence Minister"]}


def test_role_after_name_in_apposition():
    assert people("Sergey Lavrov, the foreign minister, said the talks failed.") == {"Sergey Lavrov": ["foreign minister"]}


def test_role_span_is_a_person_mention():
    text = "Kremlin spokesman Dmitry Peskov said so."
    assert ("Kremlin spokesman", "Dmitry Peskov", "role") in person_mentions(text)


def test_description_refers_back_to_the_person_whose_role_fits():
    text = "Foreign Minister Sergey Lavrov met Pavel Ivanov, a military analyst. The diplomat said nothing."
    assert ("diplomat", "Sergey Lavrov", "role") in person_mentions(text)


def test_description_without_a_fitting_person_is_not_a_mention():
    assert person_mentions("The minister said nothing.") == []


def test_title_makes_a_mislabelled_name_a_person():
    # spaCy tags this "Lavrov" ORG; the apposed title shows it is a person.
    assert "Lavrov" in people("Lavrov, the foreign minister, said it.")


def test_a_name_tagged_person_once_is_a_person_everywhere():
    text = "“We cannot be indifferent,” Lavrov said. Sergey Lavrov is the minister."
    assert [m for m in person_mentions(text) if m[0] == "Lavrov"] == [("Lavrov", "Sergey Lavrov", "name")]


def test_title_inside_the_ner_span_is_not_part_of_the_name():
    assert people("Sheriff Jerry Hogrefe said the search went on.") == {"Jerry Hogrefe": ["Sheriff"]}


def test_middle_initial_does_not_make_another_person():
    text = "Donald J. Trump spoke on Monday. Later Donald Trump left."
    assert {name for _, name, _ in person_mentions(text)} == {"Donald J. Trump"}


def test_full_name_with_middle_name_is_one_person():
    text = "Quentin Smith was charged. Quentin Lamar Smith pleaded not guilty."
    assert {name for _, name, _ in person_mentions(text)} == {"Quentin Lamar Smith"}


def test_first_name_resolves_when_only_one_person_has_it():
    assert ("Tommy", "Tommy Robinson", "name") in person_mentions("Tommy Robinson spoke. Supporters cheered Tommy.")


def test_more_specific_role_wins():
    text = "CIA Director Mike Pompeo met Jim Mattis. Director Mike Pompeo left."
    assert people(text)["Mike Pompeo"] == ["CIA Director"]


def test_web_page_words_are_not_people():
    assert "Email" not in people("Email Will Brett with your tips.")


def test_named_ship_is_not_a_person():
    assert people("He mentioned the British destroyer Defender near Crimea.") == {}


def test_spans_carry_explanations_and_stay_in_bounds():
    text = "Kremlin spokesman Dmitry Peskov said Moscow would respond on Tuesday."
    article = Article(text=text)
    spans = EntityAnalyzer().analyze(article, Context(article))
    assert {s.label for s in spans} >= {"PERSON", "GPE", "DATE"}
    assert all(s.explanation and 0 <= s.start < s.end <= len(text) for s in spans)


def test_analyze_without_context_parses_the_article():
    article = Article(text="Jens Stoltenberg spoke.")
    assert [s.attrs["name"] for s in EntityAnalyzer().analyze(article)] == ["Jens Stoltenberg"]


def test_analyze_does_not_mutate_the_article():
    article = Article(text="Jens Stoltenberg spoke.")
    before = article.to_dict()
    EntityAnalyzer().analyze(article)
    assert article.to_dict() == before


@requires_reference
def test_reference_article_people():
    report = analyze_file(REFERENCE_ARTICLE)
    found = {p["name"]: p["roles"] for p in report.summary["people"]}
    assert list(found) == ["Sergey Lavrov", "Putin", "Alexander Fomin", "Sergey Ryabkov"]
    assert found["Sergey Lavrov"][0] == "Russian Foreign Minister"
    assert found["Alexander Fomin"] == ["Deputy Defence Minister"]
    assert found["Sergey Ryabkov"][0] == "Deputy Foreign Minister"


def test_known_outlet_tagged_person_is_an_organisation():
    text = "Russia will defend its interests, Sergey Lavrov promised, as Sputnik reports."
    article = Article(text=text)
    labels = {s.text_in(text): s.label for s in EntityAnalyzer().analyze(article, Context(article))}
    assert labels.get("Sputnik") == "ORG"
