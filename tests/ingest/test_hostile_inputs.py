"""Inputs an attacker or a broken exporter sends: deep JSON, wrong field types, odd encodings, sizes."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest import decode_input
from claimwatch.ingest.sources import InputItem, read_item
from claimwatch.records import SourceDocument

GOOD = {"title": "Ferry service resumes", "text": "Ferry service between Kalven and the islands resumed on Wednesday."}


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def outcomes(data: bytes) -> list[SourceDocument | InputError]:
    return list(decode_input("feed.jsonl", data))


def codes(found: list[SourceDocument | InputError]) -> list[str | None]:
    return [item.code if isinstance(item, InputError) else None for item in found]


@pytest.mark.parametrize("levels", [1_000, 5_000])
def test_deep_json_line_fails_alone_and_later_lines_are_kept(levels: int) -> None:
    lines = [json.dumps(GOOD), json.dumps({"text": "x"})[:-1] + ', "extra": ' + deep(levels) + "}", json.dumps(GOOD)]
    found = outcomes("\n".join(lines).encode())
    assert codes(found) == [None, "E012", None]
    assert "\n" not in found[1].message


@pytest.mark.parametrize("levels", [1_000, 5_000])
def test_deep_record_in_a_json_array_fails_alone(levels: int) -> None:
    data = "[" + json.dumps(GOOD) + ', {"text": "x", "extra": ' + deep(levels) + "}, " + json.dumps(GOOD) + "]"
    found = outcomes(data.encode())
    assert codes(found) == [None, "E012", None]
    assert [item.source for item in found] == ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#3"]


def test_deep_json_that_is_the_whole_input() -> None:
    assert codes(outcomes(('[{"text": ' + deep(5_000) + "}]").encode())) == ["E012"]
    assert codes(outcomes(('{"text": ' + deep(5_000) + "}").encode())) == ["E012"]


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"text": True}, "text"),
        ({"text": 12}, "text"),
        ({"text": {"body": "The port reopened."}}, "text"),
        ({"html": ["<p>The port reopened.</p>"]}, "html"),
        ({"text": "The port reopened on Monday.", "title": {"en": "Port"}}, "title"),
        ({"text": "The port reopened on Monday.", "url": 5}, "url"),
        ({"text": "The port reopened on Monday.", "author": [{"name": "Lena Orvik"}]}, "author"),
        ({"text": "The port reopened on Monday.", "published": True}, "published"),
        ({"text": "The port reopened on Monday.", "published": {"date": "2025-03-04"}}, "published"),
        ({"text": "The port reopened on Monday.", "published": "-0001-03-04"}, "published"),
    ],
)
def test_fields_of_the_wrong_type_are_refused(record: dict, field: str) -> None:
    (found,) = outcomes(json.dumps(record).encode())
    assert isinstance(found, InputError)
    assert found.code == "E013"
    assert f"'{field}'" in found.message


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (1741082400, "2025-03-04T10:00:00+00:00"),
        (1741082400.5, "2025-03-04T10:00:00+00:00"),
        ("2025-03-04T10:00:00Z", "2025-03-04T10:00:00Z"),
    ],
)
def test_epoch_seconds_are_read_as_utc(published: object, expected: str) -> None:
    (found,) = outcomes(json.dumps({"text": "The port reopened on Monday.", "published": published}).encode())
    assert isinstance(found, SourceDocument)
    assert found.hints.published == expected


def test_author_list_of_names_still_joins() -> None:
    (found,) = outcomes(json.dumps({"text": "The port reopened.", "author": ["Lena Orvik", "Jonas Petrov"]}).encode())
    assert found.hints.author == "Lena Orvik; Jonas Petrov"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(encoding: str) -> None:
    text = "Dock strike ends\n\nDockworkers ended their strike on Tuesday after a new pay deal, union leaders said.\n"
    (found,) = outcomes(text.encode(encoding))
    assert isinstance(found, SourceDocument)
    assert found.content == text


def test_binary_with_nul_bytes_is_still_binary() -> None:
    with pytest.raises(InputError) as caught:
        outcomes(bytes(range(256)) * 8)
    assert caught.value.code == "E002"


def test_a_file_over_the_limit_reports_its_real_size(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5_000)
    with pytest.raises(InputError) as caught:
        read_item(InputItem(str(path)), max_bytes=1_000)
    assert caught.value.code == "E004"
    assert "5,000 bytes" in caught.value.message


def test_stdin_over_the_limit_claims_no_size() -> None:
    with pytest.raises(InputError) as caught:
        read_item(InputItem("-"), max_bytes=1_000, stdin=io.BytesIO(b"x" * 5_000))
    assert caught.value.code == "E015"
    assert "1,001" not in caught.value.message


def test_gzip_over_the_limit_says_it_expands_past_the_limit() -> None:
    with pytest.raises(InputError) as caught:
        list(decode_input("big.txt.gz", gzip.compress(b"word " * 10_000), max_bytes=1_000))
    assert caught.value.code == "E015"
    assert "1,001" not in caught.value.message
