"""PolNeAR: loading the corpus and scoring the ``quotes`` analyzer against it.

PolNeAR (Newell et al., LREC 2018) annotates attributions in US political
news as brat standoff files: a ``Source``, a ``Cue`` and a ``Content`` span
joined by an ``Attribution`` (or ``Attribution-no-source``) event. Offsets
are character offsets into the article's text file. A span may be
discontinuous (``120 150;160 200``); it is scored by its extent, from its
first character to its last.

Matching, for each role (content, source, cue) separately:

* the gold spans of a document and the predicted spans of the same document
  are paired one to one, greedily, largest character overlap first;
* **overlap** matching pairs two spans that share at least one character;
* **exact** matching pairs two spans whose extents are equal once spaces,
  quotation marks and the punctuation ``, ; : . ! ? —`` are stripped from both ends;
* precision = matched / predicted, recall = matched / gold, F1 their harmonic mean,
  summed over all documents of the split (micro average).

An attribution is *direct* when its content contains a double quotation mark
(“ ” " « » „), *indirect* otherwise; the rule is applied to gold and
predicted attributions alike, and source and cue spans take the class of their
attribution. See ``docs/quotes.md``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..article import Article, Span
from ..errors import InputNotFoundError, MalformedRecordError
from ..quotes.cues import CUE_VERBS

#: The splits PolNeAR ships with annotations we may use (the test split is never read here).
SPLITS = ("train", "dev")
#: Characters whose presence makes an attribution direct.
DIRECT_MARKS = "“”\"«»„"
#: Roles scored, and whether exact matching is reported for them.
ROLES = ("content", "source", "cue")
_STRIP = " \t\n,;:.!?—–“”‘’\"'«»„"
_ANN_LINE = re.compile(r"^(T\d+)\t(\S+) ([^\t]+)\t")

Extent = tuple[int, int]


@dataclass(frozen=True)
class Attribution:
    """One attribution: each role is an extent (start, end) or None."""

    content: Extent
    source: Extent | None
    cue: Extent | None

    def kind(self, text: str) -> str:
        return "direct" if any(mark in text[self.content[0]:self.content[1]] for mark in DIRECT_MARKS) else "indirect"


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    attributions: tuple[Attribution, ...]

    def article(self) -> Article:
        """The document as presslens reads it with ``--raw``: the text exactly as in the file."""
        return Article(text=self.text, id=self.name, language="en", input_format="text")


def split_dir(root: Path, split: str) -> Path:
    """The directory of ``split`` under ``root``: the PolNeAR checkout, its ``data`` dir or the split itself."""
    if split not in SPLITS:
        raise MalformedRecordError(f"no PolNeAR split {split!r}; valid splits: {', '.join(SPLITS)}")
    for candidate in (root / "data" / split, root / split, root):
        if (candidate / "attributions").is_dir() and (candidate / "text").is_dir():
            return candidate
    raise InputNotFoundError(
        f"no PolNeAR {split} split under {str(root)!r}: expected {split}/text and {split}/attributions "
        "(give the PolNeAR directory, its data/ directory or the split directory)"
    )


def _extent(offsets: str, where: str) -> Extent:
    try:
        pieces = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
        return min(p[0] for p in pieces), max(p[1] for p in pieces)
    except (ValueError, IndexError) as exc:
        raise MalformedRecordError(f"bad brat offsets {offsets!r}", source=where) from exc


def parse_ann(ann: str, where: str = "") -> list[Attribution]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, Extent] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        match = _ANN_LINE.match(line)
        if match:
            spans[match.group(1)] = _extent(match.group(3), where)
        elif line.startswith("E"):
            _, _, args = line.partition("\t")
            roles = dict(arg.split(":", 1) for arg in args.split() if ":" in arg)
            events.append({role.rstrip("0123456789"): ref for role, ref in roles.items()})
    found = []
    for roles in events:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        found.append(Attribution(
            content=spans[roles["Content"]],
            source=spans.get(roles.get("Source", "")),
            cue=spans.get(roles.get("Cue", "")),
        ))
    return sorted(found, key=lambda a: a.content)


def load_split(root: Path | str, split: str = "dev", *, limit: int | None = None) -> list[Document]:
    """The documents of one split, text and gold attributions, in file-name order.

    Annotation files are named ``<article>_<annotator>.ann``. The few articles
    that every annotator annotated (to measure agreement) are read once, with
    the annotation of the first annotator in alphabetical order.
    """
    directory = split_dir(Path(root), split)
    annotations: dict[str, Path] = {}
    for ann_path in sorted((directory / "attributions").glob("*.ann")):
        annotations.setdefault(ann_path.stem.rsplit("_", 1)[0], ann_path)
    documents = []
    for name, ann_path in annotations.items():
        text_path = directory / "text" / f"{name}.txt"
        if not text_path.is_file():
            raise InputNotFoundError(f"no text file {text_path.name} for {ann_path.name}", source=str(directory))
        text = text_path.read_text(encoding="utf-8")
        documents.append(Document(name, text, tuple(parse_ann(ann_path.read_text(encoding="utf-8"), str(ann_path)))))
        if limit is not None and len(documents) >= limit:
            break
    return documents


def predicted(spans: Iterable[Span]) -> list[Attribution]:
    """The ``quotes`` analyzer's spans as attributions (content, speaker mention, cue)."""
    found = []
    for span in spans:
        speaker, cue = span.attrs.get("speaker"), span.attrs.get("cue")
        found.append(Attribution(
            content=(span.start, span.end),
            source=(speaker.start, speaker.end) if speaker is not None else None,
            cue=(cue.start, cue.end) if cue is not None else None,
        ))
    return found


def _stripped(text: str, extent: Extent) -> Extent:
    start, end = extent
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def match(gold: list[Extent], pred: list[Extent], text: str, *, exact: bool) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), one to one, largest overlap first."""
    if exact:
        gold_keys = [_stripped(text, g) for g in gold]
        pairs, used = [], set()
        for p_index, p in enumerate(pred):
            key = _stripped(text, p)
            for g_index, g in enumerate(gold_keys):
                if g_index not in used and g == key:
                    pairs.append((g_index, p_index))
                    used.add(g_index)
                    break
        return pairs
    return pair_by_overlap(gold, pred)


def pair_by_overlap(gold: list[Extent], pred: list[Extent], min_shared: float = 0.0) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), one to one, largest overlap first, sharing more than
    ``min_shared`` of the shorter extent (and at least one character)."""
    candidates = []
    for g_index, (gs, ge) in enumerate(gold):
        for p_index, (ps, pe) in enumerate(pred):
            shared = min(ge, pe) - max(gs, ps)
            if shared > 0 and shared >= min_shared * min(ge - gs, pe - ps):
                candidates.append((-shared, g_index, p_index))
    pairs, used_gold, used_pred = [], set(), set()
    for _, g_index, p_index in sorted(candidates):
        if g_index not in used_gold and p_index not in used_pred:
            pairs.append((g_index, p_index))
            used_gold.add(g_index)
            used_pred.add(p_index)
    return pairs


@dataclass
class Tally:
    """Counts for one (measure, class) cell."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "gold": self.gold, "predicted": self.predicted, "matched": self.matched}


#: The measures reported: (name, role, exact matching?).
MEASURES = (
    ("content overlap", "content", False),
    ("content exact", "content", True),
    ("source", "source", False),
    ("source exact", "source", True),
    ("cue", "cue", False),
    ("cue exact", "cue", True),
)
CLASSES = ("all", "direct", "indirect")


@dataclass
class Scores:
    """Tallies per measure and class, plus the unmatched spans kept for error analysis."""

    tallies: dict[tuple[str, str], Tally] = field(
        default_factory=lambda: {(m[0], c): Tally() for m in MEASURES for c in CLASSES})
    misses: list[tuple[Document, Attribution]] = field(default_factory=list)
    false_alarms: list[tuple[Document, Attribution, Span]] = field(default_factory=list)

    def add(self, document: Document, spans: list[Span]) -> None:
        text = document.text
        gold = list(document.attributions)
        pred = predicted(spans)
        for name, role, exact in MEASURES:
            for cls in CLASSES:
                g = [a for a in gold if getattr(a, role) is not None and cls in ("all", a.kind(text))]
                p = [a for a in pred if getattr(a, role) is not None and cls in ("all", a.kind(text))]
                p = list({getattr(a, role): a for a in p}.values())  # one speaker mention may serve two quotes
                pairs = match([getattr(a, role) for a in g], [getattr(a, role) for a in p], text, exact=exact)
                tally = self.tallies[(name, cls)]
                tally.gold += len(g)
                tally.predicted += len(p)
                tally.matched += len(pairs)
                if name == "content overlap" and cls == "all":
                    matched_gold = {gi for gi, _ in pairs}
                    matched_pred = {pi for _, pi in pairs}
                    self.misses += [(document, a) for i, a in enumerate(g) if i not in matched_gold]
                    self.false_alarms += [(document, a, spans[pred.index(a)]) for i, a in enumerate(p)
                                          if i not in matched_pred]

    def as_dict(self) -> dict:
        return {name: {cls: self.tallies[(name, cls)].as_dict() for cls in CLASSES} for name, _, _ in MEASURES}


def _verb_forms(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d", lemma[:-1] + "ies",
            lemma[:-1] + "ied"}


#: Irregular past forms of lexicon verbs.
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
              "felt": "feel", "knew": "know", "known": "know", "spoke": "speak", "spoken": "speak",
              "understood": "understand", "swore": "swear", "sworn": "swear", "forecast": "forecast"}


def _cue_class(document: Document, attribution: Attribution, forms: set[str]) -> str:
    if attribution.cue is None:
        return "no cue"
    cue = document.text[attribution.cue[0]:attribution.cue[1]].lower().strip()
    words = re.findall(r"[a-z]+", cue)
    if not words:
        return f"punctuation cue ({cue!r})"
    if words[:2] == ["according", "to"]:
        return "according to"
    if any(word in forms for word in words):
        return "lexicon cue verb, missed or misparsed"
    return f"cue outside the lexicon ({' '.join(words[:3])})"


def error_classes(scores: Scores, top: int = 12) -> dict[str, list[tuple[str, int]]]:
    """What the misses and the false alarms of content-overlap matching are, counted by class."""
    forms = {form for lemma in CUE_VERBS for form in _verb_forms(lemma)} | set(_IRREGULAR)
    misses = Counter(_cue_class(document, attribution, forms) for document, attribution in scores.misses)
    collapsed = Counter()
    for label, count in misses.items():
        collapsed["cue outside the lexicon" if label.startswith("cue outside") else label] += count
    outside = Counter(label for label in misses.elements() if label.startswith("cue outside"))
    alarms = Counter(span.explanation.split(",")[-1].strip() if span.explanation.startswith("cue verb")
                     else span.explanation for _, _, span in scores.false_alarms)
    return {
        "missed gold attributions": collapsed.most_common(top),
        "most frequent cues outside the lexicon": outside.most_common(top),
        "false alarms, by how they were found": alarms.most_common(top),
    }

