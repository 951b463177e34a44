"""The per-article stages on a Dask cluster: a local one (``--workers N``) or an existing one (``--scheduler``).

Each task is one batch of documents (``pipeline.process_documents``) and comes back as plain records;
every worker process loads the models once, as it starts (the ``WarmUp`` plugin). The client
keeps every worker busy (``BATCHES_PER_WORKER`` unfinished batches each) and hands the results back
in input order, so whoever consumes them (the one writer) stores exactly what a run in one process
stores. A remote cluster's workers need
claimwatch installed (``dask worker tcp://SCHEDULER:8786`` in an environment with it): documents are
read by the client and sent with the task, so workers need no access to its files.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin, wait

from claimwatch.errors import Errors, WorkersError
from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp import load_nlp
from claimwatch.pipeline import BATCH_SIZE, Result, Unit, batches, flatten, process_documents, regroup, warm_up

LOOPBACK = "127.0.0.1"
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler
BATCHES_PER_WORKER = 2  # unfinished: one being parsed, one waiting, so no worker idles while results travel
# Finished batches held for their turn (results come back in input order): a bound on the client's memory
# when one slow batch holds up the rest.
HELD_PER_WORKER = 8
# distributed sets MALLOC_TRIM_THRESHOLD_=65536 in every worker it spawns, so that freed memory goes back to
# the system at once. spaCy frees and takes back much memory per batch: with it, a worker took 4 to 12 times
# the page faults and 2 to 7 times the system time for the same 48 articles (benchmarks/worker_malloc.py,
# docs/scaling.md), CPU taken from the writer on a shared core, so glibc's own default is kept (it holds
# 70-220 MiB more a worker). A variable set in the environment still wins (distributed reads it first).
GLIBC_DEFAULTS = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


def process_batch(documents: list, gazetteer: Gazetteer, with_statements: bool) -> list[Result]:
    """One task: a batch through every per-article stage, on a worker."""
    return process_documents(documents, gazetteer, load_nlp() if with_statements else None)


class WarmUp(WorkerPlugin):
    """Loads the models as each worker starts (once per worker process: they are cached), so that no
    worker's first batch waits for them: ``pipeline.warm_up``."""

    name = "claimwatch-warm-up"

    def setup(self, worker) -> None:
        warm_up()


class DaskProcessor:
    """``map(units)`` as ``pipeline.LocalProcessor`` does, each batch a task on the cluster."""

    def __init__(
        self,
        client: Client,
        gazetteer: Gazetteer,
        *,
        with_statements: bool = True,
        batch_size: int = BATCH_SIZE,
        cluster: LocalCluster | None = None,
    ) -> None:
        self.client = client
        # Sent to every worker once and kept there: a copy per task would rebuild its lookup caches each time.
        self.gazetteer = client.scatter(gazetteer, broadcast=True, hash=False)
        self.with_statements = with_statements
        self.batch_size = batch_size
        self.cluster = cluster  # closed with the processor when it started it
        if with_statements:
            client.register_plugin(WarmUp())

    @classmethod
    def local(cls, workers: int, gazetteer: Gazetteer, **options) -> DaskProcessor:
        """A cluster of ``workers`` processes (one thread each) on this machine, on loopback, no dashboard."""
        with dask.config.set(GLIBC_DEFAULTS):
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host=LOOPBACK, dashboard_address=None
            )
        return cls(Client(cluster), gazetteer, cluster=cluster, **options)

    @classmethod
    def connect(cls, scheduler: str, gazetteer: Gazetteer, *, timeout: float = CONNECT_TIMEOUT, **options):
        """The workers of a running cluster (``tcp://HOST:PORT`` of its scheduler)."""
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as error:
            raise WorkersError(Errors.E701.format(address=scheduler, reason=error)) from error
        return cls(client, gazetteer, **options)

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info()["workers"])

    def map(self, units: Iterable[Unit]) -> Iterator[tuple[object, list[Result]]]:
        """Each unit with its results, in input order. New batches are submitted whenever fewer than
        ``BATCHES_PER_WORKER`` per worker are unfinished: while the oldest is still running, and after
        each unit handed back (the writer stores it meanwhile), so a worker that finishes early is fed
        at once rather than when the oldest batch is done."""
        submitted = _Submissions(self, batches(units, self.batch_size))
        submitted.top_up()
        while submitted.pending:
            group, task = submitted.pending[0]
            while not task.done():
                wait(submitted.unfinished(), return_when="FIRST_COMPLETED")
                submitted.top_up()
            submitted.pending.popleft()
            results = task.result()
            task.release()
            for unit in regroup(group, results):
                yield unit
                submitted.top_up()

    def submit(self, group: list[Unit]) -> Future:
        return self.client.submit(process_batch, flatten(group), self.gazetteer, self.with_statements, pure=False)

    def memory(self) -> dict[str, int]:
        """Resident memory (bytes) of each worker process."""
        return self.client.run(_resident_memory)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class _Submissions:
    """The batches submitted and not yet handed back, oldest first, and the rest still to submit."""

    def __init__(self, processor: DaskProcessor, groups: Iterator[list[Unit]]) -> None:
        self.processor = processor
        self.groups = groups
        self.pending: deque[tuple[list[Unit], Future]] = deque()
        workers = processor.workers
        self.running_limit = max(2, BATCHES_PER_WORKER * workers)
        self.held_limit = max(self.running_limit, HELD_PER_WORKER * workers)

    def unfinished(self) -> list[Future]:
        return [task for _, task in self.pending if not task.done()]

    def top_up(self) -> None:
        """Submit batches until enough are unfinished, or too many are held, or none are left."""
        while len(self.pending) < self.held_limit and len(self.unfinished()) < self.running_limit:
            group = next(self.groups, None)
            if group is None:
                return
            self.pending.append((group, self.processor.submit(group)))


def _resident_memory() -> int:
    import psutil  # a dependency of distributed

    return psutil.Process().memory_info().rss
