"""Stories, watches and briefs: ``stories``, ``watch add|list|rm``, ``brief``, ``demo``, ``serve``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimwatch import api
from claimwatch.cli.articles import print_report
from claimwatch.cli.output import Column, FormatOption, field, fmt_of, out, render, say, show
from claimwatch.cli.settings import Settings, guarded
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.store import Store

app = typer.Typer()
watch_app = typer.Typer(
    help="Claims you track: every report and statement bearing on them is linked.", no_args_is_help=True
)
app.add_typer(watch_app, name="watch")
DEMO_DB = "claimwatch-demo.db"
LOOPBACK = "127.0.0.1"
ListFlag = Annotated[bool, typer.Option("--json", help="Print a JSON list.")]


@app.command()
def stories(ctx: typer.Context, as_json: ListFlag = False, fmt: FormatOption = None) -> None:
    """Stories: reports about one allegation or event across outlets and days."""
    settings: Settings = ctx.obj
    rows = settings.using_store(lambda store: api.list_stories(store, settings.gazetteer()))
    columns = [
        field("id", width=10), field("title"), field("from", "first_seen", width=10),
        field("to", "last_seen", width=10), field("reports"), field("origins", "independent_origins"),
        Column("voices", lambda row: ", ".join(row["voices"][:4])),
    ]
    render(rows, columns, fmt_of(as_json, fmt))


@watch_app.command("add")
def watch_add(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help='The claim, e.g. "North Korea is sending troops to Russia".')],
    as_json: Annotated[bool, typer.Option("--json", help="Print the new watch as JSON.")] = False,
) -> None:
    """Track a claim."""
    settings: Settings = ctx.obj
    row = settings.using_store(lambda store: api.add_watch(store, claim, settings.gazetteer()))
    show(row, fmt_of(as_json), lambda watch: say(f"watching {watch['id']}: {watch['claim']}"))


@watch_app.command("list")
def watch_list(ctx: typer.Context, as_json: ListFlag = False, fmt: FormatOption = None) -> None:
    """The tracked claims."""
    rows = ctx.obj.using_store(api.list_watches)
    show(rows, fmt_of(as_json, fmt), describe_watches)


def describe_watches(rows: list[dict]) -> None:
    for row in rows:
        say(f"{row['id']}  {row['claim']}")


@watch_app.command("rm")
def watch_rm(ctx: typer.Context, watch_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Stop tracking a claim."""
    ctx.obj.using_store(lambda store: api.remove_watch(store, watch_id))
    say(f"removed {watch_id}")


@app.command()
def brief(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="WATCH_OR_STORY_ID")],
    fmt: Annotated[str, typer.Option("--format", help="md, html or json.")] = "md",
    sources: Annotated[
        Optional[list[str]],
        typer.Option("--sources", help="Source registry TOML (repeatable; env CLAIMWATCH_SOURCES)."),
    ] = None,
) -> None:
    """One page an analyst could forward: bottom line, judgments, voices, timeline, sources."""
    if fmt not in ("md", "html", "json"):
        raise typer.BadParameter("use md, html or json", param_hint="--format")
    settings: Settings = ctx.obj
    data = settings.using_store(lambda store: api.brief(store, target, settings.gazetteer(), sources))
    print(render_brief(data, fmt))


@app.command()
def positions(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="WATCH_OR_STORY_ID")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: positions and each statement's relation.")
    ] = False,
    fmt: FormatOption = None,
) -> None:
    """Who backs, who denies, who takes no side: one row per voice, with its evidence.

    ``--format json`` is the whole answer (claim, positions, relations); ``jsonl`` and ``csv`` one row a voice.
    """
    settings: Settings = ctx.obj
    data = settings.using_store(lambda store: api.positions(store, target, settings.gazetteer()))
    chosen = fmt_of(as_json, fmt)
    show(data["positions"] if chosen in ("jsonl", "csv") else data, chosen, describe_positions)


def describe_positions(data: dict) -> None:
    say(f"{data['kind']} {data['id']}: {data['claim']}")
    columns = [
        field("voice"), field("stance"),
        Column("how", lambda row: "hedged" if row["hedged"] else ("conditional" if row["conditional"] else "")),
        field("certainty"), field("first", "first_said_on"), field("last", "last_said_on"),
        Column("statements", lambda row: str(len(row["statements"]))),
        Column("moved", lambda row: "; ".join(f"{m['from']}->{m['to']} {m['on']}" for m in row["changed"])),
    ]
    render(data["positions"], columns)


def render_brief(data: dict, fmt: str) -> str:
    from claimwatch.stories.brief import render_html, render_markdown  # Jinja2 templates: only when asked

    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    return render_html(data) if fmt == "html" else render_markdown(data)


def run_demo(store: Store) -> api.IngestReport:
    """Ingest the sample, then print its articles and the brief of its story."""
    gazetteer = api.sample_gazetteer()
    report = api.ingest_sample(store, gazetteer=gazetteer)
    print_report(report, as_json=False)
    rows = api.list_articles(store)
    out.print(f"\nStore {store.url}: {len(rows)} articles from {len({r['outlet'] for r in rows})} outlets")
    render(rows, [field("published"), field("outlet"), field("dateline"), field("title")])
    found = api.list_stories(store, gazetteer)
    if found:
        out.print()
        print(render_brief(api.brief(store, found[0]["id"], gazetteer), "md"))
    return report


@app.command()
def demo(
    ctx: typer.Context,
    serve_desk: Annotated[bool, typer.Option("--serve", help="Then open the desk on the demo store.")] = False,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port of the desk (with --serve).")] = 8000,
) -> None:
    """Ingest the bundled sample story into ./claimwatch-demo.db (or --db) and summarise it."""
    settings: Settings = ctx.obj
    settings.db = settings.db or DEMO_DB
    report = settings.using_store(run_demo)
    if report.failures:
        raise typer.Exit(1)
    if serve_desk:
        serve(ctx, port=port)
        return
    say(f"\nOpen the desk on this store: claimwatch --db {settings.db} serve  (then http://{LOOPBACK}:8000/)")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; not loopback only with a token.")] = (
        LOOPBACK
    ),
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    token: Annotated[
        Optional[str],
        typer.Option("--token", envvar="CLAIMWATCH_TOKEN", help="Access token: needed on each request; allows writes."),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, envvar="CLAIMWATCH_MAX_BYTES", help="Largest upload accepted.")
    ] = DEFAULT_MAX_BYTES,
    allow_host: Annotated[
        Optional[list[str]],
        typer.Option("--allow-host", help="A host name the desk answers without a token, besides loopback ones."),
    ] = None,
    ssl_certfile: Annotated[
        Optional[Path], typer.Option("--ssl-certfile", exists=True, dir_okay=False, help="Serve HTTPS: certificate.")
    ] = None,
    ssl_keyfile: Annotated[
        Optional[Path], typer.Option("--ssl-keyfile", exists=True, dir_okay=False, help="Serve HTTPS: private key.")
    ] = None,
) -> None:
    """The analyst's desk: REST API (reference at /docs) and pages over the store (FastAPI + uvicorn)."""
    from claimwatch.web.server import serve as run_server  # FastAPI and uvicorn: only when serving

    if (ssl_certfile is None) != (ssl_keyfile is None):
        raise typer.BadParameter("give both --ssl-certfile and --ssl-keyfile", param_hint="--ssl-keyfile")
    settings: Settings = ctx.obj
    guarded(lambda: run_server(
        settings.db, host, port, token, gazetteers=settings.gazetteers, max_bytes=max_bytes,
        allowed_hosts=allow_host or [], ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile,
    ))
