"""Stories, watches and briefs: ``stories``, ``watch add|list|rm``, ``brief``, ``demo``, ``serve``."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from claimwatch import api
from claimwatch.cli.articles import print_report
from claimwatch.cli.output import Column, field, fmt_of, out, render, say, show
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
def stories(ctx: typer.Context, as_json: ListFlag = False) -> None:
    """Stories: reports about one allegation or event across outlets and days."""
    settings: Settings = ctx.obj
    rows = settings.using_store(lambda store: api.list_stories(store, settings.gazetteer()))
    columns = [
        field("id", width=10), field("title"), field("from", "first_seen", width=10),
        field("to", "last_seen", width=10), field("reports"), field("origins", "independent_origins"),
        Column("voices", lambda row: ", ".join(row["voices"][:4])),
    ]
    render(rows, columns, fmt_of(as_json))


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
def watch_list(ctx: typer.Context, as_json: ListFlag = False) -> None:
    """The tracked claims."""
    rows = ctx.obj.using_store(api.list_watches)
    show(rows, fmt_of(as_json), describe_watches)


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
        int, typer.Option("--max-bytes", envvar="CLAIMWATCH_MAX_BYTES", help="Largest upload accepted.")
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """The analyst's desk: REST API (reference at /docs) and pages over the store (FastAPI + uvicorn)."""
    from claimwatch.web.server import serve as run_server  # FastAPI and uvicorn: only when serving

    settings: Settings = ctx.obj
    guarded(lambda: run_server(settings.db, host, port, token, gazetteers=settings.gazetteers, max_bytes=max_bytes))
