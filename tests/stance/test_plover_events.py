"""The PLOVER event table: every code claimwatch assigns maps to an event of the ontology."""

from __future__ import annotations

import pytest

from claimwatch.stance.acts import CAMEO
from claimwatch.stance.plover import EVENTS, QUAD_CODES, PloverEvent, event_for_label


def test_every_assigned_code_has_an_event() -> None:
    assert {code for pair in CAMEO.values() for code in pair} <= set(EVENTS)
    assert all(event.event in QUAD_CODES for event in EVENTS.values())
    assert len(QUAD_CODES) == 16


@pytest.mark.parametrize(
    ("event", "label"),
    [
        (PloverEvent("1123", "ACCUSE", "allege", "military"), "ACCUSE/allege (CAMEO 1123)"),
        (PloverEvent("120", "REJECT"), "REJECT (CAMEO 120)"),
        (PloverEvent("0332", "AGREE", context="military"), "AGREE (CAMEO 0332)"),
    ],
)
def test_label(event: PloverEvent, label: str) -> None:
    assert event.label == label


def test_labels_lead_back_to_their_events() -> None:
    for event in EVENTS.values():
        assert event_for_label(event.label) is event
    assert event_for_label(None) is None
    assert event_for_label("ACCUSE/allege (CAMEO 112)") is EVENTS["112"]  # an older store's label
    assert event_for_label("ACCUSE/nonsense (CAMEO 999)") is None
