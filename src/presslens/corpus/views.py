"""Aggregations over the corpus store, in SQL: what the corpus pages, the API and the CLI show.

Every function takes a :class:`~presslens.corpus.store.Store` and reads only aggregated rows, so that a
page stays quick on a large corpus (no report is loaded to draw a chart).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..errors import ArticleNotFoundError

#: The total of all techniques, drawn next to the most frequent ones.
ALL_TECHNIQUES = "all techniques"
#: Techniques drawn as their own line; the rest count only in the total.
TOP_TECHNIQUES = 5

_TECHNIQUES_RUN = ("EXISTS (SELECT 1 FROM reports r, json_each(r.analyzers) j"
                   " WHERE r.article_id = COALESCE(a.duplicate_of, a.id) AND j.value = 'techniques')")


def technique_key(name: str) -> str:
    """A technique name compared case- and spacing-insensitively: "loaded language" is "Loaded_Language"."""
    return "_".join(name.replace("-", " ").replace("_", " ").split()).casefold()


def technique_rates(store, outlet: str | None = None) -> dict[str, Any]:
    """Persuasion techniques per 1,000 words, by month, over the dated articles where the techniques analyzer ran.

    Returns ``{"series": {name: {month: rate}}, "articles": n charted, "analysed": bool (did the
    techniques analyzer run on any article), "skipped": n articles left out (undated, not analysed, or techniques not
    run)}``. ``outlet`` (publisher, case-insensitive) limits it to one outlet.
    """
    where, params = ("AND lower(a.publisher) = lower(?)", [outlet]) if outlet else ("", [])
    db = store.connection
    months = db.execute(
        "SELECT substr(a.published, 1, 7) AS month, count(*) AS articles, sum(word_count(t.text)) AS words"
        " FROM articles a JOIN texts t ON t.rowid = a.text_id"
        f" WHERE a.published IS NOT NULL AND {_TECHNIQUES_RUN} {where} GROUP BY month", params).fetchall()
    total = db.execute(f"SELECT count(*) FROM articles a WHERE 1 = 1 {where}",
                       params).fetchone()[0]
    words = {row["month"]: row["words"] for row in months}
    charted = sum(row["articles"] for row in months)
    counts = db.execute(
        "SELECT COALESCE(json_extract(s.attrs, '$.technique'), s.label) AS name, substr(a.published, 1, 7) AS month,"
        " count(*) AS n FROM spans s JOIN articles a ON COALESCE(a.duplicate_of, a.id) = s.article_id"
        f" WHERE s.layer = 'techniques' AND a.published IS NOT NULL {where} GROUP BY name, month", params).fetchall()
    per_name: dict[str, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for row in counts:
        per_name[row["name"]][row["month"]] = row["n"]
        per_name[ALL_TECHNIQUES][row["month"]] = per_name[ALL_TECHNIQUES].get(row["month"], 0) + row["n"]
        totals[row["name"]] += row["n"]
    top = sorted(totals, key=lambda name: (-totals[name], name))[:TOP_TECHNIQUES]
    series = {name: {month: 1000 * per_name[name].get(month, 0) / words[month] for month in sorted(words)
                     if words[month]} for name in [ALL_TECHNIQUES, *top]} if words else {}
    return {"series": series, "articles": charted, "analysed": bool(months), "skipped": total - charted}


def articles_per_day(store) -> list[dict]:
    """Articles per publisher per day: ``{"outlet", "day", "articles"}``, by day."""
    rows = store.connection.execute(
        "SELECT publisher AS outlet, published AS day, count(*) AS articles FROM articles"
        " WHERE published IS NOT NULL GROUP BY publisher, published ORDER BY published, publisher")
    return [dict(row) for row in rows]


def articles_per_outlet(store) -> list[dict]:
    """Publishers with their article counts and first and last dates, most articles first."""
    rows = store.connection.execute(
        "SELECT publisher AS outlet, count(*) AS articles, min(published) AS first, max(published) AS last"
        " FROM articles GROUP BY publisher ORDER BY articles DESC, publisher")
    return [dict(row) for row in rows]


def reuse_summary(store) -> dict[str, Any]:
    """Stored reuse pairs by kind, and the pairs between two outlets (boilerplate left out), most first."""
    flows = store.connection.execute(
        "SELECT CASE WHEN r.source = r.b THEN y.publisher ELSE x.publisher END AS source,"
        " CASE WHEN r.source = r.b THEN x.publisher ELSE y.publisher END AS target,"
        " r.source IS NOT NULL AS directed, count(*) AS pairs FROM reuse r"
        " JOIN articles x ON x.id = r.a JOIN articles y ON y.id = r.b"
        " WHERE r.kind IS NULL OR r.kind != 'boilerplate' GROUP BY 1, 2, 3 ORDER BY pairs DESC, 1, 2")
    return {"kinds": store.reuse_kinds(), "flows": [dict(row) for row in flows]}


def home(store, *, top_people: int = 10, top_stories: int = 5) -> dict[str, Any]:
    """What the corpus home page shows: counts, articles per outlet and per day, top people, the biggest stories,
    reuse, techniques."""
    return {
        "stats": store.stats(),
        "outlets": articles_per_outlet(store),
        "per_day": articles_per_day(store),
        "people": store.speakers(limit=top_people),
        "stories": stories(store, limit=top_stories, top_people=0),
        "reuse": reuse_summary(store),
        "techniques": technique_rates(store),
    }


def _story_row(row) -> dict[str, Any]:
    story = dict(row)
    story["names"] = json.loads(story["names"])
    story["outlets"] = json.loads(story["outlets"])
    return story


def _story_people(store, story_ids: list[int], limit: int) -> dict[int, list[dict]]:
    """The most quoted people of each story (identities resolved): ``{story id: [{"name", "quotes"}]}``."""
    if not story_ids:
        return {}
    rows = store.connection.execute(
        f"WITH sp AS NOT MATERIALIZED ({store._person_rows()}),"
        " counted AS (SELECT sa.story_id, sp.person AS name, sum(sp.quotes) AS quotes,"
        "   row_number() OVER (PARTITION BY sa.story_id ORDER BY sum(sp.quotes) DESC, sp.person) AS rank"
        "   FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        "   JOIN sp ON sp.article_id = COALESCE(a.duplicate_of, a.id)"
        f"   WHERE sa.story_id IN ({', '.join('?' * len(story_ids))}) GROUP BY sa.story_id, sp.person)"
        " SELECT story_id, name, quotes FROM counted WHERE rank <= ? ORDER BY story_id, rank",
        (*story_ids, limit)).fetchall()
    people: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        people[row["story_id"]].append({"name": row["name"], "quotes": row["quotes"]})
    return people


def stories(store, *, limit: int = 50, offset: int = 0, top_people: int = 3) -> dict[str, Any]:
    """Stored stories (``presslens corpus stories``), biggest first, each with its most quoted people;
    ``total`` counts them all, ``covered`` the articles in one, ``corpus`` the articles in the corpus."""
    rows = [_story_row(row) for row in store.connection.execute(
        "SELECT id, label, names, first, last, articles, outlets, cohesion FROM stories ORDER BY id LIMIT ? OFFSET ?",
        (limit, offset))]
    people = _story_people(store, [row["id"] for row in rows], top_people)
    for row in rows:
        row["people"] = people.get(row["id"], [])
    total, covered = store.connection.execute("SELECT count(*), coalesce(sum(articles), 0) FROM stories").fetchone()
    corpus = store.connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {"stories": rows, "total": total, "covered": covered, "corpus": corpus, "limit": limit, "offset": offset}


def story(store, story_id: int, *, top_people: int = 10) -> dict[str, Any]:
    """One stored story: its fields, its articles by date (with title, publisher and link), its most quoted people."""
    row = store.connection.execute(
        "SELECT id, label, names, first, last, articles, outlets, cohesion, params FROM stories WHERE id = ?",
        (story_id,)).fetchone()
    if row is None:
        raise ArticleNotFoundError(f"no story {story_id} in the corpus; see /stories or `presslens corpus stories`",
                                   source=str(store.path))
    entry = _story_row(row)
    entry["params"] = json.loads(entry["params"])
    entry["articles_list"] = [dict(article) for article in store.connection.execute(
        "SELECT a.id, a.title, a.publisher AS outlet, a.published, sa.position FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?"
        " ORDER BY a.published IS NULL, a.published, sa.position", (story_id,))]
    entry["people"] = _story_people(store, [story_id], top_people).get(story_id, [])
    return entry
