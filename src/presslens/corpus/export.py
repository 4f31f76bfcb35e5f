"""Export the corpus for notebooks: one Parquet or JSONL file per table.

Parquet files are written in row groups straight from SQLite cursors (memory
stays flat however large the corpus) with fixed Arrow schemas, so DuckDB,
pandas and Polars read them with the same column types every time::

    duckdb.sql("SELECT outlet, count(*) FROM 'export/articles.parquet' GROUP BY 1")
    pandas.read_parquet("export/reuse.parquet")

Nested values (span attributes, reuse passages, whole reports) are JSON strings.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..errors import UnknownFormatError
from .store import Store

#: Output formats of :func:`export`.
EXPORT_FORMATS = ("parquet", "jsonl")

#: Rows per Parquet row group / per SQLite fetch.
BATCH_ROWS = 10_000

#: Each exported table: the SQL that reads it and its columns with Arrow type names.
TABLES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "articles": (
        "SELECT a.id, a.title, a.outlet, a.publisher, a.url, a.published, a.language, a.status, a.duplicate_of,"
        " a.added_at, t.hash AS text_hash, t.text FROM articles a JOIN texts t ON t.rowid = a.text_id ORDER BY a.rowid",
        (("id", "string"), ("title", "string"), ("outlet", "string"), ("publisher", "string"), ("url", "string"),
         ("published", "date32"), ("language", "string"), ("status", "string"), ("duplicate_of", "string"),
         ("added_at", "string"), ("text_hash", "string"), ("text", "string")),
    ),
    "spans": (
        "SELECT article_id, layer, start, end, label, score, attrs FROM spans ORDER BY rowid",
        (("article_id", "string"), ("layer", "string"), ("start", "int32"), ("end", "int32"), ("label", "string"),
         ("score", "float64"), ("attrs", "string")),
    ),
    "quotes": (
        "SELECT article_id, position, start, end, text, kind, speaker, speaker_role, outlet FROM quotes"
        " ORDER BY article_id, position",
        (("article_id", "string"), ("position", "int32"), ("start", "int32"), ("end", "int32"), ("text", "string"),
         ("kind", "string"), ("speaker", "string"), ("speaker_role", "string"), ("outlet", "string")),
    ),
    "speakers": (
        "SELECT article_id, name, role, quotes FROM speakers ORDER BY name, article_id",
        (("article_id", "string"), ("name", "string"), ("role", "string"), ("quotes", "int32")),
    ),
    "outlets": (
        "SELECT name, country, state_affiliated, typology, profile FROM outlets ORDER BY name",
        (("name", "string"), ("country", "string"), ("state_affiliated", "bool_"), ("typology", "string"),
         ("profile", "string")),
    ),
    "reuse": (
        "SELECT a, b, share_a, share_b, passages, origin FROM reuse ORDER BY a, b",
        (("a", "string"), ("b", "string"), ("share_a", "float64"), ("share_b", "float64"), ("passages", "string"),
         ("origin", "string")),
    ),
    "reports": (
        "SELECT article_id, analyzed_at, schema_version, analyzers, report FROM reports ORDER BY article_id",
        (("article_id", "string"), ("analyzed_at", "string"), ("schema_version", "string"), ("analyzers", "string"),
         ("report", "string")),
    ),
}


def _convert(value, arrow_type: str):
    if value is None:
        return None
    if arrow_type == "date32":
        return dt.date.fromisoformat(value)
    if arrow_type == "bool_":
        return bool(value)
    return value


def _rows(store: Store, table: str):
    sql, columns = TABLES[table]
    cursor = store.connection.execute(sql)
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield [{name: _convert(row[index], kind) for index, (name, kind) in enumerate(columns)} for row in batch]


def _write_parquet(store: Store, table: str, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in TABLES[table][1]])
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in _rows(store, table):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _write_jsonl(store: Store, table: str, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for batch in _rows(store, table):
            for row in batch:
                handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += len(batch)
    return count


def export(store: Store, directory: str | Path, output_format: str = "parquet",
           tables: tuple[str, ...] = tuple(TABLES)) -> dict[str, Path]:
    """Write ``tables`` of ``store`` into ``directory`` as ``<table>.parquet`` or ``<table>.jsonl``.

    Returns the file written for each table.
    """
    if output_format not in EXPORT_FORMATS:
        raise UnknownFormatError(f"unknown export format {output_format!r}; valid formats: "
                                 f"{', '.join(EXPORT_FORMATS)}")
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise UnknownFormatError(f"unknown table(s) {', '.join(unknown)}; valid tables: {', '.join(TABLES)}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    writer = _write_parquet if output_format == "parquet" else _write_jsonl
    written = {}
    for table in tables:
        path = directory / f"{table}.{output_format}"
        writer(store, table, path)
        written[table] = path
    return written
