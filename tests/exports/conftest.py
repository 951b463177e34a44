"""Fixtures of the export tests. Every name here is invented: people, outlets, places and claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from exportkit import source_row, statement_row

from claimwatch import api
from claimwatch.store import Store

WATCHED = "Kestria is sending troops to Valdoria"


@pytest.fixture
def brief() -> dict:
    """A hand-made brief on an invented claim: two backers, two deniers, one conditional voice."""
    return {
        "kind": "watch",
        "id": "feedbeef00112233",
        "claim": "Brennmark is shipping drones to Sorvia",
        "status": "contested",
        "likelihood": "roughly even chance",
        "bottom_line": "There is a roughly even chance that Brennmark is shipping drones to Sorvia "
        "(status: contested).",
        "key_judgments": [],
        "reports": 3,
        "independent_origins": 2,
        "voices": ["Ilka Marsh", "Government of Sorvia", "Tomas Reeve", "Halden Institute"],
        "statements": [
            statement_row("s1", "a1", "Ilka Marsh", "accuses", said_on="2025-05-01"),
            statement_row("s2", "a2", "Government of Sorvia", "denies", certainty="almost no chance",
                          polarity="negated", speaker_type="government", admiralty="D5",
                          quote="the reports are a fabrication"),
            statement_row("s3", "a2", "Tomas Reeve", "assesses", certainty="likely", polarity="negated",
                          admiralty="C4", quote="what the images show is grain, not drones"),
            statement_row("s4", "a3", "Halden Institute", "asserts", conditional=True, speaker_type="organization",
                          admiralty="F6", quote="the shipments, if confirmed, would break the embargo"),
            statement_row("s5", "a3", "Ilka Marsh", "assesses", certainty="likely", said_on="2025-05-03"),
            statement_row("s6", "a3", None, "reports", speaker_type="outlet"),
        ],
        "status_history": [],
        "unknowns": [],
        "sources": [
            source_row("a1", "Lakeside Ledger", "2025-05-01T08:00:00+02:00", "https://ledger.example/a1", "C3"),
            source_row("a2", "Ferrow Wire", "2025-05-02T10:30:00+00:00", None, "B3"),
            source_row("a3", None, None, None, "F6"),
        ],
        "generated_at": "2026-01-01T00:00:00+00:00",
    }


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory):
    """The bundled sample story in a store, with its gazetteer and a watch on its main claim."""
    path = Path(tmp_path_factory.mktemp("exports")) / "sample.db"
    gazetteer = api.sample_gazetteer()
    with Store(str(path)) as store:
        api.ingest_sample(store, gazetteer=gazetteer)
        watch = api.add_watch(store, WATCHED, gazetteer)
        yield store, gazetteer, watch
