"""Feeds (RSS, Atom, with feedparser) and sitemaps (lxml) as lists of items to fetch.

An item knows its key (guid, id or link), the article's URL, a marker that changes when the item
is revised (its updated time, title and summary), and the real publisher when the feed names one:
an aggregator's ``<source>`` element, or a wire credit in the text ("KALVEN (Reuters) -"). The
feed's own name is never taken for the publisher: a page's own metadata is better than that.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser
from lxml import etree
from lxml import html as lxml_html

from claimwatch.errors import Errors
from claimwatch.gazetteer import Gazetteer
from claimwatch.monitor.errors import DocumentError
from claimwatch.monitor.xmlsafe import gunzip_document, local_name, parse_xml, refuse_entity_declarations

MAX_ITEMS = 1000  # items read from one feed or sitemap document
# "KALVEN, March 4 (Reuters) -", "(AP) —", "LONDON (Meridian) -- ": a wire credit opening the text.
_CREDIT = re.compile(
    r"^\s*(?:[A-Z][\w'’.\-]*(?:[ ,/]+[\w'’.\-]+){0,6}\s*)?\(([A-Z][\w&'’. \-]{0,38}[\w.])\)\s*(?:--|[-–—:])",
)
_TITLE_PUBLISHER = re.compile(r"\s[-–—|]\s([^-–—|]{2,60})$")
_NOT_CREDITS = {"photo", "video", "updated", "update", "file", "reuters photo", "ap photo", "audio", "opinion"}


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str  # guid / id, else the link
    url: str | None  # the article page
    marker: str  # changes when the item is revised
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None  # the real publisher, when the feed says who it is
    content: str | None = None  # the HTML or text the feed carries for the item


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    items: tuple[FeedItem, ...]


@dataclass(frozen=True, slots=True)
class Sitemap:
    kind: str  # "urlset" | "sitemapindex"
    items: tuple[FeedItem, ...]  # urlset: the pages
    children: tuple[str, ...]  # sitemapindex: the sitemaps it lists


def _marker(*parts: str | None) -> str:
    return hashlib.sha256("\x1f".join(part or "" for part in parts).encode("utf-8")).hexdigest()[:20]


def _text_of(fragment: str | None) -> str:
    if not fragment:
        return ""
    if "<" not in fragment:
        return fragment
    try:
        return lxml_html.fromstring(fragment).text_content()
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment)


def credit_in_text(text: str) -> str | None:
    """The agency a dateline credits: "KALVEN (Meridian) -- ..." -> "Meridian"."""
    match = _CREDIT.match(text[:300])
    if not match:
        return None
    credit = match.group(1).strip()
    if credit.casefold() in _NOT_CREDITS or any(ch.isdigit() for ch in credit):
        return None
    return credit


def _canonical_outlet(name: str | None, gazetteer: Gazetteer | None) -> str | None:
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    outlet = gazetteer.outlet(name) if gazetteer is not None else None
    return outlet.name if outlet is not None else name


def real_publisher(entry: dict, gazetteer: Gazetteer | None = None) -> str | None:
    """The publisher behind an aggregated item, when the feed names it; None otherwise."""
    source = entry.get("source") or {}
    if isinstance(source, dict) and source.get("title"):
        return _canonical_outlet(source["title"], gazetteer)
    for fragment in (_entry_content(entry), entry.get("summary")):
        credit = credit_in_text(_text_of(fragment))
        if credit:
            return _canonical_outlet(credit, gazetteer)
    title = entry.get("title") or ""
    match = _TITLE_PUBLISHER.search(title)
    if match and gazetteer is not None and gazetteer.outlet(match.group(1).strip()) is not None:
        return _canonical_outlet(match.group(1), gazetteer)  # "Headline - Meridian Wire", aggregator style
    return None


def _entry_content(entry: dict) -> str | None:
    for part in entry.get("content") or []:
        value = part.get("value") if isinstance(part, dict) else None
        if value and value.strip():
            return value
    return None


def parse_feed(url: str, data: bytes, gazetteer: Gazetteer | None = None) -> Feed:
    """RSS or Atom bytes -> items, newest first as the feed lists them. Raises ``DocumentError``."""
    refuse_entity_declarations(url, data)
    try:
        parsed = feedparser.parse(data, sanitize_html=True)
    except Exception as exc:  # feedparser's loose parser can fail in many ways on garbage
        raise DocumentError(Errors.E410.format(url=url, reason=f"{type(exc).__name__}: {exc}"[:200])) from exc
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        reason = parsed.get("bozo_exception") or "neither RSS nor Atom"
        raise DocumentError(Errors.E410.format(url=url, reason=str(reason)[:200]))
    items: list[FeedItem] = []
    for entry in entries[:MAX_ITEMS]:
        item = _feed_item(url, entry, gazetteer)
        if item is not None:
            items.append(item)
    if parsed.get("bozo") and not any(item.url for item in items):
        # Not well-formed, and nothing usable recovered from it (a cut-off or garbled document).
        reason = parsed.get("bozo_exception") or "not well-formed"
        raise DocumentError(Errors.E410.format(url=url, reason=str(reason)[:200]))
    title = (parsed.get("feed") or {}).get("title")
    return Feed(title=title or None, items=tuple(items))


def _feed_item(base: str, entry: dict, gazetteer: Gazetteer | None) -> FeedItem | None:
    link = _absolute(base, entry.get("link"))
    content = _entry_content(entry) or entry.get("summary") or None
    title = (entry.get("title") or "").strip() or None
    key = (entry.get("id") or "").strip() or link
    if not key:
        if not (title or content):
            return None
        key = "sha:" + _marker(title, content)
    # dict.get: feedparser's own mapping of a missing "updated" to "published" warns of its removal.
    updated, published = dict.get(entry, "updated"), dict.get(entry, "published")
    return FeedItem(
        key=key[:2000],
        url=link,
        marker=_marker(updated or published, title, entry.get("summary"), _entry_content(entry)),
        title=title,
        published=published or updated or None,
        author=(entry.get("author") or "").strip() or None,
        outlet=real_publisher(entry, gazetteer),
        content=content,
    )


def _absolute(base: str, link: object) -> str | None:
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        return _http_link(urljoin(base, link.strip()))
    except ValueError:  # "http://[broken" and the like
        return None


def _http_link(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if value.lower().startswith(("http://", "https://")) else None


def parse_sitemap(url: str, data: bytes, max_bytes: int = 50 * 1024 * 1024) -> Sitemap:
    """A urlset or sitemapindex (gzipped or not). Raises ``DocumentError`` (or ``RefusedError``)."""
    data = gunzip_document(url, data, max_bytes)
    root = parse_xml(url, data)
    kind = local_name(root)
    if kind not in ("urlset", "sitemapindex"):
        raise DocumentError(Errors.E412.format(url=url, reason=f"the root element is <{kind or '?'}>, not <urlset>"))
    items: list[FeedItem] = []
    children: list[str] = []
    for element in root:
        if len(items) + len(children) >= MAX_ITEMS:
            break
        fields = _fields(element)
        loc = _http_link(fields.get("loc"))
        if not loc:
            continue
        name = local_name(element)
        if kind == "sitemapindex" and name == "sitemap":
            children.append(loc)
        elif kind == "urlset" and name == "url":
            lastmod = fields.get("lastmod") or fields.get("publication_date")
            items.append(
                FeedItem(
                    key=loc,
                    url=loc,
                    marker=_marker(lastmod, fields.get("title")),
                    title=fields.get("title"),
                    published=fields.get("publication_date"),
                    outlet=fields.get("name"),  # <news:publication><news:name>: the publisher
                )
            )
    return Sitemap(kind=kind, items=tuple(items), children=tuple(children))


def _fields(element) -> dict[str, str]:
    """Text of an entry's descendants by local name (loc, lastmod, news:name, news:title ...)."""
    found: dict[str, str] = {}
    for child in element.iter():
        if child is element:
            continue
        name = local_name(child)
        text = (child.text or "").strip()
        if name and text and name not in found:
            found[name] = text[:2000]
    return found
