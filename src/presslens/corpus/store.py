"""The corpus store: articles, their reports and what was found in them, in one SQLite file.

SQLite in WAL mode lets readers (the web app, a notebook) work while a batch
run writes. Texts are stored once, keyed by their SHA-256: an exact copy of a
stored text added under another id keeps its own id, outlet and date (where a
copy appeared is the provenance signal) but points at the original through
``duplicate_of`` and is not analysed again. Full-text search uses FTS5.

>>> store = Store("corpus.db")
>>> store.add_article(article)          # ('tass-1', True)
>>> store.save_report(pipeline.analyze(article))
>>> store.search("Baltic drills")
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import socket
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, NamedTuple

from ..article import Article, Span
from .. import outlets as outlet_registry
from ..errors import ArticleConflictError, ArticleNotFoundError, DamagedStoreError, QuerySyntaxError, StoreError
from ..report import SCHEMA_MAJOR, SCHEMA_VERSION, Report, span_to_dict, upgrade_report_dict
from .identity import clean_name, is_role
from .migrations import MIGRATIONS, migrate, schema_version
from .views import technique_key

#: Article states in the batch life cycle.
STATUSES = ("pending", "claimed", "done", "failed", "duplicate")

#: A claim older than this many seconds whose owner cannot be checked is taken back.
DEFAULT_CLAIM_LEASE_S = 3600.0

#: Report summary keys whose value is copied into the ``outlets`` table.
_PUBLISHER_KEY = "publisher"


#: What FTS5 puts around a match: Unicode noncharacters, which no published text uses, turned into
#: ``[``/``]`` once the text's own brackets are escaped.
_MATCH_OPEN, _MATCH_CLOSE = "\ufdd0", "\ufdd1"
_SNIPPET_PART = re.compile(r"\\(.)|(\[)|(\])|([^\\\[\]]+)", re.DOTALL)


def _marked_snippet(raw: str) -> str:
    escaped = raw.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return escaped.replace(_MATCH_OPEN, "[").replace(_MATCH_CLOSE, "]")


def snippet_parts(snippet: str) -> Iterator[tuple[str, bool]]:
    """A :meth:`Store.search` snippet as ``(text, is_match)`` pieces, its escapes undone."""
    matched = False
    for match in _SNIPPET_PART.finditer(snippet):
        escaped, opening, closing, plain = match.groups()
        if opening or closing:
            matched = bool(opening)
        else:
            yield (escaped if escaped is not None else plain), matched


def publisher_name(outlet: str | None) -> str | None:
    """The publisher as the outlet registry names it ("wash-post" is "The Washington Post"), else as given."""
    profile = outlet_registry.lookup(outlet) if outlet else None
    return profile.name if profile is not None else outlet


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_article_id(text: str) -> str:
    """The id of an article that came without one: a prefix of its text's hash."""
    return "sha256:" + text_hash(text)[:16]


class ArticleRow(NamedTuple):
    """An article as the store writes it, made by :func:`article_row` (so that it can be made in another
    process than the one writing it)."""

    id: str
    hash: str
    text: str
    title: str | None
    outlet: str | None
    publisher: str | None
    url: str | None
    published: str | None
    language: str | None
    metadata: str  # JSON of every Article field but the text


def article_row(article: Article) -> ArticleRow:
    """The row :meth:`Store.add_row` writes for ``article``; an article without an id gets
    :func:`default_article_id`."""
    article_id = article.id or default_article_id(article.text)
    metadata = article.to_dict()
    del metadata["text"]
    metadata["id"] = article_id
    return ArticleRow(article_id, text_hash(article.text), article.text, article.title, article.outlet,
                      publisher_name(article.outlet), article.url, metadata["published"], article.language,
                      json.dumps(metadata, ensure_ascii=False))


def claim_owner() -> str:
    """This process, as written in a claim: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_is_dead(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _bool_or_none(value: Any) -> int | None:
    return None if value is None else int(bool(value))


#: Tables every presslens corpus database has from its first migration on.
CORE_TABLES = frozenset({"texts", "articles", "reports", "spans"})

#: What to do with a database that failed its check, said with every :class:`DamagedStoreError`.
DAMAGED_ADVICE = ("nothing was written to it; restore it from a backup, or add the articles again into a new "
                  "file with `presslens corpus add --db NEW.db ...`")


def check_integrity(connection: sqlite3.Connection, *, source: str) -> None:
    """Refuse a file that is not SQLite, is truncated or damaged (``PRAGMA quick_check``), or is another
    program's database: raise :class:`DamagedStoreError` before anything is written.

    ``quick_check`` reads every page once (no index cross-checks), a fraction of a second for a corpus of
    thousands of articles.
    """
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DamagedStoreError(f"not a readable SQLite database ({exc}); {DAMAGED_ADVICE}", source=source) from exc
    if problems != ["ok"]:
        first = " ".join(" ".join(problems).replace("*** in database main ***", "").split())[:160]
        raise DamagedStoreError(f"the corpus database is damaged ({first}); {DAMAGED_ADVICE}", source=source)
    if version == 0 and tables:
        raise DamagedStoreError(f"an SQLite database of another program (tables {', '.join(sorted(tables))}), "
                                "not a presslens corpus; give another --db path", source=source)
    if version > 0 and not CORE_TABLES <= tables:
        raise DamagedStoreError(f"the corpus database lacks its tables {', '.join(sorted(CORE_TABLES - tables))}; "
                                f"{DAMAGED_ADVICE}", source=source)


class Store:
    """A corpus database at ``path`` (created and migrated on first use).

    ``read_only=True`` opens an existing database without write access, for
    readers such as the web app.
    """

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        source = str(self.path)
        try:
            if read_only:
                if not self.path.exists():
                    raise ArticleNotFoundError("no corpus database here; create it with `presslens corpus init`",
                                               source=source)
                self.connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                                  check_same_thread=False, isolation_level=None)
                check_integrity(self.connection, source=source)
                if schema_version(self.connection) < len(MIGRATIONS):
                    raise StoreError(f"the corpus database has schema version {schema_version(self.connection)}, "
                                     f"this presslens reads version {len(MIGRATIONS)}; upgrade it with "
                                     "`presslens corpus init --db DB`", source=source)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None,
                                                  timeout=60)
                check_integrity(self.connection, source=source)
                self.connection.execute("PRAGMA journal_mode=WAL")
                self.connection.execute("PRAGMA synchronous=NORMAL")
                migrate(self.connection, source=source)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the corpus database ({exc})", source=source) from exc
        self.connection.row_factory = sqlite3.Row
        self.connection.create_function("is_role", 1, is_role, deterministic=True)
        self.connection.create_function("technique_key", 1, lambda name: name and technique_key(name),
                                        deterministic=True)
        self.connection.create_function("word_count", 1, lambda text: len(text.split()), deterministic=True)
        self.connection.execute("PRAGMA foreign_keys=ON")

    # -- life cycle -------------------------------------------------------

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.connection)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all.

        Inside an open transaction this joins it, so that callers can group
        several writes (``add_article`` calls, say) into one commit.
        """
        if self.connection.in_transaction:
            yield self.connection
            return
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    # -- articles ---------------------------------------------------------

    def add_article(self, article: Article) -> tuple[str, bool]:
        """Store ``article``; return its id and whether it was new.

        An article without an id gets :func:`default_article_id`. Adding the
        same id with the same text again changes nothing; the same id with
        another text raises :class:`ArticleConflictError`.
        """
        return self.add_row(article_row(article))

    def add_articles(self, articles: Iterable[Article]) -> list[tuple[str, bool]]:
        """Store many articles in one transaction."""
        with self.transaction():
            return [self.add_row(article_row(article)) for article in articles]

    def add_row(self, row: ArticleRow) -> tuple[str, bool]:
        """Store an :func:`article_row`, as :meth:`add_article` stores an article."""
        with self.transaction() as db:
            article_id, digest = row.id, row.hash
            text_row = db.execute("SELECT rowid FROM texts WHERE hash = ?", (digest,)).fetchone()
            existing = db.execute("SELECT text_id FROM articles WHERE id = ?", (article_id,)).fetchone()
            if existing is not None:
                if text_row is not None and existing["text_id"] == text_row["rowid"]:
                    return article_id, False
                raise ArticleConflictError(
                    f"article id {article_id!r} is already stored with a different text; "
                    "give this article another id", source=article_id)
            duplicate_of = None
            if text_row is None:
                text_id = db.execute("INSERT INTO texts (hash, text) VALUES (?, ?)", (digest, row.text)).lastrowid
                db.execute("INSERT INTO texts_fts (rowid, text) VALUES (?, ?)", (text_id, row.text))
            else:
                text_id = text_row["rowid"]
                duplicate_of = db.execute(
                    "SELECT id FROM articles WHERE text_id = ? AND duplicate_of IS NULL", (text_id,)).fetchone()["id"]
            db.execute(
                "INSERT INTO articles (id, text_id, duplicate_of, title, outlet, publisher, url, published, language,"
                " metadata, added_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, text_id, duplicate_of, row.title, row.outlet, row.publisher, row.url, row.published,
                 row.language, row.metadata, _now(), "duplicate" if duplicate_of else "pending"),
            )
            return article_id, True

    def get_article(self, article_id: str) -> Article:
        row = self.connection.execute(
            "SELECT a.metadata, t.text FROM articles a JOIN texts t ON t.rowid = a.text_id WHERE a.id = ?",
            (article_id,)).fetchone()
        if row is None:
            raise ArticleNotFoundError(f"no article with id {article_id!r} in the corpus", source=str(self.path))
        return Article.from_dict({**json.loads(row["metadata"]), "text": row["text"]})

    def iter_articles(self, *, unique_texts: bool = False, batch: int = 1000) -> Iterator[Article]:
        """Every article in insertion order; ``unique_texts`` skips exact duplicates."""
        where = "WHERE a.duplicate_of IS NULL" if unique_texts else ""
        last = 0
        while True:
            rows = self.connection.execute(
                f"SELECT a.rowid AS seq, a.metadata, t.text FROM articles a JOIN texts t ON t.rowid = a.text_id "
                f"{where} {'AND' if where else 'WHERE'} a.rowid > ? ORDER BY a.rowid LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield Article.from_dict({**json.loads(row["metadata"]), "text": row["text"]})
            last = rows[-1]["seq"]

    def duplicates(self) -> list[tuple[str, str]]:
        """``(original id, copy id)`` for every exact copy, in insertion order."""
        rows = self.connection.execute(
            "SELECT duplicate_of, id FROM articles WHERE duplicate_of IS NOT NULL ORDER BY rowid")
        return [(row[0], row[1]) for row in rows]

    def list_articles(self, *, outlet: str | None = None, date_from: dt.date | str | None = None,
                      date_to: dt.date | str | None = None, technique: str | None = None,
                      speaker: str | None = None, state_affiliated: bool | None = None,
                      limit: int = 50, offset: int = 0) -> list[dict]:
        """Articles matching every filter given, newest first."""
        clauses: list[str] = []
        params: list[Any] = []
        if outlet is not None:
            clauses.append("(lower(a.outlet) = lower(?) OR lower(a.publisher) = lower(?))")
            params += [outlet, outlet]
        if date_from is not None:
            clauses.append("a.published >= ?")
            params.append(str(date_from))
        if date_to is not None:
            clauses.append("a.published <= ?")
            params.append(str(date_to))
        if technique is not None:
            clauses.append("EXISTS (SELECT 1 FROM spans s WHERE s.article_id = COALESCE(a.duplicate_of, a.id)"
                           " AND s.layer = 'techniques' AND (technique_key(s.label) = ?"
                           " OR technique_key(json_extract(s.attrs, '$.technique')) = ?))")
            params += [technique_key(technique)] * 2
        if speaker is not None:
            clauses.append("EXISTS (SELECT 1 FROM speakers p WHERE p.article_id = COALESCE(a.duplicate_of, a.id)"
                           " AND lower(p.name) = lower(?))")
            params.append(speaker)
        if state_affiliated is not None:
            clauses.append("EXISTS (SELECT 1 FROM outlets o WHERE o.name = a.publisher AND o.state_affiliated = ?)")
            params.append(int(state_affiliated))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.connection.execute(
            "SELECT a.id, a.title, a.outlet, a.publisher, a.url, a.published, a.language, a.status,"
            f" a.duplicate_of FROM articles a {where}"
            " ORDER BY a.published IS NULL, a.published DESC, a.rowid LIMIT ? OFFSET ?",
            (*params, limit, offset)).fetchall()
        return [dict(row) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search (FTS5 query syntax); best matches first, with a highlighted snippet.

        The snippet marks matches with ``[`` and ``]``, and a backslash escapes a bracket or backslash of
        the text itself (``\\[``), so that a marker is never confused with the text; it is plain text, to be
        escaped by a renderer (:func:`snippet_parts` splits it).
        """
        try:
            rows = self.connection.execute(
                "SELECT a.id, a.title, a.outlet, a.published, a.duplicate_of,"
                f" snippet(texts_fts, 0, '{_MATCH_OPEN}', '{_MATCH_CLOSE}', '…', 12) AS snippet,"
                " bm25(texts_fts) AS rank"
                " FROM texts_fts JOIN articles a ON a.text_id = texts_fts.rowid"
                " WHERE texts_fts MATCH ? ORDER BY rank, a.rowid LIMIT ?", (query, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise QuerySyntaxError(f"cannot search for {query!r} ({exc}); use words, \"a phrase\", a OR b, "
                                   "prefix*", source=str(self.path)) from exc
        return [{**dict(row), "snippet": _marked_snippet(row["snippet"])} for row in rows]

    # -- reports ----------------------------------------------------------

    def save_report(self, report: Report) -> None:
        """Store ``report`` for its article (replacing an earlier one) and mark the article done."""
        with self.transaction():
            self._write_report(report)

    def complete_claims(self, reports: Iterable[Report], owner: str) -> int:
        """Store reports of articles claimed by ``owner``, in one transaction; return how many were stored.

        A report whose article is no longer claimed by ``owner`` (the claim was
        taken back, or another run finished it) is dropped, so that no article
        gets two analyses.
        """
        stored = 0
        with self.transaction() as db:
            for report in reports:
                claimed = db.execute("SELECT 1 FROM articles WHERE id = ? AND status = 'claimed' AND claimed_by = ?",
                                     (report.article.id, owner)).fetchone()
                if claimed:
                    self._write_report(report, replace=False)
                    stored += 1
        return stored

    def _write_report(self, report: Report, *, replace: bool = True) -> None:
        db = self.connection
        article_id = report.article.id
        if article_id is None or db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise ArticleNotFoundError(f"cannot save a report for article {article_id!r}: add the article first",
                                       source=str(self.path))
        for table in ("spans", "quotes", "speakers"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        data = report.to_dict()
        data["article"] = {**data["article"], "text": None}
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        db.execute(f"{verb} INTO reports (article_id, analyzed_at, schema_version, analyzers, report)"
                   " VALUES (?, ?, ?, ?, ?)",
                   (article_id, _now(), SCHEMA_VERSION, json.dumps(report.analyzers),
                    json.dumps(data, ensure_ascii=False)))
        if report.article.language:  # identified by the analysis when `corpus add` left it out
            db.execute("UPDATE articles SET language = ? WHERE id = ? AND language IS NULL",
                       (report.article.language, article_id))
        text = report.article.text
        span_rows = []
        for layer, spans in report.layers.items():
            for span in spans:
                item = span_to_dict(span, text)
                attrs = {key: value for key, value in item.items()
                         if key not in ("start", "end", "text", "label", "score")}
                span_rows.append((article_id, layer, span.start, span.end, span.label, span.score,
                                  json.dumps(attrs, ensure_ascii=False)))
        db.executemany("INSERT INTO spans (article_id, layer, start, end, label, score, attrs)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", span_rows)
        self._write_quotes(article_id, report)
        self._write_outlets(report)
        publisher = _publisher(report)
        db.execute("UPDATE articles SET status = 'done', claimed_by = NULL, claimed_at = NULL, error = NULL,"
                   " publisher = COALESCE(?, publisher, outlet) WHERE id = ?", (publisher and publisher["name"], article_id))

    def _write_quotes(self, article_id: str, report: Report) -> None:
        text = report.article.text
        per_speaker: dict[str, list] = {}
        rows = []
        for position, span in enumerate(report.spans("quotes")):
            speaker = span.attrs.get("speaker")
            name = role = None
            if isinstance(speaker, Span):
                name = speaker.attrs.get("name") or speaker.text_in(text)
                role = speaker.attrs.get("role")
            rows.append((article_id, position, span.start, span.end, span.text_in(text), span.attrs.get("kind"),
                         name, role, span.attrs.get("outlet")))
            if name:
                entry = per_speaker.setdefault(name, [role, 0])
                entry[0] = entry[0] or role
                entry[1] += 1
        self.connection.executemany(
            "INSERT INTO quotes (article_id, position, start, end, text, kind, speaker, speaker_role, outlet)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.connection.executemany(
            "INSERT INTO speakers (article_id, name, role, quotes) VALUES (?, ?, ?, ?)",
            [(article_id, name, role, count) for name, (role, count) in per_speaker.items()])

    def _write_outlets(self, report: Report) -> None:
        profiles: list[Mapping[str, Any]] = [span.attrs for span in report.spans("sources") if span.attrs.get("name")]
        publisher = _publisher(report)
        if publisher is not None:
            profiles.append(publisher)
        for profile in profiles:
            clean = {key: value for key, value in profile.items()
                     if isinstance(value, (str, int, float, bool, list, type(None)))}
            self.connection.execute(
                "INSERT INTO outlets (name, country, state_affiliated, typology, profile) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET country = COALESCE(excluded.country, country),"
                " state_affiliated = COALESCE(excluded.state_affiliated, state_affiliated),"
                " typology = COALESCE(excluded.typology, typology), profile = COALESCE(profile, excluded.profile)",
                (profile["name"], profile.get("country"), _bool_or_none(profile.get("state_affiliated")),
                 profile.get("typology"), json.dumps(clean, ensure_ascii=False)))

    def upgrade_reports(self, *, batch_size: int = 500) -> int:
        """Rewrite stored reports of an earlier schema version in this version's form; return how many."""
        upgraded = 0
        select = ("SELECT article_id, report FROM reports WHERE schema_version NOT LIKE ? "
                  "ORDER BY article_id LIMIT ?")
        while True:
            with self.transaction() as db:
                rows = db.execute(select, (f"{SCHEMA_MAJOR}.%", batch_size)).fetchall()
                for row in rows:
                    data = upgrade_report_dict(json.loads(row["report"]))
                    db.execute("UPDATE reports SET schema_version = ?, report = ? WHERE article_id = ?",
                               (SCHEMA_VERSION, json.dumps(data, ensure_ascii=False), row["article_id"]))
            upgraded += len(rows)
            if len(rows) < batch_size:
                return upgraded

    def get_report(self, article_id: str) -> Report:
        """The stored report of an article; an exact copy gets its original's findings with its own metadata."""
        article = self.get_article(article_id)
        row = self.connection.execute(
            "SELECT r.report FROM articles a JOIN reports r ON r.article_id = COALESCE(a.duplicate_of, a.id)"
            " WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            raise ArticleNotFoundError(f"article {article_id!r} has not been analysed yet; run "
                                       "`presslens corpus analyze`", source=str(self.path))
        data = json.loads(row["report"])
        data["article"] = article.to_dict()
        data["id"] = article.id
        return Report.from_dict(data)

    # -- batch claims -----------------------------------------------------

    def claim_pending(self, owner: str, limit: int) -> list[Article]:
        """Mark up to ``limit`` pending articles as claimed by ``owner`` and return them."""
        with self.transaction() as db:
            rows = db.execute("SELECT id FROM articles WHERE status = 'pending' ORDER BY rowid LIMIT ?",
                              (limit,)).fetchall()
            ids = [row["id"] for row in rows]
            db.executemany("UPDATE articles SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE id = ?",
                           [(owner, time.time(), article_id) for article_id in ids])
        return [self.get_article(article_id) for article_id in ids]

    def release_stale_claims(self, *, lease_s: float = DEFAULT_CLAIM_LEASE_S) -> int:
        """Put back to pending the claims of dead processes on this host and claims older than ``lease_s``."""
        with self.transaction() as db:
            rows = db.execute("SELECT id, claimed_by, claimed_at FROM articles WHERE status = 'claimed'").fetchall()
            now = time.time()
            stale = [row["id"] for row in rows
                     if _owner_is_dead(row["claimed_by"] or "") or now - (row["claimed_at"] or 0) > lease_s]
            db.executemany("UPDATE articles SET status = 'pending', claimed_by = NULL, claimed_at = NULL"
                           " WHERE id = ?", [(article_id,) for article_id in stale])
        return len(stale)

    def release_claims(self, owner: str) -> int:
        """Put back to pending every article still claimed by ``owner`` (a run that stopped early)."""
        with self.transaction() as db:
            return db.execute("UPDATE articles SET status = 'pending', claimed_by = NULL, claimed_at = NULL"
                              " WHERE status = 'claimed' AND claimed_by = ?", (owner,)).rowcount

    def fail_claim(self, article_id: str, owner: str, error: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET status = 'failed', error = ?, claimed_by = NULL, claimed_at = NULL"
                       " WHERE id = ? AND claimed_by = ?", (error, article_id, owner))

    def retry_failed(self) -> int:
        with self.transaction() as db:
            return db.execute("UPDATE articles SET status = 'pending', error = NULL WHERE status = 'failed'").rowcount

    def count(self, status: str) -> int:
        return self.connection.execute("SELECT count(*) FROM articles WHERE status = ?", (status,)).fetchone()[0]

    # -- outlets and speakers ---------------------------------------------

    def outlets(self) -> list[dict]:
        """Every outlet that published or was cited: its profile and counts, most articles first.

        ``articles`` counts what it published; ``mentions`` counts citations of it in other publishers' articles.
        """
        rows = self.connection.execute(
            "WITH cited AS (SELECT json_extract(s.attrs, '$.name') AS name, count(*) AS mentions FROM spans s"
            "   JOIN articles a ON a.id = s.article_id WHERE s.layer = 'sources'"
            "   AND json_extract(s.attrs, '$.name') IS NOT a.publisher GROUP BY 1),"
            " published AS (SELECT publisher AS name, count(*) AS articles FROM articles"
            "   WHERE publisher IS NOT NULL GROUP BY 1),"
            " names AS (SELECT name FROM cited WHERE name IS NOT NULL UNION SELECT name FROM published)"
            " SELECT n.name, o.country, o.state_affiliated, o.typology, COALESCE(p.articles, 0) AS articles,"
            " COALESCE(c.mentions, 0) AS mentions FROM names n LEFT JOIN outlets o ON o.name = n.name"
            " LEFT JOIN published p ON p.name = n.name LEFT JOIN cited c ON c.name = n.name"
            " ORDER BY articles DESC, mentions DESC, n.name"
        ).fetchall()
        return [_outlet_row(row) for row in rows]

    def outlet(self, name: str) -> dict:
        """One outlet: its profile, counts, latest articles and the outlets it cites most."""
        matches = [row for row in self.outlets() if row["name"].lower() == name.lower()]
        if not matches:
            raise ArticleNotFoundError(f"no outlet named {name!r} in the corpus; see `presslens corpus stats`",
                                       source=str(self.path))
        entry = matches[0]
        profile = self.connection.execute("SELECT profile FROM outlets WHERE name = ?", (entry["name"],)).fetchone()
        entry["profile"] = json.loads(profile["profile"]) if profile and profile["profile"] else None
        entry["latest"] = self.list_articles(outlet=entry["name"], limit=20)
        cited = self.connection.execute(
            "SELECT json_extract(s.attrs, '$.name') AS name, count(*) AS mentions FROM spans s"
            " JOIN articles a ON a.id = s.article_id WHERE a.publisher = ? AND s.layer = 'sources'"
            " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20", (entry["name"],)).fetchall()
        entry["cites"] = [dict(row) for row in cited if row["name"]]
        return entry

    def _person_rows(self) -> str:
        """SQL for the speakers table under corpus identities: ``person`` (canonical name), article, role, quotes.

        Before identities are resolved (``corpus.identity.refresh``) each name is its own person.
        """
        return ("SELECT COALESCE(pe.name, p.name) AS person, p.name AS alias, p.article_id, p.quotes,"
                " CASE WHEN is_role(p.role) THEN trim(p.role) END AS role"
                " FROM speakers p LEFT JOIN person_aliases pa ON pa.alias = p.name"
                " LEFT JOIN people pe ON pe.id = pa.person_id"
                " WHERE pa.alias IS NOT NULL OR NOT EXISTS (SELECT 1 FROM people)")

    def speakers(self, *, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Every quoted person: their most frequent role, quotes, articles, outlets quoting them; most quoted first."""
        rows = self.connection.execute(
            f"WITH sp AS MATERIALIZED ({self._person_rows()}),"
            " page AS MATERIALIZED (SELECT sp.person AS name, sum(sp.quotes) AS quotes,"
            "   count(DISTINCT sp.article_id) AS articles, count(DISTINCT a.publisher) AS outlets"
            "   FROM sp JOIN articles a ON a.id = sp.article_id GROUP BY sp.person"
            "   ORDER BY quotes DESC, sp.person LIMIT ? OFFSET ?),"
            " roles AS (SELECT person, role, row_number() OVER (PARTITION BY person ORDER BY count(*) DESC, role)"
            "   AS rank FROM sp WHERE person IN (SELECT name FROM page) AND role IS NOT NULL AND role != ''"
            "   GROUP BY person, role)"
            " SELECT page.name, r.role, page.quotes, page.articles, page.outlets FROM page"
            " LEFT JOIN roles r ON r.person = page.name AND r.rank = 1 ORDER BY page.quotes DESC, page.name",
            (-1 if limit is None else limit, offset)).fetchall()
        return [dict(row) for row in rows]

    def person_name(self, name: str) -> str | None:
        """The canonical name of a person given by their name or any alias (case-insensitive), else the most
        quoted person whose name ends in ``name`` without its titles ("Pence", "Mr. Pence"); None if unknown."""
        row = self.connection.execute(
            f"SELECT person, sum(quotes) AS quotes FROM ({self._person_rows()}) WHERE lower(person) = lower(?)"
            " OR lower(alias) = lower(?) OR lower(person) LIKE '% ' || lower(?) GROUP BY person"
            " ORDER BY lower(person) = lower(?) OR lower(alias) = lower(?) DESC, quotes DESC LIMIT 1",
            (name, name, clean_name(name) or name, name, name)).fetchone()
        return row["person"] if row else None

    def speaker(self, name: str) -> dict:
        """One person (by name or alias): totals, aliases and roles with counts, every quote, oldest first."""
        person = self.person_name(name)
        if person is None:
            raise ArticleNotFoundError(f"no speaker named {name!r} in the corpus; see `presslens corpus quotes`",
                                       source=str(self.path))
        db = self.connection
        aliases = [row[0] for row in db.execute(
            "SELECT pa.alias FROM person_aliases pa JOIN people pe ON pe.id = pa.person_id WHERE pe.name = ?",
            (person,))] or [person]
        among = f"IN ({', '.join('?' * len(aliases))})"
        entry = dict(db.execute(
            "SELECT ? AS name, sum(p.quotes) AS quotes, count(DISTINCT p.article_id) AS articles,"
            " count(DISTINCT a.publisher) AS outlets FROM speakers p JOIN articles a ON a.id = p.article_id"
            f" WHERE p.name {among}", (person, *aliases)).fetchone())
        entry["aliases"] = [dict(row) for row in db.execute(
            f"SELECT name AS alias, sum(quotes) AS quotes FROM speakers WHERE name {among} GROUP BY name"
            " ORDER BY quotes DESC, name", aliases)]
        entry["roles"] = [dict(row) for row in db.execute(
            f"SELECT trim(role) AS role, count(DISTINCT article_id) AS articles FROM speakers WHERE name {among}"
            " AND is_role(role) GROUP BY trim(role) ORDER BY articles DESC, trim(role)", aliases)]
        entry["role"] = entry["roles"][0]["role"] if entry["roles"] else None
        rows = db.execute(
            "SELECT q.article_id, q.start, q.end, q.text, q.kind, q.speaker_role AS role,"
            " a.publisher AS outlet, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" WHERE q.speaker {among}"
            " ORDER BY a.published IS NULL, a.published, q.article_id, q.position", aliases).fetchall()
        entry["quotes_list"] = [dict(row) for row in rows]
        return entry

    def quotes(self, *, speaker: str | None = None) -> list[dict]:
        """Every stored quote with its article's outlet and date, including exact copies of quoting articles.

        ``speaker`` is the person's canonical name (aliases resolved; None for a name that is not a person);
        ``speaker`` (a name or alias) keeps only that person's quotes.
        """
        person = None if speaker is None else (self.person_name(speaker) or speaker)
        rows = self.connection.execute(
            "SELECT a.id AS article_id, q.position, q.start, q.end, q.text, q.kind,"
            f" {_PERSON} AS speaker, q.speaker_role, a.publisher AS outlet, a.published"
            " FROM quotes q JOIN articles a ON COALESCE(a.duplicate_of, a.id) = q.article_id"
            " LEFT JOIN person_aliases pa ON pa.alias = q.speaker LEFT JOIN people pe ON pe.id = pa.person_id"
            f" WHERE (? IS NULL OR lower({_PERSON}) = lower(?))"
            " ORDER BY a.rowid, q.position", (person, person)).fetchall()
        return [dict(row) for row in rows]

    # -- reuse ------------------------------------------------------------

    def save_reuse(self, pairs: Iterable[Mapping[str, Any]]) -> int:
        """Replace the stored reuse pairs (each as printed by ``presslens corpus reuse``)."""
        with self.transaction() as db:
            db.execute("DELETE FROM reuse")
            rows = [(p["a"], p["b"], p["share_a"], p["share_b"], json.dumps(p["passages"]), p.get("origin"),
                     p.get("kind"), p.get("source")) for p in pairs]
            db.executemany("INSERT INTO reuse (a, b, share_a, share_b, passages, origin, kind, source)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def reuse_pairs(self, limit: int | None = 100, *, article_id: str | None = None, offset: int = 0,
                    hide_kinds: Iterable[str] = ()) -> list[dict]:
        """Stored reuse pairs, largest share first, with both articles' publishers and dates.

        ``article_id`` keeps the pairs involving that article; ``hide_kinds`` leaves out pairs of those kinds.
        ``source`` is the pair's source article (for pairs stored without one, the origin when it is a or b).
        """
        clauses, params = [], []
        if article_id:
            clauses.append("(r.a = ? OR r.b = ?)")
            params += [article_id, article_id]
        hide_kinds = list(hide_kinds)
        if hide_kinds:
            clauses.append(f"(r.kind IS NULL OR r.kind NOT IN ({', '.join('?' * len(hide_kinds))}))")
            params += hide_kinds
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.connection.execute(
            "SELECT r.a, r.b, r.share_a, r.share_b, r.passages, r.origin, r.kind,"
            " COALESCE(r.source, CASE WHEN r.origin IN (r.a, r.b) THEN r.origin END) AS source,"
            " x.publisher AS a_outlet, x.published AS a_published, y.publisher AS b_outlet,"
            " y.published AS b_published FROM reuse r JOIN articles x ON x.id = r.a JOIN articles y ON y.id = r.b"
            f" {where} ORDER BY max(r.share_a, r.share_b) DESC, r.a, r.b LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, offset))
        return [{**dict(row), "passages": json.loads(row["passages"])} for row in rows]

    # -- the reuse job's state (see presslens.corpus.reuse) -----------------

    def reuse_state(self) -> dict[str, str]:
        return dict(self.connection.execute("SELECT name, value FROM reuse_state").fetchall())

    def set_reuse_state(self, **values: Any) -> None:
        """Set stage marks; inside :meth:`transaction` they commit with the stage's results."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO reuse_state (name, value) VALUES (?, ?)",
                           [(name, str(value)) for name, value in values.items()])

    def reset_reuse_job(self) -> None:
        """Forget band keys, candidates, aligned pairs and marks (the job's parameters changed)."""
        with self.transaction() as db:
            for table in ("reuse_state", "reuse_bands", "reuse_candidates", "reuse_aligned"):
                db.execute(f"DELETE FROM {table}")

    def iter_unique_texts(self, *, after: int = 0, batch: int = 1000) -> Iterator[tuple[list[int], list[str]]]:
        """Chunks ``(article rowids, texts)`` of the articles that are not exact copies, rowid above ``after``."""
        while True:
            rows = self.connection.execute(
                "SELECT a.rowid, t.text FROM articles a JOIN texts t ON t.rowid = a.text_id"
                " WHERE a.duplicate_of IS NULL AND a.rowid > ? ORDER BY a.rowid LIMIT ?", (after, batch)).fetchall()
            if not rows:
                return
            yield [row[0] for row in rows], [row[1] for row in rows]
            after = rows[-1][0]

    def count_unique_texts(self, *, after: int = 0) -> int:
        return self.connection.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL AND rowid > ?",
                                       (after,)).fetchone()[0]

    def texts_of(self, seqs: Iterable[int]) -> list[str]:
        """The texts of the articles with these rowids, in the order given."""
        seqs = list(seqs)
        rows = dict(self.connection.execute(
            "SELECT a.rowid, t.text FROM json_each(?) j JOIN articles a ON a.rowid = j.value"
            " JOIN texts t ON t.rowid = a.text_id", (json.dumps(seqs),)).fetchall())
        return [rows[seq] for seq in seqs]

    def save_reuse_bands(self, last_seq: int, partitions: Iterable[tuple[int, bytes, bytes]]) -> None:
        """Band keys of the signature chunk ending at article rowid ``last_seq``, one blob pair per partition."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO reuse_bands (partition, last_seq, keys, documents)"
                           " VALUES (?, ?, ?, ?)", [(p, last_seq, keys, docs) for p, keys, docs in partitions])
            self.set_reuse_state(signed_through=last_seq)

    def reuse_band_partition(self, partition: int) -> list[tuple[bytes, bytes]]:
        rows = self.connection.execute("SELECT keys, documents FROM reuse_bands WHERE partition = ?"
                                       " ORDER BY last_seq", (partition,))
        return [(keys, documents) for keys, documents in rows]

    def save_reuse_candidates(self, batches: Iterable[bytes], *, through: int) -> None:
        """Append batches of candidate pairs (found for the articles up to rowid ``through``)."""
        with self.transaction() as db:
            db.executemany("INSERT INTO reuse_candidates (pairs) VALUES (?)", [(batch,) for batch in batches])
            self.set_reuse_state(candidates_through=through)

    def pending_reuse_candidates(self) -> list[tuple[int, bytes]]:
        """``(batch, pairs blob)`` of the candidate batches not aligned yet."""
        rows = self.connection.execute("SELECT batch, pairs FROM reuse_candidates WHERE aligned = 0 ORDER BY batch")
        return [(batch, pairs) for batch, pairs in rows]

    def save_reuse_aligned(self, batches: Iterable[int], pairs: Iterable[tuple]) -> None:
        """Aligned pairs ``(a rowid, b rowid, share_a, share_b, passages, matched)`` of these candidate batches."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO reuse_aligned (a, b, share_a, share_b, passages, matched)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           [(a, b, share_a, share_b, json.dumps(passages), matched)
                            for a, b, share_a, share_b, passages, matched in pairs])
            db.executemany("UPDATE reuse_candidates SET aligned = 1 WHERE batch = ?", [(b,) for b in batches])

    def reuse_aligned_records(self) -> list[dict]:
        """Every aligned pair as a record with article ids, in rowid order."""
        rows = self.connection.execute(
            "SELECT x.id AS a, y.id AS b, r.share_a, r.share_b, r.passages, r.matched FROM reuse_aligned r"
            " JOIN articles x ON x.rowid = r.a JOIN articles y ON y.rowid = r.b ORDER BY r.a, r.b").fetchall()
        return [{**dict(row), "passages": json.loads(row["passages"])} for row in rows]

    def texts_by_id(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self.connection.execute(
            "SELECT a.id, t.text FROM json_each(?) j JOIN articles a ON a.id = j.value"
            " JOIN texts t ON t.rowid = a.text_id", (json.dumps(list(ids)),)).fetchall())

    def article_dates(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """``id -> (outlet, published ISO date)`` of these articles."""
        return {row[0]: (row[1], row[2]) for row in self.connection.execute(
            "SELECT a.id, a.outlet, a.published FROM json_each(?) j JOIN articles a ON a.id = j.value",
            (json.dumps(list(ids)),))}

    def reuse_kinds(self) -> dict[str, int]:
        """Stored reuse pairs counted by kind (``null`` for pairs saved before kinds were classified)."""
        return {kind: n for kind, n in self.connection.execute(
            "SELECT kind, count(*) FROM reuse GROUP BY kind ORDER BY count(*) DESC")}

    # -- overview ---------------------------------------------------------

    def stats(self) -> dict:
        db = self.connection
        by_status = dict(db.execute("SELECT status, count(*) FROM articles GROUP BY status").fetchall())
        first, last = db.execute("SELECT min(published), max(published) FROM articles").fetchone()
        layers = dict(db.execute("SELECT layer, count(*) FROM spans GROUP BY layer ORDER BY layer").fetchall())
        return {
            "path": str(self.path),
            "schema_version": self.schema_version,
            "articles": sum(by_status.values()),
            "status": {status: by_status.get(status, 0) for status in STATUSES},
            "unique_texts": db.execute("SELECT count(*) FROM texts").fetchone()[0],
            "reports": db.execute("SELECT count(*) FROM reports").fetchone()[0],
            "spans": layers,
            "publishers": db.execute("SELECT count(DISTINCT publisher) FROM articles").fetchone()[0],
            "cited_outlets": db.execute(
                "SELECT count(DISTINCT json_extract(s.attrs, '$.name')) FROM spans s JOIN articles a"
                " ON a.id = s.article_id WHERE s.layer = 'sources'"
                " AND json_extract(s.attrs, '$.name') IS NOT a.publisher").fetchone()[0],
            "speakers": db.execute(f"SELECT count(DISTINCT person) FROM ({self._person_rows()})").fetchone()[0],
            "quotes": db.execute("SELECT count(*) FROM quotes").fetchone()[0],
            "reuse_pairs": db.execute("SELECT count(*) FROM reuse").fetchone()[0],
            "published_from": first,
            "published_to": last,
        }


#: A quote's speaker under corpus identities: the person's name; None for a name resolved as no person;
#: the name as found while identities were never resolved.
_PERSON = "COALESCE(pe.name, CASE WHEN NOT EXISTS (SELECT 1 FROM people) THEN q.speaker END)"


def _publisher(report: Report) -> Mapping[str, Any] | None:
    """The publishing outlet's profile from the report summary, as a mapping, or None when unknown."""
    profile = report.summary.get(_PUBLISHER_KEY)
    if dataclasses.is_dataclass(profile):
        profile = dataclasses.asdict(profile)
    return profile if isinstance(profile, Mapping) and profile.get("name") else None


def _outlet_row(row: sqlite3.Row) -> dict:
    entry = dict(row)
    if entry["state_affiliated"] is not None:
        entry["state_affiliated"] = bool(entry["state_affiliated"])
    return entry
