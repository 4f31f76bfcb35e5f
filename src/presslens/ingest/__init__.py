"""Reading articles from files, directories, JSONL and stdin.

:func:`read_inputs` yields one :class:`IngestResult` per article found, each
holding either an :class:`Article` or the :class:`InputError` that stopped it,
so that a batch can report a bad item and go on with the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..article import Article
from ..errors import InputError, InputNotFoundError, MalformedRecordError
from ..settings import Settings
from .blocks import checked_blocks
from .decode import check_size, decode_bytes
from .html import looks_like_html, parse_html
from .language import detect_language
from .plaintext import parse_plain_text
from .ptc import parse_ptc_article, ptc_article_id

#: File name endings read when a directory is given, and the reader for each.
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

#: Metadata fields a JSONL record may carry besides ``text`` or ``html``.
RECORD_FIELDS = ("title", "outlet", "url", "byline", "language", "dateline")


@dataclass(frozen=True)
class IngestResult:
    """One article read from the input, or the error that stopped it."""

    source: str
    article: Article | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def article_from_bytes(data: bytes, *, source: str, settings: Settings, article_id: str | None = None,
                       hint: str = "") -> Article:
    """Read one article from raw bytes, choosing the reader by name ``hint`` and content."""
    text, encoding = decode_bytes(data, source=source, limit=settings.max_input_bytes)
    ptc_id = ptc_article_id(Path(hint)) if hint else None
    if ptc_id is not None:
        article = parse_ptc_article(text, ptc_id)
    elif hint.lower().endswith(HTML_SUFFIXES) or looks_like_html(data):
        article = parse_html(text, raw=settings.raw, source=source)
    else:
        article = parse_plain_text(text, raw=settings.raw, source=source)
    if encoding != "utf-8":
        article = article.with_fields(extra={**article.extra, "encoding": encoding})
    return finish_article(article, article_id=article_id)


def finish_article(article: Article, *, article_id: str | None = None) -> Article:
    """Give the article its id and detect its language if no one said what it is."""
    changes: dict[str, Any] = {}
    if article_id is not None and article.id is None:
        changes["id"] = article_id
    if article.language is None:
        language = detect_language(article.text)
        if language:
            changes["language"] = language
            changes["field_sources"] = {**article.field_sources, "language": "detected (py3langid)"}
    return article.with_fields(**changes) if changes else article


def article_from_record(record: Mapping[str, Any], *, source: str, settings: Settings) -> Article:
    """Read one JSONL record: ``text`` or ``html``, plus optional ``id``, metadata fields and ``blocks``.

    ``blocks`` index into ``text``, so a record that gives them has its text
    kept exactly as given (as with ``--raw``); stretches they leave out
    become paragraphs.
    """
    if not isinstance(record, Mapping):
        raise MalformedRecordError("a JSONL line must be a JSON object", source=source)
    content = record.get("html") if record.get("html") is not None else record.get("text")
    if not isinstance(content, str):
        raise MalformedRecordError("record has no 'text' or 'html' string field", source=source)
    given_blocks = record.get("blocks")
    if given_blocks is not None and record.get("html") is not None:
        raise MalformedRecordError("'blocks' index into 'text'; a record with 'html' cannot give them",
                                   source=source)
    record_id = record.get("id")
    record_id = None if record_id is None else str(record_id)
    data = content.encode("utf-8")
    check_size(len(data), settings.max_input_bytes, source=source)
    if record.get("html") is not None:
        article = article_from_bytes(data, source=source, settings=settings, hint=".html")
    elif given_blocks is not None:
        article = article_from_bytes(data, source=source, settings=replace(settings, raw=True))
        article = article.with_fields(blocks=checked_blocks(article.text, given_blocks, source=source))
    else:
        article = article_from_bytes(data, source=source, settings=settings)
    changes: dict[str, Any] = {}
    field_sources = dict(article.field_sources)
    for name in RECORD_FIELDS:
        if record.get(name):
            changes[name] = str(record[name])
            field_sources[name] = "input record"
    if record.get("published"):
        try:
            changes["published"] = dt.date.fromisoformat(str(record["published"])[:10])
            field_sources["published"] = "input record"
        except ValueError as exc:
            raise MalformedRecordError(
                f"'published' must be a date as YYYY-MM-DD, got {record['published']!r}", source=source
            ) from exc
    if record_id is not None:
        changes["id"] = record_id
    return article.with_fields(field_sources=field_sources, **changes)


def read_jsonl(lines: Iterator[bytes], *, source: str, settings: Settings) -> Iterator[IngestResult]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
            article = article_from_record(record, source=where, settings=settings)
            yield IngestResult(where, article=article)
        except json.JSONDecodeError as exc:
            yield IngestResult(where, error=MalformedRecordError(f"not valid JSON ({exc.msg})", source=where))
        except InputError as exc:
            yield IngestResult(where, error=exc)


def _looks_like_jsonl(data: bytes) -> bool:
    first_line = data.lstrip()[:1]
    if first_line != b"{":
        return False
    try:
        json.loads(data.lstrip().split(b"\n", 1)[0])
    except json.JSONDecodeError:
        return False
    return True


def _read_file(path: Path, settings: Settings) -> Iterator[IngestResult]:
    source = str(path)
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            # Streamed line by line: the size limit applies to each record, not the file.
            with path.open("rb") as handle:
                yield from read_jsonl(iter(handle), source=source, settings=settings)
            return
        check_size(path.stat().st_size, settings.max_input_bytes, source=source)
        data = path.read_bytes()
        yield IngestResult(source, article=article_from_bytes(data, source=source, settings=settings,
                                                              article_id=path.stem, hint=path.name))
    except InputError as exc:
        yield IngestResult(source, error=exc)
    except OSError as exc:
        yield IngestResult(source, error=InputNotFoundError(f"cannot read file ({exc.strerror})", source=source))


def read_inputs(target: str, settings: Settings | None = None, *, stdin=None) -> Iterator[IngestResult]:
    """Yield every article in ``target``: a file, a directory (read recursively) or ``-`` for stdin."""
    settings = settings or Settings()
    if target == "-":
        data = (stdin or sys.stdin.buffer).read()
        if _looks_like_jsonl(data):
            yield from read_jsonl(iter(data.splitlines()), source="<stdin>", settings=settings)
            return
        try:
            yield IngestResult("<stdin>", article=article_from_bytes(data, source="<stdin>", settings=settings))
        except InputError as exc:
            yield IngestResult("<stdin>", error=exc)
        return
    path = Path(target)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            yield IngestResult(target, error=InputNotFoundError(
                f"directory holds no article files (looked for {', '.join(ARTICLE_SUFFIXES)})", source=target))
        for file in files:
            yield from _read_file(file, settings)
    elif path.exists():
        yield from _read_file(path, settings)
    else:
        yield IngestResult(target, error=InputNotFoundError("no such file or directory", source=target))


def is_batch_input(target: str) -> bool:
    """Whether ``target`` may hold many articles (a directory or a JSONL file)."""
    path = Path(target)
    return path.is_dir() or path.suffix.lower() in JSONL_SUFFIXES


__all__ = ["IngestResult", "article_from_bytes", "article_from_record", "read_inputs", "is_batch_input"]
