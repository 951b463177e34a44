"""Where a claim stands: occasions of its voices, and a status from documented rules.

An occasion is one voice saying one thing once: statements with the same speaker, act and
date about the same claim (a line repeated by ten syndicated copies) count once. A conditional
statement ("the reports, if true, would mark an escalation") neither supports nor opposes.

Statuses, strongest first (docs/grading.md):
- refuted: an official third party confirms the claim is false, or the claim's first voice retracts it;
- officially confirmed: an official voice confirms it (an admission by a party counts), or an
  official third party asserts it as almost certain;
- corroborated: supporting occasions from two or more independent origins, by two or more voices
  of different countries that speak with authority (officials, intelligence services, militaries)
  or from evidence (imagery, documents, intelligence, observation): commentary does not corroborate;
- contested: someone denies or doubts it;
- unverified: alleged, by one origin or one voice only.
Every change of status names the statement that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass

OFFICIAL_TYPES = {"government", "government_party", "intelligence", "military"}
STATUS_ORDER = ("unverified", "contested", "corroborated", "officially confirmed", "refuted")


@dataclass(frozen=True)
class Occasion:
    statement: dict  # the first statement of the occasion (earliest report)
    stance: str  # "support" | "oppose" | "neutral"
    origin: str
    voice_type: str
    reports: int  # how many reports carried it

    @property
    def on(self) -> str:
        return self.statement.get("said_on") or (self.statement.get("published") or "")[:10]


# A statement's relation to the claim (stance/positions.py) as an occasion's stance.
OCCASION_STANCE = {"backs": "support", "denies": "oppose", "neutral": "neutral", "unrelated": "neutral"}


def stance_of(statement: dict) -> str:
    """The stance of a statement read from its act alone (the claim matrix of a story's claims)."""
    if statement.get("conditional"):
        return "neutral"  # "if true, ..." takes no side on whether it is true
    act = statement.get("act")
    probability = statement.get("probability")
    negated = statement.get("polarity") == "negated"
    if act in ("denies", "retracts"):
        return "oppose"
    if act in ("accuses", "asserts", "confirms", "reports"):
        return "oppose" if negated else "support"
    if act == "assesses" and probability is not None:
        if probability >= 0.55:
            return "oppose" if negated else "support"
        if probability <= 0.45:
            return "support" if negated else "oppose"
    return "neutral"


def occasions(
    statements: list[dict],
    origin_of: dict[str, str],
    voice_types: dict[str, str],
    stances: dict[str, str] | None = None,
) -> list[Occasion]:
    """One occasion per (voice, act, date); ``statements`` oldest report first.

    ``stances``: each statement's stance from its relation to the claim (positions); without it,
    the stance is read from the act.
    """
    seen: dict[tuple, list] = {}
    for statement in statements:
        voice = statement.get("speaker_entity") or statement.get("speaker") or "?"
        key = (voice, statement.get("act"), statement.get("said_on"))
        seen.setdefault(key, []).append(statement)
    found = []
    for group in seen.values():
        first = group[0]
        found.append(
            Occasion(
                statement=first,
                stance=stances[first["id"]] if stances is not None else stance_of(first),
                origin=origin_of.get(first["article_id"], first["article_id"]),
                voice_type=voice_types.get(first["id"], "unknown"),
                reports=len({s["article_id"] for s in group}),
            )
        )
    # In the order the analyst learned of them: by the report that carried them, then by when said.
    return sorted(found, key=lambda o: (_published_utc(o.statement), o.on, o.statement.get("start") or 0))


def _published_utc(statement: dict) -> str:
    from claimwatch.extract.dates import iso_to_utc

    moment = iso_to_utc(statement.get("published"))
    return moment.isoformat() if moment else ""


def status_of(so_far: list[Occasion], parties: set[str]) -> str:
    if not so_far:
        return "unverified"
    first_voice = so_far[0].statement.get("speaker_entity")
    for occasion in so_far:
        statement = occasion.statement
        third_party = _third_party(statement, parties)
        official = occasion.voice_type in OFFICIAL_TYPES
        if (
            first_voice is not None
            and statement.get("act") == "retracts"
            and statement.get("speaker_entity") == first_voice
        ):
            return "refuted"
        if statement.get("act") == "confirms" and statement.get("polarity") == "negated" and official and third_party:
            return "refuted"
    for occasion in so_far:
        statement = occasion.statement
        official = occasion.voice_type in OFFICIAL_TYPES
        if occasion.stance == "support" and official and statement.get("act") == "confirms":
            return "officially confirmed"
        if (
            occasion.stance == "support"
            and official
            and statement.get("certainty") == "almost certain"
            and (_third_party(statement, parties))
        ):
            return "officially confirmed"
    support = [o for o in so_far if o.stance == "support" and _corroborates(o)]
    origins = {o.origin for o in support}
    voices = {o.statement.get("speaker_entity") for o in support}
    countries = {o.statement.get("speaker_country") or f"?{o.statement.get('speaker_entity')}" for o in support}
    if len(origins) >= 2 and len(voices) >= 2 and len(countries) >= 2:
        return "corroborated"
    if any(o.stance == "oppose" for o in so_far):
        return "contested"
    return "unverified"


def _third_party(statement: dict, parties: set[str]) -> bool:
    """A voice of known country that is not a party to the claim (an unknown country proves nothing)."""
    country = statement.get("speaker_country")
    return country is not None and country not in parties


EVIDENCE = {"imagery", "documents", "intelligence", "observation"}


def _corroborates(occasion: Occasion) -> bool:
    return occasion.voice_type in OFFICIAL_TYPES or occasion.statement.get("evidential") in EVIDENCE


def status_history(all_occasions: list[Occasion], parties: set[str]) -> list[dict]:
    history: list[dict] = []
    current = None
    for index, occasion in enumerate(all_occasions):
        status = status_of(all_occasions[: index + 1], parties)
        if status != current:
            history.append(
                {
                    "status": status,
                    "on": (occasion.statement.get("published") or occasion.on)[:10],
                    "said_on": occasion.on,
                    "statement_id": occasion.statement["id"],
                    "article_id": occasion.statement["article_id"],
                    "speaker": occasion.statement.get("speaker_entity"),
                    "act": occasion.statement.get("act"),
                }
            )
            current = status
    return history
