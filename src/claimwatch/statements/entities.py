"""Canonical entities across the store: the key that makes two mentions the same speaker."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from claimwatch.gazetteer.model import name_key
from claimwatch.records import Speaker, Statement
from claimwatch.statements.speakers import person_key


def entity_key(speaker: Speaker) -> str | None:
    """"person:v/zelensky" for Volodymyr Zelensky (and Zelenskyy); "country:RUS"; "organization:nis"."""
    if not speaker.entity:
        return None
    kind = speaker.entity_type or "group"
    if kind in ("country", "government") and speaker.country:
        return f"{kind}:{speaker.country}"
    if kind == "person":
        parts = speaker.entity.split()
        if not person_key(parts[-1]):  # a name in another script, not in the gazetteer ("홍길동")
            return f"person:{name_key(speaker.entity)}"
        first = person_key(parts[0])[:1] if len(parts) > 1 else "?"
        return f"person:{first}/{person_key(parts[-1])}"
    return f"{kind}:{name_key(speaker.entity)}"


def entity_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def settle_entities(
    statements: list[Statement], stored: Callable[[list[str]], dict[str, dict]]
) -> tuple[dict[str, str], list[dict]]:
    """Each statement's speaker entity id, and the entity rows to save (new, or stored ones that changed).

    ``stored(ids)`` returns the stored entity rows by id (``Store.entities_by_id``).
    """
    keys = {statement.id: entity_key(statement.speaker) for statement in statements}
    known = stored(sorted({entity_id(key) for key in keys.values() if key}))
    speaker_ids: dict[str, str] = {}
    changed: dict[str, dict] = {}
    for statement in statements:
        key = keys[statement.id]
        if not key:
            continue
        identifier = speaker_ids[statement.id] = entity_id(key)
        row = merged_entity(known.get(identifier), identifier, key, statement.speaker)
        if row is not None:
            known[identifier] = changed[identifier] = row
    return speaker_ids, list(changed.values())


def merged_entity(row: dict | None, identifier: str, key: str, speaker: Speaker) -> dict | None:
    """The entity row with this mention of it: a new row, the stored one changed, or None when nothing changes.

    A new spelling that is a name is kept as an alias, a missing role or country is filled, and the fullest
    spelling of a person's name wins.
    """
    alias = speaker.written_name
    if row is None:
        return {
            "id": identifier, "key": key, "name": speaker.entity, "type": speaker.entity_type or "group",
            "country": speaker.country, "role": speaker.role, "affiliation": speaker.affiliation,
            "aliases": [alias] if alias and alias != speaker.entity else [],
        }
    aliases = list(row["aliases"])
    changes = {}
    if alias and alias != row["name"] and alias not in aliases and is_name(alias):
        changes["aliases"] = [*aliases, alias]
    if len(speaker.entity) > len(row["name"]) and speaker.entity_type == "person":
        changes["name"] = speaker.entity
    for field_name in ("country", "role", "affiliation"):
        value = getattr(speaker, field_name)
        if value and not row[field_name]:
            changes[field_name] = value
    return {**row, **changes} if changes else None


def is_name(mention: str) -> bool:
    """A spelling worth keeping as an alias: it has a capital letter, so it is no pronoun or description."""
    return any(char.isupper() for char in mention)
