"""Error classes to HTTP statuses (the class decides, never the message text)."""

from __future__ import annotations

import pytest

from claimwatch.errors import (
    AmbiguousError,
    ClaimwatchError,
    Errors,
    InputError,
    NotFoundError,
    StoreError,
    no_single_match,
)
from claimwatch.monitor.errors import RefusedError
from claimwatch.web.app import status_of


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFoundError(Errors.E201.format(article_id="ab", db="x.db")), 404),
        (no_single_match("story", "ab", 0), 404),
        (AmbiguousError(Errors.E202.format(prefix="a", count=3)), 400),
        (no_single_match("story", "a", 2), 400),
        (StoreError(Errors.E206.format(dialect="postgresql")), 503),
        (InputError("upload", Errors.E001), 400),
        (RefusedError(Errors.E401.format(url="ftp://x")), 400),
        (ClaimwatchError(Errors.E507.format(host="0.0.0.0")), 400),
    ],
)
def test_status_of(error: ClaimwatchError, status: int) -> None:
    assert status_of(error) == status


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFoundError(Errors.E201.format(article_id="ab", db="x.db")), "E201"),
        (InputError("upload", Errors.E001), "E001"),
        (RefusedError(Errors.E404.format(host="h", url="u")), "E404"),
        (ClaimwatchError("no code here"), ""),
    ],
)
def test_errors_carry_their_code(error: ClaimwatchError, code: str) -> None:
    assert error.code == code
