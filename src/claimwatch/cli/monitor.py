"""Monitoring: ``source add|list|rm``, ``fetch``, ``import-warc``, ``monitor``, ``status``, ``alerts``.

The monitoring package (httpx, feedparser, warcio) is imported only when one of these commands runs.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimwatch.cli.articles import print_report
from claimwatch.cli.output import FormatOption, fmt_of, say, show, warn
from claimwatch.cli.settings import SchedulerOption, WorkersOption, dask_processor, fail
from claimwatch.errors import ClaimwatchError

app = typer.Typer()
source_app = typer.Typer(help="Feeds, sitemaps and pages the monitor polls (also the source registry).",
                         no_args_is_help=True)


@source_app.command("add")
def source_add(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="An RSS/Atom feed, a sitemap or an article page (http or https).")],
    name: Annotated[Optional[str], typer.Option("--name", help="The outlet or source name (registry key).")] = None,
    every: Annotated[str, typer.Option("--every", help="Poll interval: 90s, 15m, 2h, 1d.")] = "15m",
    reliability: Annotated[
        Optional[str], typer.Option("--reliability", help="Admiralty source reliability, A-F.")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private and loopback addresses (a lab, tests).")
    ] = False,
    kind: Annotated[str, typer.Option("--kind", help="auto, feed, sitemap or page.")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print the source as JSON.")] = False,
) -> None:
    """Poll a feed, sitemap or page."""
    from claimwatch.monitor import service

    row = ctx.obj.using_store(lambda store: service.add_source(
        store, url, name=name, every=every, reliability=reliability, allow_private=allow_private, kind=kind,
        gazetteer=ctx.obj.gazetteer(),
    ))
    show(row, fmt_of(as_json), describe_added_source)


def describe_added_source(row: dict) -> None:
    say(f"added source {row['id']}: {row['url']} ("
        + (f"{row['name']}, " if row["name"] else "") + f"every {row['every']}"
        + (f", reliability {row['reliability']}" if row["reliability"] else "")
        + (", private addresses allowed" if row["allow_private"] else "") + ")")

@source_app.command("list")
def source_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
    fmt: FormatOption = None,
) -> None:
    """The polled sources."""
    from claimwatch.monitor import service

    rows = ctx.obj.using_store(service.list_sources)
    show(rows, fmt_of(as_json, fmt), describe_sources)


def describe_sources(rows: list[dict]) -> None:
    for row in rows:
        flags = " private-ok" if row["allow_private"] else ""
        say(f"{row['id'][:10]}  {row['kind']:<7} every {row['every']:<4} grade {row['reliability'] or '-'}"
          f"{flags}  {row['name'] or '-'}  {row['url']}")

@source_app.command("rm")
def source_rm(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID_OR_URL", help="Source id (or prefix), URL or name.")],
) -> None:
    """Stop polling a source (its articles stay in the store)."""
    from claimwatch.monitor import service

    row = ctx.obj.using_store(lambda store: service.remove_source(store, ident))
    say(f"removed source {row['id']}: {row['url']}")

@app.command("fetch")
def fetch(
    ctx: typer.Context,
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Article pages to fetch and ingest.")],
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private and loopback addresses (a lab, tests).")
    ] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Largest response accepted.")] = 10 * 1024 * 1024,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    no_statements: Annotated[bool, typer.Option("--no-statements", help="Store articles only.")] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Fetch article pages (safely, politely) and ingest them."""
    from claimwatch.monitor import service
    from claimwatch.monitor.fetch import FetchPolicy

    gazetteer = ctx.obj.gazetteer()

    def run(store):
        with dask_processor(workers, scheduler, gazetteer, not no_statements) as processor:
            return service.fetch_urls(
                store, urls, allow_private=allow_private, gazetteer=gazetteer, policy=FetchPolicy(max_bytes=max_bytes),
                with_statements=not no_statements, processor=processor,
            )

    report = ctx.obj.using_store(run)
    print_report(report, as_json)
    if report.failures:
        raise typer.Exit(1)

@app.command("import-warc")
def import_warc(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A WARC or .warc.gz file.")],
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Largest record accepted.")] = 10 * 1024 * 1024,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    no_statements: Annotated[bool, typer.Option("--no-statements", help="Store articles only.")] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Back-fill from a web archive: ingest the article pages in a WARC file."""
    from claimwatch.monitor import service

    gazetteer = ctx.obj.gazetteer()

    def run(store):
        with dask_processor(workers, scheduler, gazetteer, not no_statements) as processor:
            return service.import_warc(store, path, gazetteer=gazetteer, max_bytes=max_bytes,
                                       with_statements=not no_statements, processor=processor)

    result = ctx.obj.using_store(run)
    if not as_json:
        counts = result.counts
        warn(f"{counts.records} records: {counts.pages} article pages, {counts.skipped} skipped")
    print_report(result.ingest, as_json)
    if result.ingest.failures:
        raise typer.Exit(1)

@app.command("monitor")
def monitor(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Poll the due sources once, then exit.")] = False,
    webhook: Annotated[
        Optional[str], typer.Option("--webhook", envvar="CLAIMWATCH_WEBHOOK", help="POST alerts here as JSON.")
    ] = None,
    webhook_secret: Annotated[
        Optional[str],
        typer.Option("--webhook-secret", envvar="CLAIMWATCH_WEBHOOK_SECRET",
                     help="Sign webhook bodies: X-Claimwatch-Signature: sha256=HMAC."),
    ] = None,
    alerts_file: Annotated[
        Optional[Path], typer.Option("--alerts-file", envvar="CLAIMWATCH_ALERTS_FILE",
                                     help="Append alerts to this file as JSON Lines.")
    ] = None,
    log_format: Annotated[str, typer.Option("--log-format", help="Logs on stderr: kv or json.")] = "kv",
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Largest response accepted.")] = 10 * 1024 * 1024,
    timeout: Annotated[float, typer.Option("--timeout", help="Read time-out in seconds.")] = 15.0,
    allow_network: Annotated[
        Optional[list[str]],
        typer.Option("--allow-network", help="A private range to allow for every source, e.g. 10.1.0.0/16."),
    ] = None,
    sources: Annotated[
        Optional[list[str]], typer.Option("--sources", help="Source registry TOML for the briefs (repeatable).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="With --once: print the cycle as JSON.")] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Poll every due source, ingest new and revised articles, alert when a watched claim moves."""
    from claimwatch.monitor import service
    from claimwatch.monitor.fetch import FetchPolicy
    from claimwatch.monitor.logs import configure_logging

    if log_format not in ("kv", "json"):
        raise typer.BadParameter("use kv or json", param_hint="--log-format")
    configure_logging(log_format)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    options = service.SinkOptions(webhook=webhook, webhook_secret=webhook_secret, alerts_file=alerts_file,
                                  echo=say)
    gazetteer = ctx.obj.gazetteer()
    try:
        with ctx.obj.store() as store, dask_processor(workers, scheduler, gazetteer) as processor:
            reports = service.run_monitor(
                store, once=once, sinks=options, gazetteer=gazetteer,
                policy=FetchPolicy(max_bytes=max_bytes, read_timeout=timeout),
                allowed_networks=allow_network or (), stop=stop, brief_sources=sources, processor=processor,
            )
    except (ClaimwatchError, ValueError) as error:
        fail(error if isinstance(error, ClaimwatchError) else ClaimwatchError(str(error)))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    show([report.to_json() for report in reports], fmt_of(as_json), lambda _: describe_cycle(reports))


def describe_cycle(reports: list) -> None:
    polls = [poll for report in reports for poll in report.polls]
    alerts = [alert for report in reports for alert in report.alerts]
    for poll in polls:
        counts = poll.counts
        if poll.outcome == "failed":
            detail = poll.error or ""
        elif poll.outcome == "unchanged":
            detail = "not modified (304)"
        else:
            detail = (f"{poll.kind}: {counts.get('items', 0)} item(s), new {counts.get('ingested', 0)}, "
                    f"revised {counts.get('revised', 0)}, duplicate {counts.get('duplicate', 0)}, "
                    f"failed {counts.get('failed', 0)}")
        say(f"{poll.source_id[:10]}  {poll.outcome:<9} {poll.url}")
        say(f"    {detail}")
    say(f"polled {len(polls)} source(s); {len(alerts)} new alert(s)")

@app.command("status")
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Each source's last success, last error and item counts."""
    from claimwatch.monitor import service

    data = ctx.obj.using_store(service.status)
    show(data, fmt_of(as_json), describe_status)


def describe_status(data: dict) -> None:
    for row in data["sources"]:
        grade = f", reliability {row['reliability']}" if row["reliability"] else ""
        say(f"{row['id'][:10]}  {row['name'] or '-'}  ({row['kind']}, every {row['every']}{grade})  {row['url']}")
        say(f"    last success: {row['last_success'] or 'never'}; next due: {row['next_due'] or 'now'}; "
            f"polls: {row['polls']}")
        if row["last_error"]:
            say(f"    last error ({row['last_error_at']}, {row['failures']} failure(s) in a row): "
                f"{row['last_error']}")
        say(f"    items: {row['items']} (new {row['ingested']}, revised {row['revised']}, "
            f"failed {row['failed']}); seen: {row['seen_items']}")
    say(f"{len(data['sources'])} source(s), {data['watches']} watch(es), {data['alerts']} alert(s), "
        f"{data['pending_articles']} article(s) pending")

@app.command("alerts")
def alerts(
    ctx: typer.Context,
    watch: Annotated[Optional[str], typer.Option("--watch", help="Only this watch (id or prefix).")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the last N.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
    fmt: FormatOption = None,
) -> None:
    """Past alerts, oldest first."""
    from claimwatch.monitor import service

    rows = ctx.obj.using_store(lambda store: service.list_alerts(store, watch, limit))
    show(rows, fmt_of(as_json, fmt), describe_alerts)


def describe_alerts(rows: list[dict]) -> None:
    for row in rows:
        say(f"{row['created_at']}  {row['kind']:>6}  watch {row['watch_id'][:8]}  {row['message']}")
