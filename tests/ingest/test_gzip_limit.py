"""A small gzip that expands past the size limit is refused before it fills memory."""

from __future__ import annotations

import gzip

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest.decode import decode_input


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"a" * 5_000_000)
    assert len(bomb) < 20_000
    with pytest.raises(InputError) as raised:
        list(decode_input("bomb.html.gz", bomb, max_bytes=1_000_000))
    assert raised.value.code == "E015"
    assert "once decompressed" in raised.value.message


def test_gzip_within_the_limit_is_read() -> None:
    page = gzip.compress(b"<html><body><p>Officials said the talks would resume.</p></body></html>")
    (document,) = decode_input("page.html.gz", page, max_bytes=1_000_000)
    assert document.format == "html"


def test_truncated_gzip_is_an_input_error() -> None:
    page = gzip.compress(b"Some text that is long enough to be cut in half " * 20)
    with pytest.raises(InputError) as raised:
        list(decode_input("cut.txt.gz", page[: len(page) // 2], max_bytes=1_000_000))
    assert raised.value.code == "E011"
