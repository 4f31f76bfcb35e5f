import datetime as dt
import json

from . import probe  # noqa: F401  (registers the probe analyzer)
import pytest
from click.testing import CliRunner

from presslens.article import Article, Span
from presslens.cli import cli
from presslens.corpus.migrations import MIGRATIONS
from presslens.corpus.store import Store
from presslens.report import Report
from presslens.schema import validate_report

RECORDS = [
    {"id": "tass-1", "text": "Die Übung begann am Montag in Litauen, teilte die NATO mit.", "outlet": "TASS",
     "published": "2022-01-10", "language": "de"},
    {"id": "rt-2", "text": "Die Übung begann am Montag in Litauen, teilte die NATO mit.", "outlet": "RT",
     "published": "2022-01-11", "language": "de"},
    {"id": "lsm-3", "text": "In Riga wurde eine Katzenausstellung eröffnet.", "outlet": "LSM", "language": "de"},
]


@pytest.fixture
def db(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(cli, ["corpus", "add", "--db", db, str(source)])
    assert result.exit_code == 0, result.output
    assert "3 added, 0 already stored, 0 failed" in result.output
    return db


def run(*args):
    return CliRunner().invoke(cli, ["corpus", *args])


def test_init_creates_an_empty_database(tmp_path):
    result = run("init", "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 0 and f"schema version {len(MIGRATIONS)}, 0 article(s)" in result.output


def test_add_keeps_record_ids_outlets_and_dates(db):
    with Store(db, read_only=True) as store:
        article = store.get_article("tass-1")
        assert (article.outlet, article.published.isoformat()) == ("TASS", "2022-01-10")
        assert store.get_article("rt-2").outlet == "RT"
        assert store.stats()["status"]["duplicate"] == 1


def test_add_reads_jsonl_from_stdin(tmp_path):
    records = "".join(json.dumps(r) + "\n" for r in RECORDS[1:])
    result = CliRunner().invoke(cli, ["corpus", "add", "--db", str(tmp_path / "c.db"), "-"], input=records)
    assert "2 added, 0 already stored, 0 failed" in result.output


def test_adding_again_adds_nothing_and_a_conflict_is_a_partial_failure(db, tmp_path):
    conflict = tmp_path / "conflict.jsonl"
    conflict.write_text(json.dumps({**RECORDS[0], "text": "Ganz anderer Text."}) + "\n"
                        + json.dumps(RECORDS[2]) + "\n")
    result = run("add", "--db", db, str(conflict))
    assert result.exit_code == 3
    assert "0 added, 1 already stored, 1 failed" in result.output
    assert "already stored with a different text" in result.output


def test_analyze_search_and_stats(db):
    result = run("analyze", "--db", db, "--analyzers", "probe", "--workers", "1", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "2 analysed, 0 failed" in result.output
    assert "0 analysed" in run("analyze", "--db", db, "--analyzers", "probe", "--no-progress").output
    hits = json.loads(run("search", "--db", db, "Katzenausstellung", "--format", "json").output)
    assert [hit["id"] for hit in hits] == ["lsm-3"]
    stats = json.loads(run("stats", "--db", db, "--format", "json").output)
    assert stats["status"]["done"] == 2 and stats["spans"] == {"probe": 2}


def test_unknown_analyzer_is_a_usage_error(db):
    result = run("analyze", "--db", db, "--analyzers", "nope", "--no-progress")
    assert result.exit_code == 64 and "valid names" in result.output


def test_export_writes_one_file_per_table(db, tmp_path):
    result = run("export", "--db", db, "--format", "jsonl", "--output", str(tmp_path / "out"))
    assert result.exit_code == 0
    lines = (tmp_path / "out" / "articles.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["tass-1", "rt-2", "lsm-3"]


def test_missing_database_for_a_reader_says_how_to_create_it(tmp_path):
    result = run("stats", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 66 and "presslens corpus init" in result.output


def test_quotes_command_groups_a_quote_repeated_by_two_outlets(tmp_path):
    db = str(tmp_path / "q.db")
    versions = (("tass", "TASS", "2021-12-29", "the NATO drills near our border are a provocation"),
                ("rt", "RT", "2021-12-30", "the NATO drills near the border are a dangerous provocation"))
    with Store(db) as store:
        for article_id, outlet, published, quote in versions:
            text = f'Maria Zakharova said "{quote}", {outlet} reported.'
            article = Article(text=text, id=article_id, outlet=outlet, published=dt.date.fromisoformat(published))
            start = text.index(quote)
            speaker = Span(0, 15, "PERSON", attrs={"name": "Maria Zakharova", "role": None})
            store.add_article(article)
            store.save_report(Report(article=article, layers={"quotes": [
                Span(start, start + len(quote), "QUOTE", attrs={"kind": "direct", "cue": None, "speaker": speaker,
                                                                 "outlet": None})]}))
    [group] = json.loads(run("quotes", "--db", db, "--format", "json").output)
    assert (group["speaker"], group["first"]["article_id"], group["articles"]) == ("Maria Zakharova", "tass",
                                                                                   ["rt", "tass"])
    [later] = group["versions"]
    assert (later["added"], later["altered"]) == (["dangerous"], [["our", "the"]])
    text_output = run("quotes", "--db", db).output
    assert "first in TASS" in text_output and "added 'dangerous'" in text_output


def test_stories_command_finds_the_two_identical_reports(db):
    stories = json.loads(run("stories", "--db", db, "--format", "json").output)
    assert [story["articles"] for story in stories] == [["tass-1", "rt-2"]]


def test_stories_command_prints_each_story_on_a_line(db):
    assert run("stories", "--db", db).output.startswith("1. 2 articles, 2022-01-10 to 2022-01-11: ")


V1_REPORT = {  # a report as presslens 0.1 (report schema 1.0) stored it: no article.blocks
    "schema_version": "1.0", "id": "tass-1",
    "article": {"id": "tass-1", "text": None, "title": None, "outlet": "TASS", "url": None, "published": "2022-01-10",
                "byline": None, "language": "de", "dateline": None, "input_format": "jsonl", "field_sources": {},
                "removed": [], "extra": {}},
    "sources": [], "entities": [], "quotes": [], "claims": [], "techniques": [],
    "probe": [{"start": 0, "end": 3, "text": "Die", "label": "PROBE", "score": None, "explanation": "",
               "pid": 1}],
    "summary": {}, "analyzers": ["probe"], "warnings": [],
}


@pytest.fixture
def v1_db(db):
    with Store(db) as store:
        store.connection.execute(
            "INSERT INTO reports (article_id, analyzed_at, schema_version, analyzers, report) VALUES (?, ?, ?, ?, ?)",
            ("tass-1", "2025-01-01T00:00:00+00:00", "1.0", '["probe"]', json.dumps(V1_REPORT)))
    return db


def test_init_upgrades_stored_1x_reports(v1_db):
    assert "upgraded 1 stored report(s) to report schema 2.0" in run("init", "--db", v1_db).output


def test_upgraded_report_validates_against_schema_2(v1_db):
    run("init", "--db", v1_db)
    with Store(v1_db) as store:
        stored = json.loads(store.connection.execute("SELECT report FROM reports").fetchone()[0])
    validate_report({**stored, "article": {**stored["article"], "text": ""}})


def test_a_1x_report_reads_back_before_init(v1_db):
    with Store(v1_db, read_only=True) as store:
        assert store.get_report("tass-1").spans("probe")[0].attrs == {"pid": 1}


def test_init_twice_upgrades_nothing_the_second_time(v1_db):
    run("init", "--db", v1_db)
    assert "upgraded" not in run("init", "--db", v1_db).output


def test_add_of_a_truncated_warc_reports_the_loss_and_exits_3(tmp_path):
    from .test_warc import PAGE, warc_record

    record = warc_record("response", "https://example.org/0", "text/html", PAGE)
    archive = tmp_path / "cut.warc"
    archive.write_bytes(b"".join(warc_record("response", f"https://example.org/{i}", "text/html", PAGE)
                                 for i in range(20))[: 10 * len(record) + 500])
    result = run("add", "--db", str(tmp_path / "c.db"), str(archive))
    assert (result.exit_code, "10 added, 0 already stored, 1 failed" in result.output) == (3, True)


def test_add_of_jsonl_with_bad_lines_adds_the_good_ones_and_exits_3(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": "a", "text": "\\ud800"}\n' + b"[" * 100_000 + b"\n"
                       + json.dumps(RECORDS[2]).encode() + b"\n")
    result = run("add", "--db", str(tmp_path / "c.db"), str(source))
    assert (result.exit_code, "1 added, 0 already stored, 2 failed" in result.output) == (3, True)
