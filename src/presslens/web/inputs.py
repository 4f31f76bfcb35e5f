"""Turning what a request carries (JSON fields, form fields, an uploaded file) into an :class:`Article`.

Both the JSON API and the analyze page go through here, and from here through
:mod:`presslens.ingest`, so that a pasted text, an uploaded file and a line of
JSONL given to ``presslens analyze`` are read the same way.
"""

from __future__ import annotations

from typing import Any, Mapping

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from ..article import Article
from ..errors import EmptyInputError, RequestError
from ..ingest import HTML_SUFFIXES, RECORD_FIELDS, article_from_record
from ..ingest.decode import decode_bytes
from ..registry import parse_analyzer_names
from ..settings import Settings

#: Fields a request may carry besides the article content.
METADATA_FIELDS = RECORD_FIELDS + ("published",)


def article_from_fields(fields: Mapping[str, Any], *, settings: Settings, source: str) -> Article:
    """Read an article from ``text`` or ``html`` plus optional metadata fields (empty strings count as absent)."""
    record = {key: value for key, value in fields.items() if value not in (None, "")}
    if "text" in record and "html" in record:
        raise RequestError("give either 'text' or 'html', not both", source=source)
    if "text" not in record and "html" not in record:
        raise EmptyInputError("no article: give 'text' (plain text) or 'html' (a web page), or upload a file",
                              source=source)
    return article_from_record(record, source=source, settings=settings)


def article_from_upload(data: bytes, filename: str, fields: Mapping[str, Any], *, settings: Settings) -> Article:
    """Read an uploaded file (text or HTML, any encoding that can be detected) plus metadata fields."""
    source = filename or "<upload>"
    text, _encoding = decode_bytes(data, source=source, limit=settings.max_input_bytes)
    content_key = "html" if source.lower().endswith(HTML_SUFFIXES) else "text"
    metadata = {key: fields.get(key) for key in METADATA_FIELDS}
    return article_from_fields({content_key: text, **metadata}, settings=settings, source=source)


async def read_form(request: Request, settings: Settings) -> FormData:
    """The request's form, with parts allowed up to the article size limit (Starlette's default is 1 MB)."""
    return await request.form(max_files=1, max_fields=len(METADATA_FIELDS) + 8,
                              max_part_size=settings.max_input_bytes)


async def article_from_form(form: FormData, *, settings: Settings) -> Article:
    """Read the article from a form: an uploaded ``file`` if one was chosen, else ``text`` or ``html``."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        return article_from_upload(data, upload.filename, form, settings=settings)
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    return article_from_fields({key: fields.get(key) for key in ("text", "html", *METADATA_FIELDS)},
                               settings=settings, source="form")


def form_options(form: FormData) -> dict[str, Any]:
    """The analysis options a form may carry: ``analyzers`` (comma-separated) and ``raw`` (a checkbox)."""
    names = form.get("analyzers")
    analyzers = parse_analyzer_names(names) if isinstance(names, str) else None
    return {"analyzers": analyzers, "raw": form.get("raw") in ("on", "true", "1")}
