"""Reports built by hand, so that renderer tests depend on no analyzer.

The spans follow the agreed report interfaces (quotes with cue and speaker
spans, sources with state affiliation, claims with check-worthiness, numeric
checks with the numbers involved, techniques with confidence), and include
overlapping and nested spans across layers, spans at the start and end of the
text, an empty layer and a layer no renderer knows.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files

from presslens.article import Article, RemovedText, Span
from presslens.report import Report
from presslens.techniques.taxonomy import DISPLAY_NAMES, semeval2023_view

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> javascript:alert(1)'


def find(text: str, needle: str, label: str = "", occurrence: int = 0, **attrs) -> Span:
    """The span of the ``occurrence``-th copy of ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), label, attrs=attrs)


def technique(text: str, needle: str, label: str, confidence: float) -> Span:
    span = find(text, needle, "TECHNIQUE", technique=label, name=DISPLAY_NAMES[label], confidence=confidence,
                span_confidence=confidence, semeval2023=semeval2023_view(label))
    return Span(span.start, span.end, span.label, confidence, f"cue words: {needle!r}", span.attrs)


def example_report() -> Report:
    text = files("presslens").joinpath("examples", "baltic-drills.txt").read_text(encoding="utf-8")
    article = Article(
        text=text,
        id="baltic-drills",
        title="Moscow Warns West Over “Reckless” Baltic Drills",
        outlet="Baltic Watch",
        published=dt.date(2023, 3, 14),
        byline="Anna Petrova",
        language="en",
        dateline="MOSCOW, March 14 (TASS)",
        field_sources={"outlet": "signature line 'Baltic Watch, 14.03.2023'", "byline": "line 'By Anna Petrova'"},
        removed=(RemovedText("Related Posts", "boilerplate", 10, 23),
                 RemovedText("Share this:", "boilerplate", 30, 41)),
    )
    peskov = find(text, "Dmitry Peskov", "PERSON", name="Dmitry Peskov", role="Kremlin spokesman", mention="name")
    lavrov = find(text, "Sergey Lavrov", "PERSON", name="Sergey Lavrov", role="Foreign Minister", mention="name")
    tass = find(text, "TASS", "OUTLET", name="TASS", state_affiliated=True, country="Russia", typology="SC",
                typology_label="state-controlled media", editorial_independence=False, cue=None, kind="dateline")
    reuters = find(text, "Reuters", "OUTLET", name="Reuters", state_affiliated=False, country="United Kingdom",
                   typology=None, typology_label=None, editorial_independence=None, cue=find(text, "According to"),
                   kind="attribution")
    ria = find(text, "RIA Novosti", "OUTLET", name="RIA Novosti", state_affiliated=True, country="Russia",
               typology="SC", typology_label="state-controlled media", editorial_independence=False,
               cue=find(text, "reports", occurrence=0), kind="attribution")
    peskov_says = find(text, "Dmitry Peskov", "person", name="Dmitry Peskov", role="Kremlin spokesman")
    lavrov_says = find(text, "Sergey Lavrov", "person", name="Sergey Lavrov", role="Foreign Minister")
    nobody = find(text, "Nobody should doubt that Russia will take every measure needed to guarantee its security",
                  "QUOTE", kind="direct", cue=find(text, "told reporters"), speaker=peskov_says, outlet=None)
    dialogue = find(text, "They talk about dialogue, but they are preparing for war", "QUOTE", kind="direct",
                    cue=find(text, "Lavrov said"), speaker=lavrov_says, outlet=None)
    ignored = find(text, "Western capitals had ignored every Russian proposal on security guarantees", "QUOTE",
                   kind="indirect", cue=find(text, "said that"), speaker=lavrov_says, outlet="RIA Novosti")
    increase = find(text, "up from 9,000 troops last year, an increase of 25 per cent", "NUMERIC_CHECK",
                    verdict="inconsistent", check="percent change",
                    numbers=[find(text, "12,000 troops", kind="count"), find(text, "9,000 troops", kind="count"),
                             find(text, "25 per cent", kind="percent")])
    increase = Span(increase.start, increase.end, increase.label,
                    explanation="from 9,000 to 12,000 is +33.3 %, not 25 %", attrs=increase.attrs)
    troops = find(text, "the exercise will involve 12,000 troops from 14 countries, up from 9,000 troops last year, "
                        "an increase of 25 per cent", "CLAIM", checkworthiness=0.91, type="quantity",
                  types=["quantity"], speaker=None, quote=None, entities=[], numeric_checks=[increase], rank=1)
    exercises = find(text, "NATO had held 27 large-scale exercises near Russian borders in 2022", "CLAIM",
                     checkworthiness=0.64, type="quantity", types=["quantity"], speaker="Sergey Lavrov",
                     quote=None, entities=[], numeric_checks=[], rank=2)
    headline = Span(0, text.index("\n"), "CLAIM", attrs={"checkworthiness": 0.2, "type": "other", "types": [],
                                                         "speaker": None, "quote": None, "entities": [],
                                                         "numeric_checks": [], "rank": 3})
    reckless = technique(text, "Reckless", "Loaded_Language", 0.8)
    provocation = technique(text, "a dangerous provocation", "Loaded_Language", 0.74)
    rehearsal = technique(text, "They are a rehearsal for aggression", "Name_Calling,Labeling", 0.55)
    war = technique(text, "preparing for war", "Appeal_to_fear-prejudice", 0.6)
    techniques = [reckless, provocation, rehearsal, war]
    tail = Span(len(text) - len("daily updates\n"), len(text), "TAIL", 0.5, "runs to the end of the text")
    return Report(
        article=article,
        layers={
            "sources": sorted([tass, reuters, ria], key=lambda s: s.start),
            "entities": [peskov, lavrov],
            "quotes": [nobody, dialogue, ignored],
            "claims": sorted([headline, troops, exercises], key=lambda s: s.start),
            "numeric_checks": [increase],
            "techniques": sorted(techniques, key=lambda s: s.start),
            "reuse": [],
            "hedges": [tail],
        },
        summary={
            "publisher": {"name": "Baltic Watch", "state_affiliated": None, "country": None,
                          "reason": "'Baltic Watch' is not in the outlet registry", "from": "signature line"},
            "outlets_cited": [{"name": "TASS", "state_affiliated": True, "country": "Russia", "mentions": 1,
                               "kinds": ["dateline"]}],
            "people": [
                {"name": "Dmitry Peskov", "roles": ["Kremlin spokesman"], "mentions": 4},
                {"name": "Sergey Lavrov", "roles": ["Foreign Minister"], "mentions": 3},
            ],
            "speakers": [
                {"name": "Dmitry Peskov", "role": "Kremlin spokesman", "kind": "PERSON", "quotes": 1, "words": 14,
                 "direct": 1, "indirect": 0, "mixed": 0, "outlets": []},
                {"name": "Sergey Lavrov", "role": "Foreign Minister", "kind": "PERSON", "quotes": 2, "words": 20,
                 "direct": 1, "indirect": 1, "mixed": 0, "outlets": ["RIA Novosti"]},
                {"name": None, "role": None, "kind": "unattributed", "quotes": 1, "words": 5, "direct": 1,
                 "indirect": 0, "mixed": 0, "outlets": []},
            ],
            "techniques_summary": {
                "spans": 4, "words": 320, "per_1000_words": 12.5, "share_of_text": 0.04,
                "top_techniques": [{"technique": "Loaded_Language", "name": "Loaded language", "count": 2}],
                "sentences": [{"start": m.start(), "end": m.end(), "score": round(0.9 - i / 50, 2)}
                              for i, m in enumerate(re.finditer(r"[^\s.!?][^\n.!?]*[.!?]?", text))],
                "model": "techniques",
            },
            "readability": {"grade": 11.2},
            "claims_summary": {"claims": 3, "by_type": {"other": 1, "quantity": 2}, "in_quotes": 0},
            "reuse_summary": {"pairs": 0},
        },
        analyzers=["entities", "sources", "quotes", "claims", "numbers", "techniques"],
        warnings=[],
    )


def hostile_report() -> Report:
    """Payloads in the article text, the metadata, a speaker name, an explanation and a layer name."""
    text = f"{HOSTILE} said the minister. “{HOSTILE}” he added."
    quote_start = text.index("“") + 1
    who = find(text, "the minister", "PERSON", name=HOSTILE, role=HOSTILE)
    quote = Span(quote_start, quote_start + len(HOSTILE), "QUOTE",
                 attrs={"kind": "direct", "speaker": who, "cue": find(text, "said"), "outlet": HOSTILE})
    return Report(
        article=Article(text=text, title=HOSTILE, outlet=HOSTILE, url="javascript:alert(1)", byline=HOSTILE,
                        field_sources={"title": HOSTILE}),
        layers={
            "quotes": [quote],
            "techniques": [Span(0, len(HOSTILE), "TECHNIQUE", 0.9, HOSTILE,
                                {"technique": HOSTILE, "name": HOSTILE, "confidence": 0.9, "span_confidence": 0.9,
                                 "semeval2023": {"techniques": [HOSTILE], "categories": [HOSTILE]}})],
            "sources": [Span(0, 8, "OUTLET", attrs={"name": HOSTILE, "state_affiliated": True, "country": HOSTILE,
                                                    "typology": HOSTILE, "typology_label": HOSTILE,
                                                    "editorial_independence": None, "kind": HOSTILE, "cue": None})],
            f"x{HOSTILE}": [Span(2, 9, HOSTILE, explanation=HOSTILE, attrs={HOSTILE: HOSTILE})],
        },
        summary={"speakers": [{"name": HOSTILE, "role": HOSTILE, "kind": HOSTILE, "quotes": 1, "words": 9,
                               "direct": 1, "indirect": 0, "mixed": 0, "outlets": [HOSTILE]}],
                 HOSTILE: [{HOSTILE: HOSTILE}]},
        warnings=[HOSTILE],
    )


def foreign_report() -> Report:
    """A non-English article: analyzers skipped, warnings say so, layers empty."""
    text = "Москва предупредила Запад о «безрассудных» учениях на Балтике."
    return Report(
        article=Article(text=text, title="Москва предупредила Запад", language="ru",
                        field_sources={"language": "py3langid (0.99)"}),
        layers={"sources": [], "entities": [], "quotes": [], "claims": [], "techniques": []},
        summary={},
        analyzers=[],
        warnings=["language 'ru' is not English: skipped entities, quotes, claims, techniques"],
    )
