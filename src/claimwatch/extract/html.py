"""HTML pages: trafilatura for the body and metadata, page metadata for exact timestamps."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import htmldate
import lxml.html
import trafilatura
from lxml.etree import ParserError

# Full timestamps with zones live in these; htmldate and trafilatura keep only the day.
PUBLISHED_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created", "date",
)
UPDATED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "lastmod", "dcterms.modified", "last-modified",
)


@dataclass
class HtmlFields:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    url: str | None = None
    hostname: str | None = None
    published: str | None = None  # as the page gives it (ISO, may lack a zone)
    updated: str | None = None
    language: str | None = None
    byline: list[str] = field(default_factory=list)  # the visible byline's parts: "By X", "15 March 2025, 21:40"


def extract_html(html: str, url: str | None = None) -> HtmlFields | None:
    """Body and metadata of an article page, or ``None`` when the page holds no article."""
    try:
        # libxml2 stops at 255 levels of nesting unless the tree may be huge, dropping the text below;
        # the input size cap bounds what a huge tree costs. A parser is not shared: not thread-safe.
        tree = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (ParserError, ValueError):
        return None
    published, updated, ld_publisher = _page_timestamps(tree)
    canonical = _first(tree.xpath('//link[@rel="canonical"]/@href')) or _meta(tree, "og:url")
    document = trafilatura.bare_extraction(
        tree,
        url=url or canonical,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    if document is None or not (document.text or "").strip():
        return None
    page_url = url or canonical or document.url
    return HtmlFields(
        text=document.text,
        title=document.title,
        authors=_split_authors(document.author),
        site_name=document.sitename or ld_publisher,
        url=page_url,
        hostname=host_of(page_url) if page_url else document.hostname,
        published=published or _htmldate(html, original=True),
        updated=updated,
        language=tree.get("lang") or None,
        byline=_byline_parts(tree),
    )


def _byline_parts(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's visible byline, split where the page separates names, dates and outlets."""
    for element in tree.xpath('//*[contains(@class, "byline")]'):
        text = element.text_content()
        parts = [" ".join(part.split()) for part in re.split(r"[|\n]", text)]
        if parts := [part for part in parts if part]:
            return parts[:6]
    return []


def host_of(url: str) -> str | None:
    """The host name of a URL; ``None`` for one that does not parse ("http://[bad")."""
    try:
        return urlparse(url).hostname
    except ValueError:
        return None


def body_text(html: str, url: str | None = None) -> str:
    """Only the article body, as the extraction benchmark scores it."""
    fields = extract_html(html, url)
    return fields.text if fields else ""


def _page_timestamps(tree: lxml.html.HtmlElement) -> tuple[str | None, str | None, str | None]:
    published = updated = publisher = None
    for data in _json_ld(tree):
        published = published or _as_str(data.get("datePublished") or data.get("dateCreated"))
        updated = updated or _as_str(data.get("dateModified"))
        pub = data.get("publisher")
        if isinstance(pub, dict):
            publisher = publisher or _as_str(pub.get("name"))
    metas = _meta_map(tree)
    published = published or next((metas[k] for k in PUBLISHED_META if metas.get(k)), None)
    updated = updated or next((metas[k] for k in UPDATED_META if metas.get(k)), None)
    if not published:
        published = _first(tree.xpath("//time[@datetime][1]/@datetime"))
    return published, updated, publisher


def _json_ld(tree: lxml.html.HtmlElement) -> list[dict]:
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(str(k).endswith(("Article", "NewsArticle", "Report", "BlogPosting", "WebPage")) for k in kinds):
                found.append(item)
    return found


def _meta_map(tree: lxml.html.HtmlElement) -> dict[str, str]:
    metas: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in metas:
            metas[key] = meta.get("content").strip()
    return metas


def _meta(tree: lxml.html.HtmlElement, key: str) -> str | None:
    return _meta_map(tree).get(key)


def _htmldate(html: str, original: bool) -> str | None:
    try:
        found = htmldate.find_date(html, original_date=original, extensive_search=True)
    except Exception:  # htmldate is best-effort by design; a miss is not an error here
        return None
    # With nothing better, htmldate falls back to the copyright year's January 1: not a publication date.
    if found and found.endswith("-01-01") and re.search(rf"(?:©|&copy;|copyright)\D{{0,12}}{found[:4]}", html, re.I):
        return None
    return found


# trafilatura sometimes takes the date beside a byline for a second author ("Ilse Marten; Tuesday").
_NOT_A_NAME = re.compile(
    r"\d|^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|updated|published|posted)$",
    re.I,
)


def _split_authors(author: str | None) -> list[str]:
    if not author:
        return []
    names = [name.strip() for name in author.replace(" and ", ";").split(";")]
    return [name for name in names if name and not _NOT_A_NAME.search(name)]


def _first(values: list) -> str | None:
    return str(values[0]).strip() if values else None


def _as_str(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() if value else None
