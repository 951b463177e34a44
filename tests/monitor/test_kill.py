"""A monitor killed with SIGKILL in the middle of a poll, then restarted: nothing lost, nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from feedkit import rss, sample

from claimwatch import api
from claimwatch.monitor.state import MonitorState
from claimwatch.store import Store

ARTICLES = {
    "/a/01.html": ("01_ostravia-today_2025-03-03.html", "text/html; charset=utf-8"),
    "/a/02.txt": ("02_meridian-wire_2025-03-04.txt", "text/plain; charset=utf-8"),
    "/a/05.txt": ("05_vna_2025-03-05.txt", "text/plain; charset=utf-8"),
    "/a/07.txt": ("07_arnhal-times_2025-03-07.txt", "text/plain; charset=utf-8"),
}


def cli(db, *args: str) -> list[str]:
    gazetteer = str(api.sample_gazetteer_path())
    return [sys.executable, "-m", "claimwatch.cli", "--db", str(db), "--gazetteer", gazetteer, *args]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}


@pytest.mark.slow
def test_sigkill_mid_poll_then_restart_loses_and_duplicates_nothing(server, db, tmp_path) -> None:
    for path, (name, content_type) in ARTICLES.items():
        server.route(path, sample(name), content_type=content_type, delay=0.8)
    items = [{"title": name, "link": server.url(path), "guid": path, "pubDate": f"Mon, 0{i + 3} Mar 2025 08:00:00 GMT"}
             for i, (path, (name, _)) in enumerate(ARTICLES.items())]
    server.route("/wire.xml", rss(list(reversed(items))), content_type="application/rss+xml", etag='"one"')
    with Store(db) as store:
        api.add_watch(store, "Kestria is sending troops to Valdoria", api.sample_gazetteer())
        source = MonitorState(store).add_source(server.url("/wire.xml"), every=3600, allow_private=True)

    log = open(tmp_path / "killed.log", "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(cli(db, "monitor", "--log-format", "json"), stdout=log, stderr=subprocess.STDOUT,
                               env=environment())
    try:
        deadline = time.monotonic() + 120
        with Store(db) as store:
            while store.count_articles() < 1:
                assert process.poll() is None, (tmp_path / "killed.log").read_text()
                assert time.monotonic() < deadline, "the monitor stored nothing in 120 s"
                time.sleep(0.1)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            stored_when_killed = store.count_articles()
            assert 1 <= stored_when_killed < len(ARTICLES)  # killed mid-poll
            assert MonitorState(store).source(source["id"])["last_poll"] is None  # the poll never finished
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        log.close()
    assert process.returncode == -signal.SIGKILL

    restarted = subprocess.run(cli(db, "monitor", "--once"), capture_output=True, text=True, timeout=300,
                               env=environment())
    assert restarted.returncode == 0, restarted.stderr
    assert "polled 1 source(s)" in restarted.stdout

    with Store(db) as store:
        rows = api.list_articles(store)
        assert sorted(row["url"] for row in rows) == sorted(server.url(path) for path in ARTICLES)  # nothing lost
        assert len({row["id"] for row in rows}) == len(rows) == len(ARTICLES)  # nothing twice
        assert store.check_integrity() == []
        state = MonitorState(store)
        seen = state.seen_rows(source["id"])
        assert sorted(item["item_key"] for item in seen) == sorted(ARTICLES)
        assert all(item["article_id"] and not item["pending"] for item in seen)
        assert state.source(source["id"])["last_success"] is not None
        alerts = state.alerts()
        assert alerts and len({a["dedupe_key"] for a in alerts}) == len(alerts)
        statements = api.list_statements(store)
        assert len({s["id"] for s in statements}) == len(statements)

    again = subprocess.run(cli(db, "monitor", "--once", "--json"), capture_output=True, text=True, timeout=300,
                           env=environment())
    assert again.returncode == 0, again.stderr
    cycles = json.loads(again.stdout)
    assert [poll for cycle in cycles for poll in cycle["polls"]] == []  # not due for an hour
    assert [alert for cycle in cycles for alert in cycle["alerts"]] == []
    with Store(db) as store:
        assert store.count_articles() == len(ARTICLES)
        assert len(MonitorState(store).alerts()) == len(alerts)
