import json

import pytest

from presslens.corpus.export import TABLES, export
from presslens.corpus.store import Store
from presslens.errors import UnknownFormatError
from .test_store import make_article, make_report

pyarrow_parquet = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "c.db") as store:
        article = make_article()
        store.add_article(article)
        store.add_article(make_article("copy", outlet="Proxy"))
        store.save_report(make_report(article))
        store.save_reuse([{"a": "a1", "b": "copy", "share_a": 1.0, "share_b": 1.0,
                           "passages": [{"a_start": 0, "a_end": 5, "b_start": 0, "b_end": 5}], "origin": "a1"}])
        yield store


def test_parquet_export_reads_back_with_pyarrow(store, tmp_path):
    written = export(store, tmp_path / "out")
    assert set(written) == set(TABLES)
    articles = pyarrow_parquet.read_table(written["articles"]).to_pylist()
    assert [(a["id"], a["outlet"], str(a["published"]), a["duplicate_of"]) for a in articles] == [
        ("a1", "TASS", "2021-12-29", None), ("copy", "Proxy", "2021-12-29", "a1")]
    quotes = pyarrow_parquet.read_table(written["quotes"]).to_pylist()
    assert quotes[0]["speaker"] == "Maria Zakharova"


def test_parquet_export_reads_back_with_duckdb(store, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    written = export(store, tmp_path / "out")
    rows = duckdb.sql(f"SELECT a, b, share_a, origin FROM '{written['reuse']}'").fetchall()
    assert rows == [("a1", "copy", 1.0, "a1")]
    layers = duckdb.sql(f"SELECT layer, count(*) FROM '{written['spans']}' GROUP BY 1 ORDER BY 1").fetchall()
    assert layers == [("quotes", 1), ("sources", 1), ("techniques", 1)]


def test_jsonl_export(store, tmp_path):
    written = export(store, tmp_path / "out", "jsonl", tables=("outlets", "reports"))
    outlets = [json.loads(line) for line in written["outlets"].read_text().splitlines()]
    assert outlets[0]["name"] == "TASS" and outlets[0]["state_affiliated"] is True
    report = json.loads(json.loads(written["reports"].read_text().splitlines()[0])["report"])
    assert report["quotes"][0]["text"] == "a provocation"


def test_unknown_format_and_table_name_the_valid_ones(store, tmp_path):
    with pytest.raises(UnknownFormatError, match="parquet, jsonl"):
        export(store, tmp_path, "csv")
    with pytest.raises(UnknownFormatError, match="articles"):
        export(store, tmp_path, tables=("nope",))
