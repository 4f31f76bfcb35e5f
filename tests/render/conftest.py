import pytest

from presslens.report import Report

from .reports import example_report, foreign_report, hostile_report


@pytest.fixture
def report() -> Report:
    return example_report()


@pytest.fixture
def hostile() -> Report:
    return hostile_report()


@pytest.fixture
def foreign() -> Report:
    return foreign_report()
