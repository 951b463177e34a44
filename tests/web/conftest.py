"""The desk's fixtures: the bundled sample story ingested once, and apps over it (read-only, or with a token)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.store import Store
from databases import ENGINES, drop_database, kind_of, new_database

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from claimwatch.web import create_app

TOKEN = "desk-test-token-3f9a"


@pytest.fixture(scope="session", params=ENGINES)
def demo_template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample story with statements (about 5 s), built once per engine; tests get copies of it."""
    template = request.getfixturevalue("postgres_template") if request.param == "postgresql" else None
    created = new_database(request.param, tmp_path_factory.mktemp("desk"), template)
    with Store(created) as store:
        report = api.ingest_sample(store)
    assert not report.failures
    yield created
    drop_database(created)


@pytest.fixture(scope="session")
def demo_db(demo_template: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The read-only tests' store (``--db``): a copy of the sample store, shared by the session."""
    created = new_database(kind_of(demo_template), tmp_path_factory.mktemp("demo"), demo_template)
    yield created
    drop_database(created)


@pytest.fixture
def copy(tmp_path: Path) -> Iterator:
    """``copy(template)``: a private copy of a store nothing holds open (``demo_template``), dropped after."""
    made: list[str] = []

    def make(template: str) -> str:
        made.append(new_database(kind_of(template), tmp_path, template))
        return made[-1]

    yield make
    for db in made:
        drop_database(db)


def make_client(db: str | Path, token: str | None = None, **options) -> TestClient:
    app = create_app(str(db), token, gazetteers=[api.sample_gazetteer_path()], **options)
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(demo_db: str) -> TestClient:
    """Read-only (no token), as ``claimwatch serve`` runs by default."""
    return make_client(demo_db)


@pytest.fixture
def writable(demo_template: str, copy) -> TestClient:
    """A token-guarded app over a private copy of the demo store (so writes don't leak into other tests)."""
    return make_client(copy(demo_template), TOKEN, max_upload_bytes=200_000)


@pytest.fixture(scope="session")
def story(client: TestClient) -> dict:
    return client.get("/api/stories").json()["items"][0]


@pytest.fixture(scope="session")
def demo_store(demo_db: str):
    with Store(demo_db) as opened:
        yield opened


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    """The header that carries the ``writable`` app's token."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def client_for():
    """``client_for(db, token=None, **create_app_options)``."""
    return make_client


@pytest.fixture
def private_desk(demo_template: str, copy):
    """``private_desk(token=None, **options)``: an app over a private copy of the demo store."""
    db = copy(demo_template)
    return lambda token=None, **options: make_client(db, token, **options)


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN
