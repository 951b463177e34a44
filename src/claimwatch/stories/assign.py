"""Grouping reports into stories: the one rule, used by ingest and by ``claimwatch eval clustering``.

Each new article joins the story it is most similar to, or starts one. Its similarity to a story is
the similarity of its TF-IDF vectors (words, and names and numbers: ``similarity.py``) to the story's
centroid, the running mean of its members' vectors (so the dot product is the average link), plus a
bonus when they share a claim and their texts already have something in common (similarity >=
``CLAIM_FLOOR``: a claim alone, often as vague as "someone carried out an attack", must not join
unrelated reports). A revision joins the story of the version it revises.

Across languages the term views see little (a Korean and an English report share no words), so an
article whose language is not among a story's languages is also compared by meaning: the cosine of
its title-and-lead vector with the story's mean vector, less a margin (``stories/meaning.py``); the
better of the two scores counts, and ``VOICES_BONUS`` is added when they share ``SHARED_VOICES`` speakers
(the same entity in any script: "바린" is Oleg Varin) and the score reaches ``CLAIM_FLOOR`` (the
multilingual model knows some languages less well: Ukrainian is not among its sixteen). Such stories
are candidates when active in the time window even without a shared term (the latest
``CANDIDATE_LIMIT``). Within one language nothing changes.

Bounded work per article, whatever the size of the store: the candidates are the stories active within
``TIME_WINDOW`` of the article's date (so the same kind of event months apart stays apart) that share
one of its ``SALIENT_ARTICLE_TERMS`` strongest terms in their term index (each story's
``SALIENT_STORY_TERMS`` strongest centroid terms), at most ``CANDIDATE_LIMIT`` of them; a centroid
keeps its ``CENTROID_TERMS`` strongest terms; an article's vector is weighed with the document
frequencies of its arrival and a centroid is never re-weighed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection

from claimwatch.store import Store, story_rows
from claimwatch.stories.meaning import blend_meaning, cross_language_score
from claimwatch.stories.similarity import DocumentFrequencies, TermCounts, Vectors, similarity, vectors

JOIN_THRESHOLD = 0.19  # measured on ECB+ with this code, see docs/evaluation.md
CLAIM_BONUS = 0.25
CLAIM_FLOOR = 0.1  # the text similarity below which a shared claim earns no bonus
VOICES_BONUS = 0.25  # across languages: the same speakers
SHARED_VOICES = 2
TIME_WINDOW = timedelta(days=45)
CENTROID_TERMS = 400  # the strongest terms a stored centroid keeps per view
SALIENT_ARTICLE_TERMS = 20  # per view: the terms an article looks its candidate stories up by
SALIENT_STORY_TERMS = 40  # per view: the terms a story is indexed under
CANDIDATE_LIMIT = 50  # the stories sharing the most salient terms, compared in full
# Articles placed per transaction: a commit per article was a disk sync per article; 16 still hold
# the write lock only briefly.
ASSIGN_BATCH = 16


def assign_stories(store: Store, threshold: float = JOIN_THRESHOLD) -> int:
    """Place every article that is in no story yet (normally just the newly ingested ones),
    ``ASSIGN_BATCH`` to a transaction; returns how many were pending."""
    pending = store.unassigned_articles()
    for start in range(0, len(pending), ASSIGN_BATCH):
        batch = pending[start : start + ASSIGN_BATCH]
        with store.transaction() as conn:
            features_by_article = story_rows.load_features(conn, batch)
            for article_id in batch:
                if article_id in features_by_article:
                    now = datetime.now(UTC).replace(tzinfo=None)
                    assign_article(conn, article_id, now, threshold, features_by_article[article_id])
    return len(pending)


def assign_article(
    conn: Connection, article_id: str, now: datetime, threshold: float = JOIN_THRESHOLD, features: dict | None = None
) -> str:
    """The story the article joined or started (an article already placed keeps its story); ``features``:
    its stored features row, when the caller has read it already."""
    placed = story_rows.story_of(conn, article_id)
    if placed:
        return placed
    article = story_rows.article_for_story(conn, article_id)
    features = features or story_rows.load_features(conn, [article_id])[article_id]
    mine = article_vectors(conn, features["terms"])
    meaning = Meaning(article["language"], features["meaning"])
    when = article["published_utc"] or article["ingested_at"]
    story_id = story_rows.story_of(conn, article["revision_of"]) if article["revision_of"] else None
    story = story_rows.story_row(conn, story_id) if story_id else None
    score: float | None = 1.0 if story else None
    if story is None:
        story, best = best_story(conn, article_id, mine, when, meaning)
        score = best if story is not None and best >= threshold else None
        if score is None:
            story = _new_story(conn, article, when, now)
    _join(conn, story, article_id, mine, meaning, when, score, now)
    return story["id"]


@dataclass(frozen=True, slots=True)
class Meaning:
    """An article's language and title-and-lead vector (None for articles stored before it existed)."""

    language: str | None
    vector: list[float] | None

    def across(self, story: dict) -> bool:
        """Whether the story is in other languages only, and both sides have a vector to compare."""
        return self.across_languages(story.get("languages")) and bool(story.get("meaning"))

    def across_languages(self, languages: list[str] | None) -> bool:
        """Whether a story in ``languages`` is in other languages only (and this article has a vector)."""
        return bool(self.vector and self.language and languages) and self.language not in languages


def article_vectors(conn: Connection, terms: dict) -> Vectors:
    """An article's vectors (``terms``: its stored term counts), weighed by the document frequencies of
    the store as it is now."""
    counts = TermCounts.from_json(terms)
    found = story_rows.document_frequencies(conn, {"words": counts.words, "names": counts.names})
    frequencies = DocumentFrequencies(story_rows.count_documents(conn))
    frequencies.words.update(found["words"])
    frequencies.names.update(found["names"])
    return vectors(counts, frequencies)


def best_story(
    conn: Connection, article_id: str, mine: Vectors, when: datetime | None, meaning: Meaning | None = None
) -> tuple[dict | None, float]:
    """The most similar candidate story (its row) and its score (``None`` and 0.0 without candidates)."""
    lookup = {"words": salient(mine.words, SALIENT_ARTICLE_TERMS), "names": salient(mine.names, SALIENT_ARTICLE_TERMS)}
    candidates = story_rows.candidate_stories(conn, when, TIME_WINDOW, lookup, CANDIDATE_LIMIT)
    if meaning is not None and meaning.vector and meaning.language:
        seen = {story["id"] for story in candidates}
        # Most recent stories share the article's language: their rows (centroids) are read only when not.
        recent = story_rows.recent_story_languages(conn, when, TIME_WINDOW, CANDIDATE_LIMIT)
        other = [sid for sid, languages in recent if sid not in seen and meaning.across_languages(languages)]
        candidates += [s for s in story_rows.stories_by_id(conn, other) if meaning.across(s)]
    if not candidates:
        return None, 0.0
    claims_by_story = story_rows.story_claims(conn, [story["id"] for story in candidates])
    my_claims = story_rows.article_claims(conn, article_id)
    across = [story["id"] for story in candidates if meaning is not None and meaning.across(story)]
    voices_by_story = story_rows.story_voices(conn, across) if across else {}
    my_voices = story_rows.article_voices(conn, article_id) if across else set()
    best, best_score = None, 0.0
    for story in candidates:
        centroid = Vectors(story["centroid"]["words"], story["centroid"]["names"])
        shared_claim = bool(my_claims & claims_by_story.get(story["id"], set()))
        text_score = similarity(mine, centroid)
        if meaning is not None and meaning.across(story):
            text_score = max(text_score, cross_language_score(meaning.vector, story["meaning"]))
            if len(my_voices & voices_by_story.get(story["id"], set())) >= SHARED_VOICES and text_score >= CLAIM_FLOOR:
                text_score += VOICES_BONUS
        score = claim_boosted(text_score, shared_claim)
        if score > best_score:
            best, best_score = story, score
    return best, best_score


def claim_boosted(score: float, shared_claim: bool) -> float:
    """The text similarity plus the claim bonus, when the texts are close enough for it to count."""
    return score + CLAIM_BONUS if shared_claim and score >= CLAIM_FLOOR else score


def salient(vector: dict[str, float], count: int) -> list[str]:
    """The ``count`` strongest terms of a vector (ties by term, so the choice is stable)."""
    return [term for term, _ in sorted(vector.items(), key=lambda item: (-item[1], item[0]))[:count]]


def blend(centroid: dict[str, float], vector: dict[str, float], size: int) -> dict[str, float]:
    """The running mean of ``size`` members' vectors and one more, trimmed to its strongest terms."""
    merged = {term: value * size / (size + 1) for term, value in centroid.items()}
    for term, value in vector.items():
        merged[term] = merged.get(term, 0.0) + value / (size + 1)
    return {term: merged[term] for term in salient(merged, CENTROID_TERMS)}


def _blend_meaning(story: dict, meaning: Meaning, size: int) -> dict:
    """The story's languages and mean meaning vector with one more member (kept while every member has one)."""
    languages = sorted({*(story.get("languages") or ()), meaning.language or "?"})
    if not meaning.vector or (size and not story.get("meaning")):
        return {"languages": languages, "meaning": None}
    return {"languages": languages, "meaning": blend_meaning(story.get("meaning"), meaning.vector, size)}


def _new_story(conn: Connection, article: dict, when: datetime, now: datetime) -> dict:
    """A new empty story's row, stored."""
    story_id = hashlib.sha256(f"story:{article['id']}".encode()).hexdigest()[:16]
    row = {
        "id": story_id, "title": article["title"] or article["body"][:80], "first_seen": when, "last_seen": when,
        "size": 0, "centroid": {"words": {}, "names": {}}, "created_at": now,
    }
    story_rows.insert_story(conn, row)
    return {**row, "languages": None, "meaning": None}


def _join(
    conn: Connection, story: dict, article_id: str, mine: Vectors, meaning: Meaning, when, score, now: datetime
) -> None:
    """The article added to ``story`` (its row as read in this transaction): centroid, dates, index."""
    story_id, size = story["id"], story["size"]
    centroid = {
        "words": blend(story["centroid"]["words"], mine.words, size),
        "names": blend(story["centroid"]["names"], mine.names, size),
    }
    values = {
        "size": size + 1,
        "centroid": centroid,
        "first_seen": min(filter(None, [story["first_seen"], when])),
        "last_seen": max(filter(None, [story["last_seen"], when])),
        **_blend_meaning(story, meaning, size),
    }
    index = {view: salient(weights, SALIENT_STORY_TERMS) for view, weights in centroid.items()}
    story_rows.update_story(conn, story_id, values, index)
    story_rows.add_story_member(conn, story_id, article_id, score, now)
