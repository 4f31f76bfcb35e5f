"""The sources analyzer: attribution forms, false positives, the publisher profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REFERENCE_ARTICLE, requires_reference

from presslens.analyzers.sources import SourceAnalyzer, publisher
from presslens.article import Article
from presslens.ingest import read_inputs
from presslens.context import Context
from presslens.pipeline import Pipeline
from presslens.settings import Settings

SETTINGS = Settings(analyzers=("sources",))


def sources(text: str) -> list[tuple[str, str, str | None]]:
    """(outlet name, kind, cue text) for each source span found in ``text``."""
    article = Article(text=text)
    spans = SourceAnalyzer().analyze(article, Context(article))
    return [(s.attrs["name"], s.attrs["kind"], s.attrs["cue"] and s.attrs["cue"].text_in(text)) for s in spans]


def analyze_file(path: Path):
    (result,) = list(read_inputs(str(path), SETTINGS))
    return Pipeline(SETTINGS).analyze(result.article).to_dict()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("RT reports that the talks failed.", ("RT", "attribution", "reports")),
        ("The talks failed, as Sputnik reports.", ("Sputnik", "attribution", "reports")),
        ("According to Reuters, the talks failed.", ("Reuters", "attribution", "According to")),
        ("The talks failed, according to the state news agency TASS.", ("TASS", "attribution", "according to")),
        ("Lavrov told CNN on Monday that talks failed.", ("CNN", "attribution", "told")),
        ("Speaking to RT, the analyst said talks failed.", ("RT", "attribution", "Speaking to")),
        ("RIA Novosti reported that the talks failed.", ("RIA Novosti", "attribution", "reported")),
        ("He said so in an interview with Izvestia.", ("Izvestia", "attribution", "in an interview with")),
        ("A TASS correspondent saw the convoy.", ("TASS", "attribution", "correspondent")),
        ("The story was first reported by the BBC.", ("BBC", "attribution", "reported by")),
        ("Xinhua said the visit would go ahead.", ("Xinhua", "attribution", "said")),
        ("Talks failed.\n\nSource: TASS", ("TASS", "credit line", "Source")),
        ("Talks failed.\nPhoto: Reuters", ("Reuters", "credit line", "Photo")),
        ("The talks failed on Monday (AP).", ("Associated Press", "credit line", None)),
        ("WASHINGTON (AFP) – The talks failed.", ("AFP", "dateline", "WASHINGTON")),
        ("Washington (AFP) – The talks failed.", ("AFP", "dateline", "Washington")),
        ("MOSCOW, Dec 29 (Reuters) - The talks failed.", ("Reuters", "dateline", "MOSCOW, Dec 29")),
        ("WESTERVILLE, OH (WCMH/AP) — Police said.", ("Associated Press", "dateline", "WESTERVILLE, OH")),
        ("Talks failed.\nBy Anna Petrova and The Associated Press", ("Associated Press", "credit line", "By")),
        ("A police car.\nTom Dodge/The Columbus Dispatch via AP\nMore text.", ("Associated Press", "credit line", "via")),
        ("A police car.\nAndrew Welsh-Huggins/AP\nMore text.", ("Associated Press", "credit line", None)),
        ("©2018 Los Angeles Times", ("Los Angeles Times", "credit line", "©2018")),
        ("Clinton said in an NBC interview that he was right.", ("NBC News", "attribution", "interview")),
        ("The Associated Press confirms the report.", ("Associated Press", "attribution", "confirms")),
        ("She said so, according to a 2013 Washington Post article.", ("The Washington Post", "attribution", "according to")),
        ("Video footage obtained by Reuters shows the convoy.", ("Reuters", "attribution", "obtained by")),
        ("By contrast, Reuters reported a smaller crowd.", ("Reuters", "attribution", "reported")),
        ("According to the Sunday Times, the minister resigned.", ("The Sunday Times", "attribution", "According to")),
        ("BuzzFeed reported that the dossier was unverified.", ("BuzzFeed News", "attribution", "reported")),
        ("The MSNBC anchor asked whether the vote was fair.", ("MSNBC", "attribution", "anchor")),
        ("Kommersant is a Moscow business daily.", ("Kommersant", "mention", None)),
        ("Viewers of Al Jazeera saw the clip.", ("Al Jazeera", "mention", None)),
    ],
)
def test_attribution_forms(text, expected):
    assert sources(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "She took AP Physics last year.",
        "The ARTS council and the DIRT project met.",
        "The rt value and the ap index rose.",
        "Michael Bloomberg said he would not run.",
        "The Reuters Institute published a study.",
        "Guardian angels patrolled the subway.",
        "NTV aired the interview.",
        "RT @NATO: the summit starts today.",
        "Channel 5 aired the interview.",
    ],
)
def test_false_positives(text):
    assert sources(text) == []


def test_span_is_the_outlet_name_with_profile_and_explanation():
    text = "RT reports that the talks failed."
    article = Article(text=text)
    (span,) = SourceAnalyzer().analyze(article, Context(article))
    assert (span.text_in(text), span.attrs["state_affiliated"], span.attrs["country"], span.explanation) == (
        "RT",
        True,
        "Russia",
        "attribution cue 'reports' after a known outlet; RT is state-controlled media (Russia)",
    )


@pytest.fixture(scope="module")
def example_report(example_path):
    return analyze_file(example_path)


def test_example_sources(example_report):
    found = [(s["text"], s["name"], s["kind"], s["state_affiliated"]) for s in example_report["sources"]]
    assert found == [
        ("TASS", "TASS", "dateline", True),
        ("Reuters", "Reuters", "attribution", False),
        ("RIA Novosti", "RIA Novosti", "attribution", True),
        ("CNN", "CNN", "attribution", False),
        ("RT", "RT", "attribution", True),
        ("TASS", "TASS", "credit line", True),
    ]


def test_example_publisher_is_unknown_with_reason(example_report):
    found = example_report["summary"]["publisher"]
    assert (found["name"], found["state_affiliated"], found["from"]) == (
        "Baltic Watch",
        None,
        "signature line 'Baltic Watch, 14.03.2023'",
    )


@pytest.mark.parametrize(
    "article, name, state_affiliated",
    [
        (Article(text="x", outlet="RT"), "RT", True),
        (Article(text="x", url="https://www.reuters.com/world/europe/x"), "Reuters", False),
        (Article(text="x", outlet="Some Blog", url="https://tass.com/politics/1"), "TASS", True),
        (Article(text="x", outlet="Ru-Main"), "Ru-Main", None),
    ],
)
def test_publisher(article, name, state_affiliated):
    found = publisher(article)
    assert (found["name"], found["state_affiliated"]) == (name, state_affiliated)


def test_publisher_unknown_outlet_gives_reason():
    assert "not in the outlet registry" in publisher(Article(text="x", outlet="Ru-Main"))["reason"]


def test_publisher_says_where_it_came_from():
    assert publisher(Article(text="x", url="https://www.rt.com/news/1"))["from"] == "URL domain 'rt.com'"


def test_no_publisher_information():
    found = publisher(Article(text="x"))
    assert (found["name"], found["state_affiliated"], bool(found["reason"])) == (None, None, True)


@requires_reference
def test_reference_article_sources():
    report = analyze_file(REFERENCE_ARTICLE)
    found = {(s["name"], s["state_affiliated"], s["country"]) for s in report["sources"]}
    assert found == {("TASS", True, "Russia"), ("RT", True, "Russia"), ("Sputnik", True, "Russia")}
    assert (report["summary"]["publisher"]["name"], report["summary"]["publisher"]["state_affiliated"]) == (
        "Ru-Main",
        None,
    )


def test_works_on_a_doc_from_another_vocabulary():
    import spacy

    text = "RT reports that the talks failed."
    article = Article(text=text)
    context = Context(article, doc=spacy.blank("en")(text))
    assert [s.attrs["name"] for s in SourceAnalyzer().analyze(article, context)] == ["RT"]


@pytest.mark.parametrize("text, name", [
    ("A VOA Extremism Watch Desk reporter said the camp was empty.", "Voice of America"),
    ("A VOA Pentagon correspondent asked about the strike.", "Voice of America"),
    ("Speaking on BBC Radio 4's Today programme, she said talks had failed.", "BBC"),
])
def test_an_outlet_named_with_its_desk_or_programme_is_found(text, name):
    assert [found for found, _kind, _cue in sources(text)] == [name]


@pytest.mark.parametrize("text", ["She studied AP Physics last year.", "The Reuters Institute published a survey."])
def test_a_longer_name_that_is_no_desk_or_programme_is_not_the_outlet(text):
    assert sources(text) == []

