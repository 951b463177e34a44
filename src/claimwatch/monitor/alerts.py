"""Alerts: what changed in a watch's brief since the monitor last looked.

A watch's snapshot (its status, the independent origins and the voices that deny or confirm it) is
kept in the store. After a poll's ingest the brief is built again and compared with the snapshot:

- ``status``: the status changed (e.g. contested -> officially confirmed);
- ``origin``: the claim gained an independent origin (a report that copies none seen before);
- ``voice``: a voice that had not denied (or backed) the claim now does: its position
  (``stories/positions.py``), not the act of one statement.

Each alert has a dedupe key (watch, kind, and the new status with the statement that caused it,
the origin, or the voice and act); the key is unique in the store, and the new alerts and the new
snapshot are written in one transaction, so an alert fires once, also across crashes and restarts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from claimwatch.monitor.state import MonitorState

SIDES = ("denies", "backs")
KEY_LINES = 4  # key judgments carried in an alert


def brief_state(brief: dict) -> dict:
    """The parts of a brief that alerts compare."""
    history = brief.get("status_history") or []
    last = history[-1] if history else {}
    origins: list[str] = []
    for row in brief.get("sources") or []:  # oldest report first
        if row.get("origin") and row["origin"] not in origins:
            origins.append(row["origin"])
    voices = sorted({_voice_key(row) for row in brief.get("positions") or [] if row["stance"] in SIDES})
    return {
        "status": brief.get("status"),
        "status_statement": last.get("statement_id"),
        "origins": origins,
        "independent_origins": brief.get("independent_origins", len(origins)),
        "voices": voices,
    }


def _voice_key(position: dict) -> str:
    return f"{position['stance']}:{position['voice'].strip().casefold()}"


def changes(watch: dict, before: dict, after: dict, brief: dict) -> list[dict]:
    """The alerts (kind, dedupe_key, payload) between two states of one watch's brief."""
    watch_id = watch["id"]
    found: list[dict] = []
    common = _common(brief)
    if after["status"] != before["status"]:
        cause = (brief.get("status_history") or [{}])[-1]
        found.append(_alert(
            "status", f"{watch_id}|status|{after['status']}|{after['status_statement'] or ''}", common,
            {"from": before["status"], "to": after["status"], "cause": cause},
            f"{brief['claim']}: {before['status']} -> {after['status']}"
            + (f" ({cause.get('speaker') or '?'} {cause.get('act')})" if cause else ""),
        ))
    gained = after["independent_origins"] - before["independent_origins"]
    if gained > 0:
        new = [origin for origin in after["origins"] if origin not in before["origins"]][-gained:]
        reports = {row["article_id"]: row for row in brief.get("sources") or []}
        for origin in new:
            report = reports.get(origin) or {}
            found.append(_alert(
                "origin", f"{watch_id}|origin|{origin}", common,
                {"origin": origin, "independent_origins": after["independent_origins"],
                 "report": {k: report.get(k) for k in ("article_id", "outlet", "title", "published", "url")}},
                f"{brief['claim']}: a new independent origin ({report.get('outlet') or '?'}: "
                f"{report.get('title') or origin}); {after['independent_origins']} in all",
            ))
    before_voices = set(before["voices"])
    rows = {row["id"]: row for row in brief.get("statements") or []}
    for position in brief.get("positions") or []:
        key = _voice_key(position)
        if position["stance"] not in SIDES or key in before_voices:
            continue
        row = rows.get(position["statements"][-1], {})
        statement = {k: row.get(k) for k in ("id", "speaker", "speaker_entity", "role", "country", "act", "certainty",
                                              "quote", "outlet", "article_id", "url", "said_on", "admiralty")}
        voice, stance = position["voice"], position["stance"]
        found.append(_alert(
            "voice", f"{watch_id}|voice|{key}", common,
            {"voice": voice, "act": stance, "hedged": position["hedged"], "statement": statement},
            f"{brief['claim']}: {voice} {stance} it" + (" (hedged)" if position["hedged"] else "")
            + (f" ({row['outlet']})" if row.get("outlet") else "") + f": \"{_short(row.get('quote') or '')}\"",
        ))
    return found


def _common(brief: dict) -> dict:
    return {
        "claim": brief.get("claim"),
        "status": brief.get("status"),
        "likelihood": brief.get("likelihood"),
        "bottom_line": brief.get("bottom_line"),
        "key_judgments": (brief.get("key_judgments") or [])[:KEY_LINES],
        "reports": brief.get("reports"),
        "independent_origins": brief.get("independent_origins"),
    }


def _alert(kind: str, key: str, common: dict, change: dict, message: str) -> dict:
    return {"kind": kind, "dedupe_key": key, "payload": {**common, "change": change, "message": message},
            "deliveries": {}}


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split()).strip('"“”')
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_watches(
    state: MonitorState,
    watches: list[dict],
    brief_of: Callable[[str], dict],
    now: datetime,
    sinks: list[str],
    *,
    baseline_only: bool = False,
) -> list[dict]:
    """Compare each watch's brief with its snapshot; store and return the new alerts.

    A watch without a snapshot gets one and no alert: it is the "before" of the next poll.
    ``sinks`` names the sinks each new alert is to be delivered to.
    """
    stored: list[dict] = []
    for watch in watches:
        before = state.snapshot(watch["id"])
        if baseline_only and before is not None:
            continue
        brief = brief_of(watch["id"])
        after = brief_state(brief)
        found = [] if before is None else changes(watch, before, after, brief)
        for alert in found:
            alert["deliveries"] = {name: {"state": "pending", "attempts": 0} for name in sinks}
        stored += state.save_alerts(watch["id"], after, found, now)
    return stored


def alert_json(row: dict) -> dict:
    """The JSON shape of an alert: for ``claimwatch alerts --json``, the file sink and webhooks."""
    payload = row["payload"] or {}
    created = row["created_at"]
    return {
        "id": row["id"],
        "watch_id": row["watch_id"],
        "kind": row["kind"],
        "created_at": created.isoformat(timespec="seconds") + "Z" if isinstance(created, datetime) else created,
        "message": payload.get("message"),
        **{k: v for k, v in payload.items() if k != "message"},
    }
