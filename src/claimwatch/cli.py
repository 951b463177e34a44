"""The command line: a thin face over ``claimwatch.api`` (Typer + Rich)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimwatch import api
from claimwatch.errors import ClaimwatchError
from claimwatch.gazetteer import load_gazetteer
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.store import Store

T = TypeVar("T")

app = typer.Typer(
    name="claimwatch",
    help="Who claims what in the news, how sure each voice is, and how the picture changes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(help="Score claimwatch's stages on public benchmarks.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
DEMO_DB = "claimwatch-demo.db"
SHOW_FIELDS = (
    "id",
    "outlet",
    "authors",
    "published",
    "updated",
    "timezone",
    "dateline",
    "agencies",
    "language",
    "url",
    "source",
)


@dataclass
class Settings:
    db: str | None = None
    gazetteers: list[Path] = field(default_factory=list)

    def store(self) -> Store:
        return Store(self.db)

    def using_store(self, use: Callable[[Store], T]) -> T:
        """``use(store)``; a coded error becomes one line on stderr and exit code 1."""
        try:
            with self.store() as store:
                return use(store)
        except ClaimwatchError as error:
            _fail(error)


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", help="SQLite file or database URL (env CLAIMWATCH_DB).")] = None,
    gazetteer: Annotated[
        Optional[list[Path]],
        typer.Option("--gazetteer", exists=True, dir_okay=False, help="Extra gazetteer TOML file (repeatable)."),
    ] = None,
) -> None:
    ctx.obj = Settings(db=db, gazetteers=gazetteer or [])


def _fail(error: ClaimwatchError) -> None:
    err.print(f"claimwatch: {error}", markup=False, highlight=False)
    raise typer.Exit(1)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    fmt: Annotated[Optional[str], typer.Option("--format", help="text, html or jsonl (default: detect).")] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", envvar="CLAIMWATCH_MAX_BYTES", help="Largest input accepted.")
    ] = DEFAULT_MAX_BYTES,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    no_statements: Annotated[
        bool, typer.Option("--no-statements", help="Store articles only; run `claimwatch extract` later.")
    ] = False,
) -> None:
    """Read news articles into the store and extract their statements."""
    if fmt is not None and fmt not in ("text", "html", "jsonl"):
        raise typer.BadParameter("use text, html or jsonl", param_hint="--format")
    settings: Settings = ctx.obj
    try:
        with settings.store() as store:
            report = _run_with_progress(
                lambda on_start, on_outcome: api.ingest(
                    store,
                    paths,
                    fmt=fmt,
                    max_bytes=max_bytes,
                    gazetteer=load_gazetteer(settings.gazetteers),
                    on_start=on_start,
                    on_outcome=on_outcome,
                    with_statements=not no_statements,
                )
            )
    except ClaimwatchError as error:
        _fail(error)
    _print_report(report, as_json)
    if report.failures:
        raise typer.Exit(1)


def _run_with_progress(run):
    progress = Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    )
    task = progress.add_task("ingest", total=None)
    with progress:
        return run(
            lambda total: progress.update(task, total=total),
            lambda outcome: progress.advance(task) if outcome.status != "failed" or outcome.article_id else None,
        )


def _print_report(report: api.IngestReport, as_json: bool) -> None:
    for failure in report.failures:
        err.print(f"failed: {failure.source}: {failure.error}", markup=False, highlight=False)
    if as_json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        return
    counts = report.counts
    summary = (
        f"ingested {counts['ingested']}, duplicate {counts['duplicate']}, "
        f"revised {counts['revised']}, failed {counts['failed']}"
    )
    if report.skipped_files:
        summary += f" (skipped {report.skipped_files} non-article file(s) in directories)"
    out.print(summary, markup=False, highlight=False)


@app.command()
def articles(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """List stored articles, oldest first."""
    rows = ctx.obj.using_store(lambda store: api.list_articles(store))
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("id", "published", "outlet", "title", "rev")
    for row in rows:
        table.add_row(
            row["id"][:10], row["published"] or "", row["outlet"] or "", row["title"] or "", str(row["revision"])
        )
    out.print(table)


@app.command()
def show(
    ctx: typer.Context,
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix of it.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one article: metadata and clean text."""
    data = ctx.obj.using_store(lambda store: api.show_article(store, article_id))
    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    out.print(f"[bold]{data['title'] or '(untitled)'}[/bold]")
    for key in SHOW_FIELDS:
        value = data[key]
        if isinstance(value, list):
            value = ", ".join(value)
        if key in ("published", "updated") and value and data["timezone_inferred"]:
            value = f"{value} (zone inferred from {data['timezone_source']})"
        out.print(f"{key:>10}: {value if value not in (None, '') else '-'}", markup=False, highlight=False)
    if len(data["revisions"]) > 1:
        chain = " -> ".join(f"{r['id'][:10]} (rev {r['revision']})" for r in data["revisions"])
        out.print(f" revisions: {chain}", markup=False, highlight=False)
    out.print()
    out.print(data["body"], markup=False, highlight=False)


@app.command()
def statements(
    ctx: typer.Context,
    article: Annotated[Optional[str], typer.Option("--article", help="Only this article (id or prefix).")] = None,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Speaker name, alias or mention.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Who said what: attributed statements with speaker, role, cue, content and when said."""
    rows = ctx.obj.using_store(lambda store: api.list_statements(store, article, speaker))
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("said on", "speaker", "role", "cue", "kind", "content", show_lines=False)
    for row in rows:
        who = row["speaker_entity"] or row["speaker"] or ""
        if row["speaker_country"]:
            who += f" ({row['speaker_country']})"
        content = row["content"] if len(row["content"]) < 140 else row["content"][:137] + "..."
        table.add_row(row["said_on"] or "", who, row["speaker_role"] or "", row["cue"] or "", row["kind"], content)
    out.print(table)


@app.command()
def claims(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Claims the statements bear on, each with its statements grouped by act."""
    rows = ctx.obj.using_store(lambda store: api.list_claims(store))
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for claim in rows:
        out.print(f"[bold]{claim['claim']}[/bold]  ({claim['statements']} statements, id {claim['id'][:10]})")
        for act, items in claim["by_act"].items():
            voices = ", ".join(sorted({item["speaker_entity"] or "?" for item in items}))
            out.print(f"  {act:>18}: {voices}", markup=False, highlight=False)


@app.command()
def stance(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help="The claim, as a sentence.")],
    article: Annotated[Optional[str], typer.Option("--article", help="One stored article (id or prefix).")] = None,
    all_articles: Annotated[bool, typer.Option("--all", help="Every stored article.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Report-level stance of stored articles toward a claim: agree, disagree, discuss or unrelated."""
    if not article and not all_articles:
        raise typer.BadParameter("give --article ID or --all", param_hint="--article")
    rows = ctx.obj.using_store(lambda store: api.report_stances(store, claim, article))
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("stance", "p", "published", "outlet", "title")
    for row in rows:
        table.add_row(
            row["stance"], f"{row['probability']:.2f}", row["published"] or "", row["outlet"] or "", row["title"] or ""
        )
    out.print(table)


@app.command()
def entities(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Canonical speakers: name, type, country, aliases and how many statements each made."""
    rows = ctx.obj.using_store(lambda store: api.list_entities(store))
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("name", "type", "country", "role", "aliases", "statements")
    for row in rows:
        table.add_row(
            row["name"],
            row["type"],
            row["country"] or "",
            row["role"] or "",
            ", ".join(row["aliases"]),
            str(row["statements"]),
        )
    out.print(table)


@app.command()
def extract(
    ctx: typer.Context,
    article: Annotated[Optional[str], typer.Option("--article", help="Only this article (id or prefix).")] = None,
) -> None:
    """Extract statements again for stored articles (after an upgrade or a gazetteer change)."""
    settings: Settings = ctx.obj
    count = settings.using_store(lambda store: api.extract_stored(store, load_gazetteer(settings.gazetteers), article))
    out.print(f"stored {count} statements")


watch_app = typer.Typer(
    help="Claims you track: every report and statement bearing on them is linked.", no_args_is_help=True
)
app.add_typer(watch_app, name="watch")


@app.command()
def stories(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Stories: reports about one allegation or event across outlets and days."""
    settings: Settings = ctx.obj
    rows = settings.using_store(lambda store: api.list_stories(store, load_gazetteer(settings.gazetteers)))
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("id", "title", "from", "to", "reports", "origins", "voices")
    for row in rows:
        table.add_row(
            row["id"][:10],
            row["title"],
            (row["first_seen"] or "")[:10],
            (row["last_seen"] or "")[:10],
            str(row["reports"]),
            str(row["independent_origins"]),
            ", ".join(row["voices"][:4]),
        )
    out.print(table)


@watch_app.command("add")
def watch_add(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help='The claim, e.g. "North Korea is sending troops to Russia".')],
    as_json: Annotated[bool, typer.Option("--json", help="Print the new watch as JSON.")] = False,
) -> None:
    """Track a claim."""
    settings: Settings = ctx.obj
    row = settings.using_store(lambda store: api.add_watch(store, claim, load_gazetteer(settings.gazetteers)))
    if as_json:
        print(json.dumps(row, indent=2, ensure_ascii=False))
        return
    out.print(f"watching {row['id']}: {row['claim']}", markup=False, highlight=False)


@watch_app.command("list")
def watch_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """The tracked claims."""
    rows = ctx.obj.using_store(lambda store: api.list_watches(store))
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        out.print(f"{row['id']}  {row['claim']}", markup=False, highlight=False)


@watch_app.command("rm")
def watch_rm(ctx: typer.Context, watch_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Stop tracking a claim."""
    ctx.obj.using_store(lambda store: api.remove_watch(store, watch_id))
    out.print(f"removed {watch_id}", markup=False, highlight=False)


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
    data = settings.using_store(lambda store: api.brief(store, target, load_gazetteer(settings.gazetteers), sources))
    print(_render_brief(data, fmt))


def _render_brief(data: dict, fmt: str) -> str:
    from claimwatch.stories.brief import render_html, render_markdown

    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    return render_html(data) if fmt == "html" else render_markdown(data)


def _run_demo(store: Store) -> api.IngestReport:
    """Ingest the sample, then print its articles and the brief of its story."""
    gazetteer = api.sample_gazetteer()
    report = api.ingest_sample(store, gazetteer=gazetteer)
    _print_report(report, as_json=False)
    rows = api.list_articles(store)
    out.print(f"\nStore {store.url}: {len(rows)} articles from {len({r['outlet'] for r in rows})} outlets")
    table = Table("published", "outlet", "dateline", "title")
    for row in rows:
        table.add_row(row["published"] or "", row["outlet"] or "", row["dateline"] or "", row["title"] or "")
    out.print(table)
    found = api.list_stories(store, gazetteer)
    if found:
        out.print()
        print(_render_brief(api.brief(store, found[0]["id"], gazetteer), "md"))
    return report


@app.command()
def demo(ctx: typer.Context) -> None:
    """Ingest the bundled sample story into ./claimwatch-demo.db (or --db) and summarise it."""
    settings: Settings = ctx.obj
    settings.db = settings.db or DEMO_DB
    report = settings.using_store(_run_demo)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; not loopback only with a token.")] = (
        "127.0.0.1"
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
    from claimwatch.web.server import serve as run_server

    settings: Settings = ctx.obj
    try:
        run_server(settings.db, host, port, token, gazetteers=settings.gazetteers, max_bytes=max_bytes)
    except ClaimwatchError as error:
        _fail(error)


@eval_app.command("extraction")
def eval_extraction(
    zyte: Annotated[Path, typer.Option("--zyte", help="Folder with ground-truth.json and html/.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Article-body precision, recall and F1 on the Zyte extraction benchmark."""
    from claimwatch.eval.extraction import evaluate_zyte

    _report_scores(lambda: evaluate_zyte(zyte).to_json(), as_json, _print_extraction_scores)


def _report_scores(evaluate: Callable[[], dict], as_json: bool, summarise: Callable[[dict], None]) -> None:
    """Run an evaluation; print its JSON, or a summary for people. A coded error ends it with exit 1."""
    try:
        data = evaluate()
    except ClaimwatchError as error:
        _fail(error)
    if as_json:
        print(json.dumps(data))
    else:
        summarise(data)


def _print_extraction_scores(data: dict) -> None:
    out.print(
        f"pages {data['pages']}  precision {data['precision']:.4f}  recall {data['recall']:.4f}  "
        f"F1 {data['f1']:.4f}  ({data['pages_per_second']:.1f} pages/s)"
    )


@eval_app.command("attribution")
def eval_attribution(
    polnear: Annotated[
        Optional[Path], typer.Option("--polnear", help="PolNeAR split folder with text/ and attributions/ (en).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="en (PolNeAR) or ru (ADAQ).")] = "en",
    adaq: Annotated[Optional[Path], typer.Option("--adaq", help="ADAQ folder with data/ (ru).")] = None,
    split: Annotated[str, typer.Option("--split", help="ADAQ part: dev (tuned on), test or all.")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[
        Optional[int], typer.Option("--limit", min=1, help="Score only the first N documents (by file name).")
    ] = None,
) -> None:
    """Who-said-what precision, recall and F1: PolNeAR beside textacy (en), ADAQ token tags (ru)."""
    if lang == "ru":
        from claimwatch.eval.adaq import SPLITS, evaluate_adaq

        if adaq is None or split not in SPLITS:
            raise typer.BadParameter("--lang ru takes --adaq DIR and --split dev|test|all", param_hint="--adaq")
        _report_scores(lambda: evaluate_adaq(adaq, split).to_json(), as_json, _print_tag_scores)
        return
    if lang != "en" or polnear is None:
        raise typer.BadParameter("use --lang en with --polnear DIR, or --lang ru with --adaq DIR", param_hint="--lang")
    from claimwatch.eval.attribution import evaluate_polnear
    from claimwatch.statements import statements_from_text

    _report_scores(
        lambda: evaluate_polnear(polnear, statements_from_text, limit=limit).to_json(),
        as_json,
        _print_attribution_scores,
    )


@eval_app.command("names")
def eval_names(
    ner_uk: Annotated[Path, typer.Option("--ner-uk", help="NER-UK 2.0 folder with v2.0/data/.")],
    lang: Annotated[str, typer.Option("--lang", help="uk (NER-UK 2.0).")] = "uk",
    split: Annotated[str, typer.Option("--split", help="dev (tuned on) or test.")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Score only the first N texts.")] = None,
) -> None:
    """Name recognition (people, organisations, places) precision, recall and F1."""
    if lang != "uk" or split not in ("dev", "test"):
        raise typer.BadParameter("use --lang uk with --split dev|test", param_hint="--lang")
    from claimwatch.eval.names import evaluate_ner_uk

    _report_scores(lambda: evaluate_ner_uk(ner_uk, split, limit).to_json(), as_json, _print_tag_scores)


@eval_app.command("statements")
def eval_statements(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option("--gold", help="TOML of articles with labelled statements.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Speaker and act of hand-labelled statements per article (format: tests/data/slavic/ru_dev.toml).

    Names resolve with the gazetteer plus any ``claimwatch --gazetteer FILE`` given.
    """
    from claimwatch.eval.dev_statements import score_dev_set

    def scores() -> dict:
        return score_dev_set(gold, load_gazetteer(ctx.obj.gazetteers), with_misses=True)

    def summarise(data: dict) -> None:
        for article in [*data["articles"], {"id": "total", **data["total"]}]:
            out.print(f"{article['id']}: {article['found']}/{article['gold']} found, "
                      f"{article['speaker']} right speaker, {article['act']} right act")

    _report_scores(scores, as_json, summarise)


def _print_tag_scores(data: dict) -> None:
    table = Table("", "P", "R", "F1", box=None)
    for key, row in data.items():
        if isinstance(row, dict):
            table.add_row(key, *(f"{row[k]:.3f}" for k in ("p", "r", "f1")))
    out.print(table)
    out.print(", ".join(f"{key} {value}" for key, value in data.items() if not isinstance(value, dict)))


def _print_attribution_scores(data: dict) -> None:
    table = Table("", "exact P", "R", "F1", "overlap P", "R", "F1", "source", "cue", box=None)
    for key in ("all", "speech", "direct_quotes", "peer_textacy"):
        row = data[key]
        exact, overlap = row["content_exact"], row["content_overlap"]
        numbers = [exact["p"], exact["r"], exact["f1"], overlap["p"], overlap["r"], overlap["f1"]]
        table.add_row(key, *(f"{n:.3f}" for n in [*numbers, row["source_match"], row["cue_match"]]))
    out.print(table)
    out.print(
        f"documents {data['documents']}  ({data['documents_per_second']:.1f} documents/s; "
        f"textacy gave up on {data['peer_textacy_failed_documents']})"
    )


@eval_app.command("clustering")
def eval_clustering(
    ecbplus: Annotated[Path, typer.Option("--ecbplus", help="Folder holding the ECB+ topic folders.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Same-event clustering of ECB+ documents: B-cubed and pairwise precision, recall, F1."""
    from claimwatch.eval.clustering import evaluate_ecbplus

    def scores() -> dict:
        found = evaluate_ecbplus(ecbplus)
        return {key: found[key] for key in ("documents", "clusters", "bcubed", "pairwise")}

    _report_scores(scores, as_json, _print_clustering_scores)


def _print_clustering_scores(data: dict) -> None:
    b, p = data["bcubed"], data["pairwise"]
    out.print(
        f"documents {data['documents']}  clusters {data['clusters']}  "
        f"B-cubed P {b['p']:.4f} R {b['r']:.4f} F1 {b['f1']:.4f}  pairwise F1 {p['f1']:.4f}"
    )


@eval_app.command("certainty")
def eval_certainty(
    commitmentbank: Annotated[Path, typer.Option("--commitmentbank", help="Folder with CommitmentBank-items.csv.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Spearman correlation of claimwatch's commitment score with CommitmentBank's mean ratings."""
    from claimwatch.eval.certainty import evaluate_commitmentbank

    _report_scores(lambda: evaluate_commitmentbank(commitmentbank).to_json(), as_json, _print_certainty_scores)


def _print_certainty_scores(data: dict) -> None:
    out.print(f"items {data['items']}  Spearman {data['spearman']:.4f}")
    for embedding, part in data["by_embedding"].items():
        out.print(f"  {embedding:>12}: {part['items']:4d} items  Spearman {part['spearman']:.4f}")


@eval_app.command("stance")
def eval_stance(
    bodies: Annotated[Optional[Path], typer.Option("--bodies", help="FNC-1 bodies CSV (Body ID, articleBody).")] = None,
    stances: Annotated[
        Optional[Path], typer.Option("--stances", help="FNC-1 stances CSV (Headline, Body ID, Stance).")
    ] = None,
    dev_split: Annotated[
        bool, typer.Option("--dev-split", help="Score the development split of FNC-1 training data (needs --fnc1).")
    ] = False,
    fnc1: Annotated[
        Optional[Path], typer.Option("--fnc1", help="FNC-1 folder with train_bodies.csv and train_stances.csv.")
    ] = None,
    model: Annotated[Optional[Path], typer.Option("--model", help="Model folder (default: the shipped model).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Report-level stance: FNC-1 score, per-class and macro F1, confusion matrix and speed."""
    from claimwatch.stance.report.evaluate import evaluate_dev_split, evaluate_files

    if dev_split and (fnc1 is None or bodies or stances):
        raise typer.BadParameter("--dev-split takes --fnc1 DIR, not --bodies/--stances", param_hint="--dev-split")
    if not dev_split and (bodies is None or stances is None or fnc1):
        raise typer.BadParameter("give --bodies FILE and --stances FILE (or --dev-split --fnc1 DIR)")
    _report_scores(
        lambda: (evaluate_dev_split(fnc1, model) if dev_split else evaluate_files(bodies, stances, model)).to_json(),
        as_json,
        _print_stance_scores,
    )


train_app = typer.Typer(help="Train claimwatch's models from public data sets.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("stance")
def train_stance(
    fnc1: Annotated[Path, typer.Option("--fnc1", help="FNC-1 folder with train_bodies.csv and train_stances.csv.")],
    out_dir: Annotated[
        Optional[Path], typer.Option("--out", help="Where to write the model (default: the package's model folder).")
    ] = None,
    disjoint_bodies: Annotated[
        bool, typer.Option("--disjoint-bodies", help="Keep bodies on one side of the split too (stricter estimate).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Train the report-level stance model on FNC-1 training data; print dev scores and training time."""
    from claimwatch.stance.report.data import SplitRule
    from claimwatch.stance.report.train import train_report_stance

    def say(message: str) -> None:
        err.print(message, markup=False, highlight=False)

    try:
        report = train_report_stance(fnc1, out_dir, split=SplitRule(disjoint_bodies=disjoint_bodies), on_step=say)
    except ClaimwatchError as error:
        _fail(error)
    data = report.to_json()
    if as_json:
        print(json.dumps(data))
        return
    for name, size in data["files"].items():
        out.print(f"wrote {report.model_dir / name} ({size / 1e6:.2f} MB)", markup=False, highlight=False)
    out.print(f"trained on {data['train_pairs']} pairs in {data['training_seconds']:.1f} s; development split:")
    _print_stance_scores(data["dev"])


def _print_stance_scores(data: dict) -> None:
    out.print(
        f"pairs {data['pairs']}  FNC score {data['fnc_score']:.4f}  macro F1 {data['macro_f1']:.4f}  "
        f"({data.get('pairs_per_second', 0):.1f} pairs/s)"
    )
    stances = list(data["per_class_f1"])
    table = Table("gold \\ predicted", *stances, "F1", box=None)
    for gold in stances:
        row = data["confusion"][gold]
        table.add_row(gold, *(str(row[predicted]) for predicted in stances), f"{data['per_class_f1'][gold]:.4f}")
    out.print(table)


def _register_monitor_commands() -> None:
    """source add|list|rm, fetch, import-warc, monitor, status, alerts (claimwatch.monitor.commands)."""
    from claimwatch.monitor.commands import Helpers, register

    register(app, Helpers(fail=_fail, out=out, err=err, print_report=_print_report))


_register_monitor_commands()


def run() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # `claimwatch articles | head`
        sys.stderr.close()


if __name__ == "__main__":
    run()
