"""The numbers analyzer: parametrised numeric cases, the bundled example and the reference article."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from presslens.analyzers.numbers import CHECKS, DEFAULT_CHECKS, NumbersAnalyzer, reference_date
from presslens.article import Article
from presslens.errors import ConfigError
from presslens.ingest import article_from_bytes
from presslens.report import Report
from presslens.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "presslens" / "examples" / "baltic-drills.txt"
SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
REFERENCE = SHARED / "examples" / "ru-main-2021-12-29-nato.txt"


def checks_of(text: str, **fields) -> list:
    return NumbersAnalyzer(checks=CHECKS).analyze(Article(text=text, **fields))


# (text, check, verdict, computed figure or None)
CASES = [
    # stated percentage change against before/after values
    ("Sorties grew by 60 per cent. Their number increased from 436 to 710.", "percent change", "approximate", 62.84),
    ("Sorties grew by 63 per cent, from 436 to 710.", "percent change", "consistent", 62.84),
    ("Sorties grew by 62.8 per cent, from 436 to 710.", "percent change", "consistent", 62.84),
    ("Sorties grew by 25 per cent, from 436 to 710.", "percent change", "inconsistent", 62.84),
    ("The budget rose from $200 million to $300 million, an increase of 50%.", "percent change", "consistent", 50.0),
    ("The budget rose from $200 million to $300 million, an increase of 30%.", "percent change", "inconsistent", 50.0),
    ("Exports fell by 20 percent, from 1.5 billion euros to 1.2 billion euros.", "percent change", "consistent", -20.0),
    ("Exports fell by 10 percent, from 1.5 billion euros to 1.2 billion euros.", "percent change", "inconsistent", -20.0),
    ("The force has 12,000 troops, up from 9,000 troops last year, an increase of 25 per cent.", "percent change",
     "inconsistent", 33.33),
    ("The force has 12,000 troops, up from 9,000 troops last year, an increase of a third.", "percent change",
     "consistent", 33.33),
    ("Membership rose to 1,100 from 1,000, a 10 per cent increase.", "percent change", "consistent", 10.0),
    ("Membership rose to 1,100 from 1,000, a 12 per cent increase.", "percent change", "inconsistent", 10.0),
    ("Attendance grew by sixty percent, from two hundred to three hundred and twenty.", "percent change",
     "consistent", 60.0),
    ("Attendance grew by sixty percent, from two hundred to three hundred.", "percent change", "inconsistent", 50.0),
    ("Prices were up about 30 per cent, from 10 to 12.9 roubles.", "percent change", "consistent", 29.0),
    ("Prices were up about 30 per cent, from 10 to 13.5 roubles.", "percent change", "inconsistent", 35.0),
    ("Arrests climbed by more than 40 per cent, from 50 to 75.", "percent change", "consistent", 50.0),
    ("Arrests climbed by more than 60 per cent, from 50 to 75.", "percent change", "inconsistent", 50.0),
    ("The population doubled, from 1.2 million to 2.4 million.", "percent change", "consistent", 100.0),
    ("The population doubled, from 1.2 million to 3 million.", "percent change", "inconsistent", 150.0),
    ("The garrison was halved, from 800 to 400 soldiers.", "percent change", "consistent", -50.0),
    ("Turnout rose by 5 percentage points, from 40 per cent to 45 per cent.", "percent change", "consistent", 5.0),
    ("Turnout rose by 8 percentage points, from 40 per cent to 45 per cent.", "percent change", "inconsistent", 5.0),
    ("Turnout rose by 5 per cent, from 40 per cent to 45 per cent.", "percent change", "approximate", 12.5),
    ("Sales dropped by 19 per cent, from 5,000 to 4,000 units.", "percent change", "approximate", -20.0),
    ("It doubled from 1 to 1, officials said.", "percent change", "inconsistent", 0.0),
    ("Turnout rose by 5 percentage points, from 0 per cent to 5 per cent.", "percent change", "consistent", 5.0),
    # parts and their whole
    ("Of the 400 delegates, 120 voted against.", "part of whole", "consistent", 30.0),
    ("Of the 400 delegates, 520 voted against.", "part of whole", "inconsistent", 130.0),
    ("120 of the 400 delegates, or 30 per cent, voted against.", "part of whole", "consistent", 30.0),
    ("120 of the 400 delegates, or 40 per cent, voted against.", "part of whole", "inconsistent", 30.0),
    ("120 of the 400 delegates, or 31 per cent, voted against.", "part of whole", "approximate", 30.0),
    ("Seven out of ten respondents agreed.", "part of whole", "consistent", 70.0),
    ("Twelve out of ten respondents agreed.", "part of whole", "inconsistent", 120.0),
    ("Only 3 of the 2 reactors were running.", "part of whole", "inconsistent", 150.0),
    # totals against their parts
    ("A total of 300 troops took part: 120 from Poland, 100 from Lithuania and 80 from Latvia.", "total of parts",
     "consistent", 300.0),
    ("A total of 300 troops took part: 150 from Poland, 100 from Lithuania and 80 from Latvia.", "total of parts",
     "inconsistent", 330.0),
    ("The fund of $50 million, comprising $20 million in loans and $25 million in grants, opened.", "total of parts",
     "inconsistent", 45_000_000),
    ("The fund of $45 million, comprising $20 million in loans and $25 million in grants, opened.", "total of parts",
     "consistent", 45_000_000),
    ("The 500 detainees, including 200 women and 100 minors, were released.", "total of parts", "consistent", 300.0),
    ("The 500 detainees, including 400 women and 200 minors, were released.", "total of parts", "inconsistent", 600.0),
    # shares of one whole
    ("52 per cent of voters backed the plan and 48 per cent of voters opposed it.", "shares of a whole",
     "consistent", 100.0),
    ("60 per cent of voters backed the plan and 55 per cent of voters opposed it.", "shares of a whole",
     "inconsistent", 115.0),
    ("Half of the voters backed the plan, a third of the voters opposed it and a quarter of the voters abstained.",
     "shares of a whole", "inconsistent", 108.33),
    ("34 per cent of voters backed it, 33 per cent of voters opposed it and 34 per cent of voters abstained.",
     "shares of a whole", "consistent", 101.0),
    # the same quantity given twice
    ("The exercise will involve 12,000 troops. Officials said the exercise would involve 15,000 troops.",
     "repeated quantity", "inconsistent", 12000.0),
    ("The exercise will involve about 12,000 troops. Officials said the exercise would involve 12,500 troops.",
     "repeated quantity", "consistent", 12000.0),
]


@pytest.mark.parametrize(("text", "check", "verdict", "computed"), CASES, ids=[c[0][:50] for c in CASES])
def test_numeric_case(text, check, verdict, computed):
    findings = [span for span in checks_of(text) if span.label == check]
    assert len(findings) == 1, [(s.label, s.explanation) for s in checks_of(text)]
    finding = findings[0]
    assert finding.attrs["verdict"] == verdict, finding.explanation
    if computed is not None:
        assert finding.attrs["computed"] == pytest.approx(computed, abs=0.01)
    assert finding.explanation
    assert len(finding.attrs["numbers"]) >= 1
    for number in finding.attrs["numbers"]:
        assert finding.start <= number.start and number.end <= finding.end


DATE_CASES = [
    ("The talks opened on Tuesday, March 14, 2023.", None, "weekday and date", "consistent"),
    ("The talks opened on Wednesday, March 14, 2023.", None, "weekday and date", "inconsistent"),
    ("The drills start on Monday 20 March.", dt.date(2023, 3, 14), "weekday and date", "consistent"),
    ("The drills start on Friday 20 March.", dt.date(2023, 3, 14), "weekday and date", "inconsistent"),
    ("The minister spoke yesterday, March 13.", dt.date(2023, 3, 14), "relative date", "consistent"),
    ("The minister spoke yesterday, March 12.", dt.date(2023, 3, 14), "relative date", "inconsistent"),
    ("The summit opens today (Tuesday).", dt.date(2023, 3, 14), "relative date", "consistent"),
    ("The summit opens today (Thursday).", dt.date(2023, 3, 14), "relative date", "inconsistent"),
    ("Exercises held last year, in 2022, were smaller.", dt.date(2023, 3, 14), "relative year", "consistent"),
    ("Exercises held last year, in 2021, were smaller.", dt.date(2023, 3, 14), "relative year", "inconsistent"),
]


@pytest.mark.parametrize(("text", "published", "check", "verdict"), DATE_CASES, ids=[c[0][:50] for c in DATE_CASES])
def test_date_case(text, published, check, verdict):
    findings = [span for span in checks_of(text, published=published) if span.label == check]
    assert len(findings) == 1
    assert findings[0].attrs["verdict"] == verdict, findings[0].explanation


@pytest.mark.parametrize(
    "text",
    [
        "Inflation was 60 per cent in Turkey and 70 per cent in Argentina.",
        "The 27 large-scale exercises in 2022 compared with 19 a year earlier.",
        "He spoke on Tuesday about the 2008 Bucharest summit.",
        "74 percent of Democratic voters like Clinton, compared with 64 percent of Democratic voters for Sanders.",
        "He was backed by nearly 6 in 10 of the 3 in 10 voters who care most.",
        "The RC-135 plane flew 3 missions over the Black Sea.",
        "It rose from 0 to 5, an increase of 100 per cent.",
        "Of the 0 delegates, 0 voted, or 10 per cent.",
        f"It rose from 1 to {'9' * 400}, an increase of 100 per cent.",
    ],
)
def test_no_finding_without_a_check_to_make(text):
    assert checks_of(text) == []


def test_reference_date_prefers_the_dateline_with_the_published_year():
    article = Article(text="x", dateline="MOSCOW, March 14 (TASS)", published=dt.date(2023, 3, 15))
    assert reference_date(article) == dt.date(2023, 3, 14)
    assert reference_date(Article(text="x", published=dt.date(2021, 12, 29))) == dt.date(2021, 12, 29)
    assert reference_date(Article(text="x")) is None


def test_unknown_check_names_the_valid_ones():
    with pytest.raises(ConfigError, match="percent change"):
        NumbersAnalyzer(checks=("sums",))


def test_repeated_quantity_is_opt_in():
    text = "The exercise will involve 12,000 troops. Officials said the exercise would involve 15,000 troops."
    assert NumbersAnalyzer().analyze(Article(text=text)) == []
    assert "repeated quantity" in CHECKS and "repeated quantity" not in DEFAULT_CHECKS


def test_subset_of_checks():
    text = "Of the 400 delegates, 520 voted against. Sorties grew by 25 per cent, from 436 to 710."
    spans = NumbersAnalyzer(checks=("part of whole",)).analyze(Article(text=text))
    assert [s.label for s in spans] == ["part of whole"]
    assert set(CHECKS) >= {"percent change", "dates"}


def _ingest(path: Path) -> Article:
    return article_from_bytes(path.read_bytes(), source=str(path), settings=Settings())


def test_bundled_example_troops_increase_is_inconsistent():
    article = _ingest(EXAMPLE)
    changes = [s for s in NumbersAnalyzer().analyze(article) if s.label == "percent change"]
    assert len(changes) == 1
    finding = changes[0]
    assert finding.attrs["verdict"] == "inconsistent"
    assert finding.attrs["computed"] == pytest.approx(33.33, abs=0.01)
    assert [n.text_in(article.text) for n in finding.attrs["numbers"]] == ["25 per cent", "9,000", "12,000"]
    assert "+33.3 %" in finding.explanation


def test_findings_survive_the_json_round_trip():
    article = _ingest(EXAMPLE)
    report = Report(article=article, layers={"numeric_checks": NumbersAnalyzer().analyze(article)})
    data = report.to_dict()
    item = data["numeric_checks"][0]
    assert item["verdict"] == "inconsistent"
    assert [n["text"] for n in item["numbers"]] == ["25 per cent", "9,000", "12,000"]
    assert Report.from_dict(data).to_dict() == data


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference article in ../shared not available")
def test_reference_article_sorties_change_is_approximate():
    article = _ingest(REFERENCE)
    changes = [s for s in NumbersAnalyzer().analyze(article) if s.label == "percent change"]
    assert len(changes) == 1
    finding = changes[0]
    assert finding.attrs["verdict"] == "approximate"
    assert finding.attrs["stated"] == 60
    assert finding.attrs["computed"] == pytest.approx(62.84, abs=0.01)
    assert {n.text_in(article.text) for n in finding.attrs["numbers"]} == {"60 per cent", "436", "710"}
    assert "+62.8 %" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "EgyptAir said 56 passengers and 10 crew members were on board, among them 30 Egyptian citizens and 15 French.",
        "The referendum passed with 57.5 percent of the vote (53 percent turnout).",
        "In a survey, 79 percent of Democrats said they were satisfied and 60 percent said they would like more.",
    ],
)
def test_no_false_finding_seen_on_news(text):
    assert checks_of(text) == []
