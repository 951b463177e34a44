"""The per-article stages on a local Dask cluster (loopback, no dashboard): the same store whatever the
number of workers, and the CLI's ``--workers`` and ``--scheduler``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch import api
from claimwatch.cli import app
from claimwatch.errors import WorkersError
from claimwatch.pipeline import BATCH_SIZE
from claimwatch.store import Store
from claimwatch.workers import DaskProcessor
from databases import store_content


def ingest_sample(db: Path, processor=None) -> dict:
    with Store(str(db)) as store:
        report = api.ingest_sample(store, processor=processor)
        assert not report.failures
        return store_content(store)


@pytest.mark.slow
@pytest.mark.parametrize(("settle_every", "batch_size"), [(api.SETTLE_EVERY, BATCH_SIZE), (5, 3)])
def test_one_or_two_workers_store_exactly_what_one_process_stores(
    tmp_path: Path, monkeypatch, settle_every: int, batch_size: int
) -> None:
    monkeypatch.setattr(api, "SETTLE_EVERY", settle_every)  # 5: settles while results still arrive
    here = ingest_sample(tmp_path / "here.db")
    for workers in (1, 2):
        processor = DaskProcessor.local(workers, api.sample_gazetteer(), batch_size=batch_size)
        try:
            assert processor.workers == workers
            on_cluster = ingest_sample(tmp_path / f"workers-{workers}.db", processor)
            memory = processor.memory()
            trim_thresholds = processor.client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        finally:
            processor.close()
        assert set(trim_thresholds.values()) == {None}  # glibc's default, not distributed's (GLIBC_DEFAULTS)
        assert on_cluster.keys() == here.keys()
        for table, rows in here.items():
            assert on_cluster[table] == rows, table
        assert len(memory) == workers and all(rss > 50_000_000 for rss in memory.values())  # the model is loaded
    assert len(here["articles"]) == 16 and here["statements"] and here["claims"] and here["stories"]


def test_an_unreachable_scheduler_is_a_coded_error() -> None:
    with pytest.raises(WorkersError) as caught:
        DaskProcessor.connect("tcp://127.0.0.1:9", api.sample_gazetteer(), timeout=1)
    assert caught.value.code == "E701" and "tcp://127.0.0.1:9" in caught.value.message


def test_cli_refuses_workers_and_scheduler_together(tmp_path: Path) -> None:
    sample = str(api.sample_corpus_path())
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "x.db"), "ingest", "--workers", "2", "--scheduler", "tcp://127.0.0.1:9", sample]
    )
    assert result.exit_code == 2 and "not both" in result.output


def test_cli_scheduler_that_is_not_there_fails_in_one_line(tmp_path: Path) -> None:
    sample = str(api.sample_corpus_path())
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "x.db"), "ingest", "--scheduler", "tcp://127.0.0.1:9",
                                      sample])
    assert result.exit_code == 1
    assert "[E701]" in result.output and "dask worker tcp://127.0.0.1:9" in result.output


@pytest.mark.parametrize(("workers", "starts_cluster"), [(None, False), (1, False), (2, True)])
def test_one_worker_runs_in_this_process(workers: int | None, starts_cluster: bool, monkeypatch) -> None:
    """A one-worker cluster parses no faster than this process and adds the transfers: only 2+ start one."""
    from claimwatch.cli.settings import dask_processor

    started = []
    monkeypatch.setattr(DaskProcessor, "local", classmethod(lambda cls, n, *a, **k: started.append(n) or _Closing()))
    with dask_processor(workers, None, api.sample_gazetteer()) as processor:
        assert (processor is not None) == starts_cluster
    assert started == ([workers] if starts_cluster else [])


class _Closing:
    def close(self) -> None:
        """What dask_processor calls when it is done with a cluster."""
