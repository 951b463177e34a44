"""Exports for other tools: ``export stix``, ``export claim``, ``export plover`` (docs/exports.md)."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimwatch import api
from claimwatch.cli.settings import Settings
from claimwatch.exports.tables import render

app = typer.Typer(
    help="Hand a claim on: STIX 2.1 bundles, schema.org Claim JSON-LD, PLOVER event records (docs/exports.md).",
    no_args_is_help=True,
)
Target = Annotated[str, typer.Argument(metavar="WATCH_OR_STORY_ID", help="A watch or story id, or a unique prefix.")]
Output = Annotated[
    Optional[Path], typer.Option("-o", "--output", dir_okay=False, help="Write to this file instead of stdout.")
]
Sources = Annotated[
    Optional[list[str]], typer.Option("--sources", help="Source registry TOML (repeatable; env CLAIMWATCH_SOURCES).")
]


@app.command("stix")
def stix(ctx: typer.Context, target: Target, output: Output = None, sources: Sources = None) -> None:
    """A STIX 2.1 bundle: identities, reports, the claim as a Note, each voice's Opinion, a Grouping."""
    settings: Settings = ctx.obj
    emit(settings.using_store(lambda store: api.export_stix(store, target, settings.gazetteer(), sources)), output)


@app.command("claim")
def claim(
    ctx: typer.Context,
    target: Target,
    review_by: Annotated[
        Optional[str], typer.Option("--review-by", metavar="NAME", help="Make it a ClaimReview by this reviewer.")
    ] = None,
    output: Output = None,
    sources: Sources = None,
) -> None:
    """schema.org Claim JSON-LD (its appearances in reports), or a ClaimReview rated from the status."""
    settings: Settings = ctx.obj
    data = settings.using_store(
        lambda store: api.export_claim(store, target, settings.gazetteer(), sources, review_by)
    )
    emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output)


@app.command("plover")
def plover(
    ctx: typer.Context,
    story: Annotated[Optional[str], typer.Option("--story", metavar="ID", help="Only this story's statements.")] = None,
    watch: Annotated[Optional[str], typer.Option("--watch", metavar="ID", help="Only this watch's statements.")] = None,
    since: Annotated[
        Optional[datetime], typer.Option("--since", formats=["%Y-%m-%d"], help="Only events on or after this day.")
    ] = None,
    output: Output = None,
) -> None:
    """PLOVER event records, one JSON object a line: accusations, denials, pledges, threats."""
    settings: Settings = ctx.obj
    if story and watch:
        raise typer.BadParameter("give --story or --watch, not both", param_hint="--story")
    records = settings.using_store(
        lambda store: api.export_plover(store, story, since.date() if since else None, watch, settings.gazetteer())
    )
    emit(render(records, "jsonl"), output)


def emit(text: str, output: Path | None) -> None:
    """``text`` to the file (UTF-8) or to stdout."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise typer.BadParameter(f"cannot write {output}: {error.strerror or error}", param_hint="-o") from error
