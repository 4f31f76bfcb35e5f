from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web app needs the 'web' extra")

from fastapi.testclient import TestClient  # noqa: E402

from presslens.settings import Settings  # noqa: E402
from presslens.web.app import create_app  # noqa: E402

from .corpus import build_corpus  # noqa: E402

#: A token long enough for `presslens serve`.
TOKEN = "test-token-0123456789abcdef"


@pytest.fixture
def corpus_db(tmp_path):
    return build_corpus(tmp_path / "corpus.db")


@pytest.fixture
def client(corpus_db):
    """The app on the hand-built corpus."""
    with TestClient(create_app(Settings(), corpus_db)) as test_client:
        yield test_client


@pytest.fixture
def bare_client():
    """The app without a database: analysis only."""
    with TestClient(create_app(Settings())) as test_client:
        yield test_client


@pytest.fixture
def empty_db_client(tmp_path):
    """The app on a new, empty database: analyses are stored."""
    with TestClient(create_app(Settings(), tmp_path / "new.db")) as test_client:
        yield test_client


@pytest.fixture
def token_client(corpus_db):
    with TestClient(create_app(Settings(), corpus_db, TOKEN), follow_redirects=False) as test_client:
        yield test_client
