"""Rows of hand-made briefs for the export tests. Every name here is invented."""

from __future__ import annotations


def statement_row(
    key: str,
    article_id: str,
    entity: str | None,
    act: str,
    *,
    certainty: str = "not stated",
    polarity: str = "affirmed",
    conditional: bool = False,
    said_on: str | None = "2025-05-02",
    speaker_type: str = "person",
    admiralty: str = "B2",
    quote: str = "Brennmark is shipping drones to Sorvia",
) -> dict:
    """One statement row of a brief (``stories.brief._statement_row``'s shape)."""
    return {
        "id": key, "said_on": said_on, "speaker": entity, "speaker_entity": entity, "speaker_type": speaker_type,
        "role": "Foreign Minister" if speaker_type == "person" else None, "country": "XBM", "act": act,
        "certainty": certainty, "conditional": conditional, "polarity": polarity, "outlet": "Lakeside Ledger",
        "quote": quote, "article_id": article_id, "url": None, "link": f"/articles/{article_id}#s-{key}",
        "start": 0, "end": len(quote), "source_type": "government", "admiralty": admiralty,
    }


def source_row(article_id: str, outlet: str | None, published: str | None, url: str | None, grade: str) -> dict:
    return {
        "article_id": article_id, "outlet": outlet, "title": f"Report {article_id}", "published": published,
        "url": url, "origin": article_id, "report_stance": None, "source_type": "news_outlet", "admiralty": grade,
    }
