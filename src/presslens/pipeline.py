"""Running analyzers over articles.

:class:`Pipeline` builds the analyzers once, parses each article with spaCy
once (in batches through ``nlp.pipe`` when given many), runs the analyzers in
dependency order and collects their spans into a :class:`Report`.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from .article import Article, Span
from .context import Context
from .nlp import block_doc, load_pipeline
from .registry import get_analyzer_spec, resolve_order, default_analyzer_names
from .report import Report
from .settings import Settings


def is_english(article: Article) -> bool:
    """Unknown language counts as English: short texts are often undetectable."""
    return article.language in (None, "en")


def sort_spans(spans: Iterable[Span]) -> list[Span]:
    return sorted(spans, key=lambda span: (span.start, span.end, span.label))


class Pipeline:
    """A configured set of analyzers.

    >>> pipeline = Pipeline()                     # the default analyzers
    >>> report = pipeline.analyze(article)
    >>> reports = pipeline.analyze_many(articles) # batched spaCy parsing
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        requested = self.settings.analyzers or tuple(default_analyzer_names())
        self.requested = list(requested)
        self.order = resolve_order(self.requested)
        self.specs = {name: get_analyzer_spec(name) for name in self.order}
        self.analyzers: dict[str, Any] = {
            name: spec.factory(**self.settings.analyzer_config.get(name, {})) for name, spec in self.specs.items()
        }

    @property
    def nlp(self):
        return load_pipeline(self.settings.spacy_pipeline)

    def analyze(self, article: Article, *, doc=None) -> Report:
        context = Context(article, doc=doc, settings=self.settings)
        report = Report(article=article)
        english = is_english(article)
        if not english:
            report.warnings.append(
                f"article language is {article.language!r}, not English: English-only analyzers were not run"
            )
        for name in self.order:
            spec = self.specs[name]
            if spec.english_only and not english:
                continue
            analyzer = self.analyzers[name]
            spans = sort_spans(analyzer.analyze(article, context))
            for span in spans:
                span.check_bounds(len(article.text))
                spec.check_span(span)
            context.set_spans(name, spans)
            report.analyzers.append(name)
            if name in self.requested:
                report.layers.setdefault(spec.layer, []).extend(spans)
                summarize = getattr(analyzer, "summarize", None)
                if summarize is not None:
                    report.summary.update(summarize(article, spans, context))
        for layer, spans in report.layers.items():
            report.layers[layer] = sort_spans(spans)
        return report

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Report]:
        """Analyse many articles, parsing the English ones in batches with ``nlp.pipe``."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._analyze_batch(batch)
                batch = []
        if batch:
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, batch: list[Article]) -> Iterator[Report]:
        needs_parse = [article for article in batch if is_english(article)]
        # Only load spaCy when something needs parsing: a batch of non-English articles never does.
        if needs_parse:
            docs = dict(zip(map(id, needs_parse), self.nlp.pipe(block_doc(self.nlp, a) for a in needs_parse)))
        else:
            docs = {}
        for article in batch:
            yield self.analyze(article, doc=docs.get(id(article)))

