"""The one output helper: rows as a table or as the JSON list they are."""

from __future__ import annotations

import json

import pytest

from claimwatch.cli.output import Column, field, render, show

ROWS = [{"id": "abcdef123456", "title": "Troops seen", "count": 3, "none": None}]


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (field("id", width=6), "abcdef"),
        (field("title"), "Troops seen"),
        (field("n", "count"), "3"),
        (field("none"), ""),
        (Column("shout", lambda row: row["title"].upper()), "TROOPS SEEN"),
    ],
)
def test_column_cells(column: Column, expected: str) -> None:
    assert column.cell(ROWS[0]) == expected


def test_render_json_prints_the_rows_unchanged(capsys) -> None:
    render(ROWS, [field("id", width=6)], "json")
    assert json.loads(capsys.readouterr().out) == ROWS


def test_render_table_shows_headers_and_cells(capsys) -> None:
    render(ROWS, [field("id", width=6), field("title")], "table")
    printed = capsys.readouterr().out
    assert "id" in printed and "abcdef" in printed and "Troops seen" in printed
    assert "abcdef123456" not in printed


@pytest.mark.parametrize(("indent", "expected"), [(2, '{\n  "café": 1\n}\n'), (None, '{"caf\\u00e9": 1}\n')])
def test_show_json_keeps_each_command_shape(capsys, indent, expected) -> None:
    show({"café": 1}, "json", print, indent=indent)
    assert capsys.readouterr().out == expected


def test_show_describes_for_people(capsys) -> None:
    show({"a": 1}, "table", lambda data: print(f"a is {data['a']}"))
    assert capsys.readouterr().out == "a is 1\n"
