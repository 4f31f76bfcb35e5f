"""Stories: articles about the same event or topic, clustered by meaning within a time window.

Each article is read as its title and lead (the first :attr:`StoryParams.lead_words` words): a
sentence vector from the shared encoder (:func:`presslens.encoder.default_encoder`, MiniLM, unit
norm), and the names its entities layer found (people, organisations, places, events, laws),
weighted by rarity over the corpus (TF-IDF, unit norm) so that "Donald Trump" in every article
carries little and "San Bernardino" much. Two articles are as similar as

    cosine(vectors) + entity_weight * cosine(names)

and never similar when published more than ``window_days`` apart (undated articles are compared
only with each other).

The clustering is agglomerative with average linkage, cut at ``threshold``: a story is a group whose
pairs are similar *on average*, so a chain of pairwise-similar articles does not join two events. A
story of two articles needs ``pair_threshold``: no third article confirms it. Average linkage only merges groups holding a pair at or above the threshold, so it runs exactly
within each connected component of the graph of such pairs; that graph is built in date order,
each block of articles compared only with those within the window, so the work grows with the
articles times the articles per window, not with the square of the corpus.

In the corpus store (:func:`update_stories`) the vectors are kept in ``story_vectors``, computed
once per article (an incremental run encodes only the new articles), and the stories found are
written to ``stories`` and ``story_articles``, replacing the previous run's; the web app and the
API read them from there (:mod:`presslens.corpus.views`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Mapping, Sequence

import numpy as np

from ..article import Article
from ..encoder import default_encoder
from .store import publisher_name

#: Entity labels whose names tell events apart (not dates, numbers or products).
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "NORP")


@dataclass(frozen=True)
class StoryParams:
    #: Average similarity (see the module docstring) at which articles are one story.
    threshold: float = 0.55
    #: Similarity a story of two articles needs: no third article confirms it.
    pair_threshold: float = 0.6
    #: Weight of the shared names against the meaning of title and lead.
    entity_weight: float = 0.5
    window_days: int = 10
    #: Words of the text after the title read with it.
    lead_words: int = 60
    min_articles: int = 2
    top_names: int = 8
    #: Articles compared at once with those inside their window (memory: block x articles per window).
    block: int = 1000


def lead(article: Article, words: int) -> str:
    """The title and the first ``words`` words of the text (without the title when the text opens with it)."""
    title = (article.title or "").strip()
    body = article.text
    if title and body.lstrip().startswith(title):
        body = body.lstrip()[len(title):]
    return "\n".join(part for part in (title, " ".join(body.split()[:words])) if part)


def vector_key(params: StoryParams) -> str:
    """What a stored vector was computed from: vectors of another key are computed again."""
    return f"all-MiniLM-L6-v2/title+lead{params.lead_words}"


def _name_matrix(names: Sequence[Mapping[str, int]]):
    """Rows of TF-IDF weights (sublinear counts, smoothed idf), unit norm, as a sparse matrix; and the vocabulary."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    frequency: Counter = Counter()
    for counts in names:
        frequency.update(counts.keys())
    rows, cols, values = [], [], []
    n = len(names)
    for row, counts in enumerate(names):
        for name, count in counts.items():
            rows.append(row)
            cols.append(vocabulary.setdefault(name, len(vocabulary)))
            values.append((1 + math.log(count)) * (math.log((1 + n) / (1 + frequency[name])) + 1))
    matrix = csr_matrix((np.asarray(values, dtype=np.float32), (rows, cols)), shape=(n, max(len(vocabulary), 1)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = csr_matrix(matrix.multiply(1 / np.maximum(norms, 1e-12)[:, None]))
    return matrix, list(vocabulary)


def _similarity(vectors: np.ndarray, names, rows, cols, params: StoryParams) -> np.ndarray:
    """Similarity of every article in ``rows`` with every article in ``cols``."""
    meaning = vectors[rows] @ vectors[cols].T
    return meaning + params.entity_weight * (names[rows] @ names[cols].T).toarray()


def _linked_pairs(vectors, names, days: np.ndarray, params: StoryParams) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j) with similarity >= threshold and dates at most window_days apart; rows sorted by day."""
    found_i, found_j = [], []
    n = len(days)
    for start in range(0, n, params.block):
        stop = min(start + params.block, n)
        last = int(np.searchsorted(days, days[stop - 1] + params.window_days, side="right"))
        similarity = _similarity(vectors, names, np.arange(start, stop), np.arange(start, last), params)
        i, j = np.nonzero(similarity >= params.threshold)
        i, j = i + start, j + start
        keep = (j > i) & (np.abs(days[j] - days[i]) <= params.window_days)
        found_i.append(i[keep])
        found_j.append(j[keep])
    return np.concatenate(found_i or [np.zeros(0, int)]), np.concatenate(found_j or [np.zeros(0, int)])


def _average_linkage(members: np.ndarray, vectors, names, days, params: StoryParams) -> list[np.ndarray]:
    """``members`` (one connected component) cut into groups of average similarity >= threshold."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    similarity = _similarity(vectors, names, members, members, params)
    similarity[np.abs(days[members][:, None] - days[members][None, :]) > params.window_days] = -1.0
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, 1.0 - params.threshold, criterion="distance")
    return [members[labels == label] for label in np.unique(labels)]


def find_stories(articles: Sequence[Article], params: StoryParams = StoryParams(), *,
                 vectors: np.ndarray | None = None,
                 names: Sequence[Mapping[str, int]] | None = None) -> list[dict]:
    """Cluster ``articles`` into stories; biggest first.

    ``vectors`` are the articles' unit-norm lead vectors (computed with the shared encoder when not
    given); ``names`` the names each article's entities layer found, with counts (none when not given:
    the stories then rest on meaning alone). Each story: ``label`` (the title of its most central
    article), ``names`` (its most telling names), ``articles`` (ids, most central first),
    ``outlets`` (publishers, with counts), ``first`` and ``last`` publication dates, ``cohesion`` (the average
    similarity of its articles).
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if len(articles) < params.min_articles:
        return []
    if vectors is None:
        vectors = default_encoder().encode([lead(article, params.lead_words) for article in articles])
    undated = dt.date.max.toordinal() + 10 * params.window_days
    days_all = np.array([a.published.toordinal() if a.published else undated for a in articles], dtype=np.int64)
    order = np.argsort(days_all, kind="stable")
    ordered = [articles[i] for i in order]
    days = days_all[order]
    vectors = np.asarray(vectors, dtype=np.float32)[order]
    ordered_names = [dict(names[i]) for i in order] if names is not None else [{} for _ in order]
    name_matrix, vocabulary = _name_matrix(ordered_names)
    rows, cols = _linked_pairs(vectors, name_matrix, days, params)
    graph = coo_matrix((np.ones(rows.size), (rows, cols)), shape=(len(ordered), len(ordered)))
    _, components = connected_components(graph, directed=False)
    groups = []
    for component in np.unique(components[np.unique(np.concatenate([rows, cols]))]):
        members = np.flatnonzero(components == component)
        groups += [group for group in _average_linkage(members, vectors, name_matrix, days, params)
                   if group.size >= params.min_articles]
    stories = [story for story in (_story(group, ordered, vectors, name_matrix, vocabulary, params) for group in groups)
               if len(story["articles"]) > 2 or story["cohesion"] >= params.pair_threshold]
    return sorted(stories, key=lambda s: (-len(s["articles"]), s["first"] or "", s["articles"][0]))


def _story(group: np.ndarray, ordered: Sequence[Article], vectors, names, vocabulary, params) -> dict:
    similarity = _similarity(vectors, names, group, group, params)
    centrality = (similarity.sum(axis=1) - similarity.diagonal()) / (group.size - 1)
    group = group[np.argsort(-centrality, kind="stable")]
    weights = np.asarray(names[group].sum(axis=0)).ravel()
    top = [vocabulary[i] for i in np.argsort(-weights, kind="stable")[: params.top_names] if weights[i] > 0]
    members = [ordered[i] for i in group]
    dates = [a.published for a in members if a.published]
    outlets = Counter(publisher_name(a.outlet) for a in members if a.outlet)
    return {
        "label": members[0].title or members[0].text[:80],
        "names": top,
        "articles": [a.id for a in members],
        "outlets": [{"name": name, "articles": count} for name, count in outlets.most_common()],
        "first": min(dates).isoformat() if dates else None,
        "last": max(dates).isoformat() if dates else None,
        "cohesion": round(float(centrality.mean()), 4),
    }


# -- in the corpus store -------------------------------------------------------


def _article_names(store) -> dict[str, Counter]:
    """The names the entities layer found in each article (exact copies included), in their most frequent
    spelling, with counts."""
    rows = store.connection.execute(
        "SELECT s.article_id, substr(t.text, s.start + 1, s.end - s.start) AS name FROM spans s"
        " JOIN articles a ON a.id = s.article_id JOIN texts t ON t.rowid = a.text_id"
        f" WHERE s.layer = 'entities' AND s.label IN ({', '.join('?' * len(NAME_LABELS))})", NAME_LABELS)
    counts: dict[str, Counter] = defaultdict(Counter)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        name = " ".join(row["name"].split())
        counts[row["article_id"]][name.casefold()] += 1
        spellings[name.casefold()][name] += 1
    for original, copy in store.duplicates():
        counts[copy] = counts[original]
    shown = {key: forms.most_common(1)[0][0] for key, forms in spellings.items()}
    return {article: Counter({shown[key]: n for key, n in names.items()}) for article, names in counts.items()}


def story_vectors(store, articles: Sequence[Article], params: StoryParams, *, encoder=None) -> np.ndarray:
    """The articles' lead vectors: stored ones read, missing ones encoded and stored."""
    key = vector_key(params)
    stored = {row["article_id"]: np.frombuffer(row["vector"], dtype=np.float32) for row in store.connection.execute(
        "SELECT article_id, vector FROM story_vectors WHERE model = ?", (key,))}
    missing = [article for article in articles if article.id not in stored]
    if missing:
        encoder = encoder or default_encoder()
        new = encoder.encode([lead(article, params.lead_words) for article in missing])
        with store.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO story_vectors (article_id, model, vector) VALUES (?, ?, ?)",
                           [(article.id, key, vector.astype(np.float32).tobytes())
                            for article, vector in zip(missing, new)])
        stored.update((article.id, vector) for article, vector in zip(missing, new))
    return np.stack([stored[article.id] for article in articles]) if articles else np.zeros((0, 384), np.float32)


def update_stories(store, params: StoryParams = StoryParams(), *, encoder=None) -> list[dict]:
    """Find the stories of every article in ``store`` (an exact copy joins its original's story) and store them
    in place of the previous run's."""
    articles = list(store.iter_articles())
    vectors = story_vectors(store, articles, params, encoder=encoder)
    names = _article_names(store)
    found = find_stories(articles, params, vectors=vectors, names=[names.get(a.id, {}) for a in articles])
    settings = json.dumps(asdict(params))
    with store.transaction() as db:
        db.execute("DELETE FROM story_articles")
        db.execute("DELETE FROM stories")
        for number, story in enumerate(found, start=1):
            db.execute("INSERT INTO stories (id, label, names, first, last, articles, outlets, cohesion, params)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (number, story["label"], json.dumps(story["names"], ensure_ascii=False), story["first"],
                        story["last"], len(story["articles"]), json.dumps(story["outlets"], ensure_ascii=False),
                        story["cohesion"], settings))
            db.executemany("INSERT INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)",
                           [(number, article_id, position) for position, article_id in enumerate(story["articles"])])
    return [{"id": number, **story} for number, story in enumerate(found, start=1)]
