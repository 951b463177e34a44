"""The command line: exit codes, one error line per bad input, JSON shapes, --db and CLAIMWATCH_DB."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch.cli import app

ARTICLE_KEYS = {
    "id", "title", "outlet", "authors", "published", "updated", "timezone_inferred", "dateline", "agencies",
    "language", "url",
}


@pytest.fixture
def cli(db_path: Path):
    """``cli(*args, input=None, db=True)``: run claimwatch in-process against the test store."""
    runner = CliRunner()

    def run(*args: str, input: bytes | str | None = None, db: bool = True, env: dict | None = None):
        prefix = ["--db", str(db_path)] if db else []
        return runner.invoke(app, [*prefix, *args], input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture
def story_file(tmp_path: Path, make_story) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(make_story(byline="By Petra Lindqvist | Harbor Post"), "utf-8")
    return path


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_ingest_mixed_batch_reports_each_failure_and_exits_1(cli, mixed_batch) -> None:
    missing = mixed_batch.folder / "not-there.txt"
    result = cli(
        "ingest", "--no-statements", "--max-bytes", str(mixed_batch.max_bytes), str(mixed_batch.folder), str(missing)
    )
    assert result.exit_code == 1
    failures = {name: code for name, code in mixed_batch.expected.items() if code} | {"not-there.txt": "E009"}
    lines = error_lines(result)
    assert len(lines) == len(failures)
    for name, code in failures.items():
        (line,) = [line for line in lines if f"{mixed_batch.folder}/{name}: " in line]
        assert line.startswith(f"failed: {mixed_batch.folder}/{name}: [{code}] ")
    good = len(mixed_batch.expected) + 1 - len(failures)
    assert f"ingested {good}, duplicate 0, revised 0, failed {len(failures)}" in result.stdout
    assert "skipped 1 non-article file(s)" in result.stdout
    articles = json.loads(cli("articles", "--json").stdout)
    assert len(articles) == good


def test_ingest_json_and_rerun_is_a_no_op(cli, story_file: Path) -> None:
    first = cli("ingest", "--no-statements", "--json", str(story_file))
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert {k: report[k] for k in ("ingested", "duplicate", "revised", "failed", "skipped_files")} == {
        "ingested": 1, "duplicate": 0, "revised": 0, "failed": 0, "skipped_files": 0}
    (outcome,) = report["outcomes"]
    assert outcome["status"] == "ingested"
    assert outcome["source"] == str(story_file)
    second = json.loads(cli("ingest", "--no-statements", "--json", str(story_file)).stdout)
    assert (second["ingested"], second["duplicate"]) == (0, 1)
    assert second["outcomes"][0]["article_id"] == outcome["article_id"]


def test_articles_and_show_json(cli, story_file: Path) -> None:
    cli("ingest", "--no-statements", str(story_file))
    (row,) = json.loads(cli("articles", "--json").stdout)
    assert set(row) >= ARTICLE_KEYS
    assert row["title"] == "Harbour authority weighs new tariff on grain shipments"
    assert row["outlet"] == "Harbor Post"
    assert row["authors"] == ["Petra Lindqvist"]
    assert row["published"] == "2025-03-04T09:12:00+00:00"
    assert row["dateline"] == "KALVEN"
    assert row["language"] == "en"
    shown = cli("show", row["id"][:6], "--json")
    assert shown.exit_code == 0
    data = json.loads(shown.stdout)
    assert ARTICLE_KEYS | {"body", "paragraphs", "removed_lines", "revisions"} <= set(data)
    assert data["id"] == row["id"]
    assert data["body"].startswith("KALVEN, Ostravia — The harbour authority")
    assert [r["revision"] for r in data["revisions"]] == [1]


def test_show_plain_text_and_revisions(cli, tmp_path: Path, make_story) -> None:
    path = tmp_path / "story.txt"
    byline = "By Petra Lindqvist | Harbor Post\nPosted : March 4, 2025, 09:12"
    path.write_text(make_story(byline=byline, stamp=""), "utf-8")
    cli("ingest", "--no-statements", str(path))
    path.write_text(make_story(byline=byline, stamp="", paragraphs=("The tariff was approved on Friday.",)), "utf-8")
    revised = json.loads(cli("ingest", "--no-statements", "--json", str(path)).stdout)
    (outcome,) = revised["outcomes"]
    assert outcome["status"] == "revised"
    assert outcome["revision_of"]
    result = cli("show", outcome["article_id"])
    assert result.exit_code == 0
    assert "Harbour authority weighs new tariff" in result.stdout
    assert f"{outcome['revision_of'][:10]} (rev 1) -> {outcome['article_id'][:10]} (rev 2)" in result.stdout
    assert "The tariff was approved on Friday." in result.stdout
    rows = json.loads(cli("articles", "--json").stdout)
    assert sorted(row["revision"] for row in rows) == [1, 2]


def test_show_unknown_id_is_one_line_and_exit_1(cli, story_file: Path) -> None:
    cli("ingest", "--no-statements", str(story_file))
    result = cli("show", "ffffffffffff")
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert line.startswith("claimwatch: [E201] no article with id 'ffffffffffff'")


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "--format", "xml", "x.txt"],
        ["ingest"],
        ["ingest", "--max-bytes", "lots", "x.txt"],
        ["ingest", "--max-bytes", "-5", "x.txt"],
        ["ingest", "--max-bytes", "0", "x.txt"],
        ["serve", "--max-bytes", "-5"],
        ["no-such-command"],
        ["show"],
        ["--gazetteer", "no-such-gazetteer.toml", "ingest", "x.txt"],
    ],
    ids=[
        "bad-format", "no-paths", "bad-max-bytes", "negative-max-bytes", "zero-max-bytes", "negative-upload-limit",
        "unknown-command", "show-without-id", "missing-gazetteer",
    ],
)
def test_usage_errors_exit_2(cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.output


def test_db_option_and_environment_variable(cli, tmp_path: Path, story_file: Path) -> None:
    env_db = tmp_path / "from-env.db"
    by_env = cli("ingest", "--no-statements", str(story_file), db=False, env={"CLAIMWATCH_DB": str(env_db)})
    assert by_env.exit_code == 0
    assert env_db.exists()
    assert len(json.loads(cli("--db", str(env_db), "articles", "--json", db=False).stdout)) == 1
    # --db wins over the variable: the test store is still empty
    result = cli("articles", "--json", env={"CLAIMWATCH_DB": str(env_db)})
    assert json.loads(result.stdout) == []


def test_max_bytes_from_the_environment(cli, story_file: Path) -> None:
    result = cli("ingest", "--no-statements", str(story_file), env={"CLAIMWATCH_MAX_BYTES": "100"})
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "[E004]" in line and "100-byte limit" in line


def test_ingest_from_stdin(cli, make_story) -> None:
    result = cli("ingest", "--no-statements", "--json", "-", input=make_story().encode("utf-8"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["outcomes"][0]["source"] == "-"


def test_unopenable_store(cli, tmp_path: Path, story_file: Path) -> None:
    result = cli("--db", str(tmp_path / "missing" / "dir" / "x.db"), "articles", db=False)
    assert result.exit_code == 1
    assert "[E203]" in result.stderr


def test_eval_extraction_with_a_missing_folder(cli, tmp_path: Path) -> None:
    result = cli("eval", "extraction", "--zyte", str(tmp_path))
    assert result.exit_code == 1
    assert "[E301]" in result.stderr


@pytest.mark.slow
def test_console_script_exit_codes_and_statements(tmp_path: Path, mixed_batch) -> None:
    """The real entry point in a subprocess, with the statement stage on (the default)."""
    db = tmp_path / "sub.db"
    command = [sys.executable, "-m", "claimwatch.cli", "--db", str(db)]
    good = subprocess.run(
        [*command, "ingest", str(mixed_batch.folder / "01_story.txt")], capture_output=True, text=True, timeout=300
    )
    assert good.returncode == 0, good.stderr
    bad = subprocess.run(
        [*command, "ingest", str(mixed_batch.folder / "03_empty.txt"), str(mixed_batch.folder / "01_story.txt")],
        capture_output=True, text=True, timeout=300,
    )
    assert bad.returncode == 1
    assert bad.stderr.strip() == f"failed: {mixed_batch.folder}/03_empty.txt: [E001] the input is empty."
    assert "ingested 0, duplicate 1, revised 0, failed 1" in bad.stdout
    usage = subprocess.run([*command, "ingest", "--format", "xml", "x"], capture_output=True, text=True, timeout=300)
    assert usage.returncode == 2
