"""The one way commands print results: rows as a Rich table or JSON, other results as JSON or text.

``render(rows, columns, fmt)`` takes the rows the API returns (dicts) and the columns a person sees;
``--json`` prints the rows unchanged, so the JSON is the API's shape. New formats (jsonl, csv) go here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.table import Table

Format = Literal["table", "json"]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@dataclass(frozen=True)
class Column:
    """A table column: its header and how a row's cell is written."""

    header: str
    cell: Callable[[dict], str]


def field(header: str, key: str | None = None, width: int | None = None) -> Column:
    """A column showing ``row[key]`` (``""`` for none), cut to ``width`` characters if given."""
    key = key or header

    def cell(row: dict) -> str:
        value = row[key]
        text = "" if value is None else str(value)
        return text[:width] if width else text

    return Column(header, cell)


def fmt_of(as_json: bool) -> Format:
    return "json" if as_json else "table"


def render(rows: Sequence[dict], columns: Sequence[Column], fmt: Format = "table", **table_options) -> None:
    """The rows as a table of ``columns``, or as the JSON list they are."""
    if fmt == "json":
        print_json(list(rows))
        return
    table = Table(*(column.header for column in columns), **table_options)
    for row in rows:
        table.add_row(*(column.cell(row) for column in columns))
    out.print(table)


def show(data: Any, fmt: Format, describe: Callable[[Any], None], *, indent: int | None = 2) -> None:
    """A result that is no list of rows: its JSON, or ``describe(data)`` for people."""
    if fmt == "json":
        print_json(data, indent=indent)
    else:
        describe(data)


def print_json(data: Any, *, indent: int | None = 2) -> None:
    print(json.dumps(data, indent=indent, ensure_ascii=False) if indent else json.dumps(data))


def say(text: str = "") -> None:
    """One line on stdout, printed as it is (no Rich markup)."""
    out.print(text, markup=False, highlight=False)


def warn(text: str) -> None:
    """One line on stderr, printed as it is."""
    err.print(text, markup=False, highlight=False)
