"""The one gzip reader ingest and the monitor share: size cap and truncation check."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.ingest.gzipped import GzipCorrupt, GzipTooLarge, gunzip_capped

TEXT = b"Officials said the talks would resume on Monday. " * 40


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (gzip.compress(TEXT), TEXT),
        (TEXT, TEXT),  # not gzip: returned as it is
        (b"", b""),
    ],
)
def test_reads_gzip_and_passes_other_bytes(data: bytes, expected: bytes) -> None:
    assert gunzip_capped(data, 1_000_000) == expected


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (gzip.compress(b"a" * 5_000_000), GzipTooLarge),
        (gzip.compress(TEXT)[:60], GzipCorrupt),  # cut before its end marker
        (b"\x1f\x8b" + b"\x00" * 20, GzipCorrupt),
    ],
)
def test_refuses_a_bomb_and_a_cut_or_damaged_stream(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        gunzip_capped(data, 1_000_000)


@given(st.binary(max_size=4000), st.integers(min_value=1, max_value=5000))
def test_never_returns_more_than_the_cap_of_a_gzip(payload: bytes, cap: int) -> None:
    try:
        out = gunzip_capped(gzip.compress(payload), cap)
    except GzipTooLarge:
        assert len(payload) > cap
    else:
        assert out == payload
