"""Shared fixtures. Tests never need ../shared: what uses it is skipped with a reason."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE_ARTICLE = SHARED / "examples" / "ru-main-2021-12-29-nato.txt"

requires_reference = pytest.mark.skipif(
    not REFERENCE_ARTICLE.exists(), reason="reference article ../shared/examples is not available"
)


@pytest.fixture(scope="session")
def example_path() -> Path:
    return Path(str(files("presslens.examples").joinpath("baltic-drills.txt")))


@pytest.fixture(scope="session")
def example_text(example_path) -> str:
    return example_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE_ARTICLE.read_text(encoding="utf-8")
