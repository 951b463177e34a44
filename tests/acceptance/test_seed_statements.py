"""The seed article (../shared/seed, read at test time, never copied here): who said what in it.

Assertions are on names, dates and character offsets into the stored body, not on the article's text.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from claimwatch import api
from claimwatch.cli import app
from claimwatch.store import Store

# tests/acceptance/<this file> -> parents[3] is the folder holding the repository and ../shared
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_e2d3460dc448bfbb.txt"

pytestmark = [
    pytest.mark.acceptance,
    pytest.mark.skipif(not SEED.is_file(), reason=f"seed article not found at {SEED}"),
]

JSON_KEYS = {
    "id", "article_id", "speaker", "speaker_entity", "speaker_role", "speaker_country", "cue", "content", "kind",
    "venue", "said_on", "said_on_precision", "said_on_phrase", "start", "end",
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """The seed ingested once into a fresh store: its body, statements and entities."""
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    with pytest.MonkeyPatch.context() as patch:
        for name in ("CLAIMWATCH_DB", "CLAIMWATCH_GAZETTEER"):
            patch.delenv(name, raising=False)
        with Store(str(db)) as store:
            report = api.ingest(store, [str(SEED)])
            assert report.counts["ingested"] == 1, report.to_json()
            (article,) = api.list_articles(store)
            body = store.get_article(article["id"]).body
            statements = api.list_statements(store)
            entities = api.list_entities(store)
    return SimpleNamespace(db=db, article=article, body=body, statements=statements, entities=entities)


def of(seed: SimpleNamespace, entity: str) -> list[dict]:
    return [row for row in seed.statements if row["speaker_entity"] == entity]


def said(row: dict) -> tuple[str | None, str | None]:
    return row["said_on"], row["said_on_end"]


def test_every_span_is_a_slice_of_the_body(seed: SimpleNamespace) -> None:
    assert len(seed.statements) >= 10
    body = seed.body
    for row in seed.statements:
        assert body[row["content_start"] : row["content_end"]] == row["content"], row["id"]
        assert row["content"] == row["content"].strip()
        if row["cue"] is not None:
            assert body[row["cue_start"] : row["cue_end"]] == row["cue"]
        if row["speaker_start"] is not None:
            assert body[row["speaker_start"] : row["speaker_end"]] == row["speaker"]
        assert row["start"] <= row["content_start"] < row["content_end"] <= row["end"]
        assert row["article_id"] == seed.article["id"]


def test_statements_lie_after_the_dateline(seed: SimpleNamespace) -> None:
    first = min(row["start"] for row in seed.statements)
    assert seed.body[:first].rstrip().endswith("-")  # "CITY, Month DD (AGENCY) -" comes first


def test_national_intelligence_service(seed: SimpleNamespace) -> None:
    rows = of(seed, "National Intelligence Service")
    assert len(rows) == 2
    assert {row["speaker_country"] for row in rows} == {"KOR"}
    assert {said(row) for row in rows} == {("2024-10-16", "2024-10-16")}
    assert any(row["speaker"].endswith("NIS") for row in rows)  # the acronym resolved to the full name


def test_zelensky_accuses_north_korea(seed: SimpleNamespace) -> None:
    (accusation,) = [row for row in of(seed, "Volodymyr Zelensky") if row["kind"] == "reported_act"]
    assert accusation["cue_lemma"] == "accuse"
    assert accusation["content"].startswith("North Korea")
    assert (accusation["speaker_role"], accusation["speaker_country"]) == ("President", "UKR")


def test_zelensky_direct_quote_last_weekend(seed: SimpleNamespace) -> None:
    (quote,) = [row for row in of(seed, "Volodymyr Zelensky") if row["said_on_phrase"] == "last weekend"]
    assert quote["kind"] == "direct"
    assert quote["speaker"] == "he"
    assert said(quote) == ("2024-10-12", "2024-10-13")
    assert quote["said_on_precision"] == "range"
    assert quote["venue"] == "daily video message"
    assert quote["content"][0] in "\"“" and quote["content"][-1] in "\"”"
    assert quote["content"].count(".") >= 3  # three sentences in one quote


def test_zelenskyy_in_parliament_is_the_same_entity(seed: SimpleNamespace) -> None:
    (speech,) = [row for row in seed.statements if row["speaker"] == "Zelenskyy"]
    assert speech["speaker_entity"] == "Volodymyr Zelensky"
    assert said(speech) == ("2024-10-16", "2024-10-16")
    assert speech["kind"] == "direct"
    assert {row["speaker_entity_id"] for row in of(seed, "Volodymyr Zelensky")} == {speech["speaker_entity_id"]}


def test_kim_yong_hyun_at_the_hearing(seed: SimpleNamespace) -> None:
    (row,) = of(seed, "Kim Yong-hyun")
    assert (row["speaker_role"], row["speaker_country"]) == ("Defense Minister", "KOR")
    assert said(row) == ("2024-10-07", "2024-10-11")
    assert row["said_on_precision"] == "range"
    assert row["venue"] == "parliamentary hearing"
    assert row["kind"] == "mixed"


def test_rudenko_told_tass(seed: SimpleNamespace) -> None:
    rows = of(seed, "Andrey Rudenko")
    (told,) = [row for row in rows if row["cue_lemma"] == "tell"]
    assert (told["speaker_role"], told["speaker_country"]) == ("Deputy Foreign Minister", "RUS")
    assert told["venue"] == "state-run TASS"
    assert said(told) == ("2024-10-15", "2024-10-15")
    # his direct quote right after it was said on the same day
    (quote,) = [row for row in rows if row["kind"] == "direct"]
    assert quote["speaker"] == "he"
    assert said(quote) == ("2024-10-15", "2024-10-15")


def test_united_states_expresses_concern(seed: SimpleNamespace) -> None:
    (row,) = of(seed, "United States")
    assert row["speaker_country"] == "USA"
    assert row["cue_lemma"] == "express"
    assert row["kind"] == "reported_act"
    assert "concern" in row["content"]


def test_sean_savett(seed: SimpleNamespace) -> None:
    rows = of(seed, "Sean Savett")
    assert len(rows) == 2
    for row in rows:
        assert "National Security Council" in row["speaker_affiliation"]
        assert row["speaker_country"] == "USA"
        assert row["speaker_role"] == "spokesperson"
    assert {row["kind"] for row in rows} == {"mixed", "direct"}


def test_kremlin_is_the_government_of_russia(seed: SimpleNamespace) -> None:
    (row,) = of(seed, "Government of Russia")
    assert row["speaker"] == "the Kremlin"
    assert row["speaker_country"] == "RUS"
    assert (row["cue_lemma"], row["kind"]) == ("dismiss", "reported_act")


def test_outlet_voice(seed: SimpleNamespace) -> None:
    (row,) = [row for row in seed.statements if row["voice"] == "outlet"]
    assert row["speaker_entity"] == seed.article["outlet"]


def test_entities(seed: SimpleNamespace) -> None:
    by_name = {entity["name"]: entity for entity in seed.entities}
    zelensky = by_name["Volodymyr Zelensky"]
    assert zelensky["aliases"] == ["Zelenskyy"]  # no stray words ("Ukrainian") taken for names
    assert zelensky["statements"] == 3
    assert (zelensky["type"], zelensky["country"]) == ("person", "UKR")
    assert "NIS" in by_name["National Intelligence Service"]["aliases"]
    for name in ("Andrey Rudenko", "Sean Savett", "Kim Yong-hyun"):
        assert by_name[name]["aliases"] == [], name


def test_cli_statements_json(seed: SimpleNamespace) -> None:
    result = CliRunner().invoke(app, ["--db", str(seed.db), "statements", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == len(seed.statements)
    for row in rows:
        assert set(row) >= JSON_KEYS, JSON_KEYS - set(row)


def test_cli_entities_json(seed: SimpleNamespace) -> None:
    result = CliRunner().invoke(app, ["--db", str(seed.db), "entities", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    (zelensky,) = [row for row in json.loads(result.stdout) if row["name"] == "Volodymyr Zelensky"]
    assert "Zelenskyy" in zelensky["aliases"]
    assert zelensky["statements"] == 3
