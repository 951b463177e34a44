"""Texts the monitoring tests serve: the bundled sample story, RSS documents and short invented reports.

A plain module (not conftest) so that test modules import it by a name no other test folder uses.
"""

from __future__ import annotations

from pathlib import Path

from claimwatch import api

SAMPLE = api.sample_corpus_path()


def sample(name: str) -> bytes:
    return (SAMPLE / name).read_bytes()


def sample_path() -> Path:
    return SAMPLE


def rss(items: list[dict], title: str = "Claimwatch test wire") -> str:
    """An RSS 2.0 document; each item: title, link, guid, pubDate, description, source (name), source_url."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel>', f"<title>{title}</title>",
             "<link>http://127.0.0.1/</link><description>test feed</description>"]
    for item in items:
        parts.append("<item>")
        for tag in ("title", "link", "guid", "pubDate", "description"):
            if item.get(tag):
                parts.append(f"<{tag}>{_escape(item[tag])}</{tag}>")
        if item.get("source"):
            parts.append(f'<source url="{_escape(item.get("source_url", "http://127.0.0.1/src"))}">'
                         f"{_escape(item['source'])}</source>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def short_report(title: str, dateline: str, paragraphs: list[str], byline: str = "Staff reporter") -> str:
    """A short plain-text report as copied from a page: headline, byline, stamp, paragraphs."""
    head = [title, byline, "12 March 2025, 09:00 GMT"]
    body = [f"{dateline} -- {paragraphs[0]}", *paragraphs[1:]]
    return "\n\n".join([*head, *body]) + "\n"
