"""Rows as JSON, JSON Lines or CSV: the one writer behind every list command and the REST API.

CSV follows RFC 4180: a header row, every field quoted, CRLF line ends, UTF-8 (no byte-order
mark). Columns keep the rows' key order (keys first seen in later rows follow). Nested values
are flattened predictably: a list of plain values is joined with "; ", anything else nested
(a dict, a list of dicts) is compact JSON; None is an empty field, booleans are true/false.
A text field a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
leading apostrophe (OWASP's advice on CSV injection): news text comes from strangers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

FORMATS = ("json", "jsonl", "csv")
MEDIA_TYPES = {
    "json": "application/json",
    "jsonl": "application/jsonl",
    "csv": "text/csv; charset=utf-8",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(rows: Sequence[dict], fmt: str, columns: Iterable[str] | None = None) -> str:
    """``rows`` as one document in ``fmt`` (json, jsonl or csv)."""
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if fmt == "csv":
        return to_csv(rows, columns)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def column_order(rows: Sequence[dict], columns: Iterable[str] | None = None) -> list[str]:
    """The given columns, else every key in the order first seen."""
    if columns is not None:
        return list(columns)
    return list(dict.fromkeys(key for row in rows for key in row))


def to_csv(rows: Sequence[dict], columns: Iterable[str] | None = None) -> str:
    names = column_order(rows, columns)
    if not names:
        return ""  # no rows and no known columns: nothing, not an empty header
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in names])
    return buffer.getvalue()


def cell(value: object) -> str:
    """One CSV field."""
    if isinstance(value, (list, tuple)) and all(_plain(item) for item in value):
        return _safe("; ".join(_scalar(item) for item in value))
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return _safe(value) if isinstance(value, str) else _scalar(value)


def _plain(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text
