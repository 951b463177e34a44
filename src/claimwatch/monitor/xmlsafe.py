"""XML from the web, read defensively: entity declarations refused, no network, no huge trees."""

from __future__ import annotations

import re

from lxml import etree

from claimwatch.errors import Errors
from claimwatch.ingest.gzipped import GzipCorrupt, GzipTooLarge, gunzip_capped
from claimwatch.monitor.errors import DocumentError, RefusedError

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _as_utf8(data: bytes) -> bytes:
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


def refuse_entity_declarations(url: str, data: bytes) -> None:
    """An internal DTD subset that declares entities is how "billion laughs" bombs start: refuse it.

    A DOCTYPE without entities (RSS 0.91's, say) is fine; the parsers never load external DTDs.
    """
    data = _as_utf8(data)
    match = _DOCTYPE.search(data)
    if match is None:
        return
    end = data.find(b"]>", match.end())
    subset = data[match.start() : end if end >= 0 else len(data)]
    if _ENTITY.search(subset):
        raise RefusedError(Errors.E411.format(url=url))


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
