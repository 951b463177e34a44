"""Admiralty grades: source reliability (A-F) and information credibility (1-6).

Reliability comes from the source registry: a user's named entries, else the default for
the source's type (``sources.toml``). Credibility comes from how the claim stands when
graded: confirmed by other independent sources (1), probably true (2), possibly true (3),
doubtful (4), improbable (5), cannot be judged (6). Rules in docs/grading.md.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from claimwatch.errors import Errors, InputError
from claimwatch.gazetteer import Gazetteer
from claimwatch.store.monitor_rows import MonitorRows

if TYPE_CHECKING:
    from claimwatch.store import Store

ENV_VAR = "CLAIMWATCH_SOURCES"
RELIABILITY = ("A", "B", "C", "D", "E", "F")
_OFFICIAL_ROLES = re.compile(
    r"\b(?:president|minister|secretary|spokes(?:person|man|woman)|ambassador|official|chancellor|premier|"
    r"envoy|diplomat|governor|mayor|senator|lawmaker|deputy|chief of staff|king|queen|leader)\b",
    re.I,
)
_MILITARY_ROLES = re.compile(r"\b(?:general|commander|colonel|admiral|officer|chief of|military)\b", re.I)
# Civil offices named "... General" (a secretary-general is no soldier).
_CIVIL_GENERAL = re.compile(
    r"\b(?:secretary|attorney|solicitor|inspector|auditor|consul|director|surgeon|governor|postmaster)[- ]general\b",
    re.I,
)
_EXPERT_ROLES = re.compile(r"\b(?:analyst|expert|professor|researcher|fellow|scholar|director of)\b", re.I)
_UNNAMED = re.compile(r"\b(?:officials?|sources?|diplomats?|people familiar|insiders?|person)\b", re.I)
_ORG_KINDS = (
    ("intelligence", re.compile(r"intelligence|spy|security service|\bNIS\b|\bNIB\b", re.I)),
    ("military", re.compile(
        r"\b(?:army|military|armed forces|forces|command|navy|air force|defen[cs]e staff)\b", re.I
    )),
    ("government", re.compile(r"\b(?:ministry|government|council|office|presidency|cabinet|department|embassy|"
                              r"administration|parliament|white house|kremlin)\b", re.I)),
    ("expert", re.compile(r"\b(?:institute|center|centre|university|think tank|foundation|watch)\b", re.I)),
)


@dataclass
class SourceRegistry:
    defaults: dict[str, str]
    named: dict[str, str] = field(default_factory=dict)

    def reliability(self, name: str | None, source_type: str) -> str:
        if name and name.casefold() in self.named:
            return self.named[name.casefold()]
        return self.defaults.get(source_type, self.defaults.get("unknown", "F"))


def load_registry(extra_paths: list[str | Path] | None = None, store: Store | None = None) -> SourceRegistry:
    """The built-in defaults; then, with ``store``, the grades of monitored sources (``claimwatch source add
    --reliability``, keyed by the source's name); then the TOML files, which win over both."""
    data = tomllib.loads(resources.files("claimwatch.stories").joinpath("sources.toml").read_text("utf-8"))
    registry = SourceRegistry(defaults=dict(data["defaults"]))
    if store is not None:
        registry.named.update(_store_grades(store))
    paths = [*(extra_paths or []), *filter(None, os.environ.get(ENV_VAR, "").split(os.pathsep))]
    for path in paths:
        user = _read_user_file(Path(path))
        registry.defaults.update({kind: _grade(value, path) for kind, value in user.get("defaults", {}).items()})
        for entry in user.get("source", []):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or "reliability" not in entry:
                raise InputError(str(path), Errors.E003.format(reason="each [[source]] needs a name and a reliability"))
            registry.named[entry["name"].casefold()] = _grade(entry["reliability"], path)
    return registry


def _read_user_file(path: Path) -> dict:
    """A user's registry file, or one error line naming it (no traceback for a typo in a path or in TOML)."""
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise InputError(str(path), Errors.E003.format(reason=reason)) from error


def _grade(value: object, path: str | Path) -> str:
    grade = value.strip().upper() if isinstance(value, str) else ""
    if grade not in RELIABILITY:
        raise InputError(str(path), Errors.E416.format(value=value))
    return grade


def _store_grades(store: Store) -> dict[str, str]:
    return {
        source["name"].casefold(): source["reliability"]
        for source in MonitorRows(store).sources()
        if source["name"] and source["reliability"] in RELIABILITY
    }


def voice_type(statement: dict, parties: set[str], gazetteer: Gazetteer) -> str:
    """What kind of source a statement's speaker is, for the registry's defaults."""
    kind = statement.get("speaker_type")
    name = statement.get("speaker_entity") or ""
    role = statement.get("speaker_role") or ""
    mention = statement.get("speaker") or ""
    party = statement.get("speaker_country") in parties and bool(parties)
    if kind == "outlet" or statement.get("voice") == "outlet":
        return "outlet_voice"
    if kind in ("government", "country"):
        return "government_party" if party else "government"
    if kind == "group":
        return "unnamed" if _UNNAMED.search(mention) else "unknown"
    if kind == "organization":
        outlet = gazetteer.outlet(name)
        if outlet is not None:
            return _outlet_type(outlet.kind, outlet.country, parties)
        for org_kind, pattern in _ORG_KINDS:
            if pattern.search(name):
                if org_kind == "government" and party:
                    return "government_party"
                return org_kind
        return "unknown"
    if kind == "person":
        if _MILITARY_ROLES.search(_CIVIL_GENERAL.sub(" ", role)):
            return "military"
        affiliation = statement.get("speaker_affiliation") or ""
        if _CIVIL_GENERAL.search(role) or _OFFICIAL_ROLES.search(role) or _OFFICIAL_ROLES.search(affiliation):
            return "government_party" if party else "government"
        if _EXPERT_ROLES.search(role):
            return "expert"
    return "unknown"


def outlet_type(outlet_name: str | None, parties: set[str], gazetteer: Gazetteer) -> str:
    outlet = gazetteer.outlet(outlet_name) if outlet_name else None
    if outlet is None:
        return "news_outlet" if outlet_name else "unknown"
    return _outlet_type(outlet.kind, outlet.country, parties)


def _outlet_type(kind: str, country: str | None, parties: set[str]) -> str:
    if kind == "state_media":
        return "state_media_party" if country in parties else "state_media"
    return kind if kind in ("wire_agency", "news_outlet") else "news_outlet"


def credibility(stance: str, status: str) -> int:
    """Information credibility of a supporting, opposing or neutral item, given the claim's status."""
    if stance == "neutral":
        return 6
    supports = stance == "support"
    table = {
        "officially confirmed": (1, 5),
        "corroborated": (2, 4),
        "contested": (3, 3),
        "unverified": (3, 3),
        "refuted": (5, 1),
    }
    for_claim, against_claim = table.get(status, (6, 6))
    return for_claim if supports else against_claim
