"""The one output helper: rows as a table or as the JSON list they are."""

from __future__ import annotations

import json

import pytest
import typer

from claimwatch.cli.output import Column, field, fmt_of, render, show

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


@pytest.mark.parametrize(
    ("as_json", "fmt", "expected"),
    [
        (False, None, "table"), (True, None, "json"), (False, "csv", "csv"), (True, "json", "json"),
        (False, "jsonl", "jsonl"),
    ],
)
def test_fmt_of(as_json: bool, fmt: str | None, expected: str) -> None:
    assert fmt_of(as_json, fmt) == expected


def test_json_flag_and_another_format_conflict() -> None:
    with pytest.raises(typer.BadParameter):
        fmt_of(True, "csv")


def test_render_csv_and_jsonl(capsys) -> None:
    render(ROWS, [field("id", width=6)], "csv")
    assert capsys.readouterr().out == '"id","title","count","none"\r\n"abcdef123456","Troops seen","3",""\r\n'
    render([], [field("id")], "csv", fields=("id", "title"))
    assert capsys.readouterr().out == '"id","title"\r\n'
    render(ROWS, [field("id")], "jsonl")
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == ROWS


def test_show_a_list_as_csv(capsys) -> None:
    show(ROWS, "csv", print)
    assert capsys.readouterr().out.startswith('"id","title"')
