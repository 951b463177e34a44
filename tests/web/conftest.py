"""The desk's fixtures: the bundled sample story ingested once, and apps over it (read-only, or with a token)."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from claimwatch.web import create_app

TOKEN = "desk-test-token-3f9a"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample story with statements (about 5 s), built once for the whole web suite."""
    path = tmp_path_factory.mktemp("desk") / "demo.db"
    with Store(str(path)) as store:
        report = api.ingest_sample(store)
    assert not report.failures
    return path


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of an SQLite store (the backup API, so the write-ahead log comes along)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def make_client(db: Path, token: str | None = None, **options) -> TestClient:
    app = create_app(str(db), token, gazetteers=[api.sample_gazetteer_path()], **options)
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(demo_db: Path) -> TestClient:
    """Read-only (no token), as ``claimwatch serve`` runs by default."""
    return make_client(demo_db)


@pytest.fixture
def writable(demo_db: Path, tmp_path: Path) -> TestClient:
    """A token-guarded app over a private copy of the demo store (so writes don't leak into other tests)."""
    return make_client(copy_store(demo_db, tmp_path / "copy.db"), TOKEN, max_upload_bytes=200_000)


@pytest.fixture(scope="session")
def story(client: TestClient) -> dict:
    return client.get("/api/stories").json()["items"][0]


@pytest.fixture(scope="session")
def demo_store(demo_db: Path):
    with Store(str(demo_db)) as opened:
        yield opened


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    """The header that carries the ``writable`` app's token."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def copy():
    """``copy(source_db, target_db)``: a consistent copy of a store."""
    return copy_store


@pytest.fixture(scope="session")
def client_for():
    """``client_for(db, token=None, **create_app_options)``."""
    return make_client


@pytest.fixture
def private_desk(demo_db: Path, tmp_path: Path):
    """``private_desk(token=None, **options)``: an app over a private copy of the demo store."""
    db = copy_store(demo_db, tmp_path / "private.db")
    return lambda token=None, **options: make_client(db, token, **options)


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN
