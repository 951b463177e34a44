"""Concurrent writers: two ingest processes on one store, and two processes creating one store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_crash import generated_article

from claimwatch.store import Store

PER_PROCESS = 32


def cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claimwatch", "--db", str(db), *args]


@pytest.mark.slow
def test_two_ingests_into_one_store_both_finish_and_every_article_is_in_a_story(tmp_path: Path) -> None:
    folders = []
    for batch in range(2):
        folder = tmp_path / f"batch{batch}"
        folder.mkdir()
        for number in range(batch * PER_PROCESS, (batch + 1) * PER_PROCESS):
            (folder / f"{number:04d}.txt").write_text(generated_article(number), "utf-8")
        folders.append(folder)
    db = tmp_path / "shared.db"
    Store(str(db)).close()
    runs = [
        subprocess.Popen(cli(db, "ingest", str(folder)), stderr=subprocess.PIPE, text=True)
        for folder in folders
    ]
    errors = [run.communicate(timeout=600)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    with Store(str(db)) as store:
        assert store.count_articles() == 2 * PER_PROCESS
        placed = [article_id for story in store.stories() for article_id in story["article_ids"]]
        assert sorted(placed) == sorted(store.article_ids())
        assert store.check_integrity() == []


def test_processes_creating_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    opener = f"from claimwatch.store import Store; Store({str(db)!r}).close()"
    runs = [
        subprocess.Popen([sys.executable, "-c", opener], stderr=subprocess.PIPE, text=True) for _ in range(4)
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], errors
    with Store(str(db)) as store:
        assert store.count_articles() == 0
