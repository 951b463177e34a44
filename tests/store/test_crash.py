"""Crash safety: kill -9 in the middle of a batch leaves every stored article whole, and a re-run finishes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimwatch.store import Store

ARTICLES = 300
PLACES = ["KALVEN", "ESSPORT", "ARNHAL", "NORDBY", "PORT ELIN"]
TOPICS = ["grain tariff", "ferry fares", "dock strike", "bridge repairs", "harbour dredging", "fishing quotas"]


def generated_article(number: int) -> str:
    place, topic = PLACES[number % len(PLACES)], TOPICS[number % len(TOPICS)]
    return (
        f"Council report {number} on {topic} published\n\n"
        f"By Reporter {chr(65 + number % 26)}. Lindqvist\n\n"
        f"Published: {1 + number % 28} March 2025, {8 + number % 10}:{number % 60:02d} GMT\n\n"
        f"{place}, Ostravia — The regional council published report number {number} on {topic} on Tuesday, "
        f"saying that costs had risen by {number % 17 + 2} percent since the last review.\n\n"
        f'"We have to act before the summer," council member Ilse Brandvold said of item {number}.\n\n'
        f"The council will vote on the {topic} proposal at its next session, officials said.\n"
    )


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet, or the migration is still running


@pytest.mark.slow
def test_kill_9_mid_batch_then_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(ARTICLES):
        (folder / f"{number:04d}.txt").write_text(generated_article(number), "utf-8")
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "claimwatch.cli", "--db", str(db), "ingest", "--json", str(folder)]

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300  # a safety net for a hung child, not a performance bound
        while stored_count(db) < 10 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the batch finished before it could be killed"

    with Store(str(db)) as store:
        assert store.check_integrity() == []
        before = store.count_articles()
        assert 10 <= before < ARTICLES
        with sqlite3.connect(db) as conn:
            rows = conn.execute(
                "select a.id, length(a.body), (select count(*) from paragraphs p where p.article_id = a.id), "
                "(select length(raw) from article_raw r where r.article_id = a.id) from articles a"
            ).fetchall()
        assert len(rows) == before
        for article_id, body_length, paragraph_count, raw_length in rows:
            assert body_length and paragraph_count == 3 and raw_length, article_id

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert (report["ingested"], report["duplicate"], report["revised"], report["failed"]) == (
        ARTICLES - before, before, 0, 0)
    with Store(str(db)) as store:
        assert store.count_articles() == ARTICLES
        assert store.check_integrity() == []
        assert len({row["source"] for row in store.list_articles()}) == ARTICLES


WATCH = "The regional council says costs have risen since the last review"
WATCHED_ARTICLES = 32


def _watched_store(db: Path) -> str:
    from claimwatch import api

    with Store(str(db)) as store:
        return api.add_watch(store, WATCH)["id"]


def _what_the_watch_sees(db: Path, watch_id: str) -> tuple[list, list, list]:
    from claimwatch import api

    with Store(str(db)) as store:
        reports = sorted((row["article_id"], row["stance"]) for row in store.watch_reports(watch_id))
        statements = sorted((row["id"], row["claim_id"] or "") for row in api.list_statements(store))
        placed = sorted(article_id for story in store.stories() for article_id in story["article_ids"])
        assert placed == sorted(store.article_ids())
        assert store.pending_article_ids() == []
    return reports, statements, placed


@pytest.mark.slow
def test_kill_9_then_rerun_gives_a_watch_what_a_clean_run_gives(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(WATCHED_ARTICLES):
        (folder / f"{number:04d}.txt").write_text(generated_article(number), "utf-8")
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    watch_id = _watched_store(clean_db)
    assert _watched_store(killed_db) == watch_id

    def ingest(db: Path) -> list[str]:
        return [sys.executable, "-m", "claimwatch", "--db", str(db), "ingest", str(folder)]

    subprocess.run(ingest(clean_db), capture_output=True, timeout=600, check=True)
    process = subprocess.Popen(ingest(killed_db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while stored_count(killed_db) < 5 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    assert 5 <= stored_count(killed_db) < WATCHED_ARTICLES
    subprocess.run(ingest(killed_db), capture_output=True, timeout=600, check=True)

    clean = _what_the_watch_sees(clean_db, watch_id)
    assert clean[0], "the watch links no report: the test would prove nothing"
    assert _what_the_watch_sees(killed_db, watch_id) == clean
