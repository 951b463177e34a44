"""settle_claims: which stored claim a proposition is (same event, actor, agreeing recipient), or a new one."""

from __future__ import annotations

import pytest

from claimwatch.records import Assessment, Proposition
from claimwatch.stance.claims import claim_row, settle_claims

TO_NOBODY = Proposition("Kestria", "XKE", "send_troops", None, None, None, text="Kestria is sending troops")
TO_VALDORIA = Proposition("Kestria", "XKE", "send_troops", None, "Valdoria", "XVA", text="... to Valdoria")
TO_ORSK = Proposition("Kestria", "XKE", "send_troops", None, "Orsk", "XOR", text="... to Orsk")
REBELS = Proposition("rebels", None, "attack", None, None, None)


def assessed(statement_id: str, proposition: Proposition | None) -> Assessment:
    return Assessment(statement_id, "affirmed", "not stated", None, None, False, None, None, "asserts", None,
                      proposition, proposition.key if proposition else None)


@pytest.mark.parametrize(
    ("stored", "proposition", "same", "changed"),
    [
        ([], TO_VALDORIA, False, "new"),
        ([TO_NOBODY], TO_VALDORIA, True, "recipient named"),  # the stored claim gains the recipient
        ([TO_VALDORIA], TO_NOBODY, True, None),
        ([TO_VALDORIA], TO_ORSK, False, "new"),  # both name recipients, different ones
        ([Proposition("Rebels", None, "attack", None, None, None)], REBELS, True, None),  # actor case ignored
    ],
)
def test_settle_claims(stored: list[Proposition], proposition: Proposition, same: bool, changed: str | None) -> None:
    rows = [claim_row(item) for item in stored]
    claim_ids, saved = settle_claims([assessed("s1", proposition)], lambda predicate: rows)
    assert (claim_ids["s1"] == rows[0]["id"]) is same if rows else claim_ids["s1"] == claim_row(proposition)["id"]
    if changed is None:
        assert saved == []
    elif changed == "new":
        assert saved == [claim_row(proposition)]
    else:
        assert saved[0]["recipient_code"] == proposition.recipient_code and saved[0]["id"] == rows[0]["id"]


def test_two_statements_of_one_new_claim_in_one_article_share_it() -> None:
    claim_ids, saved = settle_claims([assessed("s1", TO_NOBODY), assessed("s2", TO_VALDORIA)], lambda _: [])
    assert claim_ids["s1"] == claim_ids["s2"]
    assert len(saved) == 1 and saved[0]["recipient_code"] == "XVA"


def test_statements_without_a_proposition_bear_on_no_claim() -> None:
    assert settle_claims([assessed("s1", None)], lambda _: []) == ({}, [])
