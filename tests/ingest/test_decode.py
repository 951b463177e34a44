"""Bytes to SourceDocuments: gzip, binary sniffing, encodings, formats, JSON Lines."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.errors import InputError
from claimwatch.ingest import decode_input, detect_format
from claimwatch.records import SourceDocument

RUSSIAN = (
    "Порт Калвен рассматривает новый тариф на зерно\n\n"
    "Портовое управление Калвена во вторник заявило, что рассмотрит новый тариф на перевозку зерна "
    "через порт, сославшись на заторы у северного причала.\n"
)
KOREAN = (
    "칼벤 항만청, 곡물 관세 검토\n\n"
    "칼벤 항만청은 화요일 북부 부두의 혼잡을 이유로 항구를 통과하는 곡물 선적에 대한 "
    "새로운 관세를 검토하겠다고 밝혔다.\n"
)
GREEK = (
    "Η λιμενική αρχή του Κάλβεν εξετάζει νέο τέλος\n\n"
    "Η λιμενική αρχή του Κάλβεν δήλωσε την Τρίτη ότι θα εξετάσει νέο τέλος για τα φορτία σιτηρών που "
    "περνούν από το λιμάνι, επικαλούμενη τη συμφόρηση στην βόρεια αποβάθρα.\n"
)
ARTICLE = "Dock strike ends\n\nDockworkers ended their strike on Tuesday after a new pay deal, union leaders said.\n"
RECORD = {
    "title": "Dock strike ends",
    "url": "https://meridian-wire.example/a/1",
    "author": ["Lena Orvik", "Jonas Petrov"],
    "published": "2025-03-04T10:00:00Z",
    "text": "Dockworkers at the southern harbour ended their strike on Tuesday, union leaders said.",
}


def documents(data: bytes, fmt: str | None = None, source: str = "in.txt") -> list[SourceDocument | InputError]:
    return list(decode_input(source, data, fmt))


def only_document(data: bytes, fmt: str | None = None) -> SourceDocument:
    (document,) = documents(data, fmt)
    assert isinstance(document, SourceDocument)
    return document


def error_of(data: bytes, fmt: str | None = None, source: str = "in.txt") -> InputError:
    with pytest.raises(InputError) as caught:
        documents(data, fmt, source)
    return caught.value


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Title\n\nSome text.", "text"),
        (b"  <!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"<html lang='en'><p>x</p></html>", "html"),
        (b"<!-- saved page --><div>x</div>", "html"),
        (b"<article><p>x</p></article>", "html"),
        (b"Saved from the web\n<div class='story'><p>x</p></div>", "html"),
        (b'{"text": "x"}\n{"text": "y"}', "jsonl"),
        (b'  [{"text": "x"}]', "jsonl"),
        (b"Prices rose 3% <and> fell", "text"),
        (b"[Kestria Watch] Harbour strike enters second week\n\nDockworkers said...", "text"),
        (b"[UPDATED] Ferry fares rise", "text"),
        (b"{Exclusive} Ferry fares rise", "text"),
        (b'[\n  {\n    "text": "x"\n  }\n]', "jsonl"),
        (b"[]", "jsonl"),
        (b'{ "title": "x" }', "jsonl"),
    ],
)
def test_detect_format(data: bytes, expected: str) -> None:
    assert detect_format(data) == expected


@pytest.mark.parametrize(
    ("raw", "text", "encoding_family"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE, "utf"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), ARTICLE, "utf"),
        (RUSSIAN.encode("cp1251"), RUSSIAN, "1251"),
        pytest.param(
            RUSSIAN.encode("koi8_r"), RUSSIAN, "koi8",
            marks=pytest.mark.xfail(reason="charset-normalizer reads short KOI8-R text as Shift JIS", strict=True),
        ),
        (KOREAN.encode("euc-kr"), KOREAN, ""),
        (GREEK.encode("cp1253"), GREEK, ""),
        (RUSSIAN.encode("utf-16"), RUSSIAN, "utf"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1251", "koi8-r", "euc-kr", "cp1253", "utf-16"],
)
def test_legacy_encodings_are_decoded_not_refused(raw: bytes, text: str, encoding_family: str) -> None:
    document = only_document(raw)
    assert document.content == text
    assert document.format == "text"
    assert encoding_family in document.encoding.replace("_", "").replace("-", "").lower()
    assert document.raw == raw.removeprefix(b"\xef\xbb\xbf") or document.raw == raw


def test_gzip_is_unpacked_and_raw_keeps_the_plain_bytes() -> None:
    html = b"<!doctype html><html><body><article><p>Text.</p></article></body></html>"
    document = only_document(gzip.compress(html))
    assert document.format == "html"
    assert document.content == html.decode()
    assert document.raw == html


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E001"),
        (b"  \n\t\r\n ", "E001"),
        (gzip.compress(b""), "E001"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "E002"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "E002"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "E002"),
        (b"PK\x03\x04\x14\x00\x06\x00", "E002"),
        (b"\x7fELF\x02\x01\x01", "E002"),
        (b"some text\x00\x01\x02 with NULs", "E002"),
        (b"\x1f\x8b\x08\x00garbage that is not deflate", "E011"),
    ],
    ids=["empty", "whitespace", "empty-gzip", "png", "jpeg", "pdf", "zip", "elf", "nul", "corrupt-gzip"],
)
def test_unreadable_inputs_fail_with_one_coded_message(data: bytes, code: str) -> None:
    error = error_of(data, source="reports/bad.txt")
    assert error.code == code
    assert error.source == "reports/bad.txt"
    assert str(error).startswith(f"reports/bad.txt: [{code}] ")
    assert "\n" not in str(error)


def test_binary_message_names_the_kind() -> None:
    assert "PNG image" in error_of(b"\x89PNG\r\n\x1a\n\x00").message


def test_unknown_format_is_refused() -> None:
    assert error_of(ARTICLE.encode(), fmt="xml").code == "E010"


@pytest.mark.parametrize(("fmt", "expected"), [("text", "text"), ("html", "html")])
def test_format_override(fmt: str, expected: str) -> None:
    assert only_document(b"<p>Text that is really HTML.</p>", fmt).format == expected


def test_jsonl_one_document_per_line_and_bad_lines_do_not_sink_the_file() -> None:
    second = {**RECORD, "url": "https://meridian-wire.example/a/2", "html": "<p>Second story.</p>"}
    data = "\n".join([json.dumps(RECORD), "{not json", "", json.dumps(second), '"a string"']).encode()
    found = documents(data, source="feed.jsonl")
    assert [type(item).__name__ for item in found] == ["SourceDocument", "InputError", "SourceDocument", "InputError"]
    first, bad_line, html_doc, not_record = found
    assert first.source == "feed.jsonl:1"
    assert first.format == "text"
    assert first.content == RECORD["text"]
    assert first.hints.title == "Dock strike ends"
    assert first.hints.url == "https://meridian-wire.example/a/1"
    assert first.hints.author == "Lena Orvik; Jonas Petrov"
    assert first.hints.published == "2025-03-04T10:00:00Z"
    assert json.loads(first.raw) == RECORD
    assert bad_line.source == "feed.jsonl:2"
    assert bad_line.code == "E006"
    assert "line 2" in bad_line.message
    assert html_doc.source == "feed.jsonl:4"
    assert html_doc.format == "html"
    assert not_record.code == "E008"


def test_json_array_of_records() -> None:
    data = json.dumps([RECORD, {"title": "No body"}]).encode()
    found = documents(data, source="dump.json")
    assert isinstance(found[0], SourceDocument)
    assert found[0].source == "dump.json#1"
    assert isinstance(found[1], InputError)
    assert found[1].code == "E007"
    assert found[1].source == "dump.json#2"


def test_a_pretty_printed_record_is_one_document() -> None:
    (document,) = documents(json.dumps(RECORD, indent=2).encode(), source="story.json")
    assert isinstance(document, SourceDocument)
    assert (document.source, document.hints.title) == ("story.json", "Dock strike ends")


def test_empty_json_array_is_an_empty_input() -> None:
    (error,) = documents(b" [ ] ", source="dump.json")
    assert isinstance(error, InputError)
    assert error.code == "E001"


def test_broken_json_array_is_one_error() -> None:
    (error,) = documents(b'[{"text": "x"},', source="dump.json")
    assert isinstance(error, InputError)
    assert error.code == "E006"


def test_jsonl_in_a_legacy_encoding() -> None:
    record = {"title": "Порт Калвен", "text": RUSSIAN}
    data = json.dumps(record, ensure_ascii=False).encode("cp1251")
    (document,) = documents(data)
    assert isinstance(document, SourceDocument)
    assert document.content == RUSSIAN.strip()
    assert document.hints.title == "Порт Калвен"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_decode_input_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    try:
        found = documents(data)
    except InputError as error:
        assert error.code.startswith("E0")
        return
    for item in found:
        assert isinstance(item, SourceDocument | InputError)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_decode_input_round_trips_utf8_text(text: str) -> None:
    data = text.encode("utf-8")
    try:
        found = documents(data, fmt="text")
    except InputError as error:
        assert error.code in ("E001", "E002")
        return
    (document,) = found
    if "\x00" in text and document.encoding.startswith("utf-16"):
        return  # NUL bytes all on one side read as UTF-16 without a byte-order mark
    assert document.content == text.removeprefix("\ufeff")
    assert document.encoding == "utf-8"
