"""Words of headlines and bodies: tokens, crude stems, sentences, and the cue lexicons of stance.

Everything here is plain Python and deterministic, so that training and prediction see the same
tokens without a language model. Stems come from a small suffix stripper (``stem``), good enough
to match "denies" with "denied" and "reports" with "reported" across a headline and a body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\n+")
LEAD_TOKENS = 60  # about the first 255 characters of a body, the span the FNC-1 baseline also looks at


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _words(
    """
    a an the and or but if then than so as of at by for from in into on onto to with without about
    over under after before between through during up down out off again further once here there when
    where why how all any both each few more most other some such only own same too very can will
    just should now i me my we our you your he him his she her it its they them their what which who
    whom this that these those am is are was were be been being have has had having do does did doing
    would also s t said says say just one two new like get got us mr mrs ms
    """
)

# Words that deny or debunk what a headline claims (cue lexicon, written for this model).
REFUTING_WORDS = _words(
    """
    fake fakes faked fraud fraudulent hoax hoaxes false falsely deny denies denied denying denial
    debunk debunks debunked debunking bogus untrue fabricate fabricated fabrication prank
    pranks satire satirical parody retract retracts retracted retraction misleading incorrect
    inaccurate baseless unfounded refute refutes refuted rebut rebutted dismiss dismisses dismissed
    reject rejects rejected nonsense myth myths lie lies lying lied erroneous wrong
    disprove disproved disproven doctored photoshopped mistaken contrary insists insisted despite
    """
)

# Words that report a claim without vouching for it.
HEDGING_WORDS = _words(
    """
    reportedly allegedly alleged alleges allege purportedly purported supposedly apparently
    apparent claim claims claimed claiming rumor rumors rumored rumour rumours rumoured unconfirmed
    unverified speculation speculate speculated may might could possibly possible perhaps likely
    unlikely appears appear appeared seems seem seemed suggest suggests suggested according sources
    source believed thought whether if report reports reported reporting circulating circulated
    viral uncertain unclear investigating investigation suspected suspect estimate estimated
    """
)

# Words that vouch for a claim.
SUPPORTING_WORDS = _words(
    """
    confirm confirms confirmed confirming confirmation official officially announce announced
    announces announcement verified verify proof proves proved proven evidence indeed true truth
    revealed reveals acknowledged admits admitted certainly definitely undeniably clearly footage
    shows showed statement fact
    """
)

NEGATION_WORDS = _words(
    """
    not no never none nobody nothing neither nor nowhere without cannot can't don't doesn't didn't
    isn't aren't wasn't weren't won't wouldn't shouldn't couldn't hasn't haven't hadn't n't
    """
)

LEXICONS = {"refute": REFUTING_WORDS, "hedge": HEDGING_WORDS, "support": SUPPORTING_WORDS, "negate": NEGATION_WORDS}


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits, with a trailing contraction such as ``n't``)."""
    return _WORD.findall(text.lower().translate(_APOSTROPHES))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude, stable English suffix stripper: plural -s, -es, -ies, -ed, -ing and possessive 's."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement, min_length in (
        ("ies", "y", 5), ("sses", "ss", 5), ("ing", "", 6), ("ed", "", 5), ("es", "", 5), ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= min_length:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + replacement
    return word


def split_sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


@dataclass(frozen=True)
class TextView:
    """One headline or body as the features see it."""

    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    content_stems: frozenset[str]  # stems of the non-stop-words
    stem_bigrams: frozenset[tuple[str, str]]
    sentence_tokens: tuple[tuple[str, ...], ...]
    sentence_stems: tuple[frozenset[str], ...]
    lowered: str  # lower-case text with single spaces, for character n-gram overlap

    @property
    def stem_text(self) -> str:
        """All stems, stop words included (negations and hedges matter to stance)."""
        return " ".join(self.stems)

    @property
    def content_text(self) -> str:
        """Stems of the non-stop-words in text order (for TF-IDF relevance)."""
        return " ".join(_content_stems(self.tokens, self.stems))


def _content_stems(tokens: tuple[str, ...], stems: tuple[str, ...]) -> list[str]:
    return [s for t, s in zip(tokens, stems, strict=True) if t not in STOP_WORDS and s not in STOP_WORDS]


def view_text(text: str) -> TextView:
    tokens = tuple(tokenize(text))
    stems = tuple(stem(token) for token in tokens)
    sentence_tokens = tuple(tuple(tokenize(sentence)) for sentence in split_sentences(text)) or (tokens,)
    return TextView(
        tokens=tokens,
        stems=stems,
        content_stems=frozenset(_content_stems(tokens, stems)),
        stem_bigrams=frozenset(pairwise(stems)),
        sentence_tokens=sentence_tokens,
        sentence_stems=tuple(frozenset(stem(token) for token in sentence) for sentence in sentence_tokens),
        lowered=" ".join(text.lower().translate(_APOSTROPHES).split()),
    )
