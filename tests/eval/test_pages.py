"""``presslens eval pages``: gold pages read through the whole chain, scored by overlap and speaker."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.article import Article, Span
from presslens.cli import cli
from presslens.errors import MalformedRecordError
from presslens.eval.pages import GoldAttribution, GoldPage, PageScores, load_gold, pair, same_speaker, speaker_key

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "benchmarks" / "attribution"
SHARED = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
PTC = SHARED / "data" / "ptc" / "train-articles"

PAGE = "<html><body><article><h1>Port strike</h1><p>“We are ready,” said Marta Ilves. Talks failed.</p></article></body></html>"


def write_gold(tmp_path: Path, attributions: list[dict]) -> Path:
    (tmp_path / "strike.html").write_text(PAGE, encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"page": "strike.html", "attributions": attributions}]), encoding="utf-8")
    return path


def quote(start: int, end: int, name: str | None) -> Span:
    speaker = Span(0, 1, "person", attrs={"name": name, "role": None}) if name else None
    return Span(start, end, "direct", attrs={"speaker": speaker, "cue": None})


@pytest.mark.parametrize("name, key", [("The Minister", "minister"), ("Iraq’s foreign ministry", "iraq's foreign ministry"),
                                       ("Volkova's", "volkova"), (None, None)])
def test_speaker_key(name, key):
    assert speaker_key(name) == key


@pytest.mark.parametrize("gold, predicted, same", [
    ("Dana Whitfield", "Lt Col Dana Whitfield", True),
    ("65 women", "65 women from both parties", True),
    ("Jan de Wit", "Jan", False),
    ("Iraq’s foreign ministry", "Iraq", False),
    (None, None, True),
    (None, "he", False),
])
def test_same_speaker(gold, predicted, same):
    assert same_speaker(gold, predicted) is same


def test_pair_needs_half_of_the_shorter_span():
    assert pair([(0, 10), (20, 30)], [(4, 12), (28, 60)]) == [(0, 0)]


def test_page_strings_are_found_in_the_text_the_chain_reads(tmp_path):
    (page,), skipped = load_gold(write_gold(tmp_path, [{"content": "We are ready", "speaker": "Marta Ilves"}]))
    start, end = page.attributions[0].content
    assert (page.article.text[start:end], skipped) == ("We are ready", [])


def test_a_gold_string_missing_from_the_text_is_an_error(tmp_path):
    with pytest.raises(MalformedRecordError, match="not in the article text"):
        load_gold(write_gold(tmp_path, [{"content": "We never said this", "speaker": "Marta Ilves"}]))


def test_ptc_pages_are_skipped_without_the_articles(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"ptc": "111111115", "attributions": []}]), encoding="utf-8")
    assert load_gold(path, ptc_dir=tmp_path / "absent") == ([], ["ptc 111111115"])


def scored(spans: list[Span], *flags: str) -> dict:
    text = "“We are ready,” said Marta Ilves. “Talks failed.”"
    gold = (GoldAttribution((1, 13), "Marta Ilves", "direct"), GoldAttribution((34, 47), "Marta Ilves", "direct", flags))
    scores = PageScores()
    scores.add(GoldPage("page t", "page", Article(text=text), gold), spans)
    return scores.as_dict()["total"]["all"]


def test_right_content_with_the_wrong_speaker_counts_only_for_content():
    row = scored([quote(0, 14, "Marta Ilves"), quote(33, 48, "Piet Ronner")])
    assert (row["content"]["f1"], row["with speaker"]["f1"], row["speaker accuracy"]) == (1.0, 0.5, 0.5)


def test_a_borderline_gold_and_its_match_are_left_out():
    row = scored([quote(0, 14, "Marta Ilves"), quote(33, 48, None)], "borderline")
    assert (row["content"]["gold"], row["content"]["predicted"], row["with speaker"]["f1"]) == (1, 1, 1.0)


def test_the_repository_pages_are_all_found():
    pages, _ = load_gold(GOLD / "gold-pages.json")
    assert len(pages) == 8 and all(len(page.attributions) >= 8 for page in pages)


@pytest.mark.skipif(not PTC.is_dir(), reason="needs ../shared/data/ptc (the PTC train articles)")
def test_the_ptc_sample_is_in_bounds_of_its_articles():
    pages, skipped = load_gold(GOLD / "gold-ptc.json", ptc_dir=PTC)
    assert (len(pages), skipped) == (8, [])


def test_eval_pages_command(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "pages", str(write_gold(tmp_path, [
        {"content": "We are ready", "speaker": "Marta Ilves"}])), "--json"])
    assert json.loads(result.output)["scores"]["total"]["all"]["with speaker"]["f1"] == 1.0
