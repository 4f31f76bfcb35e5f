"""The claims analyzer, with hand-built entity and quote spans as the agreed interface describes them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from presslens.analyzers.claims import CLAIM_TYPES, ClaimsAnalyzer
from presslens.article import Article, Span
from presslens.errors import ConfigError
from presslens.ingest import article_from_bytes
from presslens.context import Context
from presslens.report import Report
from presslens.schema import validate_report
from presslens.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "presslens" / "examples" / "baltic-drills.txt"
SHARED = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
REFERENCE = SHARED / "examples" / "ru-main-2021-12-29-nato.txt"

TEXT = (
    "Unemployment fell from 8 per cent to 6 per cent last year, a drop of 25 per cent. "
    "“Our economy is the strongest in Europe,” the minister said. "
    "Exports rose by 5 per cent in March, and imports fell by 3 per cent. "
    "It was sunny."
)


def analyze(text: str, *, quotes=(), entities=(), **options) -> list[Span]:
    article = Article(text=text)
    context = Context(article)
    context.set_spans("quotes", list(quotes))
    context.set_spans("entities", list(entities))
    return ClaimsAnalyzer(**options).analyze(article, context)


def by_text(spans: list[Span], text: str) -> dict[str, Span]:
    return {span.text_in(text): span for span in spans}


def test_claims_are_ranked_by_checkworthiness():
    spans = analyze(TEXT, min_score=0.0)
    ranked = sorted(spans, key=lambda s: s.attrs["rank"])
    assert [s.attrs["rank"] for s in ranked] == list(range(1, len(spans) + 1))
    scores = [s.attrs["checkworthiness"] for s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert ranked[0].text_in(TEXT).startswith("Unemployment fell")


def test_min_score_filters_and_is_validated():
    everything = analyze(TEXT, min_score=0.0)
    some = analyze(TEXT, min_score=0.9)
    assert all(span.score >= 0.9 for span in some)
    assert len(some) < len(everything)
    with pytest.raises(ConfigError, match="between 0 and 1"):
        ClaimsAnalyzer(min_score=2)


def test_a_sentence_with_two_claims_is_split_into_clauses():
    texts = set(by_text(analyze(TEXT, min_score=0.0), TEXT))
    assert "Exports rose by 5 per cent in March" in texts
    assert "imports fell by 3 per cent." in texts
    unsplit = set(by_text(analyze(TEXT, min_score=0.0, split_clauses=False), TEXT))
    assert "Exports rose by 5 per cent in March, and imports fell by 3 per cent." in unsplit


def test_short_fragments_are_not_candidates():
    assert "It was sunny." not in by_text(analyze(TEXT, min_score=0.0), TEXT)


def test_speaker_and_quote_come_from_the_enclosing_quote():
    start = TEXT.index("Our economy")
    end = TEXT.index(",” the minister")
    speaker_start = TEXT.index("the minister")
    speaker = Span(speaker_start, speaker_start + len("the minister"), "SPEAKER",
                   attrs={"name": "Anna Example", "role": "minister"})  # fmt: skip
    quote = Span(start, end, "direct", attrs={"kind": "direct", "speaker": speaker, "outlet": None})
    claims = by_text(analyze(TEXT, quotes=[quote], min_score=0.0), TEXT)
    quoted = claims["“Our economy is the strongest in Europe,” the minister said."]
    assert quoted.attrs["speaker"] == "Anna Example"
    assert (quoted.attrs["quote"].start, quoted.attrs["quote"].end) == (start, end)
    assert "quoted opinion" in quoted.attrs["types"]
    unquoted = claims["Unemployment fell from 8 per cent to 6 per cent last year, a drop of 25 per cent."]
    assert unquoted.attrs["speaker"] is None and unquoted.attrs["quote"] is None


def test_entities_inside_the_claim_are_attached():
    start = TEXT.index("Europe")
    europe = Span(start, start + len("Europe"), "LOC")
    claims = by_text(analyze(TEXT, entities=[europe], min_score=0.0), TEXT)
    quoted = claims["“Our economy is the strongest in Europe,” the minister said."]
    assert [e.label for e in quoted.attrs["entities"]] == ["LOC"]
    assert all(not c.attrs["entities"] for t, c in claims.items() if "Europe" not in t)


def test_numeric_checks_overlapping_the_claim_are_attached():
    claims = by_text(analyze(TEXT, min_score=0.0), TEXT)
    claim = claims["Unemployment fell from 8 per cent to 6 per cent last year, a drop of 25 per cent."]
    (check,) = claim.attrs["numeric_checks"]
    assert check.attrs["verdict"] == "consistent"
    assert claim.attrs["type"] == "statistical"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unemployment fell to 6 per cent, the statistics office said.", "statistical"),
        ("Our schools are better than theirs, the governor said.", "comparison"),
        ("Prices rose because the central bank printed money.", "causal"),
        ("The new plant will open next spring, the company said.", "prediction"),
        ("The treaty was signed in 1997 in Paris by the leaders.", "temporal"),
        ("The government has ignored every proposal on security.", "other"),
    ],
)
def test_claim_type(text, expected):
    (claim,) = analyze(text, min_score=0.0)
    assert claim.attrs["type"] == expected
    assert claim.attrs["type"] in (*CLAIM_TYPES, "other")


def _ingest(path: Path) -> Article:
    return article_from_bytes(path.read_bytes(), source=str(path), settings=Settings())


def _analyze_article(article: Article) -> list[Span]:
    context = Context(article)
    context.set_spans("quotes", [])
    context.set_spans("entities", [])
    return ClaimsAnalyzer().analyze(article, context)


def test_bundled_example_troops_claim_ranks_first_with_its_inconsistent_check():
    article = _ingest(EXAMPLE)
    claims = _analyze_article(article)
    top = min(claims, key=lambda s: s.attrs["rank"])
    assert "12,000 troops" in top.text_in(article.text)
    (check,) = top.attrs["numeric_checks"]
    assert check.attrs["verdict"] == "inconsistent"


def test_claims_survive_the_json_round_trip_and_match_the_schema():
    article = _ingest(EXAMPLE)
    report = Report(article=article, layers={"claims": _analyze_article(article)})
    data = json.loads(json.dumps(report.to_dict()))
    validate_report(data)
    item = min(data["claims"], key=lambda c: c["rank"])
    assert {"start", "end", "text", "checkworthiness", "type", "speaker", "rank", "numeric_checks"} <= set(item)
    assert item["numeric_checks"][0]["numbers"][0]["text"] == "25 per cent"
    assert Report.from_dict(data).to_dict() == data


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference article in ../shared not available")
def test_reference_article_sorties_claim_is_top_ranked_with_its_arithmetic():
    article = _ingest(REFERENCE)
    claims = sorted(_analyze_article(article), key=lambda s: s.attrs["rank"])
    top = [c for c in claims[:3] if "sorties" in c.text_in(article.text)]
    assert top, [c.text_in(article.text) for c in claims[:3]]
    (check,) = top[0].attrs["numeric_checks"]
    assert check.attrs["verdict"] == "approximate"
    assert {"436", "710"} <= {n.text_in(article.text) for n in check.attrs["numbers"]}
    assert "+62.8 %" in check.explanation and "60 per cent" in check.explanation


def test_sentences_one_numeric_check_spans_are_one_claim():
    text = "Reconnaissance flights have grown by 60 per cent since 2020. The number of sorties increased from 436 to 710."
    (claim,) = analyze(text, min_score=0.0)
    assert claim.text_in(text) == text
    (check,) = claim.attrs["numeric_checks"]
    assert check.attrs["verdict"] == "approximate"
