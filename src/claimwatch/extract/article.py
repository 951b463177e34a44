"""Build the ``Article`` record from a parsed page or text: metadata resolution lives here."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import py3langid

from claimwatch.errors import Errors, InputError, Warnings
from claimwatch.extract import text as text_parser
from claimwatch.extract.dates import ParsedTime, offset_name, parse_time, to_iso
from claimwatch.extract.html import extract_html, host_of
from claimwatch.gazetteer import Gazetteer, Outlet
from claimwatch.records import Article, Paragraph, SourceDocument, article_id, normalise_body

PARAGRAPH_SEPARATOR = "\n\n"
# How an author field lists several people: "A; B", "A, B", "A and B", "A & B".
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|,|&|\band\b)\s*")
_HOST_NAME = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.I)
_log = logging.getLogger(__name__)


@dataclass
class _Draft:
    """Everything read from the source before names and zones are resolved."""

    paragraphs: list[str]
    removed: list[str]
    dateline: text_parser.Dateline | None
    title: str | None
    authors: list[str]
    credits: list[str]  # outlet or agency names the text itself credits
    outlet: str | None
    url: str | None
    published: ParsedTime | None
    updated: ParsedTime | None
    language: str | None = None


def extract_article(doc: SourceDocument, gazetteer: Gazetteer) -> Article:
    """Raise ``InputError`` when the document holds no article text."""
    draft = _draft_from_html(doc) if doc.format == "html" else _draft_from_text(doc)
    if not draft.paragraphs:
        raise InputError(doc.source, Errors.E102 if doc.format == "text" else Errors.E101)
    _apply_hints(draft, doc)
    _log_unknown_zone(draft, doc.source)
    body, paragraphs = _join(draft.paragraphs)
    outlet, agencies = _resolve_outlet(draft, gazetteer)
    zone_name, zone_source = _resolve_zone(draft, outlet, gazetteer)
    return Article(
        id=article_id(body),
        source=doc.source,
        format=doc.format,
        body=body,
        paragraphs=paragraphs,
        raw=doc.raw,
        url=draft.url,
        outlet=outlet.name if outlet else draft.outlet,
        title=draft.title,
        authors=tuple(draft.authors),
        published=to_iso(draft.published, zone_name) if draft.published else None,
        updated=to_iso(draft.updated, zone_name) if draft.updated else None,
        timezone=zone_name,
        timezone_inferred=zone_source not in (None, "given"),
        timezone_source=zone_source,
        dateline=_dateline_place(draft.dateline),
        dateline_text=draft.dateline.text if draft.dateline else None,
        agencies=tuple(agencies),
        language=draft.language or _detect_language(body),
        removed_lines=tuple(draft.removed),
    )


def _log_unknown_zone(draft: _Draft, source: str) -> None:
    """Once per article, however many of its stamps print the zone."""
    zone = next((s.unknown_zone for s in (draft.published, draft.updated) if s and s.unknown_zone), None)
    if zone:
        message = Warnings.W101.format(source=source, zone=zone)
        _log.warning(message, extra={"event": "extract.unknown_zone", "fields": {"source": source, "zone": zone}})


def _draft_from_text(doc: SourceDocument) -> _Draft:
    parsed = text_parser.parse_text(doc.content, given_title=doc.hints.title)
    header = parsed.header
    credits = list(header.byline_outlets)
    if parsed.dateline and parsed.dateline.credit:
        credits.insert(0, parsed.dateline.credit)
    return _Draft(
        paragraphs=parsed.paragraphs,
        removed=parsed.removed,
        dateline=parsed.dateline,
        title=header.title,
        authors=header.authors,
        credits=credits,
        outlet=header.copyright_outlet,
        url=None,
        published=header.stamps.get("published"),
        updated=header.stamps.get("updated"),
    )


def _draft_from_html(doc: SourceDocument) -> _Draft:
    fields = extract_html(doc.content, doc.hints.url)
    if fields is None:
        raise InputError(doc.source, Errors.E101)
    units = text_parser.split_units(fields.text)
    header = text_parser.TextHeader(title=fields.title)
    removed: list[str] = []
    paragraphs = text_parser.clean_body(units, header, removed)
    if not any(text_parser.is_prose(paragraph) or len(paragraph) >= 100 for paragraph in paragraphs):
        raise InputError(doc.source, Errors.E101)  # menus and link lists, not an article
    while paragraphs and fields.title and _same_text(paragraphs[0], fields.title):
        removed.append(paragraphs.pop(0))  # the headline, kept as the title
    # A standfirst, byline or date line above the first paragraph of the story.
    lede = next((i for i, p in enumerate(paragraphs[:4]) if _starts_story(p)), 0)
    for paragraph in paragraphs[:lede]:
        if not text_parser.read_header_line(paragraph, header):
            removed.append(paragraph)
    del paragraphs[:lede]
    for part in fields.byline:
        text_parser.read_header_line(part, header)
    dateline = text_parser.match_dateline(paragraphs[0]) if paragraphs else None
    credits = [dateline.credit] if dateline and dateline.credit else []
    page_published = parse_time(fields.published) if fields.published else None
    return _Draft(
        paragraphs=paragraphs,
        removed=removed,
        dateline=dateline,
        title=fields.title,
        authors=fields.authors or header.authors,
        credits=credits + header.byline_outlets,
        outlet=fields.site_name or header.copyright_outlet,
        url=fields.url,
        published=_more_precise(page_published, header.stamps.get("published")),
        updated=parse_time(fields.updated) if fields.updated else header.stamps.get("updated"),
        language=_language_code(fields.language),
    )


def _more_precise(page: ParsedTime | None, visible: ParsedTime | None) -> ParsedTime | None:
    """The page's metadata date, unless it is a bare date and the visible byline gives the time that day."""
    if page and visible and not page.has_time and visible.has_time and visible.value.date() == page.value.date():
        return visible
    return page or visible


def _starts_story(paragraph: str) -> bool:
    """A paragraph of the story proper, not a standfirst, kicker or date line above it."""
    if text_parser.is_prose(paragraph) or len(paragraph.split()) >= 25:
        return True
    return text_parser.match_dateline(paragraph) is not None


def _same_text(a: str, b: str) -> bool:
    return normalise_body(a) == normalise_body(b)


def _apply_hints(draft: _Draft, doc: SourceDocument) -> None:
    """Metadata given beside the article (JSON Lines fields) wins over what was parsed."""
    hints = doc.hints
    draft.title = hints.title or draft.title
    draft.url = hints.url or draft.url
    draft.outlet = hints.outlet or draft.outlet
    if hints.author:
        draft.authors = [name for name in _AUTHOR_SEPARATORS.split(hints.author) if name]
    if hints.published and (parsed := parse_time(hints.published)):
        draft.published = parsed


def _join(paragraph_texts: list[str]) -> tuple[str, tuple[Paragraph, ...]]:
    spans = []
    position = 0
    for text in paragraph_texts:
        spans.append(Paragraph(position, position + len(text)))
        position += len(text) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraph_texts), tuple(spans)


def _resolve_outlet(draft: _Draft, gazetteer: Gazetteer) -> tuple[Outlet | None, list[str]]:
    """The publishing outlet, and the wire agencies the copy credits.

    The outlet is what the page or source names; failing that the host name, a non-wire
    credit, and last the wire itself (raw wire copy is published by the wire).
    """
    credited = [(credit, gazetteer.outlet(credit)) for credit in draft.credits]
    agencies: list[str] = []
    for credit, known in credited:
        name = known.name if known else credit
        if (known is None or known.is_wire) and name not in agencies:
            agencies.append(name)
    outlet = None
    if draft.outlet:
        # Without a site name, trafilatura gives the host name ("koreaherald.com"): look that up as a domain.
        by_host = gazetteer.outlet_for_host(draft.outlet) if _HOST_NAME.match(draft.outlet) else None
        outlet = gazetteer.outlet(draft.outlet) or by_host or Outlet(name=draft.outlet)
    elif draft.url and (host := host_of(draft.url)):
        outlet = gazetteer.outlet_for_host(host)
    if outlet is None:
        own = [known or Outlet(name=credit) for credit, known in credited if not (known and known.is_wire)]
        wires = [known for _, known in credited if known and known.is_wire]
        outlet = (own or wires or [None])[0]
    if outlet is not None and not outlet.is_wire:
        agencies = [name for name in agencies if name != outlet.name]
    return outlet, agencies


def _resolve_zone(draft: _Draft, outlet: Outlet | None, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    """Which zone local times are in: printed, else the dateline city's, else the outlet country's."""
    stamps = [stamp for stamp in (draft.published, draft.updated) if stamp]
    if not stamps:
        return None, None
    for stamp in stamps:
        if stamp.has_zone:
            return offset_name(stamp.value), "given"
    if not any(stamp.has_time for stamp in stamps):
        return None, None
    if draft.dateline and (zone := gazetteer.place_timezone(draft.dateline.place)):
        return zone, "dateline"
    if zone := gazetteer.outlet_timezone(outlet):
        return zone, "outlet"
    return "UTC", "assumed-utc"


def _dateline_place(dateline: text_parser.Dateline | None) -> str | None:
    return dateline.place.upper() if dateline else None


def _detect_language(body: str) -> str | None:
    language, _ = py3langid.classify(body[:3000])
    return language or None


def _language_code(lang: str | None) -> str | None:
    return lang.split("-")[0].lower() if lang else None
