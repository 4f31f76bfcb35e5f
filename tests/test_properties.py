"""Property tests over generated inputs: a short run here; `benchmarks/fuzz.py` runs the long one.

Each test reads or analyses generated input and asserts that the properties of
`tests/properties.py` hold: no exception but a presslens error, spans inside
the text and equal to it, every renderer renders, the JSON round trip holds.
"""

from __future__ import annotations

import functools

import pytest

pytest.importorskip("hypothesis", reason="property tests need hypothesis (the test extra)")

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

import presslens  # noqa: E402
from presslens.errors import PressLensError  # noqa: E402

from properties import (  # noqa: E402
    analyze_bytes, check_report, encodings, fast_pipeline, html_pages, jsonl_lines, read_jsonl_lines, texts,
)

SHORT = settings(max_examples=6, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def pipeline():
    return fast_pipeline()


@SHORT
@given(texts)
def test_the_library_on_any_text(text):
    try:
        report = presslens.analyze(text)
    except PressLensError:
        return
    assert check_report(report) == []


@SHORT
@given(texts, encodings, st.sampled_from(["a.txt", "a.md", ""]))
def test_text_files_in_any_encoding(text, encoding, hint):
    data = text.encode(encoding, errors="replace")
    assert analyze_bytes(pipeline(), data, hint) == []


@SHORT
@given(html_pages)
def test_html_pages(page):
    assert analyze_bytes(pipeline(), page.encode(), "page.html") == []


@SHORT
@given(st.lists(jsonl_lines, max_size=4))
def test_jsonl_lines(lines):
    assert read_jsonl_lines(pipeline(), lines) == []
