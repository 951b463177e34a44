"""Korean morphology: Kiwi (kiwipiepy, its model inside the package; nothing downloaded).

Sentences of an article body with their morphemes (form, part-of-speech tag in the Sejong
tag set, character offsets into the body) and the space-separated words (eojeol) they form:
the Korean attribution rules read particles (은/는 topic, 이/가 subject, 라고/고 quotative)
at the end of a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kiwipiepy import Kiwi


@dataclass(frozen=True, slots=True)
class Morpheme:
    form: str
    tag: str  # NNP proper noun, NNG noun, VV verb, XSV verb suffix (파병+하다), JX topic, JKQ quotative ...
    start: int  # character offsets in the article body
    end: int

    @property
    def is_noun(self) -> bool:
        return self.tag in ("NNP", "NNG", "NNB", "NR", "NP", "SL", "SH", "XR")


@dataclass(frozen=True, slots=True)
class Word:
    """An eojeol: the morphemes between two spaces ("대변인은" = 대변인 + 은)."""

    morphemes: tuple[Morpheme, ...]
    text: str

    @property
    def start(self) -> int:
        return self.morphemes[0].start

    @property
    def end(self) -> int:
        return self.morphemes[-1].end

    @property
    def last(self) -> Morpheme:
        return self.morphemes[-1]

    def stem(self) -> str:
        """The word without its trailing particles and punctuation: "대변인은" -> "대변인"."""
        kept = list(self.morphemes)
        while len(kept) > 1 and (kept[-1].tag.startswith("J") or kept[-1].tag.startswith("S")):
            kept.pop()
        return self.text[: kept[-1].end - self.start].strip("\"'“”‘’«»()[],")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    morphemes: tuple[Morpheme, ...]
    words: tuple[Word, ...]


@lru_cache(maxsize=1)
def load_kiwi() -> Kiwi:
    """The Kiwi analyser, loaded once per process (about 2 s; each Dask worker loads its own)."""
    return Kiwi()


def korean_sentences(body: str) -> list[Sentence]:
    """Sentences of each paragraph (a sentence never runs across a line break), in order."""
    kiwi = load_kiwi()
    sentences: list[Sentence] = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            for found in kiwi.split_into_sents(line, return_tokens=True):
                morphemes = tuple(
                    Morpheme(t.form, t.tag, offset + t.start, offset + t.end) for t in found.tokens
                )
                start, end = offset + found.start, offset + found.end
                sentences.append(Sentence(start, end, body[start:end], morphemes, _words(body, morphemes)))
        offset += len(line) + 1
    return sentences


def _words(body: str, morphemes: tuple[Morpheme, ...]) -> tuple[Word, ...]:
    words: list[list[Morpheme]] = []
    for morpheme in morphemes:
        # Morphemes of one word touch; contracted ones share characters (했 = 하 + 었).
        if words and morpheme.start <= words[-1][-1].end:
            words[-1].append(morpheme)
        else:
            words.append([morpheme])
    return tuple(Word(tuple(w), body[w[0].start : w[-1].end]) for w in words)
