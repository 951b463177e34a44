"""The command line: a thin face over ``claimwatch.api`` (Typer + Rich), one module per command group.

``output.py`` prints every result (tables or ``--json``); ``settings.py`` holds the global options.
Heavy libraries (spaCy, FastAPI, the monitor's HTTP stack) are imported by the commands that need them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimwatch import __version__
from claimwatch.cli import articles, evaluate, exports, monitor, stories
from claimwatch.cli.output import say
from claimwatch.cli.settings import Settings

app = typer.Typer(
    name="claimwatch",
    help="Who claims what in the news, how sure each voice is, and how the picture changes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(articles.app)
app.add_typer(stories.app)
app.add_typer(exports.app, name="export")
app.add_typer(evaluate.eval_app, name="eval")
app.add_typer(evaluate.train_app, name="train")
app.add_typer(monitor.source_app, name="source")
app.add_typer(monitor.app)


def _print_version(value: bool) -> None:
    if value:
        say(f"claimwatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", help="SQLite file or database URL (env CLAIMWATCH_DB).")] = None,
    gazetteer: Annotated[
        Optional[list[Path]],
        typer.Option("--gazetteer", exists=True, dir_okay=False, help="Extra gazetteer TOML file (repeatable)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = Settings(db=db, gazetteers=gazetteer or [])


def run() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # `claimwatch articles | head`
        sys.stderr.close()
