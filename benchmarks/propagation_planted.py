"""Planted quote propagation: does the corpus layer find every planted quote group, whole and pure?

Builds a small corpus in a temporary database: 10 quotes of 5 people, each published in 4 articles of 4
outlets on 4 days: the first under the speaker's full name ("Donald J. Trump said"), an identical
version under the bare surname ("Trump said"), a shortened version under the honorific ("Mr. Trump"),
and a version with one word altered and its typography changed (straight against curly apostrophes and
quotation marks). Distractors: for each quote, another quote of the same person and one of another
person that share a five-word fragment with it. Then runs the corpus layer as ``presslens corpus
analyze`` and ``corpus quotes`` do (the entities, sources and quotes analyzers, identity resolution,
:func:`presslens.corpus.quotes.propagation`) and checks, for each planted quote, that its group is

- complete: all four articles in one group;
- pure: no distractor and no other quote in it;
- named: shown under the speaker's full name;
- exact: the identical version reported identical, the shortened one with words dropped only, the
  altered one with exactly the one word altered.

Run::

    PYTHONPATH=src python benchmarks/propagation_planted.py          # about a minute on 2 cores
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from presslens.article import Article
from presslens.corpus import identity
from presslens.corpus.batch import run_batch
from presslens.corpus.quotes import propagation
from presslens.corpus.store import Store
from presslens.settings import Settings

ANALYZERS = ("entities", "sources", "quotes")

#: (full name, surname with honorific, [(quote, words kept by the shortened version, (word, replacement))]).
PEOPLE = [
    ("Donald J. Trump", "Mr. Trump", [
        ("We are going to rebuild the roads and the bridges of this country and put our people back to work",
         12, ("rebuild", "repair")),
        ("Nobody knows the tax system better than I do and I'll fix it for the middle class",
         11, ("fix", "change")),
    ]),
    ("Hillary Rodham Clinton", "Mrs. Clinton", [
        ("We can't let the progress we've made on health care be torn down by the other side",
         11, ("progress", "gains")),
        ("I have a plan to make college debt free for every family that earns less than a hundred thousand",
         12, ("plan", "proposal")),
    ]),
    ("Bernie Sanders", "Sen. Sanders", [
        ("The economy is rigged in favor of the wealthiest people and the largest corporations in America",
         11, ("rigged", "tilted")),
        ("Health care is a right of every American, it's not a privilege reserved for the few",
         11, ("right", "guarantee")),
    ]),
    ("Mike Pence", "Gov. Pence", [
        ("Our campaign will keep talking to voters in every county of this state until the last day",
         11, ("talking", "speaking")),
        ("The people of Indiana have seen what lower taxes and balanced budgets can do for jobs",
         11, ("seen", "watched")),
    ]),
    ("Barack Obama", "President Obama", [
        ("Anyone claiming that the American economy is in decline is peddling fiction to the voters",
         10, ("peddling", "selling")),
        ("We have to stay focused on the families who are still struggling to pay their bills",
         11, ("focused", "fixed")),
    ]),
]

#: The distractors' own words around the shared fragment: one pair per planted quote, so that the
#: distractors are no repeated quote either.
CARRIERS = [
    ("Some people say {} but that was never what this race is about",
     "My opponent keeps saying {} and the voters know better"),
    ("I hear that {} every single morning on cable television",
     "Critics claim {} while ignoring the record of the last decade"),
    ("It is not true that {} whatever the pundits think",
     "You will hear {} from people who never visited a factory"),
    ("They told us {} in nineteen ninety and nothing happened",
     "Every advertisement repeats {} without a shred of evidence"),
    ("Somebody wrote {} on a sign outside the hall tonight",
     "A reporter asked whether {} and I laughed at the question"),
    ("My grandmother used to warn that {} when prices rose",
     "The newspaper headline read {} across the entire front page"),
    ("Nobody in Washington believes {} any more",
     "Students at the college asked if {} during the town hall"),
    ("The governor once joked that {} at a dinner in Denver",
     "Our volunteers were told {} by the county chairman"),
    ("I never said {} and I never will",
     "The other campaign mailed flyers saying {} to every home"),
    ("Back home they say {} when the harvest fails",
     "A caller to the radio show insisted {} for ten minutes"),
]
OUTLETS = ["Daily Ledger", "Morning Courier", "Evening Star Press", "Valley Gazette"]
START = dt.date(2016, 5, 2)
#: The rest of every article: no reported speech (a filler quote in every article would be one group of all).
FILLER = ("The remarks came during a campaign stop in a high school gym. The crowd filled the bleachers well "
          "before noon, and the doors closed an hour later.")


def _typography(text: str) -> str:
    """Curly apostrophes for straight ones, and back: a change of typography, not of words."""
    return text.replace("'", "\u2019") if "'" in text else text.replace("\u2019", "'")


def _article(article_id: str, outlet: str, day: int, title: str, opening: str, quote: str, speaker: str,
             marks: str = "\u201c\u201d") -> Article:
    text = f"{title}\n\n{opening} {marks[0]}{quote},{marks[1]} {speaker} said on Monday. {FILLER}\n"
    return Article(text=text, id=article_id, title=title, outlet=outlet, published=START + dt.timedelta(days=day),
                   language="en")


def planted_corpus() -> tuple[list[Article], list[dict]]:
    """The articles, and what is expected of each planted group."""
    articles: list[Article] = []
    expected: list[dict] = []
    for person, (full, honorific, quotes) in enumerate(PEOPLE):
        surname = full.split()[-1]
        other_full = PEOPLE[(person + 1) % len(PEOPLE)][0]
        for number, (quote, kept, (word, replacement)) in enumerate(quotes):
            key = f"p{person}q{number}"
            day = 7 * (2 * person + number)
            words = quote.split()
            shortened = " ".join(words[:kept])
            altered = _typography(quote.replace(f" {word} ", f" {replacement} ", 1))
            versions = [
                (full, f"{full} spoke to supporters in Ohio.", quote),
                (surname, f"{surname} spoke to supporters in Ohio.", quote),
                (honorific, f"{honorific} spoke to supporters in Ohio.", shortened),
                (surname, f"{surname} spoke to supporters in Ohio.", altered),
            ]
            ids = []
            for version, (speaker, opening, text) in enumerate(versions):
                article_id = f"{key}-v{version}"
                ids.append(article_id)
                articles.append(_article(article_id, OUTLETS[version], day + version, f"Campaign notes {key} {version}",
                                         opening, text, speaker, marks='""' if version == 3 else "\u201c\u201d"))
            fragment = " ".join(words[2:7])
            same, other = CARRIERS[2 * person + number]
            articles.append(_article(f"{key}-same-speaker", OUTLETS[0], day + 1, f"More campaign notes {key}",
                                     f"{full} spoke to donors in Iowa.", same.format(fragment), full))
            articles.append(_article(f"{key}-other-speaker", OUTLETS[1], day + 2, f"Other campaign notes {key}",
                                     f"{other_full} spoke to donors in Iowa.", other.format(fragment), other_full))
            expected.append({"key": key, "speaker": full, "articles": ids, "altered": [word, replacement]})
    return articles, expected


def check(groups: list[dict], expected: dict) -> dict[str, bool]:
    """How the group of one planted quote came out."""
    ids = set(expected["articles"])
    holding = [group for group in groups if ids & set(group["articles"])]
    group = max(holding, key=lambda g: len(ids & set(g["articles"])), default=None)
    if group is None:
        return {"complete": False, "pure": False, "full_name": False, "exact": False}
    versions = {version["article_id"]: version for version in group["versions"]}
    identical, shortened, altered = (versions.get(f"{expected['key']}-v{n}") for n in (1, 2, 3))
    exact = (group["first"]["article_id"] == expected["articles"][0]
             and identical is not None and identical["identical"]
             and shortened is not None and shortened["dropped"] and not shortened["added"] and not shortened["altered"]
             and altered is not None and altered["altered"] == [expected["altered"]]
             and not altered["added"] and not altered["dropped"])
    return {"complete": len(holding) == 1 and ids <= set(group["articles"]),
            "pure": set(group["articles"]) <= ids,
            "full_name": group["speaker"] == expected["speaker"],
            "exact": bool(exact)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="keep the corpus database here (default: a temporary file)")
    parser.add_argument("--json", action="store_true", help="print every group as JSON too")
    args = parser.parse_args()
    articles, expected = planted_corpus()
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "planted.db"
        started = time.perf_counter()
        with Store(db) as store:
            store.add_articles(articles)
            result = run_batch(store, Settings(analyzers=ANALYZERS), workers=1)
            identity.refresh(store)
            groups = propagation(store.quotes())
        elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(groups, indent=2, ensure_ascii=False))
    results = {item["key"]: check(groups, item) for item in expected}
    for key, outcome in results.items():
        failed = [name for name, ok in outcome.items() if not ok]
        print(f"{key}: {'ok' if not failed else 'FAILED ' + ', '.join(failed)}")
    planted = {article_id for item in expected for article_id in item["articles"]}
    strays = [group for group in groups if not set(group["articles"]) <= planted]
    print(f"{len(articles)} articles analysed ({result.analysed}) in {elapsed:.0f} s; {len(groups)} groups, "
          f"{len(strays)} holding a distractor")
    for name in ("complete", "pure", "full_name", "exact"):
        print(f"{name}: {sum(outcome[name] for outcome in results.values())} of {len(results)}")
    return 0 if not strays and all(all(outcome.values()) for outcome in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
