"""The seed article's stances (issue 4, done-when). Reads ../shared/seed at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.store import Store

SEED = "seed/000_e2d3460dc448bfbb.txt"


@pytest.fixture(scope="module")
def statements(shared_path, tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("seed-stance")
    with Store(str(Path(folder) / "seed.db")) as store:
        report = api.ingest(store, [str(shared_path(SEED))])
        assert report.counts["ingested"] == 1
        return api.list_statements(store)


def _by(statements: list[dict], entity: str) -> list[dict]:
    found = [s for s in statements if s["speaker_entity"] == entity]
    assert found, f"no statement by {entity}"
    return found


def test_zelensky_accuses_without_hedge(statements: list[dict]) -> None:
    accusation = [s for s in _by(statements, "Volodymyr Zelensky") if s["act"] == "accuses"]
    assert accusation and accusation[0]["certainty"] == "not stated"
    assert accusation[0]["plover"].startswith("ACCUSE")


def test_kim_assesses_likely_or_very_likely(statements: list[dict]) -> None:
    (kim,) = _by(statements, "Kim Yong-hyun")
    assert kim["act"] == "assesses"
    assert kim["certainty"] in ("likely", "very likely")


def test_nis_investigates(statements: list[dict]) -> None:
    assert {s["act"] for s in _by(statements, "National Intelligence Service")} == {"investigates"}


def test_savett_is_conditional(statements: list[dict]) -> None:
    first = _by(statements, "Sean Savett")[0]
    assert first["conditional"] and "if true" in first["condition"]


def test_kremlin_denies_the_troop_claim(statements: list[dict]) -> None:
    (kremlin,) = _by(statements, "Government of Russia")
    accusation = next(s for s in _by(statements, "Volodymyr Zelensky") if s["act"] == "accuses")
    assert kremlin["act"] == "denies" and kremlin["polarity"] == "negated"
    assert kremlin["claim_id"] == accusation["claim_id"]


def test_rudenko_pledges_on_condition_of_an_attack(statements: list[dict]) -> None:
    pledge = _by(statements, "Andrey Rudenko")[0]
    assert pledge["act"] == "pledges"
    assert pledge["conditional"] and "attack" in pledge["condition"]
    assert pledge["plover"].startswith("AGREE")


def test_zelensky_and_zelenskyy_land_on_one_claim(statements: list[dict]) -> None:
    zelensky = _by(statements, "Volodymyr Zelensky")
    spellings = {s["speaker"] for s in zelensky}
    assert "Zelenskyy" in spellings
    assert len({s["claim_id"] for s in zelensky}) == 1
    assert zelensky[0]["claim_id"] is not None
