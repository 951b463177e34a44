"""The bundled sample story (``claimwatch demo``): one story, syndicated copies counted once, the status
timeline from alleged to officially confirmed at the right report, and the story/watch/brief commands.

The corpus is bundled (src/claimwatch/data/sample), so these run anywhere; it is ingested once per module.
What each file is (wire original, syndicated copy, revision) comes from tests/fixtures/sample_expected.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from claimwatch import api
from claimwatch.cli import app
from claimwatch.store import Store
from claimwatch.stories.status import STATUS_ORDER

EXPECTED = json.loads((Path(__file__).parents[1] / "fixtures" / "sample_expected.json").read_text("utf-8"))
WIRE_COPIES = ("02_meridian-wire_2025-03-04.txt", "03_harbor-post_2025-03-04.txt", "04_northgate-daily_2025-03-04.html")
REVISION = ("09_harbor-post_2025-03-10.html", "11_harbor-post_2025-03-12.html")
CONFIRMATION = "13_arnhal-times_2025-03-14.html"
STORY_KEYS = {"id", "title", "first_seen", "last_seen", "article_ids", "reports", "independent_origins", "voices"}
STATEMENT_KEYS = {
    "speaker", "speaker_entity", "act", "certainty", "conditional", "said_on", "outlet", "quote", "article_id",
    "admiralty",
}
CLAIM = "Kestria is sending troops to Valdoria"

pytestmark = pytest.mark.slow  # each module ingests a corpus once (about 10-40 s)


def report_stance_model_available() -> bool:
    try:
        from claimwatch.stance.report import load_report_stance_model

        load_report_stance_model()
    except Exception:  # not packaged yet (ImportError) or not trained yet (ModelError)
        return False
    return True


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The sample corpus in a fresh store, with its stories and the brief of its story.

    NOTE for the lead: ``watch add`` runs the report-level stance model. Until that model is packaged and
    trained, ``claimwatch.stories.watch.link_reports`` is replaced by a no-op here (statements still link
    through their claims); once ``load_report_stance_model()`` loads, the real one runs, with nothing to switch.
    """
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    with pytest.MonkeyPatch.context() as patch:
        for name in ("CLAIMWATCH_DB", "CLAIMWATCH_GAZETTEER", "CLAIMWATCH_SOURCES"):
            patch.delenv(name, raising=False)
        if not report_stance_model_available():
            patch.setattr("claimwatch.stories.watch.link_reports", lambda store, watch, article_ids: None)
        with Store(str(db)) as store:
            report = api.ingest_sample(store)
            ids = {Path(o.source).name: o.article_id for o in report.outcomes}
            stories = api.list_stories(store, api.sample_gazetteer())
            brief = api.brief(store, stories[0]["id"], api.sample_gazetteer())
            statements = api.list_statements(store)
        yield SimpleNamespace(db=db, report=report, ids=ids, stories=stories, brief=brief, statements=statements,
                              patch=patch)


@pytest.fixture
def cli(sample: SimpleNamespace):
    runner = CliRunner()

    def run(*args: str):
        command = ["--db", str(sample.db), "--gazetteer", str(api.sample_gazetteer_path()), *args]
        result = runner.invoke(app, command, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    return run


def origin_groups(pairs: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for member, origin in pairs.items():
        groups.setdefault(origin, set()).add(member)
    return {frozenset(group) for group in groups.values()}


def expected_origin(name: str) -> str:
    """A file's origin by construction: the file it was syndicated from or revises (transitively)."""
    entry = EXPECTED[name]
    parent = entry.get("syndicated_from") or entry.get("revision_of")
    return expected_origin(parent) if parent else name


def test_every_file_is_ingested(sample: SimpleNamespace) -> None:
    assert sample.report.failures == []
    assert set(sample.ids) == set(EXPECTED)
    assert sample.report.counts["ingested"] + sample.report.counts["revised"] == len(EXPECTED) == 16


def test_all_sixteen_reports_form_one_story(sample: SimpleNamespace) -> None:
    (story,) = sample.stories
    assert story["reports"] == 16
    assert sorted(story["article_ids"]) == sorted(sample.ids.values())
    assert story["main_claim"] == CLAIM
    assert story["title"] == "Vantosh: Kestria is sending troops to fight for Valdoria"  # the first headline
    assert story["first_seen"].startswith("2025-03-03")
    assert story["last_seen"].startswith("2025-03-17")


def test_syndicated_copies_and_the_revision_count_once(sample: SimpleNamespace) -> None:
    copies = sum(1 for entry in EXPECTED.values() if entry.get("syndicated_from"))
    revisions = sum(1 for entry in EXPECTED.values() if entry.get("revision_of"))
    assert (copies, revisions) == (2, 1)
    (story,) = sample.stories
    assert story["independent_origins"] == len(EXPECTED) - copies - revisions == 13
    assert story["independent_origins"] < story["reports"]


def test_origin_groups_are_the_ones_built_into_the_corpus(sample: SimpleNamespace) -> None:
    name_of = {article_id: name for name, article_id in sample.ids.items()}
    found = {name_of[row["article_id"]]: name_of[row["origin"]] for row in sample.brief["sources"]}
    assert origin_groups(found) == origin_groups({name: expected_origin(name) for name in EXPECTED})
    assert {found[name] for name in WIRE_COPIES} == {WIRE_COPIES[0]}
    assert {found[name] for name in REVISION} == {REVISION[0]}
    # The same wire's own story a week later is new reporting, not a copy of the 4 March story.
    assert found["10_meridian-wire_2025-03-11.txt"] == "10_meridian-wire_2025-03-11.txt"


def test_the_revision_follows_its_first_version_and_says_so(sample: SimpleNamespace) -> None:
    rows = {row["article_id"]: row for row in sample.brief["sources"]}
    first, revised = (rows[sample.ids[name]] for name in REVISION)
    order = [row["article_id"] for row in sample.brief["sources"]]
    assert order.index(first["article_id"]) < order.index(revised["article_id"])
    assert (first["revision_note"], revised["revision_note"]) == (None, "revision 2, updated 2025-03-12T10:30:00+00:00")


def test_brief_counts(sample: SimpleNamespace) -> None:
    assert (sample.brief["reports"], sample.brief["independent_origins"]) == (16, 13)
    assert sample.brief["claim"] == CLAIM
    assert len(sample.brief["voices"]) >= 10


def test_status_goes_from_unverified_to_officially_confirmed(sample: SimpleNamespace) -> None:
    statuses = [item["status"] for item in sample.brief["status_history"]]
    assert statuses[0] == "unverified"
    assert statuses[-1] == "officially confirmed" == sample.brief["status"]
    assert all(status in STATUS_ORDER for status in statuses)
    assert len(statuses) == len(set(statuses))  # every entry is a change
    assert sample.brief["likelihood"] == "almost certain"
    assert sample.brief["bottom_line"].startswith(f"It is almost certain that {CLAIM} (status: officially confirmed;")


def test_official_confirmation_comes_from_the_nib_in_the_14_march_article(sample: SimpleNamespace) -> None:
    change = sample.brief["status_history"][-1]
    assert change["article_id"] == sample.ids[CONFIRMATION]
    assert change["speaker"] == "National Intelligence Bureau"
    assert change["act"] == "confirms"
    assert change["on"] == "2025-03-14"
    cause = {row["id"]: row for row in sample.statements}[change["statement_id"]]
    assert cause["article_id"] == sample.ids[CONFIRMATION]
    assert cause["speaker_entity"] == "National Intelligence Bureau"
    # "...said it had confirmed that about 1,500 ..." or "...had confirmed": the confirming words are the NIB's
    assert "confirm" in f'{cause["cue"]} {cause["content"]}'.lower()


def test_every_change_of_status_names_a_statement_of_the_brief(sample: SimpleNamespace) -> None:
    shown = {row["id"] for row in sample.brief["statements"]}
    for item in sample.brief["status_history"]:
        assert {"status", "on", "statement_id"} <= set(item)
        assert item["statement_id"] in shown


def test_nothing_is_confirmed_before_the_confirmation(sample: SimpleNamespace) -> None:
    for item in sample.brief["status_history"][:-1]:
        assert item["status"] != "officially confirmed"
        assert item["on"] < "2025-03-14"


def test_the_citadel_denies(sample: SimpleNamespace) -> None:
    denials = [row for row in sample.brief["statements"] if row["act"] == "denies"]
    citadel = [row for row in denials if row["speaker_entity"] in ("Government of Valdoria", "Oleg Varin")]
    assert citadel, denials
    assert {row["country"] for row in citadel} == {"XVA"}
    assert any(row["article_id"] == sample.ids[WIRE_COPIES[0]] for row in citadel)


def test_brief_statement_rows(sample: SimpleNamespace) -> None:
    rows = sample.brief["statements"]
    assert len(rows) >= 20
    for row in rows:
        assert set(row) >= STATEMENT_KEYS
        assert re.fullmatch(r"[A-F][1-6]", row["admiralty"])
        assert row["article_id"] in sample.ids.values()
    by_id = {row["id"]: row for row in sample.statements}
    for row in rows:
        assert row["quote"] == by_id[row["id"]]["content"]


def test_cli_stories_json(cli, sample: SimpleNamespace) -> None:
    (story,) = json.loads(cli("stories", "--json").stdout)
    assert set(story) >= STORY_KEYS
    assert story["id"] == sample.stories[0]["id"]
    assert (story["reports"], story["independent_origins"]) == (16, 13)
    assert len(story["article_ids"]) == 16
    assert "Mirela Vantosh" in story["voices"]


def test_cli_stories_table(cli) -> None:
    assert "Kestria" in cli("stories").stdout


def test_cli_watch_lifecycle_and_briefs(cli) -> None:
    watch = json.loads(cli("watch", "add", CLAIM, "--json").stdout)
    assert re.fullmatch(r"[0-9a-f]{16}", watch["id"])
    assert watch["claim"] == CLAIM
    assert watch["claim_key"] == "send_troops|XKE|XVA"
    assert json.loads(cli("watch", "add", CLAIM, "--json").stdout)["id"] == watch["id"]  # adding again: same watch

    assert [row["id"] for row in json.loads(cli("watch", "list", "--json").stdout)] == [watch["id"]]
    assert watch["id"] in cli("watch", "list").stdout

    brief = json.loads(cli("brief", watch["id"][:8], "--format", "json").stdout)
    assert brief["kind"] == "watch" and brief["id"] == watch["id"]
    assert brief["status"] == "officially confirmed"
    assert brief["status_history"][-1]["speaker"] == "National Intelligence Bureau"
    assert brief["independent_origins"] < brief["reports"]
    assert all(set(row) >= STATEMENT_KEYS for row in brief["statements"])
    assert brief["unknowns"]

    markdown = cli("brief", watch["id"], "--format", "md").stdout
    assert markdown.startswith(f"# Brief: {CLAIM}")
    for heading in ("## Key judgments", "## Who says what", "## Status timeline", "## Still unknown", "## Sources"):
        assert heading in markdown
    default = cli("brief", watch["id"]).stdout
    # md is the default; the footer's generation time may tick over a second between the two runs
    assert default.split("_Generated")[0] == markdown.split("_Generated")[0]

    html = cli("brief", watch["id"], "--format", "html").stdout
    assert html.lstrip().startswith("<!doctype html>")
    assert "<h2>Status timeline</h2>" in html

    assert f"removed {watch['id']}" in cli("watch", "rm", watch["id"]).stdout
    assert json.loads(cli("watch", "list", "--json").stdout) == []


def test_cli_brief_of_the_story(cli, sample: SimpleNamespace) -> None:
    brief = json.loads(cli("brief", sample.stories[0]["id"][:10], "--format", "json").stdout)
    assert brief["kind"] == "story"
    assert [item["status"] for item in brief["status_history"]] == [
        item["status"] for item in sample.brief["status_history"]
    ]


def test_cli_brief_rejects_an_unknown_format(sample: SimpleNamespace) -> None:
    result = CliRunner().invoke(app, ["--db", str(sample.db), "brief", "x", "--format", "pdf"])
    assert result.exit_code == 2


def test_cli_brief_of_an_unknown_id_is_one_error_line(sample: SimpleNamespace) -> None:
    result = CliRunner().invoke(app, ["--db", str(sample.db), "brief", "ffffffffffff"])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("claimwatch: [E204]")


def test_cli_brief_with_a_missing_sources_file_is_one_error_line(sample: SimpleNamespace, tmp_path: Path) -> None:
    missing = tmp_path / "mine.toml"
    command = ["--db", str(sample.db), "brief", sample.stories[0]["id"], "--sources", str(missing)]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"claimwatch: {missing}: [E003] cannot read the file: No such file or directory."
    ]


def test_cli_brief_grades_with_a_user_registry(sample: SimpleNamespace, tmp_path: Path) -> None:
    registry = tmp_path / "mine.toml"
    registry.write_text('[[source]]\nname = "National Intelligence Bureau"\nreliability = "E"\n', "utf-8")
    command = [
        "--db", str(sample.db), "--gazetteer", str(api.sample_gazetteer_path()), "brief", sample.stories[0]["id"],
        "--format", "json", "--sources", str(registry),
    ]
    brief = json.loads(CliRunner().invoke(app, command, catch_exceptions=False).stdout)
    nib = [row for row in brief["statements"] if row["speaker_entity"] == "National Intelligence Bureau"]
    assert nib
    assert {row["admiralty"][0] for row in nib} == {"E"}


def test_demo_prints_the_brief_of_the_sample_story(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "demo.db"), "demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"# Brief: {CLAIM}" in result.stdout
    assert "**officially confirmed** after National Intelligence Bureau confirms" in result.stdout
    assert "16 reports from 13 independent origins" in result.stdout
    assert f"claimwatch --db {tmp_path / 'demo.db'} serve" in result.stdout.splitlines()[-1]
