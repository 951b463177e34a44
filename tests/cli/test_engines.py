"""The same commands on SQLite and on PostgreSQL give the same results over the sample story:
``demo``, ``stories``, ``brief``, the desk's search, and ``monitor --once`` (on a loopback page)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from claimwatch import api
from claimwatch.cli import app
from claimwatch.store import Store, database_url
from databases import drop_database, new_database, postgres_server, store_content

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from claimwatch.web import create_app

GENERATED = re.compile(r"Generated \S+|\"generated(_at)?\": \"[^\"]+\"")


@pytest.fixture(scope="module")
def demo_stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A new SQLite file and a new PostgreSQL database: engine -> --db."""
    postgres_server()
    folder = tmp_path_factory.mktemp("engines")
    made = {engine: new_database(engine, folder) for engine in ("sqlite", "postgresql")}
    try:
        yield made
    finally:
        for db in made.values():
            drop_database(db)


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(app, ["--db", db, "--gazetteer", str(api.sample_gazetteer_path()), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return GENERATED.sub("Generated -", result.stdout.replace(database_url(db), "DB").replace(db, "DB"))


@pytest.mark.slow
def test_demo_stories_brief_and_search_are_the_same_on_both_engines(demo_stores: dict[str, str]) -> None:
    demo = {engine: run(db, "demo") for engine, db in demo_stores.items()}
    assert demo["postgresql"] == demo["sqlite"]
    stories = {engine: json.loads(run(db, "stories", "--json")) for engine, db in demo_stores.items()}
    assert stories["postgresql"] == stories["sqlite"] and stories["sqlite"]
    story = stories["sqlite"][0]["id"]
    for fmt in ("json", "md"):
        briefs = {engine: run(db, "brief", story, "--format", fmt) for engine, db in demo_stores.items()}
        assert briefs["postgresql"] == briefs["sqlite"]
    contents = {}
    for engine, db in demo_stores.items():
        with Store(db) as store:
            contents[engine] = store_content(store)
    for table, rows in contents["sqlite"].items():
        assert contents["postgresql"][table] == rows, table

    for query in ("troops", "provoc*", "Kestrian troops", "Vantosh's"):
        for kind in ("statements", "articles"):
            found = {}
            for engine, db in demo_stores.items():
                client = TestClient(create_app(db, gazetteers=[api.sample_gazetteer_path()]), base_url="http://127.0.0.1")
                data = client.get("/api/search", params={"q": query, "kind": kind, "limit": 100}).json()
                found[engine] = data
                assert client.get("/search", params={"q": query, "kind": kind}).status_code == 200
            assert found["postgresql"]["total"] == found["sqlite"]["total"], (query, kind)
            assert found["sqlite"]["total"] > 0 or query == "Vantosh's", (query, kind)
            ids = {engine: sorted(item["id"] for item in data["items"]) for engine, data in found.items()}
            assert ids["postgresql"] == ids["sqlite"], (query, kind)
            keys = {engine: [sorted(item) for item in data["items"]] for engine, data in found.items()}
            assert keys["postgresql"] == keys["sqlite"]
            marked = [item["snippet"] for item in found["postgresql"]["items"]]
            assert all("\x02" in snippet and "\x03" in snippet for snippet in marked), (query, kind, marked[:2])
