"""Statements as PLOVER event records (JSON Lines), for event-data pipelines.

One record per statement whose act has a PLOVER event (CAMEO's public statements, which PLOVER
dropped, have none), with the field names of the PLOVER 0.8 JSON table: ``event``, ``mode`` and
``context`` are lists; actors are actor objects (``code`` ISO 3166 alpha-3, ``sector``,
``actor_text``, ``identifier_text``, ``office``). The CAMEO code has its own field. Field by
field: docs/exports.md.
"""

from __future__ import annotations

from claimwatch.stance.plover import QUAD_CODES, event_for_label

CODEBOOK = "PLOVER 0.8 (draft, 2021)"
SECTORS = {"country": "GOV", "government": "GOV", "outlet": "MED"}
# Whom each event is directed at, among the parties of the claim the statement bears on.
RECIPIENT_PARTY = {"ACCUSE": "actor", "AGREE": "recipient", "THREATEN": "recipient"}


def plover_records(statements: list[dict], claims: dict[str, dict], coder: str, coded_date: str) -> list[dict]:
    """PLOVER records of ``statements`` (``api.list_statements`` rows); ``claims`` by id give recipients."""
    records = []
    for statement in statements:
        event = event_for_label(statement["plover"])
        if event is None:
            continue
        context = [event.context] if event.context else []
        if statement["conditional"]:
            context.append("hypothetical")  # PLOVER's special context for "if ..., would ..."
        recipient = _recipient(event.event, claims.get(statement["claim_id"]) if statement["claim_id"] else None)
        records.append(
            {
                "id": f"claimwatch-{statement['id']}",
                "date": _date(statement),
                "actor": [_speaker(statement)],
                "recipient": [recipient] if recipient else [],
                "event": [event.event],
                "mode": [event.mode] if event.mode else [],
                "context": context,
                "quad_code": QUAD_CODES[event.event],
                "cameo": event.cameo,
                "text": statement["content"],
                "text_info": {
                    "sequence": statement["sentence_index"],
                    "start": statement["content_start"],
                    "end": statement["content_end"],
                },
                "cite_info": {
                    "citation": statement["article_id"],
                    "url": statement["url"],
                    "publication": statement["outlet"],
                    "coder": coder,
                    "codebook": CODEBOOK,
                },
                "event_loc": None,
                "coder": coder,
                "coded_date": coded_date,
            }
        )
    return records


def _date(statement: dict) -> str | None:
    """The day it was said (YYYY-MM-DD), else the day its report was published."""
    said = statement["said_on"]
    if said and len(said) == 10:
        return said
    return (statement["published"] or "")[:10] or None


def _speaker(statement: dict) -> dict:
    actor = {
        "code": statement["speaker_country"],
        "sector": SECTORS.get(statement["speaker_type"]),
        "actor_text": statement["speaker"],
        "identifier_text": statement["speaker_entity"],
        "office": statement["speaker_role"],
    }
    return {key: value for key, value in actor.items() if value is not None}


def _recipient(event: str, claim: dict | None) -> dict | None:
    party = RECIPIENT_PARTY.get(event)
    if claim is None or party is None or not (claim[party] or claim[f"{party}_code"]):
        return None
    found = {"code": claim[f"{party}_code"], "actor_text": claim[party]}
    return {key: value for key, value in found.items() if value is not None}
