import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.article import Span
from presslens.cli import cli
from presslens.errors import InputNotFoundError, MalformedRecordError
from presslens.eval.polnear import Attribution, Document, Scores, load_split, match, parse_ann
from presslens.registry import registered_analyzers

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
POLNEAR = SHARED / "data" / "polnear"

TEXT = "Smith said that taxes will rise. “We are ready,” Jones said."
ANN = """T1\tSource 0 5\tSmith
T2\tCue 6 10\tsaid
T3\tContent 11 31\tthat taxes will rise
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 33 48;48 49\t“We are ready,”
T6\tCue 55 59\tsaid
T7\tSource 49 54\tJones
T8\tAttribution 55 59\tsaid
E2\tAttribution:T8 Content:T5 Cue:T6 Source:T7
T9\tDiscuss 0 5\tSmith
"""


def write_corpus(root: Path, split: str = "dev") -> None:
    (root / "data" / split / "text").mkdir(parents=True)
    (root / "data" / split / "attributions").mkdir(parents=True)
    (root / "data" / split / "text" / "doc-a.txt").write_text(TEXT, encoding="utf-8")
    (root / "data" / split / "attributions" / "doc-a_ab12.ann").write_text(ANN, encoding="utf-8")


def test_parse_ann_reads_events_and_discontinuous_extents():
    found = parse_ann(ANN)
    assert found == [
        Attribution(content=(11, 31), source=(0, 5), cue=(6, 10)),
        Attribution(content=(33, 49), source=(49, 54), cue=(55, 59)),
    ]
    assert found[1].kind(TEXT) == "direct" and found[0].kind(TEXT) == "indirect"


def test_parse_ann_rejects_bad_offsets():
    with pytest.raises(MalformedRecordError):
        parse_ann("T1\tContent 5 x\tbad\n", "bad.ann")


def test_load_split_pairs_text_and_annotations(tmp_path):
    write_corpus(tmp_path)
    for root in (tmp_path, tmp_path / "data", tmp_path / "data" / "dev"):
        (document,) = load_split(root, "dev")
        assert document.name == "doc-a" and document.text == TEXT and len(document.attributions) == 2


def test_load_split_errors_name_the_valid_choices(tmp_path):
    with pytest.raises(MalformedRecordError, match="valid splits: train, dev"):
        load_split(tmp_path, "test")
    with pytest.raises(InputNotFoundError, match="no PolNeAR dev split"):
        load_split(tmp_path, "dev")


def test_overlap_matching_is_one_to_one_largest_overlap_first():
    text = "x" * 100
    assert match([(0, 10), (20, 30)], [(5, 25)], text, exact=False) == [(0, 0)] or \
        match([(0, 10), (20, 30)], [(5, 25)], text, exact=False) == [(1, 0)]
    assert match([(0, 10)], [(10, 20)], text, exact=False) == []
    assert sorted(match([(0, 10), (20, 30)], [(2, 8), (21, 22)], text, exact=False)) == [(0, 0), (1, 1)]


def test_exact_matching_ignores_edge_punctuation():
    text = "that taxes will rise."
    assert match([(0, 20)], [(0, 21)], text, exact=True) == [(0, 0)]
    assert match([(0, 20)], [(5, 21)], text, exact=True) == []


def test_scores_split_direct_and_indirect():
    document = Document("doc-a", TEXT, tuple(parse_ann(ANN)))
    perfect = [
        Span(11, 31, "indirect", attrs={"speaker": Span(0, 5, "person"), "cue": Span(6, 10, "cue")}),
        Span(33, 48, "direct", attrs={"speaker": Span(49, 54, "person"), "cue": Span(55, 59, "cue")}),
    ]
    scores = Scores()
    scores.add(document, perfect)
    result = scores.as_dict()
    assert result["content overlap"]["all"]["f1"] == 1.0
    assert result["content exact"]["direct"]["f1"] == 1.0
    assert result["source"]["indirect"]["f1"] == 1.0
    half = Scores()
    half.add(document, perfect[:1] + [Span(0, 3, "indirect", attrs={"speaker": None, "cue": None})])
    cell = half.as_dict()["content overlap"]["all"]
    assert (cell["matched"], cell["gold"], cell["predicted"]) == (1, 2, 2)
    assert half.misses[0][1].content == (33, 49)


@pytest.mark.skipif("sources" not in registered_analyzers(), reason="needs the sources analyzer (branch analyzers)")
def test_eval_polnear_command(tmp_path):
    write_corpus(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "polnear", str(tmp_path), "--split", "dev", "--json"])
    assert result.exit_code == 0, result.output
    assert '"content overlap"' in result.output and '"documents": 1' in result.output


def test_eval_polnear_missing_split_exits_with_input_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "polnear", str(tmp_path)])
    assert result.exit_code == 66
    assert "no PolNeAR dev split" in result.output


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="needs ../shared/data/polnear")
def test_real_corpus_offsets_point_at_the_annotated_text():
    documents = load_split(POLNEAR, "dev", limit=3)
    assert len(documents) == 3
    for document in documents:
        ann = next((POLNEAR / "data" / "dev" / "attributions").glob(f"{document.name}_*.ann")).read_text()
        for line in ann.splitlines():
            fields = line.split("\t")
            if line.startswith("T") and ";" not in fields[1]:
                _, start, end = fields[1].split()
                assert document.text[int(start):int(end)] == fields[2]
