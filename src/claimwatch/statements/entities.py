"""Canonical entities across the store: the key that makes two mentions the same speaker."""

from __future__ import annotations

import hashlib

from claimwatch.gazetteer.model import name_key
from claimwatch.records import Speaker
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
