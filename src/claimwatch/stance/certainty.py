"""Estimative language on the ICD 203 scale, and the words that express it.

ICD 203 (US Intelligence Community Directive 203, Analytic Standards) fixes seven terms and
their probability bands; a statement's certainty is the band its words fall in, or
"not stated" when it asserts without hedging.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

NOT_STATED = "not stated"
# term -> (low, high) probability band of ICD 203
ICD203_BANDS = {
    "almost no chance": (0.01, 0.05),
    "very unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "roughly even chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very likely": (0.80, 0.95),
    "almost certain": (0.95, 0.99),
}
ICD203_TERMS = tuple(ICD203_BANDS)


def midpoint(term: str) -> float | None:
    band = ICD203_BANDS.get(term)
    return round((band[0] + band[1]) / 2, 3) if band else None


def term_for(probability: float) -> str:
    for term, (_low, high) in ICD203_BANDS.items():
        if probability <= high:
            return term
    return "almost certain"


@dataclass(frozen=True, slots=True)
class Hedge:
    pattern: re.Pattern
    term: str
    strength: int  # explicit estimative words beat evidential verbs, which beat bare modals


def _hedge(pattern: str, term: str, strength: int) -> Hedge:
    return Hedge(re.compile(pattern, re.I), term, strength)


# Ordered: within a strength, the first listed wins ("highly likely" before "likely").
HEDGES = (
    _hedge(
        r"\b(?:no chance|impossible|fake news|fabricat\w*|groundless|baseless|absurd|nonsense|"
        r"categorically (?:false|untrue|den\w+)|pure fiction|(?:an? )?(?:outright )?lies?\b)",
        "almost no chance",
        4,
    ),
    _hedge(r"\b(?:highly|very|extremely) unlikely\b|\bno (?:evidence|indication|sign|proof)\b", "very unlikely", 4),
    _hedge(
        r"\b(?:almost|virtually) certain(?:ly)?\b|\bno doubt\b|\bundoubtedly\b|\bbeyond (?:any )?doubt\b|"
        r"\bconclusive(?:ly)?\b|\bdefinitely\b|\bconfirm(?:s|ed)? that\b|(?<!if )(?<!not )\bconfirmed\b|"
        r"\bcertain(?:ly)?\b|"
        r"\bit is clear\b|\bclearly\b|\bwe know\b",
        "almost certain",
        3,
    ),
    _hedge(
        r"\b(?:highly|very|most) likely\b|\bhigh (?:possibility|probability|likelihood|chance)\b|"
        r"\bstrong(?:ly)? (?:evidence|indication|likely|suggest\w*)\b|\bin all likelihood\b|\balmost surely\b",
        "very likely",
        3,
    ),
    _hedge(
        r"\b(?:low|slim|remote) (?:possibility|probability|likelihood|chance)\b|\bunlikely\b|\bdoubtful\b|"
        r"\bimprobable\b|\blittle evidence\b|\bquestionable\b",
        "unlikely",
        3,
    ),
    _hedge(r"\blikely\b|\bprobabl[ey]\b|\bprobability\b", "likely", 3),
    _hedge(r"\b(?:even|fifty-fifty|50-50) chance\b|\bas likely as not\b", "roughly even chance", 3),
    _hedge(
        r"\bbelieve[sd]?\b|\bappears? to\b|\bseems? to\b|\bsuggest(?:s|ed|ing)?\b|\bindicat\w+|\bexpect(?:s|ed)?\b|"
        r"\bit is (?:thought|understood|assessed)\b|\bassess(?:es|ed)? that\b|\bsuspect(?:s|ed)?\b",
        "likely",
        2,
    ),
    _hedge(
        r"\bpossib(?:le|ly|ility)\b|\bmay\b|\bmight\b|\bcould\b|\bperhaps\b|\bmaybe\b|\breportedly\b|"
        r"\balleged(?:ly)?\b|\bunconfirmed\b|\bunverified\b|\b(?:not|un)clear (?:whether|if)\b|\brumou?rs?\b",
        "roughly even chance",
        1,
    ),
)


def compile_hedges(rows: Iterable[tuple[str, str, int]]) -> tuple[Hedge, ...]:
    """Hedges of another language from (pattern, ICD 203 term, strength) rows."""
    return tuple(_hedge(pattern, term, strength) for pattern, term, strength in rows)


def read_certainty(text: str, hedges: tuple[Hedge, ...] = HEDGES) -> tuple[str, str | None]:
    """The ICD 203 term the words express, and the words; ("not stated", None) without a hedge."""
    best: tuple[int, int, str, str] | None = None  # (strength, -position, term, words)
    for hedge in hedges:
        match = hedge.pattern.search(text)
        if match is None:
            continue
        candidate = (hedge.strength, -match.start(), hedge.term, match.group(0))
        if best is None or candidate[:1] > best[:1]:
            best = candidate
    if best is None:
        return NOT_STATED, None
    return best[2], best[3]
