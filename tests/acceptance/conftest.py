"""Acceptance tests read the public data sets in ../shared (beside the repository); they skip without it.

Nothing from ../shared is copied into the repository: the tests read it where it lies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).parents[2].parent / "shared"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.acceptance)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder, or a skip that says why these tests did not run."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: acceptance tests need the shared data sets beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def shared_path(shared: Path):
    """``shared_path("data/voa/voa_stories.jsonl")``: a path under ../shared, or a skip naming what is missing."""

    def find(relative: str) -> Path:
        path = shared / relative
        if not path.exists():
            pytest.skip(f"{path} is absent from ../shared")
        return path

    return find
