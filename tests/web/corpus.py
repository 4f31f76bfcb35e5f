"""A small corpus built by hand, so that the corpus pages and API are tested without any analyzer.

Three outlets: Baltic Watch (the bundled example, with quotes and techniques), Echo Daily (a later
article that copies Peskov's quote) and TASS (state media, one technique). One reuse pair: Echo
Daily took a passage from Baltic Watch.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from presslens.article import Article
from presslens.corpus.store import Store
from presslens.report import Report

from render.reports import example_report, find, technique

PESKOV_QUOTE = "Nobody should doubt that Russia will take every measure needed to guarantee its security"

ECHO_TEXT = (
    "Kremlin responds to Baltic exercises\n\n"
    f"Kremlin spokesman Dmitry Peskov said: “{PESKOV_QUOTE}.” Analysts called the statement a hysterical "
    "overreaction to routine drills. The exercises begin on March 20.\n"
)

TASS_TEXT = (
    "Lavrov: the West is preparing for war\n\n"
    "Russian Foreign Minister Sergey Lavrov said Western capitals were preparing for war and ignoring every "
    "proposal. The shameful provocation will not go unanswered, the ministry added.\n"
)


def echo_report() -> Report:
    article = Article(text=ECHO_TEXT, id="echo-1", title="Kremlin responds to Baltic exercises", outlet="Echo Daily",
                      published=dt.date(2023, 4, 2), language="en")
    peskov = find(ECHO_TEXT, "Dmitry Peskov", "PERSON", name="Dmitry Peskov", role="Kremlin spokesman", mention="name")
    speaker = find(ECHO_TEXT, "Dmitry Peskov", "person", name="Dmitry Peskov", role="Kremlin spokesman")
    quote = find(ECHO_TEXT, PESKOV_QUOTE, "QUOTE", kind="direct", cue=find(ECHO_TEXT, "said"), speaker=speaker,
                 outlet=None)
    hysterical = technique(ECHO_TEXT, "hysterical overreaction", "Loaded_Language", 0.7)
    return Report(article=article,
                  layers={"entities": [peskov], "quotes": [quote],
                          "techniques": [hysterical], "sources": [], "claims": []},
                  summary={"publisher": {"name": "Echo Daily", "state_affiliated": False, "country": "Latvia"}},
                  analyzers=["entities", "quotes", "techniques"])


def tass_report() -> Report:
    article = Article(text=TASS_TEXT, id="tass-1", title="Lavrov: the West is preparing for war", outlet="TASS",
                      published=dt.date(2023, 4, 20), language="en")
    shameful = technique(TASS_TEXT, "shameful provocation", "Name_Calling,Labeling", 0.8)
    return Report(article=article,
                  layers={"techniques": [shameful],
                          "sources": [], "entities": [], "quotes": [], "claims": []},
                  summary={"publisher": {"name": "TASS", "state_affiliated": True, "country": "Russia",
                                         "typology": "state news agency"}},
                  analyzers=["techniques"])


def build_corpus(path: Path) -> Path:
    with Store(path) as store:
        for report in (example_report(), echo_report(), tass_report()):
            store.add_article(report.article)
            store.save_report(report)
        store.save_reuse([{"a": "baltic-drills", "b": "echo-1", "share_a": 0.12, "share_b": 0.61,
                           "passages": [[0, 10, 0, 10]], "origin": "baltic-drills"}])
    return path
