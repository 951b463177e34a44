"""The parse the non-spaCy pipelines hand to their statement stage: sentences, words, names.

One shape for every such language, so that rules shared across languages (quotation marks,
speakers from the gazetteer, dates, certainty) read it the same way; ``head`` and ``rel``
are the UD dependency tree where the language has a parser (Russian), None where it has not
(Ukrainian).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    index: int  # position in its sentence, from 0
    text: str
    start: int  # character offsets in the article body
    end: int
    lemma: str
    pos: str  # UD part of speech (PROPN, VERB, ...)
    case: str | None = None  # UD case (Nom, Gen, Dat, Acc, Ins, Loc)
    form: str | None = None  # UD VerbForm (Fin, Inf, Part, Conv)
    head: int | None = None  # index of the head word in the sentence; None for the root or without a parser
    rel: str | None = None  # UD relation to the head


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    words: tuple[Word, ...]

    def children(self, word: Word) -> list[Word]:
        return [other for other in self.words if other.head == word.index]

    def subtree(self, word: Word) -> list[Word]:
        """The word and everything below it, in order."""
        found = {word.index}
        changed = True
        while changed:
            changed = False
            for other in self.words:
                if other.head in found and other.index not in found:
                    found.add(other.index)
                    changed = True
        return [other for other in self.words if other.index in found]


@dataclass(frozen=True, slots=True)
class Name:
    """A name in the text (PER, ORG, LOC) and its dictionary form ("Аркадия Лемского" -> "Аркадий Лемский")."""

    start: int
    end: int
    text: str
    label: str
    normal: str


@dataclass(frozen=True, slots=True)
class ParsedText:
    text: str
    sentences: tuple[Sentence, ...]
    names: tuple[Name, ...]

    def names_in(self, start: int, end: int) -> list[Name]:
        return [name for name in self.names if start <= name.start and name.end <= end]
