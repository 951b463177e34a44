"""``claimwatch monitor --once`` on SQLite and on PostgreSQL: the same polls, alerts and stored rows."""

from __future__ import annotations

import json

import pytest
from feedkit import rss, sample
from typer.testing import CliRunner

from claimwatch import api
from claimwatch.cli import app
from claimwatch.store import Store
from databases import drop_database, new_database, postgres_server, store_content

ARTICLES = {"/a/02.txt": "02_meridian-wire_2025-03-04.txt", "/a/05.txt": "05_vna_2025-03-05.txt",
            "/a/10.txt": "10_meridian-wire_2025-03-11.txt"}
CLAIM = "Kestria is sending troops to Valdoria"


@pytest.mark.slow
def test_monitor_once_is_the_same_on_both_engines(server, tmp_path) -> None:
    postgres_server()
    for path, name in ARTICLES.items():
        server.route(path, sample(name), content_type="text/plain; charset=utf-8")
    items = [{"title": name, "link": server.url(path), "guid": path, "pubDate": f"Mon, 0{i + 3} Mar 2025 08:00:00 GMT"}
             for i, (path, name) in enumerate(ARTICLES.items())]
    server.route("/wire.xml", rss(list(reversed(items))), content_type="application/rss+xml")
    cycles, contents = {}, {}
    for engine in ("sqlite", "postgresql"):
        db = new_database(engine, tmp_path)
        try:
            options = ["--db", db, "--gazetteer", str(api.sample_gazetteer_path())]
            runner = CliRunner()
            assert runner.invoke(app, [*options, "watch", "add", CLAIM]).exit_code == 0
            added = runner.invoke(app, [*options, "source", "add", server.url("/wire.xml"), "--allow-private"])
            assert added.exit_code == 0, added.output
            done = runner.invoke(app, [*options, "monitor", "--once", "--json"])
            assert done.exit_code == 0, done.output
            cycles[engine] = [
                {"polls": cycle["polls"], "alerts": [(a["kind"], a["message"]) for a in cycle["alerts"]]}
                for cycle in json.loads(done.stdout[done.stdout.index("\n[") :])  # after the echoed alert lines
            ]
            with Store(db) as store:
                contents[engine] = store_content(store)
        finally:
            drop_database(db)
    assert cycles["postgresql"] == cycles["sqlite"]
    polls = [poll for cycle in cycles["sqlite"] for poll in cycle["polls"]]
    assert polls and polls[0]["ingested"] == len(ARTICLES)
    for table, rows in contents["sqlite"].items():
        assert contents["postgresql"][table] == rows, table
