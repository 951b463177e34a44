"""`claimwatch positions` and `claimwatch eval positions` on a fictional story (the sample's gazetteer)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch import api
from claimwatch.cli import app

CLAIM = "Kestria is sending troops to Valdoria"
PARAGRAPHS = (
    "Ostravian President Mirela Vantosh on Monday accused Kestria of sending troops to Valdoria to fight in the "
    "war, saying the first units had already reached training grounds near the coast.",
    'Valdorian government spokesman Oleg Varin dismissed the reports as "a fabrication from start to finish."',
    'Dana Whitlock, a spokesperson for the Northern Alliance, said the reports, if true, "would mark a serious '
    'escalation of the war."',
)


@pytest.fixture
def cli(tmp_path: Path, make_story):
    story = tmp_path / "story.txt"
    story.write_text(make_story(title="Ostravia says Kestrian troops are in Valdoria", paragraphs=PARAGRAPHS), "utf-8")
    prefix = ["--db", str(tmp_path / "cli.db"), "--gazetteer", str(api.sample_gazetteer_path())]
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, [*prefix, *args], catch_exceptions=False)

    assert run("ingest", str(story)).exit_code == 0
    return run, story


def test_positions_json_puts_each_voice_on_its_side(cli) -> None:
    run, _ = cli
    watch = json.loads(run("watch", "add", CLAIM, "--json").stdout)
    result = run("positions", watch["id"][:6], "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    sides = {row["voice"]: (row["stance"], row["conditional"]) for row in data["positions"]}
    assert sides["Mirela Vantosh"] == ("backs", False)
    assert sides["Oleg Varin"] == ("denies", False)
    assert sides["Dana Whitlock"] == ("neutral", True)
    assert {r["statement_id"] for r in data["relations"]} >= {s for row in data["positions"] for s in row["statements"]}


def test_positions_as_csv_is_one_row_a_voice(cli) -> None:
    run, _ = cli
    watch = json.loads(run("watch", "add", CLAIM, "--json").stdout)
    result = run("positions", watch["id"][:6], "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {row["voice"]: row["stance"] for row in rows}["Oleg Varin"] == "denies"


def test_positions_of_an_unknown_id_is_one_line_and_exit_1(cli) -> None:
    run, _ = cli
    result = run("positions", "nope")
    assert result.exit_code == 1 and "[E204]" in result.stderr


def test_eval_positions_scores_the_gold(cli, tmp_path: Path) -> None:
    run, story = cli
    gold = tmp_path / "gold.jsonl"
    voices = [
        {"voice": "Mirela Vantosh", "aliases": ["Vantosh"], "stance": "backs"},
        {"voice": "Oleg Varin", "aliases": [], "stance": "denies"},
        {"voice": "Dana Whitlock", "aliases": [], "stance": "neutral", "conditional": True},
    ]
    gold.write_text(json.dumps({"watch": "T1", "claim": CLAIM, "article_ids": [], "voices": voices}) + "\n")
    result = run("eval", "positions", "--gold", str(gold), "--corpus", str(story), "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert {k: scores[k] for k in ("claims", "macro_f1", "flips")} == {"claims": 1, "macro_f1": 1.0, "flips": 0}
    assert scores["backs"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
