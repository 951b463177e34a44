"""The one gzip reader: decompressed size capped (a small gzip can expand to gigabytes) and a stream
cut short refused. Ingest and the monitor map its two failures to their own coded errors."""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"


class GzipTooLarge(ValueError):
    def __init__(self, size: int) -> None:
        super().__init__(f"decompresses to more than {size} bytes")
        self.size = size


class GzipCorrupt(ValueError):
    """The stream is damaged, or ends before its end marker."""


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """``data`` decompressed if it is gzip (else as it is), at most ``max_bytes`` of it."""
    if not data.startswith(GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        inflated = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise GzipCorrupt(str(exc)) from exc
    if len(inflated) > max_bytes or inflater.unconsumed_tail:
        raise GzipTooLarge(len(inflated))
    if not inflater.eof:
        raise GzipCorrupt("the stream ends before its end marker")
    return inflated
