"""Metadata as pages and texts state it, made comparable: outlet names through the registry, bylines cleaned."""

from __future__ import annotations

import re

from ..outlets import lookup

#: What separates the authors of one byline; kept when the byline is rebuilt.
AUTHOR_SEPARATOR = re.compile(r"(\s*(?:;|,|&|\||\band\b)\s*)")
#: An outlet name glued to an author is dropped when it is an acronym ("AP") or has several words.
GLUED_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def registry_outlet(name: str) -> str | None:
    """The registry's name for an outlet a page names by site name, alias or host ('SputnikInt', 'hosted.ap.org')."""
    profile = lookup(name)
    return profile.name if profile is not None else None


def _author_without_outlet(author: str) -> str | None:
    author = author.strip()
    if not author or registry_outlet(author):
        return None
    words = author.split()
    for cut in range(1, len(words)):
        suffix = " ".join(words[cut:])
        if (cut < len(words) - 1 or GLUED_ACRONYM.match(suffix)) and registry_outlet(suffix):
            return " ".join(words[:cut])
    return author


def clean_byline(value: str) -> str | None:
    """Every author of a byline, without outlet names standing for or glued to an author.

    "Finian Cunningham Sputnik International" is Finian Cunningham; "Jane Doe
    and John Roe, Reuters" keeps both authors; "DH News Service" names an
    outlet, not an author, and gives None.
    """
    parts = AUTHOR_SEPARATOR.split(value.strip())
    kept: list[str] = []
    separator = ""
    for index, part in enumerate(parts):
        if index % 2:
            separator = part
            continue
        author = _author_without_outlet(part)
        if author:
            kept.extend([separator, author] if kept else [author])
    return "".join(kept) or None
