"""Shared fixtures. Tests never need ../shared: what uses it is skipped with a reason."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("PRESSLENS_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
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


@pytest.fixture(autouse=True, scope="session")
def every_report_validates():
    """Every report the suite turns into JSON is checked against the shipped schema (report.schema.json)."""
    from presslens.report import Report
    from presslens.schema import validate_report

    to_dict = Report.to_dict

    def validated_to_dict(self):
        data = to_dict(self)
        validate_report(data)
        return data

    Report.to_dict = validated_to_dict
    yield
    Report.to_dict = to_dict
