"""What a report is about, in any language: a multilingual sentence vector of its title and lead.

The word and name views (``similarity.py``) compare reports written in one language; a Korean and
an English report on the same event share almost no terms. Their meaning vectors (multilingual
USE v3, ``nlp.embeddings``) are close: on the sample story a Korean report and the English ones
score 0.55-0.57 at best, against 0.35-0.39 for the nearest unrelated VOA stories (measured with
this code, docs/evaluation.md). So when an article's language is not among a story's languages,
its meaning similarity to the story, less ``CROSS_LANGUAGE_MARGIN``, stands in for the term
similarity; within one language the term views decide alone, as before.

One short text an article (its title and the first ``LEAD_CHARACTERS`` of its body), not every
sentence, so ingest stays cheap.
"""

from __future__ import annotations

import numpy as np

from claimwatch.records import Article

LEAD_CHARACTERS = 300
CROSS_LANGUAGE_MARGIN = 0.30


def lead_text(article: Article) -> str:
    """The title and the beginning of the body after the dateline: what the report is about."""
    body = article.body[len(article.dateline_text or "") :].strip()
    return f"{article.title or ''}\n{body[:LEAD_CHARACTERS]}".strip()


def meaning_vector(article: Article) -> tuple[float, ...]:
    from claimwatch.nlp.embeddings import load_encoder

    (vector,) = load_encoder().encode([lead_text(article)])
    return tuple(round(float(value), 5) for value in vector)


def meaning_similarity(vector, centroid) -> float:
    """Cosine of an article's vector and a story's (the running mean of its members' unit vectors)."""
    first, second = np.asarray(vector, dtype=np.float32), np.asarray(centroid, dtype=np.float32)
    if not first.size or first.shape != second.shape:
        return 0.0
    norms = float(np.linalg.norm(first) * np.linalg.norm(second))
    return float(first @ second) / norms if norms else 0.0


def cross_language_score(vector, centroid) -> float:
    """The meaning similarity as a score on the term similarity's scale (0 and below: unrelated)."""
    return meaning_similarity(vector, centroid) - CROSS_LANGUAGE_MARGIN


def blend_meaning(centroid, vector, size: int) -> list[float]:
    """The running mean of ``size`` members' vectors and one more."""
    if not centroid:
        return [round(float(value), 5) for value in vector]
    merged = (np.asarray(centroid, dtype=np.float32) * size + np.asarray(vector, dtype=np.float32)) / (size + 1)
    return [round(float(value), 5) for value in merged]
