"""Fixtures of the stories tests. Every text here is invented: people, outlets and places."""

from __future__ import annotations

import pytest

from claimwatch import api
from claimwatch.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def sample_gazetteer() -> Gazetteer:
    """The default gazetteer plus the sample corpus's invented countries, outlets and people."""
    return api.sample_gazetteer()
