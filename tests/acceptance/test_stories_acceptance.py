"""Stories and watches on public data in ../shared (read where it lies, never copied here).

(a) The seed article plus the bundled sample corpus in one store: a watch on "North Korea is sending troops
    to Russia" links the seed's statements with the right acts, and none of the (fictional) Kestria story's.
(b) The Voice of America stories: every article lands in exactly one story.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from claimwatch import api
from claimwatch.store import Store
from claimwatch.stories.brief import STATUS_LIKELIHOOD, render_markdown
from claimwatch.stories.status import STATUS_ORDER

SEED = "seed/000_e2d3460dc448bfbb.txt"
VOA = "data/voa/voa_stories.jsonl"
WATCH = "North Korea is sending troops to Russia"

pytestmark = pytest.mark.slow  # each module ingests a corpus once (about 10-40 s)


def report_stance_model_available() -> bool:
    try:
        from claimwatch.stance.report import load_report_stance_model

        load_report_stance_model()
    except Exception:  # not packaged or not trained yet
        return False
    return True


@pytest.fixture(scope="module")
def seed_watch(shared_path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """Seed + sample corpus in one store, the watch added, and its brief.

    NOTE: until the report-level stance model loads, ``link_reports`` is a no-op here (statements still link
    through their claims); once it loads, the real model runs.
    """
    seed = shared_path(SEED)
    db = tmp_path_factory.mktemp("seed-watch") / "store.db"
    gazetteer = api.sample_gazetteer()  # the default gazetteer plus the sample's invented countries
    with pytest.MonkeyPatch.context() as patch:
        for name in ("CLAIMWATCH_DB", "CLAIMWATCH_GAZETTEER", "CLAIMWATCH_SOURCES"):
            patch.delenv(name, raising=False)
        if not report_stance_model_available():
            patch.setattr("claimwatch.stories.watch.link_reports", lambda store, watch, article_ids: None)
        with Store(str(db)) as store:
            report = api.ingest(store, [str(seed), str(api.sample_corpus_path())], gazetteer=gazetteer)
            assert report.failures == [], report.to_json()
            seed_id = next(o.article_id for o in report.outcomes if o.source == str(seed))
            watch = api.add_watch(store, WATCH, gazetteer)
            brief = api.brief(store, watch["id"], gazetteer)
            statements = {row["id"]: row for row in api.list_statements(store)}
            stories = api.list_stories(store, gazetteer)
    return SimpleNamespace(
        seed_id=seed_id, sample_ids={o.article_id for o in report.outcomes} - {seed_id}, watch=watch, brief=brief,
        statements=statements, stories=stories,
    )


def by(seed_watch: SimpleNamespace, entity: str) -> list[dict]:
    return [row for row in seed_watch.brief["statements"] if row["speaker_entity"] == entity]


def test_watch_has_the_claim_key(seed_watch: SimpleNamespace) -> None:
    assert seed_watch.watch["claim"] == WATCH
    assert seed_watch.watch["claim_key"] == "send_troops|PRK|RUS"


def test_zelensky_accuses(seed_watch: SimpleNamespace) -> None:
    assert "accuses" in {row["act"] for row in by(seed_watch, "Volodymyr Zelensky")}


def test_defence_minister_assesses_it_likely(seed_watch: SimpleNamespace) -> None:
    rows = [row for row in by(seed_watch, "Kim Yong-hyun") if row["act"] == "assesses"]
    assert rows
    assert {row["certainty"] for row in rows} <= {"likely", "very likely"}


def test_nis_investigates(seed_watch: SimpleNamespace) -> None:
    rows = by(seed_watch, "National Intelligence Service")
    assert rows
    assert {row["act"] for row in rows} == {"investigates"}


def test_savett_is_conditional(seed_watch: SimpleNamespace) -> None:
    rows = by(seed_watch, "Sean Savett")
    assert rows
    assert any(row["conditional"] for row in rows)


def test_kremlin_denies(seed_watch: SimpleNamespace) -> None:
    rows = by(seed_watch, "Government of Russia")
    assert rows
    assert "denies" in {row["act"] for row in rows}
    assert any(row["speaker"] == "the Kremlin" for row in rows)


def test_zelensky_and_zelenskyy_land_on_the_same_claim(seed_watch: SimpleNamespace) -> None:
    rows = by(seed_watch, "Volodymyr Zelensky")
    spellings = {row["speaker"] for row in rows}
    assert any("Zelenskyy" in mention for mention in spellings)
    assert any("Zelensky" in mention and "Zelenskyy" not in mention for mention in spellings)
    claims = {seed_watch.statements[row["id"]]["claim_id"] for row in rows}
    assert len(claims) == 1 and None not in claims


def test_only_the_seed_s_statements_are_linked(seed_watch: SimpleNamespace) -> None:
    linked = {row["article_id"] for row in seed_watch.brief["statements"]}
    assert linked == {seed_watch.seed_id}
    assert not {row["article_id"] for row in seed_watch.brief["sources"]} & seed_watch.sample_ids


def test_the_brief_reads_sensibly(seed_watch: SimpleNamespace) -> None:
    brief = seed_watch.brief
    assert brief["status"] in STATUS_ORDER
    assert f"{STATUS_LIKELIHOOD[brief['status']]} that {WATCH} (status: {brief['status']}; 1 report from 1 " in (
        brief["bottom_line"]
    )
    assert (brief["reports"], brief["independent_origins"]) == (1, 1)
    assert brief["status_history"][0]["status"] == "unverified"
    assert brief["status"] != "officially confirmed"  # one report, nobody confirms
    assert "Government of Russia" in " ".join(brief["key_judgments"])
    assert any("Russia" in item for item in brief["unknowns"])  # the watch's recipient, by name
    markdown = render_markdown(brief)
    assert markdown.startswith(f"# Brief: {WATCH}")
    assert "| " + brief["statements"][0]["said_on"] in markdown


def test_seed_and_sample_are_different_stories(seed_watch: SimpleNamespace) -> None:
    homes = {
        article_id: story["id"] for story in seed_watch.stories for article_id in story["article_ids"]
    }
    assert homes[seed_watch.seed_id] not in {homes[article_id] for article_id in seed_watch.sample_ids}
    assert len({homes[article_id] for article_id in seed_watch.sample_ids}) == 1


@pytest.fixture(scope="module")
def voa_stories(shared_path, tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    path = shared_path(VOA)
    with pytest.MonkeyPatch.context() as patch:
        for name in ("CLAIMWATCH_DB", "CLAIMWATCH_GAZETTEER", "CLAIMWATCH_SOURCES"):
            patch.delenv(name, raising=False)
        with Store(str(tmp_path_factory.mktemp("voa-stories") / "voa.db")) as store:
            report = api.ingest(store, [str(path)])
            articles = api.list_articles(store)
            stories = api.list_stories(store)
    return SimpleNamespace(report=report, articles=articles, stories=stories)


def test_voa_every_article_is_in_exactly_one_story(voa_stories: SimpleNamespace) -> None:
    assert voa_stories.report.failures == []
    placed = [article_id for story in voa_stories.stories for article_id in story["article_ids"]]
    assert sorted(placed) == sorted(row["id"] for row in voa_stories.articles)
    assert len(placed) == len(set(placed)) == 64


def test_voa_story_invariants(voa_stories: SimpleNamespace) -> None:
    assert 1 < len(voa_stories.stories) < 64
    for story in voa_stories.stories:
        assert story["reports"] == len(story["article_ids"]) >= 1
        assert 1 <= story["independent_origins"] <= story["reports"]
        assert story["title"]
        assert story["first_seen"] <= story["last_seen"]
