"""A tiny analyzer for corpus tests: it records which process analysed each article.

Run as a script, it is the ``presslens`` command with the probe registered,
so that a test can run (and kill) ``presslens corpus analyze`` in a subprocess.
"""

import os
import time
from dataclasses import dataclass

from presslens.article import Span
from presslens.registry import register_analyzer


@dataclass(frozen=True)
class ProbeAttrs:
    pid: int


@register_analyzer("probe", layer="probe", default=False, english_only=False, attrs=ProbeAttrs,
                   example="Artikel über die Übung.")
class ProbeAnalyzer:
    """Marks the first word of each article with the analysing process id."""

    def __init__(self, *, delay: float | None = None) -> None:
        self.delay = float(os.environ.get("PRESSLENS_PROBE_DELAY", "0")) if delay is None else delay

    def analyze(self, article, context=None):
        time.sleep(self.delay)
        if "FAIL" in article.text:
            raise ValueError("probe asked to fail")
        return [Span(0, min(5, len(article.text)), "PROBE", attrs={"pid": os.getpid()})]


if __name__ == "__main__":
    from presslens.cli import main

    main()
