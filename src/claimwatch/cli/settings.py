"""What every command gets from the global options (``--db``, ``--gazetteer``), and how a command fails."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, TypeVar

import typer

from claimwatch.cli.output import warn
from claimwatch.errors import ClaimwatchError
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.store import Store

T = TypeVar("T")


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
