"""Corpus analysis: a store of many articles, resumable batch analysis, text reuse and
provenance, quote propagation and stories. See ``docs/corpus.md``."""

from .store import Store

__all__ = ["Store"]
