"""Status rules with unresolved voices: an unknown speaker proves nothing."""

from __future__ import annotations

from claimwatch.stories.status import Occasion, status_of


def _occasion(entity: str | None, act: str, stance: str, country: str | None = None, voice_type: str = "unknown"):
    statement = {
        "id": f"{entity}-{act}",
        "article_id": "a",
        "speaker_entity": entity,
        "act": act,
        "polarity": "affirmed",
        "speaker_country": country,
        "certainty": "not stated",
    }
    return Occasion(statement=statement, stance=stance, origin="a", voice_type=voice_type, reports=1)


def test_a_retraction_by_another_unresolved_voice_does_not_refute() -> None:
    so_far = [
        _occasion(None, "accuses", "support"),
        _occasion("Government of Russia", "denies", "oppose", "RUS", "government_party"),
        _occasion(None, "retracts", "oppose"),
    ]
    assert status_of(so_far, {"RUS", "PRK"}) == "contested"


def test_an_official_of_unknown_country_is_no_third_party() -> None:
    confirmation = _occasion("Ministry", "asserts", "support", None, "government")
    confirmation.statement["certainty"] = "almost certain"
    assert status_of([confirmation], {"RUS"}) == "unverified"
