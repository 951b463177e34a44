"""The monitor: poll every due source, ingest what is new or revised, settle, alert, sleep.

One cycle:
1. every watch without a snapshot gets one (the "before" of this cycle's alerts);
2. each due source is fetched (conditional GET) and read as a feed, a sitemap or a page; each new
   or changed item is fetched, run through the whole pipeline and stored in one transaction, then
   marked seen (with ``pending`` set) in a second one;
3. settling: pending articles are placed in stories and linked to watches, every watch's brief is
   compared with its snapshot, new alerts and snapshots are stored together, pending is cleared;
4. alerts not yet delivered are delivered to the sinks.
A failing source (dead host, bad feed) is logged with its coded error and tried again later, its
interval doubled per consecutive failure. All state is in the store: killed at any point, the
monitor restarts where it was; an item stored but not marked seen is fetched again and found a
duplicate, an item marked but not settled is settled at start-up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from claimwatch import api
from claimwatch.errors import ClaimwatchError, Errors, Warnings
from claimwatch.gazetteer import Gazetteer
from claimwatch.monitor.alerts import alert_json, check_watches
from claimwatch.monitor.errors import DocumentError, FetchError, MonitorError
from claimwatch.monitor.feeds import FeedItem, parse_feed, parse_sitemap
from claimwatch.monitor.fetch import Fetcher, FetchPolicy, FetchResult
from claimwatch.monitor.guard import AddressGuard, IPNetwork
from claimwatch.monitor.logs import get_logger, log_event
from claimwatch.monitor.pages import content_hash, documents, feed_text_document, format_for
from claimwatch.monitor.state import MonitorState, backoff_after_failures, utcnow
from claimwatch.monitor.xmlsafe import sniff_kind
from claimwatch.records import SourceHints
from claimwatch.store import Store

MAX_DELIVERY_ROUNDS = 5


@dataclass(frozen=True)
class MonitorConfig:
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    max_items: int = 50  # items fetched from one source in one poll; the rest wait for the next
    max_sitemaps: int = 10  # child sitemaps of a sitemap index read in one poll
    allowed_networks: tuple[IPNetwork, ...] = ()  # private ranges opened for every source (a lab, tests)
    max_sleep: float = 60.0  # the longest sleep: new sources are noticed at least this often
    with_statements: bool = True


@dataclass
class PollReport:
    source_id: str
    url: str
    outcome: str = "ok"  # ok | unchanged | failed
    kind: str | None = None
    counts: Counter = field(default_factory=Counter)
    error: str | None = None

    def to_json(self) -> dict:
        return {"source": self.source_id, "url": self.url, "outcome": self.outcome, "kind": self.kind,
                "error": self.error, **{k: self.counts.get(k, 0) for k in
                                         ("items", "ingested", "revised", "duplicate", "unchanged", "failed")}}


@dataclass
class CycleReport:
    polls: list[PollReport] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"polls": [p.to_json() for p in self.polls], "alerts": [alert_json(a) for a in self.alerts]}


class Monitor:
    def __init__(
        self,
        store: Store,
        *,
        gazetteer: Gazetteer,
        sinks: Iterable = (),
        config: MonitorConfig | None = None,
        fetcher: Fetcher | None = None,
        clock: Callable[[], datetime] = utcnow,
        logger: logging.Logger | None = None,
        brief_sources: list[str] | None = None,
        processor: api.Processor | None = None,
    ) -> None:
        self.store = store
        self.state = MonitorState(store)
        self.gazetteer = gazetteer
        self.sinks = list(sinks)
        self.config = config or MonitorConfig()
        self.fetcher = fetcher or Fetcher(self.config.policy)
        self.clock = clock
        self.log = logger or get_logger()
        self.brief_sources = brief_sources
        self._processor = processor  # a workers.DaskProcessor runs them on a cluster
        self._warned_stance_model = False
        self._stop = threading.Event()

    # -- running -------------------------------------------------------------------------------
    def run(self, *, once: bool = False, max_cycles: int | None = None,
            stop: threading.Event | None = None) -> list[CycleReport]:
        """Cycles until stopped (``stop`` set, ``max_cycles`` done, or one cycle with ``once``)."""
        stop = stop or threading.Event()
        self._stop = stop
        log_event(self.log, "monitor.start", sources=len(self.state.sources()), watches=len(self.store.watches()),
                  once=once)
        reports = [CycleReport(alerts=self.settle(recovering=True))]
        cycles = 0
        while not stop.is_set():
            reports.append(self.run_cycle(stop))
            cycles += 1
            if once or (max_cycles is not None and cycles >= max_cycles):
                break
            delay = self.seconds_to_next_due()
            log_event(self.log, "monitor.sleep", seconds=round(delay, 1))
            stop.wait(delay)
        log_event(self.log, "monitor.stop", cycles=cycles)
        return reports

    def seconds_to_next_due(self) -> float:
        due = self.state.next_due()
        if due is None:
            return self.config.max_sleep
        seconds = (due - self.clock()).total_seconds() if due != datetime.min else 0.0
        return min(max(seconds, 0.05), self.config.max_sleep)

    def run_cycle(self, stop: threading.Event | None = None) -> CycleReport:
        report = CycleReport()
        self._baseline()
        for source in self.state.due_sources(self.clock()):
            if stop is not None and stop.is_set():
                break
            report.polls.append(self.poll_source(source))
        report.alerts = self.settle()
        return report

    # -- one source ----------------------------------------------------------------------------
    def guard_for(self, source: dict) -> AddressGuard:
        return AddressGuard(allow_private=bool(source["allow_private"]), allowed_networks=self.config.allowed_networks)

    def poll_source(self, source: dict) -> PollReport:
        report = PollReport(source["id"], source["url"])
        started = time.monotonic()
        now = self.clock()
        guard = self.guard_for(source)
        log_event(self.log, "poll.start", source=source["id"][:8], url=source["url"])
        try:
            result = self.fetcher.fetch(source["url"], guard=guard, etag=source["etag"],
                                        last_modified=source["last_modified"])
            if result.not_modified:
                report.outcome = "unchanged"
                self.state.record_poll(source, now=now, next_due=now + timedelta(seconds=source["every"]),
                                       keep_validators=True)
                log_event(self.log, "poll.unchanged", source=source["id"][:8], status=304)
                return report
            kind = source["kind"] if source["kind"] != "auto" else sniff_kind(result.content, result.content_type)
            report.kind = kind
            items = self._items(source, kind, result, guard, report)
            complete = self._take_items(source, kind, items, result, guard, report)
        except MonitorError as error:
            return self._failed(source, report, now, error.message, started)
        except Exception as error:  # a bug must not stop the monitor: logged, the source retried later
            self.log.exception("poll.crashed", extra={"event": "poll.crashed", "fields": {"source": source["id"]}})
            return self._failed(source, report, now, f"unexpected {type(error).__name__}: {error}", started)
        # Validators are kept only when every item was taken: otherwise a 304 would hide the rest.
        self.state.record_poll(
            source, now=now, next_due=now + timedelta(seconds=source["every"]), kind=kind, counts=report.counts,
            etag=result.etag if complete else None, last_modified=result.last_modified if complete else None,
        )
        elapsed = int((time.monotonic() - started) * 1000)
        log_event(self.log, "poll.done", source=source["id"][:8], kind=kind, ms=elapsed,
                  **{k: report.counts.get(k, 0) for k in ("items", "ingested", "revised", "duplicate", "failed")})
        return report

    def _failed(self, source: dict, report: PollReport, now: datetime, message: str, started: float) -> PollReport:
        report.outcome = "failed"
        report.error = message
        delay = backoff_after_failures(source["every"], source["failures"] + 1)
        self.state.record_poll(source, now=now, next_due=now + delay, error=message, counts=report.counts)
        log_event(self.log, "poll.failed", logging.ERROR, source=source["id"][:8], url=source["url"],
                  code=message[1:5] if message.startswith("[") else "", error=message,
                  retry_in=int(delay.total_seconds()), ms=int((time.monotonic() - started) * 1000))
        return report

    def _items(self, source: dict, kind: str, result: FetchResult, guard: AddressGuard,
               report: PollReport) -> list[FeedItem]:
        if kind == "feed":
            return list(parse_feed(result.url, result.content, self.gazetteer).items)
        if kind == "sitemap":
            return self._sitemap_items(result, guard, report)
        marker = result.etag or result.last_modified or content_hash(result.content)
        return [FeedItem(key=source["url"], url=result.url, marker=marker)]

    def _sitemap_items(self, result: FetchResult, guard: AddressGuard, report: PollReport) -> list[FeedItem]:
        policy = self.config.policy
        sitemap = parse_sitemap(result.url, result.content, policy.max_bytes)
        items = list(sitemap.items)
        for child_url in sitemap.children[: self.config.max_sitemaps]:
            try:
                child = self.fetcher.fetch(child_url, guard=guard)
                items += parse_sitemap(child.url, child.content, policy.max_bytes).items
            except MonitorError as error:
                report.counts["failed"] += 1
                log_event(self.log, "sitemap.failed", logging.WARNING, url=child_url, code=error.code,
                          error=error.message)
        return items

    def _take_items(self, source: dict, kind: str, items: list[FeedItem], result: FetchResult,
                    guard: AddressGuard, report: PollReport) -> bool:
        """Fetch and ingest the new or changed items (oldest first); False when some must wait."""
        complete = True
        taken = 0
        for item in reversed(items):  # feeds list the newest first: ingest in the order of publication
            seen = self.state.seen(source["id"], item.key)
            if seen is not None and seen["marker"] == item.marker:
                continue
            if taken >= self.config.max_items or self._stop.is_set():
                complete = False  # the rest waits for the next poll (or the next start)
                break
            taken += 1
            page = result if kind == "page" else None
            if not self._take_item(source, item, seen, page, guard, report):
                complete = False
        return complete

    def _take_item(self, source: dict, item: FeedItem, seen: dict | None, page: FetchResult | None,
                   guard: AddressGuard, report: PollReport) -> bool:
        """One item; False when it failed in a way worth retrying at the next poll."""
        now = self.clock()
        report.counts["items"] += 1
        try:
            if page is None and item.url:
                page = self.fetcher.fetch(item.url, guard=guard)
            if page is not None:
                data = page.content
                docs = documents(page.url, data, format_for(page.url, page.content_type),
                                 SourceHints(url=page.url, outlet=item.outlet), page.charset)
            else:
                data = (item.content or "").encode("utf-8")
                doc = feed_text_document(item.key, item.content or "", SourceHints(
                    url=item.url, title=item.title, author=item.author, published=item.published, outlet=item.outlet))
                if doc is None:
                    raise DocumentError(Errors.E410.format(url=item.key, reason="the item has no link and little text"))
                docs = [doc]
        except FetchError as error:
            fallback = feed_text_document(item.url or item.key, item.content or "", SourceHints(
                url=item.url, title=item.title, author=item.author, published=item.published, outlet=item.outlet))
            if fallback is None or error.transient:
                return self._item_failed(source, item, error, report, now)
            data, docs = (item.content or "").encode("utf-8"), [fallback]
        except MonitorError as error:
            return self._item_failed(source, item, error, report, now)
        digest = content_hash(data)
        if seen is not None and seen["content_hash"] == digest:
            self.state.touch_seen(source["id"], item.key, item.marker, now)
            report.counts["unchanged"] += 1
            return True
        return self._ingest(source, item, docs, digest, report, now)

    def _ingest(self, source: dict, item: FeedItem, docs: list, digest: str, report: PollReport, now: datetime) -> bool:
        outcomes = [api.store_processed(self.store, result) for _, results in self.processor.map([(item, docs)])
                    for result in results]
        stored = [o for o in outcomes if o.status != "failed"]
        failed = [o for o in outcomes if o.status == "failed"]
        main = next((o for o in stored if o.status in ("revised", "ingested")), stored[0] if stored else None)
        for outcome in outcomes:
            report.counts[outcome.status] += 1
            level = logging.WARNING if outcome.status == "failed" else logging.INFO
            log_event(self.log, f"item.{outcome.status}", level, source=source["id"][:8], url=item.url or item.key,
                      article=outcome.article_id, revision_of=outcome.revision_of, outlet=item.outlet,
                      error=outcome.error)
        # Marked seen after the article's own transaction; pending until stories, links and alerts settle.
        self.state.mark_seen(
            source["id"], item.key, url=item.url, marker=item.marker,
            status=main.status if main else "failed", content_hash=digest,
            article_id=main.article_id if main else None,
            error=failed[0].error if failed and not main else None, pending=main is not None, now=now,
        )
        return True

    def _item_failed(self, source: dict, item: FeedItem, error: MonitorError, report: PollReport,
                     now: datetime) -> bool:
        report.counts["failed"] += 1
        refused = error.code in ("E401", "E402", "E404", "E405", "E406", "E409", "E411")
        log_event(self.log, "item.refused" if refused else "item.failed", logging.WARNING, source=source["id"][:8],
                  url=item.url or item.key, code=error.code, error=error.message, retry=error.transient)
        # A transient failure keeps no marker, so the next poll tries the item again.
        self.state.mark_seen(source["id"], item.key, url=item.url, marker=None if error.transient else item.marker,
                             status="refused" if refused else "failed", error=error.message, now=now)
        return not error.transient

    @property
    def processor(self) -> api.Processor:
        """Where the per-article stages run: given, or this process (the model loaded at the first item)."""
        if self._processor is None:
            self._processor = api.local_processor(self.gazetteer, self.config.with_statements)
        return self._processor

    # -- settling and alerts -----------------------------------------------------------------------
    def _baseline(self) -> None:
        watches = self.store.watches()
        if watches:
            check_watches(self.state, watches, self._brief, self.clock(), [], baseline_only=True)

    def _brief(self, watch_id: str) -> dict:
        return api.brief(self.store, watch_id, self.gazetteer, self.brief_sources)

    def settle(self, *, recovering: bool = False) -> list[dict]:
        """Stories and watch links for pending articles, then alerts; returns the alerts stored."""
        pending = self.state.pending_articles()
        stored: list[dict] = []
        if pending or recovering:
            if pending:
                self._settle_ingest()
            watches = self.store.watches()
            if watches:
                stored = check_watches(self.state, watches, self._brief, self.clock(), [s.name for s in self.sinks])
            self.state.clear_pending()
            if pending or stored:
                log_event(self.log, "settle.done", articles=len(pending), alerts=len(stored))
        self.deliver()
        return stored

    def _settle_ingest(self) -> None:
        try:
            api.settle_ingest(self.store, with_statements=self.config.with_statements)
        except (ImportError, ClaimwatchError) as error:  # the report-level stance model is not installed
            if not self._warned_stance_model:
                log_event(self.log, "watch.link_skipped", logging.WARNING, message=Warnings.W401.format(reason=error))
                self._warned_stance_model = True

    def deliver(self) -> int:
        """Deliver every alert still pending for a configured sink; returns how many deliveries succeeded."""
        sinks = {sink.name: sink for sink in self.sinks}
        sent = 0
        for row in self.state.alerts():
            deliveries = dict(row["deliveries"] or {})
            todo = [name for name, info in deliveries.items() if name in sinks and info.get("state") != "sent"
                    and info.get("attempts", 0) < MAX_DELIVERY_ROUNDS]
            if not todo:
                continue
            data = alert_json(row)
            for name in todo:
                info = dict(deliveries[name])
                info["attempts"] = info.get("attempts", 0) + 1
                try:
                    sinks[name].deliver(data)
                except MonitorError as error:
                    info.update(state="failed", error=error.message)
                    log_event(self.log, "alert.delivery_failed", logging.ERROR, alert=row["id"], sink=name,
                              code=error.code, error=error.message)
                except OSError as error:
                    info.update(state="failed", error=str(error))
                    log_event(self.log, "alert.delivery_failed", logging.ERROR, alert=row["id"], sink=name,
                              error=str(error))
                else:
                    info.update(state="sent", error=None, at=self.clock().isoformat(timespec="seconds"))
                    sent += 1
                deliveries[name] = info
            self.state.set_deliveries(row["id"], deliveries)
        return sent
