"""What an analyzer reads besides the article: the shared parse and earlier analyzers' spans.

It sits below :mod:`presslens.pipeline` so that analyzers can build one when
run on their own without importing the pipeline that runs them.
"""

from __future__ import annotations

from .article import Article, Span
from .nlp import block_doc, load_pipeline
from .registry import get_analyzer_spec
from .settings import Settings


class Context:
    """What an analyzer may read besides the article: the parse, and earlier analyzers' spans.

    ``doc`` is the spaCy parse of ``article.text``, made on first use and
    shared by every analyzer. ``spans(name)`` returns the spans of analyzer
    ``name``; when called outside a pipeline it runs that analyzer with its
    defaults, so an analyzer can be used on its own.
    """

    def __init__(self, article: Article, *, doc=None, settings: Settings | None = None) -> None:
        self.article = article
        self.settings = settings or Settings()
        self._doc = doc
        self._results: dict[str, list[Span]] = {}

    @property
    def doc(self):
        if self._doc is None:
            nlp = load_pipeline(self.settings.spacy_pipeline)
            self._doc = nlp(block_doc(nlp, self.article))
        return self._doc

    def spans(self, analyzer_name: str) -> list[Span]:
        if analyzer_name not in self._results:
            spec = get_analyzer_spec(analyzer_name)
            analyzer = spec.factory(**self.settings.analyzer_config.get(analyzer_name, {}))
            self._results[analyzer_name] = analyzer.analyze(self.article, self)
        return self._results[analyzer_name]

    def set_spans(self, analyzer_name: str, spans: list[Span]) -> None:
        self._results[analyzer_name] = spans
