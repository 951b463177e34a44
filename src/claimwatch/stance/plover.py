"""PLOVER events (event, mode, context) for the CAMEO codes claimwatch assigns.

Each row follows the CAMEO-to-PLOVER conversion table of the PLOVER manual (draft 0.8, 2021):
the event is the PLOVER category of the CAMEO code, mode and context are the table's own words
for that code. The stored form of an assessment's event is its ``label``
("ACCUSE/allege (CAMEO 1123)"); ``event_for_label`` turns it back into the record, so
nothing downstream parses the label.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PloverEvent:
    cameo: str
    event: str
    mode: str | None = None
    context: str | None = None

    @property
    def label(self) -> str:
        event = f"{self.event}/{self.mode}" if self.mode else self.event
        return f"{event} (CAMEO {self.cameo})"


EVENTS = {
    event.cameo: event
    for event in (
        PloverEvent("033", "AGREE", context="diplomatic"),  # express intent to provide material aid
        PloverEvent("0332", "AGREE", context="military"),  # ... military aid
        PloverEvent("090", "ACCUSE", "investigate"),  # investigate
        PloverEvent("093", "ACCUSE", "investigate", "military"),  # investigate military action
        PloverEvent("110", "ACCUSE", "disapprove"),  # disapprove
        PloverEvent("112", "ACCUSE", "disapprove"),  # accuse
        PloverEvent("1123", "ACCUSE", "allege", "military"),  # accuse of aggression
        PloverEvent("120", "REJECT"),  # reject
        PloverEvent("130", "THREATEN"),  # threaten
    )
}
# Stores made before this table labelled plain accusations with the mode "allege".
_BY_LABEL = {event.label: event for event in EVENTS.values()} | {"ACCUSE/allege (CAMEO 112)": EVENTS["112"]}
# The sixteen event categories of the PLOVER 0.8 manual, with their quad code
# (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
QUAD_CODES = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


def event_for_label(label: str | None) -> PloverEvent | None:
    """The event a stored label names (None for no event, or an unknown label)."""
    return _BY_LABEL.get(label) if label else None
