"""Monitoring state in the store: sources, seen items, alerts and watch snapshots.

Everything the monitor knows between polls is here (never only in memory), so a monitor killed at
any point restarts where it was: each write is one transaction.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import func, or_, select

from claimwatch.errors import Errors
from claimwatch.monitor.backoff import doubling_delay
from claimwatch.monitor.errors import MonitorError
from claimwatch.store import Store
from claimwatch.store.schema import alerts, seen_items, sources, watch_snapshots

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


class MonitorState:
    """The monitoring tables of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # -- sources ---------------------------------------------------------------------------
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
        with self.engine.begin() as conn:
            if conn.execute(select(sources.c.id).where(sources.c.id == identifier)).first():
                raise MonitorError(Errors.E414.format(url=url, source_id=identifier))
            conn.execute(
                sources.insert().values(
                    id=identifier, url=url, name=name, kind=kind, every=every, reliability=reliability,
                    allow_private=allow_private, failures=0, polls=0, items=0, ingested=0, revised=0, failed=0,
                    next_due=None, created_at=now or utcnow(),
                )
            )
        return self.source(identifier)

    def sources(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(select(sources).order_by(sources.c.created_at, sources.c.id))
                    .mappings()]

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
        with self.engine.begin() as conn:
            conn.execute(seen_items.delete().where(seen_items.c.source_id == row["id"]))
            conn.execute(sources.delete().where(sources.c.id == row["id"]))
        return row

    def due_sources(self, now: datetime) -> list[dict]:
        query = (
            select(sources)
            .where(or_(sources.c.next_due.is_(None), sources.c.next_due <= now))
            .order_by(sources.c.next_due.is_not(None), sources.c.next_due, sources.c.created_at)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def next_due(self) -> datetime | None:
        with self.engine.connect() as conn:
            if conn.execute(select(sources.c.id).where(sources.c.next_due.is_(None)).limit(1)).first():
                return datetime.min
            return conn.execute(select(func.min(sources.c.next_due))).scalar_one_or_none()

    def record_poll(
        self,
        source: dict,
        *,
        now: datetime,
        next_due: datetime,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        kind: str | None = None,
        counts: dict[str, int] | None = None,
        keep_validators: bool = False,
    ) -> None:
        """The end of one poll: success (validators, counts) or failure (error, one more failure)."""
        counts = counts or {}
        values: dict = {
            "last_poll": now,
            "next_due": next_due,
            "polls": sources.c.polls + 1,
            "items": sources.c["items"] + counts.get("items", 0),
            "ingested": sources.c.ingested + counts.get("ingested", 0),
            "revised": sources.c.revised + counts.get("revised", 0),
            "failed": sources.c.failed + counts.get("failed", 0),
        }
        if error is None:
            values.update(last_success=now, failures=0)
            if not keep_validators:
                values.update(etag=etag, last_modified=last_modified)
            if kind:
                values["kind"] = kind
        else:
            values.update(last_error=error, last_error_at=now, failures=sources.c.failures + 1)
        with self.engine.begin() as conn:
            conn.execute(sources.update().where(sources.c.id == source["id"]).values(**values))

    # -- seen items ---------------------------------------------------------------------------
    def seen(self, source_id: str, item_key: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(seen_items).where(seen_items.c.source_id == source_id, seen_items.c.item_key == item_key)
            ).mappings().first()
        return dict(row) if row else None

    def mark_seen(
        self,
        source_id: str,
        item_key: str,
        *,
        url: str | None,
        marker: str | None,
        status: str,
        content_hash: str | None = None,
        article_id: str | None = None,
        error: str | None = None,
        pending: bool = False,
        now: datetime | None = None,
    ) -> None:
        now = now or utcnow()
        values = {
            "url": url, "marker": marker, "status": status, "content_hash": content_hash, "article_id": article_id,
            "error": error, "pending": pending, "last_seen": now,
        }
        with self.engine.begin() as conn:
            where = (seen_items.c.source_id == source_id) & (seen_items.c.item_key == item_key)
            if conn.execute(select(seen_items.c.item_key).where(where)).first():
                conn.execute(seen_items.update().where(where).values(**values))
            else:
                conn.execute(seen_items.insert().values(source_id=source_id, item_key=item_key, first_seen=now,
                                                        **values))

    def touch_seen(self, source_id: str, item_key: str, marker: str | None, now: datetime) -> None:
        """An item whose feed entry changed but whose page did not: remember the new marker only."""
        with self.engine.begin() as conn:
            conn.execute(
                seen_items.update()
                .where(seen_items.c.source_id == source_id, seen_items.c.item_key == item_key)
                .values(marker=marker, last_seen=now)
            )

    def pending_articles(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(seen_items.c.article_id).where(seen_items.c.pending.is_(True)).order_by(seen_items.c.last_seen)
            ).scalars().all()
        return list(dict.fromkeys(r for r in rows if r))

    def clear_pending(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(seen_items.update().where(seen_items.c.pending.is_(True)).values(pending=False))

    def seen_rows(self, source_id: str | None = None) -> list[dict]:
        query = select(seen_items).order_by(seen_items.c.first_seen, seen_items.c.item_key)
        if source_id:
            query = query.where(seen_items.c.source_id == source_id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    # -- watch snapshots and alerts ---------------------------------------------------------------
    def snapshot(self, watch_id: str) -> dict | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(watch_snapshots.c.state).where(watch_snapshots.c.watch_id == watch_id)
            ).scalar_one_or_none()

    def save_alerts(self, watch_id: str, state: dict, found: list[dict], now: datetime) -> list[dict]:
        """The new alerts and the watch's new snapshot, in one transaction; returns the alerts stored.

        An alert whose dedupe key is stored already is skipped: each alert fires once.
        """
        stored = []
        with self.engine.begin() as conn:
            for alert in found:
                key = alert["dedupe_key"]
                if conn.execute(select(alerts.c.id).where(alerts.c.dedupe_key == key)).first():
                    continue
                # A microsecond apart, so that listing by time keeps the order they were found in.
                created = now + timedelta(microseconds=len(stored))
                row = {**alert, "id": alert_id(key), "watch_id": watch_id, "created_at": created}
                conn.execute(alerts.insert().values(**row))
                stored.append(row)
            where = watch_snapshots.c.watch_id == watch_id
            if conn.execute(select(watch_snapshots.c.watch_id).where(where)).first():
                conn.execute(watch_snapshots.update().where(where).values(state=state, updated_at=now))
            else:
                conn.execute(watch_snapshots.insert().values(watch_id=watch_id, state=state, updated_at=now))
        return stored

    def alerts(self, watch_id: str | None = None, limit: int | None = None) -> list[dict]:
        query = select(alerts).order_by(alerts.c.created_at, alerts.c.id)
        if watch_id:
            query = query.where(alerts.c.watch_id.startswith(watch_id, autoescape=True))
        with self.engine.connect() as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
        return rows[-limit:] if limit else rows

    def set_deliveries(self, alert_id_: str, deliveries: dict) -> None:
        with self.engine.begin() as conn:
            conn.execute(alerts.update().where(alerts.c.id == alert_id_).values(deliveries=deliveries))


def backoff_after_failures(every: int, failures: int, cap: int = 6 * 3600) -> timedelta:
    """When a failing source is tried again: its interval, doubled per consecutive failure, capped.

    The cap is 6 hours, or the source's own interval when that is longer.
    """
    return timedelta(seconds=doubling_delay(every, max(1, failures) - 1, max(cap, every)))
