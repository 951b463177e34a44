"""`claimwatch export stix|claim|plover` and `--format` on list commands, over the bundled sample story
(invented countries, outlets and people)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import stix2
from typer.testing import CliRunner

from claimwatch import api
from claimwatch.cli import app
from claimwatch.store import Store

WATCHED = "Kestria is sending troops to Valdoria"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample story with a watch on its main claim: the store's path and the watch id."""
    path = tmp_path_factory.mktemp("cli-exports") / "sample.db"
    with Store(str(path)) as store:
        api.ingest_sample(store)
        watch = api.add_watch(store, WATCHED, api.sample_gazetteer())
    return path, watch["id"]


@pytest.fixture(scope="module")
def cli(sample_db: tuple[Path, str]) -> Callable:
    runner = CliRunner()
    db = str(sample_db[0])
    gazetteer = str(api.sample_gazetteer_path())

    def run(*args: str):
        return runner.invoke(app, ["--db", db, "--gazetteer", gazetteer, *args], catch_exceptions=False)

    return run


def test_export_stix_to_a_file_twice_gives_the_same_bundle(cli, sample_db, tmp_path: Path) -> None:
    _db, watch = sample_db
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert cli("export", "stix", watch, "-o", str(first)).exit_code == 0
    assert cli("export", "stix", watch[:8], "--output", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    found = stix2.parse(first.read_text("utf-8"), allow_custom=False, version="2.1")
    opinions = {item.opinion for item in found.objects if item.type == "opinion"}
    assert opinions & {"agree", "strongly-agree"} and opinions & {"disagree", "strongly-disagree"}


def test_export_stix_to_stdout_and_a_bad_target(cli, sample_db) -> None:
    assert json.loads(cli("export", "stix", sample_db[1]).stdout)["type"] == "bundle"
    missing = cli("export", "stix", "zzzz")
    assert missing.exit_code == 1
    assert "zzzz" in missing.output


def test_export_stix_to_an_unwritable_place(cli, sample_db, tmp_path: Path) -> None:
    result = cli("export", "stix", sample_db[1], "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_export_claim_and_review(cli, sample_db) -> None:
    _db, watch = sample_db
    data = json.loads(cli("export", "claim", watch).stdout)
    assert (data["@context"], data["@type"], data["text"]) == ("https://schema.org", "Claim", WATCHED)
    assert data["appearance"] and data["firstAppearance"] == data["appearance"][0]
    review = json.loads(cli("export", "claim", watch, "--review-by", "Harbour Fact Desk").stdout)
    assert review["@type"] == "ClaimReview"
    assert review["author"]["name"] == "Harbour Fact Desk"


def test_export_plover(cli) -> None:
    result = cli("export", "plover", "--since", "2025-03-10")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["date"] >= "2025-03-10" for r in records)
    assert {"id", "date", "actor", "recipient", "event", "mode", "context", "cameo"} <= set(records[0])
    stories = json.loads(cli("stories", "--json").stdout)
    story = cli("export", "plover", "--story", stories[0]["id"][:8])
    assert story.exit_code == 0 and story.stdout
    assert cli("export", "plover", "--since", "last week").exit_code == 2
    assert cli("export", "plover", "--story", "a", "--watch", "b").exit_code == 2


def test_export_plover_of_a_watch(cli, sample_db) -> None:
    result = cli("export", "plover", "--watch", sample_db[1])
    events = {json.loads(line)["event"][0] for line in result.stdout.splitlines()}
    assert {"ACCUSE", "REJECT"} <= events


def test_statements_as_csv_opens_in_a_spreadsheet(cli) -> None:
    result = cli("statements", "--format", "csv")
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("utf-8")  # (``stdout`` turns CRLF into LF)
    assert text.startswith('"id","article_id","sentence_index","speaker"')
    assert "\r\n" in text
    table = list(csv.DictReader(io.StringIO(text, newline="")))
    rows = json.loads(cli("statements", "--json").stdout)
    assert len(table) == len(rows)
    assert [row["id"] for row in table] == [row["id"] for row in rows]
    assert table[0]["content"] == rows[0]["content"]
    assert any("\u2019" in row["content"] or "\u201c" in row["content"] for row in table)  # UTF-8 kept


@pytest.mark.parametrize(
    "command", [["articles"], ["entities"], ["claims"], ["stories"], ["watch", "list"], ["alerts"], ["source", "list"]]
)
def test_every_list_command_takes_format(cli, command: list[str]) -> None:
    as_json = json.loads(cli(*command, "--json").stdout)
    lines = cli(*command, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    assert json.loads(cli(*command, "--format", "json").stdout) == as_json
    table = list(csv.reader(io.StringIO(cli(*command, "--format", "csv").stdout_bytes.decode("utf-8"), newline="")))
    assert len(table) == len(as_json) + 1 or not as_json
