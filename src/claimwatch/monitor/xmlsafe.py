"""XML from the web, read defensively: entity declarations refused, no network, no huge trees."""

from __future__ import annotations

import codecs
import re

from lxml import etree

from claimwatch.errors import Errors
from claimwatch.ingest.decode import bomless_utf16
from claimwatch.ingest.gzipped import GzipCorrupt, GzipTooLarge, gunzip_capped
from claimwatch.monitor.errors import DocumentError, RefusedError

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
# A DOCTYPE with no internal subset: a name, at most an external id (quoted strings), then ">".
_PLAIN_DOCTYPE = re.compile(
    rb"""<!DOCTYPE\s+[^\s\[>"']+(?:\s+(?:SYSTEM|PUBLIC)(?:\s+(?:"[^"]*"|'[^']*')){1,2})?\s*>""", re.I
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _as_utf8(data: bytes) -> bytes:
    codec = next((name for bom, name in _BOMS if data.startswith(bom)), None) or bomless_utf16(data)
    if codec:
        try:
            return data.decode(codec).encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


def refuse_entity_declarations(url: str, data: bytes) -> None:
    """Entities are declared in a DOCTYPE's internal subset (``<!DOCTYPE x [ ... ]>``), where "billion
    laughs" bombs start: refuse every DOCTYPE but the plain kind, a name and an external id (RSS 0.91's).

    Finding where a subset ends would mean parsing comments, processing instructions and quoted
    strings that may hold "]>"; refusing any subset needs none of that. Every DOCTYPE counts, one
    inside a comment too, and text that cannot be read as UTF-8 or UTF-16/32 is refused unread.
    """
    data = _as_utf8(data)
    if b"\x00" in data:
        reason = "its text encoding cannot be checked for entity declarations"
        raise RefusedError(Errors.E411.format(url=url, reason=reason))
    for match in _DOCTYPE.finditer(data):
        if not _PLAIN_DOCTYPE.match(data, match.start()):
            reason = "its DOCTYPE has an internal subset, where entities are declared"
            raise RefusedError(Errors.E411.format(url=url, reason=reason))


def gunzip_document(url: str, data: bytes, max_bytes: int) -> bytes:
    """A gzipped document (sitemap.xml.gz), decompressed to at most ``max_bytes``."""
    try:
        return gunzip_capped(data, max_bytes)
    except GzipTooLarge as exc:
        raise RefusedError(Errors.E405.format(url=url, limit=max_bytes)) from exc
    except GzipCorrupt as exc:
        raise DocumentError(Errors.E412.format(url=url, reason=f"corrupt gzip stream ({exc})")) from exc


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(url: str, data: bytes) -> etree._Element:
    """The root element; entity declarations refused first. Raises ``DocumentError`` for bad XML."""
    refuse_entity_declarations(url, data)
    try:
        root = etree.fromstring(data, safe_parser())
    except (etree.Error, ValueError) as exc:
        raise DocumentError(Errors.E412.format(url=url, reason=_reason(exc))) from exc
    if root is None:
        raise DocumentError(Errors.E412.format(url=url, reason="no root element"))
    return root


def local_name(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html)", re.I | re.S)
_KIND = re.compile(rb"<(?:[\w.-]+:)?(urlset|sitemapindex|rss|feed|rdf)[\s>/]", re.I)


def sniff_kind(data: bytes, content_type: str = "") -> str:
    """feed, sitemap or page, from the document's first element (and its content type)."""
    head = _as_utf8(data)[:8192]
    if _HTML_START.match(head):
        return "page"
    for match in _KIND.finditer(head):
        name = match.group(1).lower()
        prefix = head[max(0, match.start() - 1) : match.start()]
        if prefix == b"!":  # <!DOCTYPE rss ...> is not the element
            continue
        return "sitemap" if name in (b"urlset", b"sitemapindex") else "feed"
    if content_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    return "page"
