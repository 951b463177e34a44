"""How the monitor keys its state: sources by normalised URL, alerts by dedupe key, retries by backoff.

The rows themselves (sources, seen items, alerts, watch snapshots) are in ``store/monitor_rows.py``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from claimwatch.errors import Errors
from claimwatch.monitor.backoff import doubling_delay
from claimwatch.monitor.errors import MonitorError
from claimwatch.store.monitor_rows import MonitorRows

KINDS = ("auto", "feed", "sitemap", "page")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def normalise_url(url: str) -> str:
    """The form a source is keyed by: scheme and host lower-cased, no fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def source_id(url: str) -> str:
    return hashlib.sha256(f"source:{normalise_url(url)}".encode()).hexdigest()[:16]


def alert_id(dedupe_key: str) -> str:
    return hashlib.sha256(f"alert:{dedupe_key}".encode()).hexdigest()[:16]


class MonitorState(MonitorRows):
    """The monitoring tables of one store, sources keyed by their normalised URL."""

    def add_source(
        self,
        url: str,
        *,
        name: str | None = None,
        kind: str = "auto",
        every: int = 900,
        reliability: str | None = None,
        allow_private: bool = False,
        now: datetime | None = None,
    ) -> dict:
        url = normalise_url(url)
        identifier = source_id(url)
        row = {
            "id": identifier, "url": url, "name": name, "kind": kind, "every": every, "reliability": reliability,
            "allow_private": allow_private, "failures": 0, "polls": 0, "items": 0, "ingested": 0, "revised": 0,
            "failed": 0, "next_due": None, "created_at": now or utcnow(),
        }
        if not self.insert_source(row):
            raise MonitorError(Errors.E414.format(url=url, source_id=identifier))
        return self.source(identifier)

    def source(self, ident: str) -> dict:
        """A source by id (or a unique prefix of it), URL or name."""
        rows = self.sources()
        exact = [r for r in rows if ident in (r["id"], r["url"], r["name"])]
        if not exact and "://" in ident:
            exact = [r for r in rows if r["url"] == normalise_url(ident)]
        found = exact or [r for r in rows if r["id"].startswith(ident)]
        if len(found) != 1:
            raise MonitorError(Errors.E413.format(ident=ident))
        return found[0]

    def remove_source(self, ident: str) -> dict:
        row = self.source(ident)
        self.delete_source(row["id"])
        return row

    def save_alerts(self, watch_id: str, state: dict, found: list[dict], now: datetime) -> list[dict]:
        """The new alerts (id made of the dedupe key) and the watch's snapshot; returns the alerts stored."""
        keyed = [{**alert, "id": alert_id(alert["dedupe_key"])} for alert in found]
        return super().save_alerts(watch_id, state, keyed, now)


def backoff_after_failures(every: int, failures: int, cap: int = 6 * 3600) -> timedelta:
    """When a failing source is tried again: its interval, doubled per consecutive failure, capped.

    The cap is 6 hours, or the source's own interval when that is longer.
    """
    return timedelta(seconds=doubling_delay(every, max(1, failures) - 1, max(cap, every)))
