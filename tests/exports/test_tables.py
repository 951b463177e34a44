"""Rows as JSON, JSON Lines and CSV: one writer, stable columns, RFC 4180, round trips."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.exports.tables import cell, column_order, render

ROWS = [
    {"id": "s1", "speaker": "Ilka Marsh", "content": 'said "drones, not grain"\nthen left', "conditional": False,
     "aliases": ["Marsh", "I. Marsh"], "probability": 0.675},
    {"id": "s2", "speaker": "Sorvia’s ministry", "content": "ça n’existe pas", "conditional": True,
     "aliases": [], "probability": None, "extra": {"b": 1, "a": [1, 2]}},
]


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_has_a_header_quoted_fields_and_crlf() -> None:
    text = render(ROWS, "csv")
    assert text.startswith('"id","speaker","content","conditional","aliases","probability","extra"\r\n')
    table = parse_csv(text)
    assert table[0] == ["id", "speaker", "content", "conditional", "aliases", "probability", "extra"]
    assert table[1] == [
        "s1", "Ilka Marsh", 'said "drones, not grain"\nthen left', "false", "Marsh; I. Marsh", "0.675", ""
    ]
    assert table[2] == ["s2", "Sorvia’s ministry", "ça n’existe pas", "true", "", "", '{"a": [1, 2], "b": 1}']
    assert text.encode("utf-8").decode("utf-8") == text


def test_given_columns_fix_the_order_and_keep_a_header_without_rows() -> None:
    assert parse_csv(render(ROWS, "csv", ["speaker", "id"]))[1] == ["Ilka Marsh", "s1"]
    assert render([], "csv", ["id", "speaker"]) == '"id","speaker"\r\n'
    assert render([], "csv") == ""
    assert column_order(ROWS) == ["id", "speaker", "content", "conditional", "aliases", "probability", "extra"]


def test_json_and_jsonl() -> None:
    assert json.loads(render(ROWS, "json")) == ROWS
    lines = render(ROWS, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == ROWS
    assert "ça" in lines[1]  # UTF-8, not \\u escapes
    assert render([], "jsonl") == ""


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="json, jsonl, csv"):
        render(ROWS, "xml")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (True, "true"),
        (3, "3"),
        (-0.5, "-0.5"),
        ("plain", "plain"),
        ("=HYPERLINK(\"http://x.example\")", "'=HYPERLINK(\"http://x.example\")"),
        ("-2 dead", "'-2 dead"),
        ("@once", "'@once"),
        (["a", None, 2, False], "a; ; 2; false"),
        (["=1+1", "b"], "'=1+1; b"),
        ({"z": 1, "a": "b"}, '{"a": "b", "z": 1}'),
        ([{"start": 1}], '[{"start": 1}]'),
    ],
)
def test_cell(value: object, expected: str) -> None:
    assert cell(value) == expected


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_csv_round_trip(texts: list[str]) -> None:
    rows = [{"n": index, "text": text} for index, text in enumerate(texts)]
    table = parse_csv(render(rows, "csv"))
    assert table[0] == ["n", "text"]
    assert [row[1] for row in table[1:]] == [cell(text) for text in texts]
