"""Per-article features the stories stage needs, computed once when the article is processed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from datasketch import MinHash

from claimwatch.records import Article
from claimwatch.statements.quotes import find_quotes
from claimwatch.stories.meaning import meaning_vector
from claimwatch.stories.similarity import TermCounts, term_counts

MINHASH_PERMUTATIONS = 64
MINHASH_SEED = 1
SHINGLE_WORDS = 5
MIN_QUOTE_WORDS = 8
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    article_id: str
    terms: TermCounts
    minhash: tuple[int, ...]
    quotes: tuple[str, ...]  # normalised direct quotes of 8 words or more
    meaning: tuple[float, ...] = ()  # the title and lead in a multilingual vector space (stories/meaning.py)

    def to_row(self) -> dict:
        """The store's ``article_features`` row."""
        return {
            "article_id": self.article_id,
            "terms": self.terms.to_json(),
            "minhash": list(self.minhash),
            "quotes": list(self.quotes),
            "meaning": list(self.meaning) or None,
        }


def article_features(article: Article) -> ArticleFeatures:
    return ArticleFeatures(
        article_id=article.id,
        terms=term_counts(f"{article.title or ''}\n{article.body}"),
        minhash=body_minhash(article.body),
        quotes=long_quotes(article.body),
        meaning=meaning_vector(article),
    )


def body_minhash(body: str) -> tuple[int, ...]:
    words = [word.lower() for word in _WORD.findall(body)]
    signature = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=MINHASH_SEED)
    signature.update_batch(  # one array operation for all shingles: the same values as update() one by one
        [" ".join(words[index : index + SHINGLE_WORDS]).encode("utf-8")
         for index in range(max(1, len(words) - SHINGLE_WORDS + 1))]
    )
    return tuple(int(value) for value in signature.hashvalues)


def minhash_similarity(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the two bodies' 5-word shingles."""
    if not first or len(first) != len(second):
        return 0.0
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def long_quotes(body: str) -> tuple[str, ...]:
    found = []
    for quote in find_quotes(body):
        words = _WORD.findall(body[quote.start : quote.end].lower())
        if len(words) >= MIN_QUOTE_WORDS:
            found.append(" ".join(words))
    return tuple(found)


def minhash_scheme() -> str:
    """The hashing scheme of the signatures above (LeanMinHash needs it to rebuild them)."""
    return MinHash(num_perm=MINHASH_PERMUTATIONS, seed=MINHASH_SEED).scheme
