"""Which statements of an article bear on a claim: pointers to the reporter's narration, reasons for denials.

The publisher, the countries and the events are invented.
"""

from __future__ import annotations

import pytest

from claimwatch.api import sample_gazetteer
from claimwatch.nlp import load_nlp
from claimwatch.stance.positions import Relation, claim_target
from claimwatch.stories.positions import _side_with_denials, relate_statements

CLAIM = "Mira Holt smuggled weapons into Valdoria"
OPENING = (
    "The family of a jailed Kestrian publisher pleaded on Tuesday for her release, telling a forum in the "
    "capital that her health had worsened during more than two years in custody and that letters from her "
    "had grown shorter and rarer over the winter months. Supporters gathered outside the forum with "
    "banners and candles, and several lawmakers from three parties attended the meeting, which lasted "
    "well over two hours and ended with a short prayer and a song that her newspaper once printed. "
)


def article_and_denial(narration: str) -> tuple[dict, dict]:
    body = f"{OPENING}{narration} She rejects the charges."
    start = body.index("She rejects")
    content_start = body.index("the charges")
    denial = {
        "id": "s1", "article_id": "a1", "sentence_index": 5, "start": start, "content_start": content_start,
        "content_end": content_start + len("the charges"), "cue_start": body.index("rejects"), "cue": "rejects",
        "cue_lemma": "reject", "content": "the charges", "act": "denies", "speaker_entity": "Mira Holt",
        "speaker_entity_id": "e1", "voice": "source", "polarity": "affirmed", "certainty": "not stated",
        "conditional": False, "claim_id": None,
    }
    return {"id": "a1", "title": "Family of jailed publisher pleads for her release", "body": body}, denial


@pytest.fixture(scope="module")
def target():
    return claim_target(CLAIM, load_nlp()(CLAIM), sample_gazetteer())


@pytest.mark.parametrize(
    ("narration", "relation"),
    [
        ("Holt stands accused of smuggling weapons into Valdoria and of sedition.", "denies"),
        ("Holt founded the newspaper in a small Kestrian town in 1998.", "unrelated"),
    ],
)
def test_a_pointer_reaches_the_allegation_the_reporter_told(target, narration: str, relation: str) -> None:
    article, denial = article_and_denial(narration)
    found = relate_statements([denial], {"a1": article}, target)["s1"]
    assert found.relation == relation, found.reason


def reason_after(denial_act: str, cue: str, gap: int, speaker: str = "Government of Valdoria") -> dict[str, str]:
    denial = {"id": "d", "article_id": "a", "sentence_index": 3, "cue_start": 10, "content_end": 40,
              "act": denial_act, "cue": "rejected", "speaker_entity": "Government of Valdoria", "voice": "source"}
    reason = {"id": "r", "article_id": "a", "sentence_index": 3, "cue_start": 40 + gap, "content_end": 120,
              "act": "asserts", "cue": cue, "speaker_entity": speaker, "voice": "source"}
    relations = {"d": Relation("d", "denies", 0.4, False, False, "weak+act:denies"),
                 "r": Relation("r", "backs", 0.5, False, False, "meaning+act:asserts")}
    _side_with_denials([denial, reason], relations)
    return {key: found.relation for key, found in relations.items()}


@pytest.mark.parametrize(
    ("denial_act", "cue", "gap", "speaker", "reason_side"),
    [
        ("denies", "saying", 15, "Government of Valdoria", "denies"),  # "rejected X on Wednesday, saying ..."
        ("denies", "said", 15, "Government of Valdoria", "backs"),  # a sentence of its own, not a participle
        ("denies", "saying", 80, "Government of Valdoria", "backs"),  # too far from the denial
        ("denies", "saying", 15, "Ostravian officials", "backs"),  # another voice
        ("asserts", "saying", 15, "Government of Valdoria", "backs"),  # no denial to justify
    ],
)
def test_the_reason_for_a_denial_denies_with_it(denial_act, cue, gap, speaker, reason_side) -> None:
    assert reason_after(denial_act, cue, gap, speaker)["r"] == reason_side
