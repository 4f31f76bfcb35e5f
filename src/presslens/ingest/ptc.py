"""PTC-format article files (SemEval-2020 Task 11): ``article<ID>.txt``, title, blank line, body.

The text is kept exactly as in the file, so that the corpus's character
offsets line up with ``Article.text``; its blocks are its blank-line
paragraphs, nothing more.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..article import Article
from .blocks import paragraph_blocks

PTC_FILE_NAME = re.compile(r"^article(?P<id>\d+)\.txt$")


def ptc_article_id(path: Path) -> str | None:
    match = PTC_FILE_NAME.match(path.name)
    return match.group("id") if match else None


def parse_ptc_article(text: str, article_id: str) -> Article:
    first_line = text.split("\n", 1)[0].strip()
    return Article(
        text=text,
        id=article_id,
        title=first_line or None,
        input_format="ptc",
        field_sources={"title": "first line (PTC format)"} if first_line else {},
        blocks=paragraph_blocks(text),
    )
