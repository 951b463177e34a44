"""PLOVER records of statements: fields as separate keys, events from the ontology, CAMEO apart."""

from __future__ import annotations

import pytest

from claimwatch.exports.plover import plover_records
from claimwatch.stance.plover import EVENTS, QUAD_CODES

CLAIMS = {
    "c1": {"id": "c1", "actor": "Brennmark", "actor_code": "XBM", "recipient": "Sorvia", "recipient_code": "XSO"},
}


def statement(key: str, plover: str | None, **changes) -> dict:
    """One ``api.list_statements`` row (the fields the exporter reads)."""
    row = {
        "id": key, "article_id": "a1", "sentence_index": 3, "speaker": "the minister", "speaker_entity": "Ilka Marsh",
        "speaker_type": "person", "speaker_role": "Foreign Minister", "speaker_country": "XOS",
        "content": "Brennmark had sent drones to Sorvia", "content_start": 40, "content_end": 75,
        "outlet": "Lakeside Ledger", "published": "2025-05-02T09:00:00+02:00", "url": "https://ledger.example/a1",
        "said_on": "2025-05-01", "conditional": False, "plover": plover, "claim_id": "c1",
    }
    return {**row, **changes}


def records(*rows: dict) -> list[dict]:
    return plover_records(list(rows), CLAIMS, "claimwatch 0.1.0", "2026-01-02")


def test_one_record_per_statement_with_an_event() -> None:
    found = records(
        statement("s1", EVENTS["1123"].label),
        statement("s2", None),  # a confirmation: PLOVER has no event for it
        statement("s3", "ACCUSE/nonsense (CAMEO 999)"),  # a label no longer assigned
    )
    assert [r["id"] for r in found] == ["claimwatch-s1"]
    record = found[0]
    assert list(record)[:12] == ["id", "date", "actor", "recipient", "event", "mode", "context", "quad_code", "cameo",
                                 "text", "text_info", "cite_info"]
    assert record["date"] == "2025-05-01"
    assert record["actor"] == [{"code": "XOS", "actor_text": "the minister", "identifier_text": "Ilka Marsh",
                                "office": "Foreign Minister"}]
    assert record["recipient"] == [{"code": "XBM", "actor_text": "Brennmark"}]  # the accused
    assert (record["event"], record["mode"], record["context"]) == (["ACCUSE"], ["allege"], ["military"])
    assert record["cameo"] == "1123"
    assert record["quad_code"] == 3
    assert record["text"] == "Brennmark had sent drones to Sorvia"
    assert record["text_info"] == {"sequence": 3, "start": 40, "end": 75}
    assert record["cite_info"]["url"] == "https://ledger.example/a1"
    assert record["cite_info"]["publication"] == "Lakeside Ledger"
    assert (record["coder"], record["coded_date"], record["event_loc"]) == ("claimwatch 0.1.0", "2026-01-02", None)


@pytest.mark.parametrize(
    ("cameo", "recipient"),
    [("0332", "XSO"), ("130", "XSO"), ("120", None), ("093", "XBM")],
)
def test_recipient_is_the_party_the_event_is_directed_at(cameo: str, recipient: str | None) -> None:
    [record] = records(statement("s1", EVENTS[cameo].label))
    assert [r["code"] for r in record["recipient"]] == ([recipient] if recipient else [])


def test_conditional_statements_are_hypothetical() -> None:
    [record] = records(statement("s1", EVENTS["0332"].label, conditional=True))
    assert record["context"] == ["military", "hypothetical"]


@pytest.mark.parametrize(
    ("said_on", "published", "expected"),
    [("2025-05-01", "2025-05-02T09:00:00+02:00", "2025-05-01"), ("2025-04", "2025-05-02T09:00:00+02:00", "2025-05-02"),
     (None, "2025-05-02", "2025-05-02"), (None, None, None)],
)
def test_date_is_the_day_said_else_the_day_published(said_on, published, expected) -> None:
    [record] = records(statement("s1", EVENTS["120"].label, said_on=said_on, published=published))
    assert record["date"] == expected


def test_statement_without_claim_or_country() -> None:
    [record] = records(statement("s1", EVENTS["112"].label, claim_id=None, speaker_country=None, speaker_role=None))
    assert record["recipient"] == []
    assert record["actor"] == [{"actor_text": "the minister", "identifier_text": "Ilka Marsh"}]
    assert record["event"][0] in QUAD_CODES
