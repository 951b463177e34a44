"""The one way commands print results: rows as a Rich table, JSON, JSON Lines or CSV, other results as JSON or text.

``render(rows, columns, fmt)`` takes the rows the API returns (dicts) and the columns a person sees;
``--format json|jsonl|csv`` (``--json`` is ``--format json``) prints the rows unchanged through
``exports.tables``, the writer the REST API uses too, so every format has the API's shape and field order.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Optional

import typer
from rich.console import Console
from rich.table import Table

from claimwatch.exports import tables

Format = Literal["table", "json", "jsonl", "csv"]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (the same as --format json).")]
FormatOption = Annotated[
    Optional[Literal["json", "jsonl", "csv"]],
    typer.Option("--format", help="json, jsonl or csv (default: a table for people)."),
]

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


def fmt_of(as_json: bool, fmt: str | None = None) -> Format:
    """The format asked for: ``--format``, else json for ``--json``, else a table."""
    if fmt and as_json and fmt != "json":
        raise typer.BadParameter("--json means --format json: give one of them", param_hint="--format")
    return fmt or ("json" if as_json else "table")


def render(
    rows: Sequence[dict],
    columns: Sequence[Column],
    fmt: Format = "table",
    *,
    fields: Sequence[str] | None = None,
    **table_options,
) -> None:
    """The rows as a table of ``columns``, or as they are in JSON, JSON Lines or CSV (``fields`` fix the
    CSV columns, so an empty list still has its header)."""
    if fmt != "table":
        sys.stdout.write(tables.render(list(rows), fmt, fields))
        return
    table = Table(*(column.header for column in columns), **table_options)
    for row in rows:
        table.add_row(*(column.cell(row) for column in columns))
    out.print(table)


def show(data: Any, fmt: Format, describe: Callable[[Any], None], *, indent: int | None = 2) -> None:
    """A result printed for people by ``describe(data)``, else as JSON (a list of rows also as JSON Lines or CSV)."""
    if fmt in ("jsonl", "csv"):
        sys.stdout.write(tables.render(list(data), fmt))
    elif fmt == "json":
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
