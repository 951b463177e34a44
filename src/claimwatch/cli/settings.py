"""What every command gets from the global options (``--db``, ``--gazetteer``), where the per-article stages
run (``--workers``, ``--scheduler``), and how a command fails."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional, TypeVar

import typer

from claimwatch.cli.output import warn
from claimwatch.errors import ClaimwatchError
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.store import Store

if TYPE_CHECKING:
    from claimwatch.workers import DaskProcessor

T = TypeVar("T")
WorkersOption = Annotated[
    Optional[int],
    typer.Option("--workers", min=1, help="Parse on a local Dask cluster of N processes (1, the default: here)."),
]
SchedulerOption = Annotated[
    Optional[str],
    typer.Option("--scheduler", help="Parse on a running Dask cluster: its scheduler's tcp://HOST:PORT."),
]


@dataclass
class Settings:
    db: str | None = None
    gazetteers: list[Path] = field(default_factory=list)

    def store(self) -> Store:
        return Store(self.db)

    def gazetteer(self) -> Gazetteer:
        return load_gazetteer(self.gazetteers)

    def using_store(self, use: Callable[[Store], T]) -> T:
        """``use(store)``; a coded error becomes one line on stderr and exit code 1."""
        return guarded(lambda: self._with_store(use))

    def _with_store(self, use: Callable[[Store], T]) -> T:
        with self.store() as store:
            return use(store)


def guarded(run: Callable[[], T]) -> T:
    """``run()``; a coded error becomes one line on stderr and exit code 1."""
    try:
        return run()
    except ClaimwatchError as error:
        fail(error)


def fail(error: ClaimwatchError) -> NoReturn:
    warn(f"claimwatch: {error}")
    raise typer.Exit(1)


@contextmanager
def dask_processor(
    workers: int | None, scheduler: str | None, gazetteer: Gazetteer, with_statements: bool = True
) -> Iterator[DaskProcessor | None]:
    """The Dask cluster ``--workers`` or ``--scheduler`` asks for (None: this process), closed after.
    ``--workers 1`` runs here too: a one-worker cluster parses no faster and adds the transfers."""
    if workers and scheduler:
        raise typer.BadParameter("give --workers or --scheduler, not both", param_hint="--workers")
    if not scheduler and (workers or 1) == 1:
        yield None
        return
    from claimwatch.workers import DaskProcessor  # Dask loads only when asked for

    if workers:
        processor = DaskProcessor.local(workers, gazetteer, with_statements=with_statements)
    else:
        processor = guarded(lambda: DaskProcessor.connect(scheduler, gazetteer, with_statements=with_statements))
    try:
        yield processor
    finally:
        processor.close()
