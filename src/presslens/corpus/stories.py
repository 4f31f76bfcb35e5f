"""Stories: articles about the same event, clustered by TF-IDF similarity within a time window.

Two articles are linked when the cosine similarity of their TF-IDF vectors
(title and text, English stop words out, sublinear term frequency) reaches
``threshold`` and they were published at most ``window_days`` apart
(articles without a date are compared only with each other). A story is a
connected group of linked articles; it is labelled with the terms that weigh
most in its articles, its outlets and its time span.

Articles are compared in date order, each block of rows only against the rows
within the window, so the work grows with the number of articles times the
articles per window, not with the square of the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..article import Article


@dataclass(frozen=True)
class StoryParams:
    threshold: float = 0.35
    window_days: int = 3
    top_terms: int = 8
    min_articles: int = 2
    max_features: int = 100_000
    #: Terms in more than this share of the articles carry no topic.
    max_df: float = 0.9
    block: int = 2000


def _linked_pairs(matrix, days: np.ndarray, params: StoryParams) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j) with cosine >= threshold and dates at most window_days apart; rows sorted by day."""
    rows, cols = [], []
    n = matrix.shape[0]
    for start in range(0, n, params.block):
        stop = min(start + params.block, n)
        last = int(np.searchsorted(days, days[stop - 1] + params.window_days, side="right"))
        similarity = (matrix[start:stop] @ matrix[start:last].T).tocoo()
        i = similarity.row + start
        j = similarity.col + start
        keep = (j > i) & (similarity.data >= params.threshold) & (np.abs(days[j] - days[i]) <= params.window_days)
        rows.append(i[keep])
        cols.append(j[keep])
    return np.concatenate(rows or [np.zeros(0, int)]), np.concatenate(cols or [np.zeros(0, int)])


def find_stories(articles: Sequence[Article], params: StoryParams = StoryParams()) -> list[dict]:
    """Cluster ``articles`` into stories; biggest first. Each story: ``label``, ``terms``, ``articles``,
    ``outlets`` (with counts), ``first`` and ``last`` publication dates."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < params.min_articles:
        return []
    undated = dt.date.max.toordinal() + 10 * params.window_days
    days_all = np.array([a.published.toordinal() if a.published else undated for a in articles], dtype=np.int64)
    order = np.argsort(days_all, kind="stable")
    ordered = [articles[i] for i in order]
    days = days_all[order]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, max_df=params.max_df, min_df=2,
                                 max_features=params.max_features, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform([f"{a.title or ''}\n{a.text}" for a in ordered]).tocsr()
    except ValueError:  # no term occurs in two articles: nothing can be linked
        return []
    rows, cols = _linked_pairs(matrix, days, params)
    graph = coo_matrix((np.ones(rows.size), (rows, cols)), shape=(len(ordered), len(ordered)))
    _, labels = connected_components(graph, directed=False)
    terms = vectorizer.get_feature_names_out()
    stories = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        if members.size < params.min_articles:
            continue
        weights = np.asarray(matrix[members].sum(axis=0)).ravel()
        top = [str(terms[i]) for i in np.argsort(-weights)[: params.top_terms] if weights[i] > 0]
        dates = [ordered[i].published for i in members if ordered[i].published]
        outlets = Counter(ordered[i].outlet for i in members if ordered[i].outlet)
        stories.append({
            "label": " / ".join(top[:3]),
            "terms": top,
            "articles": [ordered[i].id for i in members],
            "outlets": [{"name": name, "articles": count} for name, count in outlets.most_common()],
            "first": min(dates).isoformat() if dates else None,
            "last": max(dates).isoformat() if dates else None,
        })
    return sorted(stories, key=lambda s: (-len(s["articles"]), s["first"] or "", s["articles"][0]))
