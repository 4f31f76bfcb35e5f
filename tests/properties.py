"""Generated inputs and the properties every one of them must keep, shared by ``test_properties.py``
(a short run in the default suite) and ``benchmarks/fuzz.py`` (a long run that counts failures).

The properties: no exception escapes but a :class:`~presslens.errors.PressLensError`; every span,
nested ones included, lies inside the article text and its serialised ``text`` is that slice of it;
every renderer renders the report; the JSON report is strict JSON and survives a round trip.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, Iterator

from hypothesis import strategies as st

from presslens.errors import PressLensError
from presslens.ingest import article_from_bytes, read_jsonl
from presslens.pipeline import Pipeline
from presslens.render import FORMATS, get_renderer
from presslens.report import Report
from presslens.settings import Settings

#: Pieces that reach the awkward corners of the analyzers: numbers for the checks, quotation marks
#: and cue verbs for the quote finder, names, outlets, line breaks, markup, odd code points.
TOKENS = (
    " ", " ", " ", "\n", "\n\n", ". ", ", ", "said", "told reporters", "according to", "Putin", "Peskov",
    "Biden", "TASS", "RT", "Reuters", "NATO", "the minister", "0", "1", "5", "100", "9" * 25, "1,200",
    "per cent", "%", "from", "to", "rose", "fell", "doubled", "halved", "of the", "a total of", "Monday",
    "March 14, 2023", "yesterday", "“", "”", '"', "'", "‘", "’", "«", "»", "(", ")", "[", "]", "—", ":",
    "!", "?", "...", "<p>", "</p>", "<div>", "&amp;", "\t", "\r\n", "\u00a0", "\u200b", "\ufeff", "é",
    "Ж", "中", "😀", "\x00", "\x07", "\ud800", "\udfff",
)

texts = st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=40).map("".join)
valid_texts = st.lists(st.sampled_from([t for t in TOKENS if not "\ud800" <= t[:1] <= "\udfff"])
                       | st.text(max_size=6), max_size=40).map("".join)
TAGS = ("p", "div", "article", "span", "h1", "blockquote", "script", "style", "table", "td", "a", "br", "title")
html_pages = st.recursive(
    valid_texts.map(lambda text: text.replace("<", " ")),
    lambda children: st.tuples(st.sampled_from(TAGS), st.lists(children, max_size=4)).map(
        lambda node: f"<{node[0]}>{''.join(node[1])}</{node[0]}>"),
    max_leaves=12,
).map(lambda body: f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")
jsonl_lines = st.one_of(
    st.fixed_dictionaries({"text": texts}, optional={"id": st.text(max_size=8) | st.integers(), "title": texts,
                                                    "published": st.text(max_size=12), "html": html_pages}).map(
        lambda record: json.dumps(record).encode()),
    st.binary(max_size=40),
    st.sampled_from([b"[" * 5_000, b'{"text": 1}', b"null", b'"text"', b"\xff\xfe{}", b"{}"]),
)
encodings = st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1251", "utf-8-sig"])


def spans_out_of_bounds(data: Any, text: str) -> Iterator[str]:
    """Every serialised span (a mapping with ``start``, ``end`` and ``text``) that is not ``text[start:end]``."""
    if isinstance(data, dict):
        if isinstance(data.get("start"), int) and isinstance(data.get("end"), int) and "text" in data:
            start, end = data["start"], data["end"]
            if not (0 <= start <= end <= len(text)) or text[start:end] != data["text"]:
                yield f"span [{start}, {end}) {data['text']!r} against {text[start:end]!r}"
        for value in data.values():
            yield from spans_out_of_bounds(value, text)
    elif isinstance(data, list):
        for value in data:
            yield from spans_out_of_bounds(value, text)


def check_report(report: Report) -> list[str]:
    """The properties a report must have; the problems found (an empty list when it has them all)."""
    data = report.to_dict()
    problems = list(spans_out_of_bounds(data, report.article.text))
    strict = json.dumps(data, allow_nan=False, ensure_ascii=False)
    if Report.from_dict(json.loads(strict)).to_dict() != data:
        problems.append("the JSON report does not survive a round trip")
    for name in FORMATS:
        renderer = get_renderer(name)
        if hasattr(renderer, "render"):
            if not isinstance(renderer.render(report), str):
                problems.append(f"renderer {name!r} did not return text")
            continue
        with tempfile.TemporaryDirectory() as folder:  # a file writer (brat, spaCy)
            if not renderer.write([report], Path(folder) / "report", batch=False):
                problems.append(f"file writer {name!r} wrote nothing")
    return problems


def analyze_bytes(pipeline: Pipeline, data: bytes, hint: str) -> list[str]:
    """Read ``data`` as ``presslens analyze`` does and check the report; a presslens error is an answer."""
    try:
        article = article_from_bytes(data, source="generated", settings=pipeline.settings, hint=hint)
        return check_report(pipeline.analyze(article))
    except PressLensError:
        return []


def read_jsonl_lines(pipeline: Pipeline, lines: list[bytes]) -> list[str]:
    """Read generated JSONL lines; every line is an article or a presslens error, and articles are analysed."""
    problems = []
    results = list(read_jsonl(iter(lines), source="generated.jsonl", settings=pipeline.settings))
    if len(results) != sum(1 for line in lines if line.strip()):
        problems.append("a JSONL line was neither an article nor an error")
    for result in results:
        if result.article is not None:
            try:
                problems += check_report(pipeline.analyze(result.article))
            except PressLensError:
                pass
    return problems


def fast_pipeline() -> Pipeline:
    """Every default analyzer, on articles small enough to run many examples."""
    return Pipeline(Settings())
