"""The character encoding a document declares: the HTTP Content-Type header, else an HTML
``<meta charset>`` or ``<meta http-equiv="Content-Type">`` near the top (the HTML standard's order,
after a byte order mark). Read before any guessing."""

from __future__ import annotations

import codecs
import re
from email.message import Message

META_PRESCAN_BYTES = 1024  # the HTML standard's prescan reads the first 1024 bytes
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, if it names a known encoding."""
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    return known_encoding(message.get_content_charset())


def meta_charset(data: bytes) -> str | None:
    """The encoding an HTML document's ``<meta>`` declares in its first bytes."""
    match = _META_CHARSET.search(data[:META_PRESCAN_BYTES])
    return known_encoding(match.group(1).decode("ascii")) if match else None


def known_encoding(name: str | None) -> str | None:
    """Python's name for an encoding label, or None for a label Python does not know."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except (LookupError, ValueError):  # an unknown label, or one no codec name can be (a NUL)
        return None
