"""Articles and what was said in them: ``ingest``, ``articles``, ``show``, ``statements``, ``claims``,
``stance``, ``entities``, ``extract``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from claimwatch import api
from claimwatch.cli.output import (
    Column,
    FormatOption,
    JsonFlag,
    err,
    field,
    fmt_of,
    out,
    render,
    say,
    show,
    warn,
)
from claimwatch.cli.settings import SchedulerOption, Settings, WorkersOption, dask_processor
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES

app = typer.Typer()
SHOW_FIELDS = ("id", "outlet", "authors", "published", "updated", "timezone", "dateline", "agencies", "language",
               "url", "source")


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    fmt: Annotated[Optional[str], typer.Option("--format", help="text, html or jsonl (default: detect).")] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, envvar="CLAIMWATCH_MAX_BYTES", help="Largest input accepted.")
    ] = DEFAULT_MAX_BYTES,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    no_statements: Annotated[
        bool, typer.Option("--no-statements", help="Store articles only; run `claimwatch extract` later.")
    ] = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Read news articles into the store and extract their statements."""
    if fmt is not None and fmt not in ("text", "html", "jsonl"):
        raise typer.BadParameter("use text, html or jsonl", param_hint="--format")
    settings: Settings = ctx.obj
    gazetteer = settings.gazetteer()

    def run(store) -> api.IngestReport:
        with dask_processor(workers, scheduler, gazetteer, not no_statements) as processor:
            return with_progress(lambda on_start, on_outcome: api.ingest(
                store, paths, fmt=fmt, max_bytes=max_bytes, gazetteer=gazetteer, on_start=on_start,
                on_outcome=on_outcome, with_statements=not no_statements, processor=processor,
            ))

    report = settings.using_store(run)
    print_report(report, as_json)
    if report.failures:
        raise typer.Exit(1)


def with_progress(run):
    progress = Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    )
    task = progress.add_task("ingest", total=None)
    with progress:
        return run(
            lambda total: progress.update(task, total=total),
            lambda outcome: progress.advance(task) if outcome.status != "failed" or outcome.article_id else None,
        )


def print_report(report: api.IngestReport, as_json: bool) -> None:
    """What an ingest did: one line per failure on stderr, then the counts (or the report's JSON)."""
    for failure in report.failures:
        warn(f"failed: {failure.source}: {failure.error}")
    show(report.to_json(), fmt_of(as_json), describe_report)


def describe_report(counts: dict) -> None:
    summary = (
        f"ingested {counts['ingested']}, duplicate {counts['duplicate']}, "
        f"revised {counts['revised']}, failed {counts['failed']}"
    )
    if counts["skipped_files"]:
        summary += f" (skipped {counts['skipped_files']} non-article file(s) in directories)"
    say(summary)


@app.command()
def articles(ctx: typer.Context, as_json: JsonFlag = False, fmt: FormatOption = None) -> None:
    """List stored articles, oldest first."""
    rows = ctx.obj.using_store(api.list_articles)
    columns = [field("id", width=10), field("published"), field("outlet"), field("title"), field("rev", "revision")]
    render(rows, columns, fmt_of(as_json, fmt), fields=api.ARTICLE_FIELDS)


@app.command("show")
def show_article(
    ctx: typer.Context,
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix of it.")],
    as_json: JsonFlag = False,
) -> None:
    """Show one article: metadata and clean text."""
    data = ctx.obj.using_store(lambda store: api.show_article(store, article_id))
    show(data, fmt_of(as_json), describe_article)


def describe_article(data: dict) -> None:
    out.print(f"[bold]{data['title'] or '(untitled)'}[/bold]")
    for key in SHOW_FIELDS:
        value = data[key]
        if isinstance(value, list):
            value = ", ".join(value)
        if key in ("published", "updated") and value and data["timezone_inferred"]:
            value = f"{value} (zone inferred from {data['timezone_source']})"
        say(f"{key:>10}: {value if value not in (None, '') else '-'}")
    if len(data["revisions"]) > 1:
        chain = " -> ".join(f"{r['id'][:10]} (rev {r['revision']})" for r in data["revisions"])
        say(f" revisions: {chain}")
    say()
    say(data["body"])


def _speaker(row: dict) -> str:
    who = row["speaker_entity"] or row["speaker"] or ""
    return who + (f" ({row['speaker_country']})" if row["speaker_country"] else "")


def _short(text: str) -> str:
    return text if len(text) < 140 else text[:137] + "..."


STATEMENT_COLUMNS = [
    field("said on", "said_on"), Column("speaker", _speaker), field("role", "speaker_role"), field("cue"),
    field("kind"), Column("content", lambda row: _short(row["content"])),
]


@app.command()
def statements(
    ctx: typer.Context,
    article: Annotated[Optional[str], typer.Option("--article", help="Only this article (id or prefix).")] = None,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Speaker name, alias or mention.")] = None,
    as_json: JsonFlag = False,
    fmt: FormatOption = None,
) -> None:
    """Who said what: attributed statements with speaker, role, cue, content and when said."""
    rows = ctx.obj.using_store(lambda store: api.list_statements(store, article, speaker))
    render(rows, STATEMENT_COLUMNS, fmt_of(as_json, fmt), fields=api.STATEMENT_FIELDS)


@app.command()
def claims(ctx: typer.Context, as_json: JsonFlag = False, fmt: FormatOption = None) -> None:
    """Claims the statements bear on, each with its statements grouped by act."""
    rows = ctx.obj.using_store(api.list_claims)
    show(rows, fmt_of(as_json, fmt), describe_claims)


def describe_claims(rows: list[dict]) -> None:
    for claim in rows:
        out.print(f"[bold]{claim['claim']}[/bold]  ({claim['statements']} statements, id {claim['id'][:10]})")
        for act, items in claim["by_act"].items():
            voices = ", ".join(sorted({item["speaker_entity"] or "?" for item in items}))
            say(f"  {act:>18}: {voices}")


@app.command()
def stance(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help="The claim, as a sentence.")],
    article: Annotated[Optional[str], typer.Option("--article", help="One stored article (id or prefix).")] = None,
    all_articles: Annotated[bool, typer.Option("--all", help="Every stored article.")] = False,
    as_json: JsonFlag = False,
    fmt: FormatOption = None,
) -> None:
    """Report-level stance of stored articles toward a claim: agree, disagree, discuss or unrelated."""
    if not article and not all_articles:
        raise typer.BadParameter("give --article ID or --all", param_hint="--article")
    rows = ctx.obj.using_store(lambda store: api.report_stances(store, claim, article))
    columns = [field("stance"), Column("p", lambda row: f"{row['probability']:.2f}"), field("published"),
               field("outlet"), field("title")]
    render(rows, columns, fmt_of(as_json, fmt))


@app.command()
def entities(ctx: typer.Context, as_json: JsonFlag = False, fmt: FormatOption = None) -> None:
    """Canonical speakers: name, type, country, aliases and how many statements each made."""
    rows = ctx.obj.using_store(api.list_entities)
    columns = [field("name"), field("type"), field("country"), field("role"),
               Column("aliases", lambda row: ", ".join(row["aliases"])), field("statements")]
    render(rows, columns, fmt_of(as_json, fmt), fields=api.ENTITY_FIELDS)


@app.command()
def extract(
    ctx: typer.Context,
    article: Annotated[Optional[str], typer.Option("--article", help="Only this article (id or prefix).")] = None,
) -> None:
    """Extract statements again for stored articles (after an upgrade or a gazetteer change)."""
    settings: Settings = ctx.obj
    count = settings.using_store(lambda store: api.extract_stored(store, settings.gazetteer(), article))
    out.print(f"stored {count} statements")

