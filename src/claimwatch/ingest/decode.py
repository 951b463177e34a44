"""Bytes to ``SourceDocument``s: gzip, binary sniffing, encoding and format detection."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from charset_normalizer import from_bytes

from claimwatch.errors import Errors, InputError
from claimwatch.ingest.charset import known_encoding, meta_charset
from claimwatch.ingest.gzipped import GzipCorrupt, GzipTooLarge, gunzip_capped
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.records import SourceDocument, SourceHints

# Magic numbers of the binary files people most often drop into a folder of articles.
BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive or Office document",
    b"\x7fELF": "executable",
    b"RIFF": "RIFF media file",
    b"\x00\x00\x00": "binary data",
}
FORMATS = ("text", "html", "jsonl")
HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<\?xml|<meta|<div|<article|<p[\s>])", re.I)
JSON_START = re.compile(rb'^(?:\{\s*["}]|\[\s*[{\]])')
HINT_FIELDS = ("url", "title", "author", "published", "outlet")


def decode_input(
    source: str,
    data: bytes,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    charset: str | None = None,
) -> Iterator[SourceDocument | InputError]:
    """Yield the documents in one input, or an ``InputError`` for each part that cannot be read.

    ``charset``: the encoding the transport declared (an HTTP Content-Type's ``charset``).
    A JSON Lines file yields one item per line, so one bad line does not sink the file.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(source, Errors.E010.format(fmt=fmt))
    data = _gunzip(source, data, max_bytes)
    if not data.strip():
        raise InputError(source, Errors.E001)
    utf16 = bomless_utf16(data)
    if utf16:
        text, encoding = data.decode(utf16), utf16
    else:
        _refuse_binary(source, data)
        text, encoding = decode_text(source, data, known_encoding(charset))
    if not text.strip():
        raise InputError(source, Errors.E001)
    fmt = fmt or detect_format(data)
    if fmt == "jsonl":
        yield from _json_documents(source, text, encoding)
    else:
        yield SourceDocument(source=source, format=fmt, content=text, raw=data, encoding=encoding)


def _gunzip(source: str, data: bytes, max_bytes: int) -> bytes:
    try:
        return gunzip_capped(data, max_bytes)
    except GzipTooLarge as exc:
        raise InputError(source, Errors.E015.format(limit=max_bytes, when=" once decompressed")) from exc
    except GzipCorrupt as exc:
        raise InputError(source, Errors.E011.format(reason=exc)) from exc


def _refuse_binary(source: str, data: bytes) -> None:
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(source, Errors.E002.format(kind=kind))
    # Text in UTF-16/32 carries a BOM; anything else with NUL bytes is not text.
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, Errors.E002.format(kind="binary data"))


def bomless_utf16(data: bytes) -> str | None:
    """The codec of UTF-16 text saved without a byte-order mark, else ``None``.

    Such text has its NUL bytes (the high byte of every Latin letter, digit, space and newline) all
    on one side, odd bytes for little-endian and even for big-endian; binary data has them on both.
    """
    if len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls and not others:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if all(char.isprintable() or char in "\r\n\t" for char in text[:2048]):
                return codec
    return None


def decode_text(source: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """A byte order mark, else the declared encoding (``declared``, from the HTTP header, else a
    ``<meta>`` charset), else UTF-8 (the web's default), else charset-normalizer's guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, declared = data[3:], "utf-8"
    for encoding in filter(None, (declared, meta_charset(data), "utf-8")):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue  # a wrong declaration is common: fall through to the next candidate
    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, Errors.E005)
    return str(best), best.encoding


def detect_format(data: bytes) -> str:
    head = data.lstrip()[:2048]
    if JSON_START.match(head):  # not "[Exclusive] Headline" or "{Updated}": those are text
        return "jsonl"
    if HTML_START.match(head) or re.search(rb"<(?:html|body|p|div)[\s>]", head, re.I):
        return "html"
    return "text"


def _json_documents(source: str, text: str, encoding: str) -> Iterator[SourceDocument | InputError]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield InputError(source, Errors.E006.format(line=exc.lineno, reason=exc.msg))
            return
        except RecursionError:
            yield from _deep_array_documents(source, stripped, encoding)
            return
        if not isinstance(records, list):
            yield InputError(source, Errors.E008.format(kind=type(records).__name__))
            return
        if not records:
            yield InputError(source, Errors.E001)  # "[]": no record, so nothing to report per record
            return
        for index, record in enumerate(records, start=1):
            yield _record_document(f"{source}#{index}", record, encoding)
        return
    lines = text.splitlines()
    if len(lines) > 1 and not lines[0].rstrip().endswith("}"):
        # One record spread over several lines (pretty-printed JSON), not one record a line.
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError:
            pass
        except RecursionError:
            yield InputError(source, Errors.E012)
            return
        else:
            yield _record_document(source, record, encoding)
            return
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{line_number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(line_source, Errors.E006.format(line=line_number, reason=exc.msg))
            continue
        except RecursionError:
            yield InputError(line_source, Errors.E012)
            continue
        yield _record_document(line_source, record, encoding)


# A JSON string, or one of the characters that nest or separate values.
_JSON_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},]')


def _deep_array_documents(source: str, text: str, encoding: str) -> Iterator[SourceDocument | InputError]:
    """The records of a JSON array too deep for ``json`` as a whole: each item read on its own,
    so that one item nested hundreds of levels deep fails alone."""
    index = 0
    for index, item in enumerate(_array_items(text), start=1):
        try:
            record = json.loads(item)
        except RecursionError:
            yield InputError(f"{source}#{index}", Errors.E012)
        except json.JSONDecodeError as exc:
            yield InputError(f"{source}#{index}", Errors.E006.format(line=exc.lineno, reason=exc.msg))
        else:
            yield _record_document(f"{source}#{index}", record, encoding)
    if index == 0:
        yield InputError(source, Errors.E012)


def _array_items(text: str) -> Iterator[str]:
    """The text of each item of the top-level array, split by a flat scan (no recursion)."""
    depth, start = 0, None
    for match in _JSON_STRUCTURE.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth == 1:
                start = match.end()
        elif char in "]}":
            depth -= 1
            if depth == 0:
                if text[start : match.start()].strip():
                    yield text[start : match.start()]
                return
        elif char == "," and depth == 1:
            yield text[start : match.start()]
            start = match.end()


def _record_document(source: str, record: object, encoding: str) -> SourceDocument | InputError:
    if not isinstance(record, dict):
        return InputError(source, Errors.E008.format(kind=type(record).__name__))
    try:
        hints = SourceHints(**{name: _field_text(record, name) for name in HINT_FIELDS})
        html, text = _field_text(record, "html"), _field_text(record, "text")
    except _FieldTypeError as error:
        return InputError(source, error.message)
    raw = json.dumps(record, ensure_ascii=False).encode("utf-8")
    if html:
        return SourceDocument(source=source, format="html", content=html, raw=raw, encoding=encoding, hints=hints)
    if text:
        return SourceDocument(source=source, format="text", content=text, raw=raw, encoding=encoding, hints=hints)
    return InputError(source, Errors.E007)


class _FieldTypeError(Exception):
    def __init__(self, field: str, value: object, expected: str) -> None:
        self.message = Errors.E013.format(field=field, kind=_json_kind(value), expected=expected)


def _field_text(record: dict, name: str) -> str | None:
    """A record's field as text, by the documented rules (docs/reliability.md): strings as given,
    ``author`` also as a list of names, ``published`` also as seconds since 1970 (UTC); any other
    type is refused rather than turned into its Python repr."""
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        if name == "published" and re.match(r"\s*[-−]\s*\d", value):
            raise _FieldTypeError(name, value, "a date before year 1 is no publication date")
        return value.strip() or None
    if name == "author" and isinstance(value, list) and all(isinstance(item, str | None) for item in value):
        return "; ".join(item.strip() for item in value if item and item.strip()) or None
    if name == "published" and isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC).replace(microsecond=0).isoformat()
        except (OverflowError, OSError, ValueError) as exc:
            raise _FieldTypeError(name, value, "seconds since 1970 out of range") from exc
    expected = {
        "author": "use a string or a list of strings",
        "published": "use a date string or seconds since 1970",
    }.get(name, "use a string")
    raise _FieldTypeError(name, value, expected)


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return f"the text {str(value)[:40]!r}"
