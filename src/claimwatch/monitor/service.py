"""The monitoring API: the CLI (and a web app) call these; each takes an open ``Store``.

    add_source / list_sources / remove_source   the polled sources (also the source registry)
    fetch_urls                                   ingest pages now, safely
    import_warc                                  back-fill from a WARC archive
    run_monitor                                  poll, ingest, alert (once or until stopped)
    status                                       each source's last success, last error, counts
    list_alerts                                  past alerts, oldest first
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from ipaddress import ip_network
from pathlib import Path

from claimwatch import api
from claimwatch.errors import Errors, InputError
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.monitor.alerts import alert_json
from claimwatch.monitor.errors import FetchError, MonitorError
from claimwatch.monitor.fetch import Fetcher, FetchPolicy
from claimwatch.monitor.guard import AddressGuard, IPNetwork, split_url
from claimwatch.monitor.loop import CycleReport, Monitor, MonitorConfig
from claimwatch.monitor.pages import documents, format_for
from claimwatch.monitor.sinks import FileSink, LogSink, WebhookSink
from claimwatch.monitor.state import KINDS, MonitorState
from claimwatch.monitor.warc import WarcCounts, warc_documents
from claimwatch.records import IngestOutcome, SourceHints
from claimwatch.store import Store

DEFAULT_EVERY = "15m"
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.I)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(value: str | int) -> int:
    """Seconds in "90", "90s", "15m", "2h", "1d" or "1h30m"; at least one second."""
    if isinstance(value, int):
        seconds = value
    else:
        text = value.strip().lower()
        parts = _INTERVAL.findall(text)
        if not text or not parts or _INTERVAL.sub("", text).strip():
            raise MonitorError(Errors.E415.format(value=value))
        seconds = int(sum(float(number) * _UNITS[unit] for number, unit in parts))
    if seconds < 1:
        raise MonitorError(Errors.E415.format(value=value))
    return seconds


def format_interval(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _reliability(value: str | None) -> str | None:
    if value is None:
        return None
    letter = value.strip().upper()
    if letter not in ("A", "B", "C", "D", "E", "F"):
        raise MonitorError(Errors.E416.format(value=value))
    return letter


def source_json(row: dict) -> dict:
    def when(value):
        return value.isoformat(timespec="seconds") + "Z" if value else None

    return {
        "id": row["id"],
        "url": row["url"],
        "name": row["name"],
        "kind": row["kind"],
        "every": format_interval(row["every"]),
        "every_seconds": row["every"],
        "reliability": row["reliability"],
        "allow_private": bool(row["allow_private"]),
        "last_poll": when(row["last_poll"]),
        "last_success": when(row["last_success"]),
        "last_error": row["last_error"],
        "last_error_at": when(row["last_error_at"]),
        "failures": row["failures"],
        "polls": row["polls"],
        "items": row["items"],
        "ingested": row["ingested"],
        "revised": row["revised"],
        "failed": row["failed"],
        "next_due": when(row["next_due"]),
        "conditional": bool(row["etag"] or row["last_modified"]),
    }


# -- sources -----------------------------------------------------------------------------------------
def add_source(
    store: Store,
    url: str,
    *,
    name: str | None = None,
    every: str | int = DEFAULT_EVERY,
    reliability: str | None = None,
    allow_private: bool = False,
    kind: str = "auto",
    gazetteer: Gazetteer | None = None,
) -> dict:
    """Register a feed, sitemap or page to poll (nothing is fetched yet).

    Without ``name``, an outlet the gazetteer knows by the URL's host names the source, so that
    ``reliability`` grades that outlet in briefs (the source registry is keyed by name).
    """
    parts = split_url(url.strip())  # http(s) with a host, or E401
    if kind not in KINDS:
        raise MonitorError(Errors.E419.format(value=kind))
    name = (name or "").strip() or None
    if name is None and gazetteer is not None:
        outlet = gazetteer.outlet_for_host(parts.hostname)
        name = outlet.name if outlet is not None else None
    row = MonitorState(store).add_source(
        url, name=name, kind=kind, every=parse_interval(every),
        reliability=_reliability(reliability), allow_private=allow_private,
    )
    return source_json(row)


def list_sources(store: Store) -> list[dict]:
    return [source_json(row) for row in MonitorState(store).sources()]


def remove_source(store: Store, ident: str) -> dict:
    """Remove a source (by id or prefix, URL or name) and what was seen in it; articles stay."""
    return source_json(MonitorState(store).remove_source(ident))


def status(store: Store) -> dict:
    """Each source's last success, last error and counts; alerts and pending work in all."""
    state = MonitorState(store)
    rows = [source_json(row) for row in state.sources()]
    seen = state.seen_rows()
    for row in rows:
        own = [item for item in seen if item["source_id"] == row["id"]]
        row["seen_items"] = len(own)
    return {
        "sources": rows,
        "alerts": len(state.alerts()),
        "pending_articles": len(state.pending_articles()),
        "watches": len(store.watches()),
    }


def list_alerts(store: Store, watch: str | None = None, limit: int | None = None) -> list[dict]:
    return [alert_json(row) for row in MonitorState(store).alerts(watch, limit)]


# -- fetching and importing ----------------------------------------------------------------------------
def _networks(values: Iterable[str | IPNetwork]) -> tuple[IPNetwork, ...]:
    return tuple(ip_network(v, strict=False) if isinstance(v, str) else v for v in values)


def fetch_urls(
    store: Store,
    urls: list[str],
    *,
    allow_private: bool = False,
    allowed_networks: Iterable[str | IPNetwork] = (),
    gazetteer: Gazetteer | None = None,
    policy: FetchPolicy | None = None,
    with_statements: bool = True,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    processor: api.Processor | None = None,
) -> api.IngestReport:
    """Fetch article pages now (safely: the same guard, robots.txt and caps as the monitor) and ingest them."""
    guard = AddressGuard(allow_private=allow_private, allowed_networks=_networks(allowed_networks))

    def pages():
        with Fetcher(policy) as fetcher:
            for url in urls:
                try:
                    result = fetcher.fetch(url, guard=guard)
                    yield from documents(result.url, result.content, format_for(result.url, result.content_type),
                                         SourceHints(url=result.url), result.charset)
                except FetchError as error:
                    yield InputError(url, error.message)

    return api.ingest_documents(store, pages(), gazetteer=gazetteer or load_gazetteer(),
                                with_statements=with_statements, on_outcome=on_outcome, processor=processor)


@dataclass
class WarcReport:
    ingest: api.IngestReport
    counts: WarcCounts = field(default_factory=WarcCounts)


def import_warc(
    store: Store,
    path: str | Path,
    *,
    gazetteer: Gazetteer | None = None,
    max_bytes: int = 10 * 1024 * 1024,
    with_statements: bool = True,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    processor: api.Processor | None = None,
) -> WarcReport:
    """Ingest the article pages of a WARC (or .warc.gz) file."""
    counts = WarcCounts()
    if not Path(path).is_file():
        raise MonitorError(Errors.E418.format(path=path, reason="no such file"))
    report = api.ingest_documents(store, warc_documents(path, max_bytes, counts),
                                  gazetteer=gazetteer or load_gazetteer(), with_statements=with_statements,
                                  on_outcome=on_outcome, processor=processor)
    return WarcReport(report, counts)


# -- the monitor -----------------------------------------------------------------------------------------
@dataclass
class SinkOptions:
    webhook: str | None = None
    webhook_secret: str | None = None
    alerts_file: str | Path | None = None
    echo: Callable[[str], None] | None = None  # a line per alert for the terminal


def build_sinks(options: SinkOptions) -> list:
    sinks: list = [LogSink(options.echo)]
    if options.webhook:
        split_url(options.webhook)
        sinks.append(WebhookSink(options.webhook, options.webhook_secret))
    if options.alerts_file:
        sinks.append(FileSink(options.alerts_file))
    return sinks


def run_monitor(
    store: Store,
    *,
    once: bool = False,
    sinks: SinkOptions | None = None,
    gazetteer: Gazetteer | None = None,
    policy: FetchPolicy | None = None,
    allowed_networks: Iterable[str | IPNetwork] = (),
    max_items: int = 50,
    max_cycles: int | None = None,
    stop: threading.Event | None = None,
    brief_sources: list[str] | None = None,
    with_statements: bool = True,
    processor: api.Processor | None = None,
) -> list[CycleReport]:
    """Poll due sources, ingest, alert; one cycle with ``once``, else until ``stop`` is set."""
    config = MonitorConfig(policy=policy or FetchPolicy(), max_items=max_items,
                           allowed_networks=_networks(allowed_networks), with_statements=with_statements)
    built = build_sinks(sinks or SinkOptions())
    monitor = Monitor(store, gazetteer=gazetteer or load_gazetteer(), sinks=built, config=config,
                      brief_sources=brief_sources, processor=processor)
    try:
        return monitor.run(once=once, max_cycles=max_cycles, stop=stop)
    finally:
        monitor.fetcher.close()
        for sink in built:
            if hasattr(sink, "close"):
                sink.close()
