"""`claimwatch statements`, `entities` and `extract` over two invented articles (people, places and outlets
are fictional; Ostravia and Kestria come from the sample gazetteer)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from claimwatch.api import sample_gazetteer_path
from claimwatch.cli import app

TALKS = (
    "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that the border talks with Kestria had "
    "stalled.",
    "Verbitskyy said a new round could be held in Kalven next month.",
    '"We will not sign under pressure," he added.',
)
DRILLS = (
    "Ostravian Defence Minister Lena Dravec said on Monday that the harbour drills had ended early.",
    "The latest developments suggest a thaw between the two navies.",
)


@pytest.fixture
def cli(db_path: Path) -> Callable:
    runner = CliRunner()
    gazetteer = str(sample_gazetteer_path())

    def run(*args: str):
        return runner.invoke(app, ["--db", str(db_path), "--gazetteer", gazetteer, *args], catch_exceptions=False)

    return run


@pytest.fixture
def stored(cli, tmp_path: Path, make_story) -> SimpleNamespace:
    """Both articles ingested with their statements; ``talks`` and ``drills`` are their article ids."""
    folder = tmp_path / "stories"
    folder.mkdir()
    stamp = "Published: 17 Oct 2024 09:00 GMT"
    (folder / "talks.txt").write_text(
        make_story(title="Border talks stall", stamp=stamp, paragraphs=TALKS), "utf-8"
    )
    (folder / "drills.txt").write_text(
        make_story(title="Harbour drills end early", stamp=stamp, paragraphs=DRILLS), "utf-8"
    )
    result = cli("ingest", "--json", str(folder))
    assert result.exit_code == 0, result.output
    outcomes = {Path(o["source"]).name: o["article_id"] for o in json.loads(result.stdout)["outcomes"]}
    return SimpleNamespace(talks=outcomes["talks.txt"], drills=outcomes["drills.txt"])


def statements(cli, *args: str) -> list[dict]:
    result = cli("statements", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_statements_of_one_article_by_id_prefix(cli, stored: SimpleNamespace) -> None:
    everything = statements(cli)
    assert {row["article_id"] for row in everything} == {stored.talks, stored.drills}
    prefix = stored.talks[:6]
    rows = statements(cli, "--article", prefix)
    assert rows and {row["article_id"] for row in rows} == {stored.talks}
    assert [row["id"] for row in rows] == [row["id"] for row in everything if row["article_id"] == stored.talks]
    assert [row["speaker"] for row in rows] == [
        "Ostravian Foreign Minister Oleksandr Verbitsky", "Verbitskyy", "he",
    ]


def test_unknown_article_prefix_is_one_error_line(cli, stored: SimpleNamespace) -> None:
    result = cli("statements", "--article", "zzzz")
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("claimwatch: [E201]")


@pytest.mark.parametrize("name", ["Verbitskyy", "verbitskyy", "Oleksandr Verbitsky"])
def test_speaker_filter_matches_an_alias_or_the_name(cli, stored: SimpleNamespace, name: str) -> None:
    rows = statements(cli, "--speaker", name)
    assert len(rows) == 3
    assert {row["speaker_entity"] for row in rows} == {"Oleksandr Verbitsky"}
    # the alias finds the statements whose mention is another spelling or a pronoun too
    assert {row["speaker"] for row in rows} == {"Ostravian Foreign Minister Oleksandr Verbitsky", "Verbitskyy", "he"}


def test_speaker_filter_without_a_match_is_empty(cli, stored: SimpleNamespace) -> None:
    assert statements(cli, "--speaker", "Nobody Known") == []


def test_statement_rows_point_into_their_article(cli, stored: SimpleNamespace) -> None:
    bodies = {}
    for article_id in (stored.talks, stored.drills):
        result = cli("show", "--json", article_id)
        bodies[article_id] = json.loads(result.stdout)["body"]
    for row in statements(cli):
        body = bodies[row["article_id"]]
        assert body[row["content_start"] : row["content_end"]] == row["content"]
        assert row["start"] <= row["content_start"] < row["content_end"] <= row["end"]
    (outlet_voice,) = [row for row in statements(cli, "--article", stored.drills) if row["voice"] == "outlet"]
    assert outlet_voice["cue"] == "suggest"


def test_entities_json(cli, stored: SimpleNamespace) -> None:
    result = cli("entities", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    by_name = {row["name"]: row for row in rows}
    verbitsky = by_name["Oleksandr Verbitsky"]
    assert verbitsky["aliases"] == ["Verbitskyy"]
    assert (verbitsky["type"], verbitsky["country"], verbitsky["role"]) == ("person", "XOS", "Foreign Minister")
    assert verbitsky["statements"] == 3
    assert by_name["Lena Dravec"]["statements"] == 1
    assert [row["statements"] for row in rows] == sorted((row["statements"] for row in rows), reverse=True)
    assert {"id", "name", "type", "country", "role", "affiliation", "aliases", "statements"} <= set(verbitsky)


def test_extract_again_is_idempotent(cli, stored: SimpleNamespace) -> None:
    before = statements(cli)
    entities_before = json.loads(cli("entities", "--json").stdout)
    result = cli("extract")
    assert result.exit_code == 0
    assert f"stored {len(before)} statements" in result.stdout
    after = statements(cli)
    assert [row["id"] for row in after] == [row["id"] for row in before]
    assert after == before
    assert json.loads(cli("entities", "--json").stdout) == entities_before


def test_extract_one_article(cli, stored: SimpleNamespace) -> None:
    before = statements(cli)
    result = cli("extract", "--article", stored.drills[:6])
    assert result.exit_code == 0
    count = len([row for row in before if row["article_id"] == stored.drills])
    assert f"stored {count} statements" in result.stdout
    assert [row["id"] for row in statements(cli)] == [row["id"] for row in before]
