"""The declared encoding (HTTP header, then <meta>) is read before any guessing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.ingest.charset import header_charset, known_encoding, meta_charset
from claimwatch.ingest.decode import decode_input, decode_text

# Short Cyrillic text: too short for a detector to be sure whether it is cp1251 or koi8-r.
RUSSIAN = "Мир"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=windows-1251", "cp1251"),
        ('text/html; charset="KOI8-R"', "koi8-r"),
        ("text/html;charset=utf-8", "utf-8"),
        ("text/html", None),
        ("text/html; charset=no-such-thing", None),
        ("", None),
        (None, None),
    ],
)
def test_header_charset(header: str | None, expected: str | None) -> None:
    assert header_charset(header) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (b'<html><head><meta charset="koi8-r"><title>x</title>', "koi8-r"),
        (b"<meta charset=windows-1251>", "cp1251"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-5">', "iso8859-5"),
        (b"<html><head><title>no declaration</title>", None),
        (b" " * 2000 + b'<meta charset="koi8-r">', None),  # past the prescan
    ],
)
def test_meta_charset(html: bytes, expected: str | None) -> None:
    assert meta_charset(html) == expected


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (f"<p>{RUSSIAN}</p>".encode("koi8-r"), "koi8_r", RUSSIAN),
        (f"<p>{RUSSIAN}</p>".encode("cp1251"), "cp1251", RUSSIAN),
        (f'<meta charset="koi8-r"><p>{RUSSIAN}</p>'.encode("koi8-r"), None, RUSSIAN),
        (f'<meta charset="ascii"><p>{RUSSIAN}</p>'.encode(), None, RUSSIAN),  # a wrong declaration falls through
        (f"\ufeff<p>{RUSSIAN}</p>".encode(), "cp1251", RUSSIAN),  # a byte order mark wins
    ],
)
def test_decode_text_reads_the_declaration_first(data: bytes, declared: str | None, expected: str) -> None:
    text, _ = decode_text("page.html", data, declared)
    assert expected in text


def test_decode_input_takes_the_transport_charset() -> None:
    page = f"<html><body><p>{RUSSIAN}, сказал министр.</p></body></html>".encode("koi8-r")
    (document,) = decode_input("page.html", page, "html", charset="koi8-r")
    assert "сказал министр" in document.content
    assert document.encoding == "koi8-r"


@given(st.text(max_size=40))
def test_known_encoding_never_raises(label: str) -> None:
    assert known_encoding(label) is None or isinstance(known_encoding(label), str)
