"""Monitoring state in the store: sources, seen items, alerts and watch snapshots.

Everything the monitor knows between polls is here (never only in memory), so a monitor killed at
any point restarts where it was: each write is one transaction. ``monitor/state.py`` keys the rows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select

from claimwatch.store.schema import alerts, seen_items, sources, watch_snapshots
from claimwatch.store.store import Store


class MonitorRows:
    """The monitoring tables of one store: sources, seen items, watch snapshots and alerts."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # -- sources ---------------------------------------------------------------------------
    def insert_source(self, row: dict) -> bool:
        """Store a new source row; False (nothing stored) when its id is stored already."""
        with self.engine.begin() as conn:
            if conn.execute(select(sources.c.id).where(sources.c.id == row["id"])).first():
                return False
            conn.execute(sources.insert().values(**row))
        return True

    def sources(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(select(sources).order_by(sources.c.created_at, sources.c.id))
                    .mappings()]

    def delete_source(self, source_id: str) -> None:
        """A source and what was seen of it (its articles stay)."""
        with self.engine.begin() as conn:
            conn.execute(seen_items.delete().where(seen_items.c.source_id == source_id))
            conn.execute(sources.delete().where(sources.c.id == source_id))

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
        now = now or datetime.now(UTC).replace(tzinfo=None)
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
        """The new alerts (each with its id) and the watch's new snapshot, in one transaction; returns those stored.

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
                row = {**alert, "watch_id": watch_id, "created_at": created}
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
