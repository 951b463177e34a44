"""Placing a stored article in a story, incrementally: one article, one transaction, nothing recomputed.

The article is compared with the centroid of every story active around its date (see
``cluster.py`` for the rule: average-link text similarity, a bonus for a shared claim, a
time window); a revision joins the story of the version it revises.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Connection, select

from claimwatch.store import story_rows as rows
from claimwatch.store.schema import articles, stories, story_articles
from claimwatch.stories.cluster import JOIN_THRESHOLD, TIME_WINDOW, claim_boosted
from claimwatch.stories.similarity import TermCounts, Vectors, similarity, vectors

CENTROID_TERMS = 400  # the strongest terms a stored centroid keeps per view


def assign_article(conn: Connection, article_id: str, now: datetime) -> str:
    """The story the article joined or started (an article already placed keeps its story)."""
    placed = conn.execute(select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)).scalar()
    if placed:
        return placed
    article = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().one()
    features = rows.load_features(conn, [article_id])[article_id]
    counts = TermCounts.from_json(features["terms"])
    frequencies = rows.frequencies_for(conn, counts, rows.count_documents(conn))
    mine = vectors(counts, frequencies)
    when = article["published_utc"] or article["ingested_at"]
    story_id, score = _predecessor_story(conn, article["revision_of"])
    if story_id is None:
        story_id, score = _best_story(conn, article_id, mine, when)
    if story_id is None:
        story_id = _new_story(conn, article, when, now)
        score = None
    _join(conn, story_id, article_id, mine, when, score, now)
    return story_id


def _predecessor_story(conn: Connection, revision_of: str | None) -> tuple[str | None, float | None]:
    if not revision_of:
        return None, None
    query = select(story_articles.c.story_id).where(story_articles.c.article_id == revision_of)
    story_id = conn.execute(query).scalar()
    return story_id, 1.0 if story_id else None


def _best_story(conn: Connection, article_id: str, mine: Vectors, when: datetime) -> tuple[str | None, float]:
    candidates = rows.candidate_stories(conn, when, TIME_WINDOW)
    if not candidates:
        return None, 0.0
    claims_by_story = rows.story_claims(conn, [c["id"] for c in candidates])
    my_claims = rows.article_claims(conn, article_id)
    best, best_score = None, 0.0
    for story in candidates:
        centroid = Vectors(story["centroid"]["words"], story["centroid"]["names"])
        score = claim_boosted(similarity(mine, centroid), bool(my_claims & claims_by_story.get(story["id"], set())))
        if score > best_score:
            best, best_score = story["id"], score
    return (best, best_score) if best_score >= JOIN_THRESHOLD else (None, best_score)


def _new_story(conn: Connection, article: dict, when: datetime, now: datetime) -> str:
    story_id = hashlib.sha256(f"story:{article['id']}".encode()).hexdigest()[:16]
    conn.execute(
        stories.insert().values(
            id=story_id, title=article["title"] or article["body"][:80], first_seen=when, last_seen=when, size=0,
            centroid={"words": {}, "names": {}}, created_at=now,
        )
    )
    return story_id


def _join(conn: Connection, story_id: str, article_id: str, mine: Vectors, when: datetime, score, now) -> None:
    story = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().one()
    size = story["size"]
    centroid = {
        "words": _blend(story["centroid"]["words"], mine.words, size),
        "names": _blend(story["centroid"]["names"], mine.names, size),
    }
    conn.execute(
        stories.update()
        .where(stories.c.id == story_id)
        .values(
            size=size + 1,
            centroid=centroid,
            first_seen=min(filter(None, [story["first_seen"], when])),
            last_seen=max(filter(None, [story["last_seen"], when])),
        )
    )
    conn.execute(story_articles.insert().values(story_id=story_id, article_id=article_id, score=score, joined_at=now))


def _blend(centroid: dict[str, float], vector: dict[str, float], size: int) -> dict[str, float]:
    """The running mean of the members' vectors, trimmed to its strongest terms."""
    merged = {term: value * size / (size + 1) for term, value in centroid.items()}
    for term, value in vector.items():
        merged[term] = merged.get(term, 0.0) + value / (size + 1)
    strongest = sorted(merged.items(), key=lambda item: -item[1])[:CENTROID_TERMS]
    return dict(strongest)
