"""Stage 5 for statements: modality, act and claim of each statement of one article."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from claimwatch.gazetteer import Gazetteer
from claimwatch.records import Assessment, Proposition, Statement
from claimwatch.stance.acts import classify_act
from claimwatch.stance.claims import extract_proposition, is_pointer
from claimwatch.stance.modality import assess_modality

# Acts that are about a claim someone else made: "the reports", "them" point back to it.
_RESPONSES = {"denies", "investigates", "expresses_concern", "questions", "confirms", "assesses", "retracts"}


def assess_statements(statements: list[Statement], doc: Doc, gazetteer: Gazetteer) -> list[Assessment]:
    assessments: list[Assessment] = []
    recent: list[tuple[Proposition, str | None, str | None]] = []  # claims so far, with speaker and country
    for statement in sorted(statements, key=lambda s: s.start):
        modality = assess_modality(statement, doc)
        act, plover = classify_act(statement, modality)
        proposition = None if is_pointer(statement.content.text) else extract_proposition(statement, doc, gazetteer)
        if proposition is None and (act in _RESPONSES or is_pointer(statement.content.text)):
            proposition = claim_pointed_at(recent, statement, gazetteer)
        elif proposition is not None:
            recent.append((proposition, statement.speaker.entity, statement.speaker.country))
        polarity = "negated" if act == "denies" else modality.polarity
        assessments.append(
            Assessment(
                statement_id=statement.id,
                polarity=polarity,
                certainty=modality.certainty,
                probability=modality.probability,
                certainty_cue=modality.certainty_cue,
                conditional=modality.conditional,
                condition=modality.condition,
                evidential=modality.evidential,
                act=act,
                plover=plover,
                proposition=proposition,
                claim_key=proposition.key if proposition else None,
            )
        )
    return assessments


# Acts that speak about a claim already made ("denied the reports", "is looking into it").
POINTING_ACTS = frozenset(
    {"denies", "investigates", "expresses_concern", "questions", "confirms", "assesses", "retracts"}
)


def claim_pointed_at(
    recent: list[tuple[Proposition, str | None, str | None]], statement: Statement, gazetteer: Gazetteer
) -> Proposition | None:
    """The claim "the reports" or "them" refer to: the one the article has put forward most, by other voices.

    "the Ukrainian claims" narrows it to claims by Ukrainian voices.
    """
    speaker = statement.speaker.entity
    others = [(p, country) for p, said_by, country in recent if said_by != speaker] or [(p, c) for p, _, c in recent]
    named = _country_named(statement.content.text, gazetteer)
    if named:
        others = [(p, country) for p, country in others if country == named] or others
    if not others:
        return None
    counts = Counter(p.key for p, _ in others)
    best = max(counts.values())
    return next(p for p, _ in reversed(others) if counts[p.key] == best)


def _country_named(text: str, gazetteer: Gazetteer) -> str | None:
    """ "the Ukrainian claims", "Kyiv's allegations": whose claims the pointer means."""
    match = re.search(
        r"\b([A-Z][\w.-]+)(?:['’]s)?\s+(?:claims?|reports?|allegations?|accusations?|assertions?)\b", text
    )
    if not match:
        return None
    word = match.group(1)
    metonym = gazetteer.metonym(word)
    return metonym[0].code if metonym else gazetteer.country_code(word)


__all__ = ["assess_statements", "claim_pointed_at"]
