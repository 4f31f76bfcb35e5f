"""Versioned schema migrations of the corpus database.

The database's ``PRAGMA user_version`` is the number of migrations applied.
:data:`MIGRATIONS` only ever grows: to change the schema, append a new script;
never edit one that has shipped. :func:`migrate` applies the missing ones in
order, each in its own transaction, and refuses a database written by a newer
presslens. The schema is described in ``docs/corpus.md``.
"""

from __future__ import annotations

import sqlite3

from ..errors import SchemaVersionError, StoreError

_V1 = """
CREATE TABLE texts (
    rowid INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL
);
CREATE VIRTUAL TABLE texts_fts USING fts5(
    text, content='texts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    text_id INTEGER NOT NULL REFERENCES texts(rowid),
    duplicate_of TEXT REFERENCES articles(id),
    title TEXT,
    outlet TEXT,
    publisher TEXT,
    url TEXT,
    published TEXT,
    language TEXT,
    metadata TEXT NOT NULL,
    added_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'claimed', 'done', 'failed', 'duplicate')),
    claimed_by TEXT,
    claimed_at REAL,
    error TEXT
);
CREATE INDEX articles_status ON articles(status);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_publisher ON articles(publisher);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_text ON articles(text_id);
CREATE TABLE reports (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    analyzed_at TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    analyzers TEXT NOT NULL,
    report TEXT NOT NULL
);
CREATE TABLE spans (
    article_id TEXT NOT NULL REFERENCES articles(id),
    layer TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    label TEXT NOT NULL,
    score REAL,
    attrs TEXT NOT NULL
);
CREATE INDEX spans_article ON spans(article_id);
CREATE INDEX spans_layer_label ON spans(layer, label);
CREATE TABLE outlets (
    name TEXT PRIMARY KEY,
    country TEXT,
    state_affiliated INTEGER,
    typology TEXT,
    profile TEXT
);
CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT,
    speaker TEXT,
    speaker_role TEXT,
    outlet TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE TABLE speakers (
    article_id TEXT NOT NULL REFERENCES articles(id),
    name TEXT NOT NULL,
    role TEXT,
    quotes INTEGER NOT NULL,
    PRIMARY KEY (article_id, name)
);
CREATE INDEX speakers_name ON speakers(name);
CREATE TABLE reuse (
    a TEXT NOT NULL REFERENCES articles(id),
    b TEXT NOT NULL REFERENCES articles(id),
    share_a REAL NOT NULL,
    share_b REAL NOT NULL,
    passages TEXT NOT NULL,
    origin TEXT,
    PRIMARY KEY (a, b)
);
CREATE INDEX reuse_b ON reuse(b);
"""

#: The reuse job's own state, so that it streams from disk, resumes and runs incrementally: LSH band keys
#: of every signed article (one blob per partition and signature chunk, document = article rowid), candidate
#: pairs in batches with whether each was aligned, the aligned pairs by article rowid, and the stages' marks.
_V2 = """
CREATE TABLE reuse_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE reuse_bands (
    partition INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    keys BLOB NOT NULL,
    documents BLOB NOT NULL,
    PRIMARY KEY (partition, last_seq)
);
CREATE TABLE reuse_candidates (
    batch INTEGER PRIMARY KEY,
    pairs BLOB NOT NULL,
    aligned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reuse_candidates_pending ON reuse_candidates(aligned);
CREATE TABLE reuse_aligned (
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    share_a REAL NOT NULL,
    share_b REAL NOT NULL,
    passages TEXT NOT NULL,
    matched INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
"""

#: Version 3: one identity per person (canonical names, their aliases, the analyst's corrections), and what kind
#: of reuse each pair is and which of its two articles is the source.
_V3 = """
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE person_aliases (
    alias TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id)
);
CREATE INDEX person_aliases_person ON person_aliases(person_id);
CREATE TABLE people_corrections (
    alias TEXT PRIMARY KEY,
    person TEXT
);
ALTER TABLE reuse ADD COLUMN kind TEXT;
ALTER TABLE reuse ADD COLUMN source TEXT;
CREATE INDEX reuse_kind ON reuse(kind);
"""

#: Version 4: stories (``corpus.stories``): each article's lead vector, kept so that a later run encodes only new
#: articles, and the stories of the last run with their articles, most central first.
_V4 = """
CREATE TABLE story_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    model TEXT NOT NULL,
    vector BLOB NOT NULL
);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    names TEXT NOT NULL,
    first TEXT,
    last TEXT,
    articles INTEGER NOT NULL,
    outlets TEXT NOT NULL,
    cohesion REAL NOT NULL,
    params TEXT NOT NULL
);
CREATE TABLE story_articles (
    story_id INTEGER NOT NULL REFERENCES stories(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles(article_id);
"""

#: Schema scripts in order; the database's ``user_version`` counts those applied.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4)


def schema_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection, *, source: str, migrations: tuple[str, ...] = MIGRATIONS) -> int:
    """Bring the schema up to date; return the number of migrations applied now."""
    current = schema_version(connection)
    if current > len(migrations):
        raise SchemaVersionError(
            f"database schema version {current} is newer than this presslens knows ({len(migrations)}); "
            "upgrade presslens to open it",
            source=source,
        )
    for version, script in enumerate(migrations[current:], start=current + 1):
        # executescript() commits first; BEGIN inside the script makes the step atomic.
        try:
            connection.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
        except sqlite3.Error as exc:
            if connection.in_transaction:
                connection.rollback()
            raise StoreError(f"schema migration {version} failed ({exc}); the database is unchanged",
                             source=source) from exc
    return len(migrations) - current
