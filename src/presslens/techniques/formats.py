"""Reading and writing the PTC formats of SemEval-2020 Task 11.

- Articles: ``article<ID>.txt`` files, read byte-exact so that offsets line up.
- Labels: one line per span, tab-separated; ``id technique start end`` for the
  TC and FLC tasks, ``id start end`` for SI. Offsets are character offsets,
  end exclusive. Either one ``.labels`` file or a folder of them.
- TC templates: TC label lines whose technique is ``?``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import InputNotFoundError, MalformedRecordError, UnknownFormatError
from ..ingest.ptc import ptc_article_id
from .taxonomy import TECHNIQUES

#: The three tasks: span identification, technique classification, both together.
TASKS = ("si", "tc", "flc")

#: The technique column of a TC template line.
TEMPLATE_PLACEHOLDER = "?"


@dataclass(frozen=True, order=True)
class Label:
    """One annotated or predicted span; ``technique`` is None for SI and ``?`` in TC templates."""

    article_id: str
    start: int
    end: int
    technique: str | None = None


def check_task(task: str) -> str:
    if task not in TASKS:
        raise UnknownFormatError(f"unknown PTC task {task!r}; valid tasks: {', '.join(TASKS)}")
    return task


def read_articles(folder: str | Path) -> dict[str, str]:
    """The ``article<ID>.txt`` files in ``folder``, by article id, read without newline translation."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputNotFoundError(f"no such folder of PTC articles: {folder}")
    articles = {}
    for path in sorted(folder.iterdir()):
        article_id = ptc_article_id(path)
        if article_id is not None:
            with path.open(encoding="utf-8", newline="") as handle:
                articles[article_id] = handle.read()
    if not articles:
        raise InputNotFoundError(f"{folder} holds no article<ID>.txt files")
    return articles


def _label_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.name.endswith(".labels") or p.suffix == ".out")
        if not files:
            raise InputNotFoundError(f"{path} holds no .labels files")
        return files
    if not path.exists():
        raise InputNotFoundError(f"no such PTC labels file or folder: {path}")
    return [path]


def parse_label_line(line: str, task: str, *, source: str = "") -> Label:
    """One label line; ``task`` says whether a technique column is expected (``tc``/``flc``) or not (``si``)."""
    fields = line.rstrip("\r\n").split("\t")
    expected = 3 if task == "si" else 4
    if len(fields) != expected:
        raise MalformedRecordError(
            f"expected {expected} tab-separated fields for task {task} "
            f"({'id start end' if task == 'si' else 'id technique start end'}), got {len(fields)}: {line.strip()!r}",
            source=source,
        )
    article_id, technique = fields[0], (None if task == "si" else fields[1])
    try:
        start, end = int(fields[-2]), int(fields[-1])
    except ValueError:
        raise MalformedRecordError(f"offsets must be integers: {line.strip()!r}", source=source) from None
    if start < 0 or end < start:
        raise MalformedRecordError(f"[{start}, {end}) is not a valid span: {line.strip()!r}", source=source)
    if technique is not None and technique != TEMPLATE_PLACEHOLDER and technique not in TECHNIQUES:
        raise MalformedRecordError(
            f"unknown technique {technique!r}; valid techniques: {', '.join(TECHNIQUES)}", source=source
        )
    return Label(article_id, start, end, technique)


def read_labels(path: str | Path, task: str) -> list[Label]:
    """All labels in a ``.labels`` file or a folder of them, sorted by article and offsets."""
    check_task(task)
    labels = []
    for file in _label_files(Path(path)):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                labels.append(parse_label_line(line, task, source=f"{file}:{number}"))
    return sorted(labels)


def format_label(label: Label, task: str) -> str:
    if task == "si":
        return f"{label.article_id}\t{label.start}\t{label.end}"
    if label.technique is None:
        raise MalformedRecordError(f"a {task} label needs a technique: {label}")
    return f"{label.article_id}\t{label.technique}\t{label.start}\t{label.end}"


def write_labels(labels: Iterable[Label], path: str | Path, task: str) -> None:
    """Write ``labels`` to one file in the format of ``task`` (sorted, one per line)."""
    check_task(task)
    lines = [format_label(label, task) for label in sorted(labels)]
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def template_from_labels(labels: Iterable[Label]) -> list[Label]:
    """A TC template: the same spans with ``?`` as technique."""
    return [Label(label.article_id, label.start, label.end, TEMPLATE_PLACEHOLDER) for label in labels]
