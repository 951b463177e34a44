"""Text similarity for grouping reports: TF-IDF over words, plus a second view over names and numbers.

Names and numbers tell two instances of the same kind of event apart (two earthquakes, two
troop deployments), so they get their own vector and a share of the similarity. Document
frequencies are counts that grow as articles arrive, so a new report is compared without
recomputing anything for the stored ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
NAME_WEIGHT = 0.5  # share of the names-and-numbers view in the similarity


@dataclass(frozen=True, slots=True)
class TermCounts:
    """Term frequencies of one report in the two views."""

    words: dict[str, int]
    names: dict[str, int]

    def to_json(self) -> dict:
        return {"words": self.words, "names": self.names}

    @classmethod
    def from_json(cls, data: dict) -> TermCounts:
        return cls(dict(data["words"]), dict(data["names"]))


def term_counts(text: str) -> TermCounts:
    words: Counter = Counter()
    names: Counter = Counter()
    for token in _WORD.findall(text):
        lower = token.lower()
        if lower in STOP_WORDS or len(token) < 2:
            continue
        words[lower] += 1
        if token[0].isupper() or token[0].isdigit():
            names[token] += 1
    return TermCounts(dict(words), dict(names))


@dataclass
class DocumentFrequencies:
    """How many reports contain each term, per view; grows by ``add``."""

    documents: int = 0
    words: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)

    def add(self, counts: TermCounts) -> None:
        self.documents += 1
        self.words.update(counts.words.keys())
        self.names.update(counts.names.keys())

    def idf(self, view: str, term: str) -> float:
        frequency = getattr(self, view).get(term, 0)
        return math.log((1 + self.documents) / (1 + frequency)) + 1


def weighted(counts: dict[str, int], frequencies: DocumentFrequencies, view: str) -> dict[str, float]:
    """Sublinear TF times IDF, L2-normalised."""
    vector = {term: (1 + math.log(tf)) * frequencies.idf(view, term) for term, tf in counts.items()}
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {term: value / norm for term, value in vector.items()}


def cosine(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second.get(term, 0.0) for term, value in first.items())


@dataclass(frozen=True, slots=True)
class Vectors:
    words: dict[str, float]
    names: dict[str, float]


def vectors(counts: TermCounts, frequencies: DocumentFrequencies) -> Vectors:
    return Vectors(weighted(counts.words, frequencies, "words"), weighted(counts.names, frequencies, "names"))


def similarity(first: Vectors, second: Vectors) -> float:
    return (1 - NAME_WEIGHT) * cosine(first.words, second.words) + NAME_WEIGHT * cosine(first.names, second.names)
