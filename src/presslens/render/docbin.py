"""spaCy output: a ``DocBin`` of one ``Doc`` per report, each layer a span group in ``doc.spans``.

Read it back with the vocabulary of the same pipeline::

    from spacy.tokens import DocBin
    from presslens.nlp import load_pipeline
    docs = list(DocBin().from_bytes(Path("reports.spacy").read_bytes()).get_docs(load_pipeline().vocab))
    [(span.text, span.label_) for span in docs[0].spans["techniques"]]

The doc holds the article text tokenised by presslens's spaCy pipeline (its
tokenizer only: no tags or entities are stored). ``doc.spans[layer]`` holds
the spans of each layer, labelled by :func:`presslens.render.labels.label`;
a quote's speaker mention and cue are in ``doc.spans["quotes.source"]`` and
``doc.spans["quotes.cue"]``, the article's blocks in ``doc.spans["blocks"]``.

spaCy spans are made of whole tokens: a span that starts or ends inside a
token is widened to that token's bounds (``alignment_mode="expand"``), and a
span of whitespace only, which no token covers, is left out. Nothing else is
lost: ``doc.user_data["presslens"]`` keeps the report without its text
(``report``) and, for each span group, the span as in the JSON report with its
exact character offsets and every attribute (``spans[group][i]`` describes
``doc.spans[group][i]``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..article import Span
from ..nlp import load_pipeline
from ..report import CONTRACT_LAYERS, Report, span_to_dict
from . import labels

#: ``doc.user_data`` key of the presslens record.
USER_DATA_KEY = "presslens"

#: File written into a directory given as ``-o``.
DEFAULT_FILE_NAME = "reports.spacy"


def to_doc(report: Report, nlp=None):
    """The report as a spaCy ``Doc`` with its layers in ``doc.spans``."""
    nlp = nlp or load_pipeline()
    text = report.article.text
    doc = nlp.make_doc(text)
    groups: dict[str, list[tuple[Any, dict[str, Any]]]] = {}

    def add(group: str, label: str, span: Span, record: dict[str, Any]) -> None:
        token_span = doc.char_span(span.start, span.end, label=label, alignment_mode="expand")
        if token_span is not None and len(token_span):
            groups.setdefault(group, []).append((token_span, record))

    for layer, spans in labels.layers(report):
        for span in spans:
            add(layer, labels.label(layer, span), span, span_to_dict(span, text))
            for role, nested in labels.roles(layer, span).items():
                add(f"{layer}.{role.lower()}", role, nested, span_to_dict(nested, text))
    for block in report.article.blocks:
        add("blocks", block.kind, Span(block.start, block.end, block.kind), block.to_dict())
    for group, items in groups.items():
        doc.spans[group] = [token_span for token_span, _ in items]
    record = report.to_dict()
    record["article"] = {key: value for key, value in record["article"].items() if key != "text"}
    for layer in {*CONTRACT_LAYERS, *report.layers}:
        record.pop(layer, None)
    doc.user_data[USER_DATA_KEY] = {
        "report": record,
        "spans": {group: [item for _, item in items] for group, items in groups.items()},
    }
    return doc


def docbin_bytes(reports: Iterable[Report]) -> bytes:
    """The reports as the bytes of one ``DocBin`` (user data kept)."""
    from spacy.tokens import DocBin

    nlp = load_pipeline()
    docs = DocBin(store_user_data=True)
    for report in reports:
        docs.add(to_doc(report, nlp))
    return docs.to_bytes()


class DocBinWriter:
    """Writes one ``.spacy`` file, or ``DIR/reports.spacy`` for a directory."""

    def write(self, reports: Iterable[Report], path: Path, *, batch: bool) -> list[Path]:
        if path.is_dir():
            path = path / DEFAULT_FILE_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(docbin_bytes(reports))
        return [path]


RENDERERS = {"spacy": DocBinWriter()}
