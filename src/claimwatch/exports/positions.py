"""Where each voice stands on a brief's claim: the one reading of voice positions for every export.

A brief that carries ``positions`` (one row per voice: voice, entity_id, stance backs|denies|neutral,
hedged, conditional, certainty, first_said_on, last_said_on, statements) is read as it is; an older
brief without them gets positions derived from its statements, by the status rules' own reading of
a statement (``stories.status.stance_of``): a voice's position is that of its latest statement that
takes a side (on that day, the surest), and neutral when none does.
"""

from __future__ import annotations

from claimwatch.stance.certainty import NOT_STATED, midpoint
from claimwatch.stories.status import stance_of

STANCES = {"support": "backs", "oppose": "denies", "neutral": "neutral"}
# Certainty words that commit to a side without hedging.
UNHEDGED = {NOT_STATED, "almost certain", "almost no chance"}


def voice_positions(brief: dict) -> list[dict]:
    """One row per voice with a canonical name, in the order the voices first spoke."""
    if brief.get("positions") is not None:
        return brief["positions"]
    by_voice: dict[str, list[dict]] = {}
    for statement in sorted(brief["statements"], key=lambda s: s["said_on"] or ""):
        if statement["speaker_entity"]:
            by_voice.setdefault(statement["speaker_entity"], []).append(statement)
    return [_position(voice, statements) for voice, statements in by_voice.items()]


def statement_stance(statement: dict) -> str:
    """backs, denies or neutral: how one brief statement stands to the claim."""
    return STANCES[stance_of({**statement, "probability": midpoint(statement["certainty"])})]


def _position(voice: str, statements: list[dict]) -> dict:
    stances = [statement_stance(s) for s in statements]
    taking_sides = [i for i, stance in enumerate(stances) if stance != "neutral"]
    chosen = max(
        taking_sides, key=lambda i: (statements[i]["said_on"] or "", _sureness(statements[i]), i), default=None
    )
    deciding = statements[-1] if chosen is None else statements[chosen]
    dates = [s["said_on"] for s in statements if s["said_on"]]
    return {
        "voice": voice,
        "entity_id": None,
        "stance": "neutral" if chosen is None else stances[chosen],
        "hedged": deciding["certainty"] not in UNHEDGED,
        "conditional": chosen is None and any(s["conditional"] for s in statements),
        "certainty": deciding["certainty"],
        "first_said_on": min(dates) if dates else None,
        "last_said_on": max(dates) if dates else None,
        "statements": [s["id"] for s in statements],
    }


def _sureness(statement: dict) -> float:
    """How far from even odds a statement's words are (an unhedged one is surest)."""
    probability = midpoint(statement["certainty"])
    return 0.5 if probability is None else abs(probability - 0.5)


def statement_ids(position: dict) -> list[str]:
    """A position's statements as ids (rows may list ids or statement objects, or only count them)."""
    items = position.get("statements")
    if not isinstance(items, list):
        return []
    return [item["id"] if isinstance(item, dict) else item for item in items]
