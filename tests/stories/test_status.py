"""The status rules of ``stories/status.py`` (docs/grading.md), one by one, on hand-made statements.

The claim throughout: "Kestria (XKE) is sending troops to Valdoria (XVA)"; the parties are the two.
"""

from __future__ import annotations

import itertools

import pytest

from claimwatch.stories.status import Occasion, occasions, stance_of, status_history, status_of

PARTIES = {"XKE", "XVA"}
_ids = itertools.count(1)

# Voices: (speaker entity, country, voice type as grading.voice_type would give it)
VANTOSH = ("Mirela Vantosh", "XOS", "government")  # the accuser: Ostravia is not a party
JUN = ("Jun Hae-ryong", "XSE", "government")
NIB = ("National Intelligence Bureau", "XSE", "intelligence")
ALLIANCE_GENERAL = ("Harald Brenn", "XNA", "military")
LUND = ("Petra Lund", "XNA", "expert")
HERALD = ("Selmara Herald", "XSE", "outlet_voice")
VARIN = ("Oleg Varin", "XVA", "government_party")  # the Citadel's spokesman
KESTRIA = ("Kestria", "XKE", "government_party")
UNNAMED = ("officials", None, "unnamed")


def say(
    voice: tuple[str, str | None, str],
    act: str,
    article: str,
    day: int,
    *,
    certainty: str = "not stated",
    probability: float | None = None,
    polarity: str = "affirmed",
    evidential: str | None = None,
    said_day: int | None = None,
) -> dict:
    """A statement row as the store returns it (only the fields the rules read)."""
    name, country, kind = voice
    return {
        "id": f"s{next(_ids)}",
        "article_id": article,
        "speaker": name,
        "speaker_entity": name,
        "speaker_country": country,
        "_type": kind,
        "act": act,
        "certainty": certainty,
        "probability": probability,
        "polarity": polarity,
        "evidential": evidential,
        "said_on": f"2025-03-{said_day or day:02d}",
        "published": f"2025-03-{day:02d}T09:00:00+00:00",
        "start": 0,
    }


def judge(*statements: dict, origin_of: dict[str, str] | None = None) -> str:
    """The status after all the statements; each article is its own origin unless ``origin_of`` says otherwise."""
    return status_of(build(statements, origin_of), PARTIES)


def build(statements, origin_of=None) -> list[Occasion]:
    return occasions(list(statements), origin_of or {}, {s["id"]: s["_type"] for s in statements})


# -- how a statement bears on the claim -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("act", "polarity", "probability", "expected"),
    [
        ("accuses", "affirmed", None, "support"),
        ("asserts", "affirmed", None, "support"),
        ("confirms", "affirmed", None, "support"),
        ("reports", "affirmed", None, "support"),
        ("asserts", "negated", None, "oppose"),  # "X did not send troops"
        ("confirms", "negated", None, "oppose"),
        ("denies", "negated", None, "oppose"),
        ("denies", "affirmed", None, "oppose"),
        ("retracts", "affirmed", None, "oppose"),
        ("assesses", "affirmed", 0.8, "support"),
        ("assesses", "affirmed", 0.55, "support"),
        ("assesses", "affirmed", 0.5, "neutral"),  # roughly even chance
        ("assesses", "affirmed", 0.45, "oppose"),
        ("assesses", "negated", 0.8, "oppose"),  # "very likely not"
        ("assesses", "negated", 0.2, "support"),
        ("assesses", "affirmed", None, "neutral"),
        ("investigates", "affirmed", None, "neutral"),
        ("questions", "affirmed", None, "neutral"),
        ("expresses_concern", "affirmed", None, "neutral"),
        (None, "affirmed", None, "neutral"),
    ],
)
def test_stance_of(act, polarity: str, probability, expected: str) -> None:
    assert stance_of({"act": act, "polarity": polarity, "probability": probability}) == expected


@pytest.mark.parametrize(("act", "probability"), [("asserts", None), ("confirms", None), ("assesses", 0.9),
                                                  ("denies", None)])
def test_a_conditional_statement_takes_no_side(act: str, probability) -> None:
    """"The reports, if true, would mark a serious escalation": no judgment on whether they are true."""
    assert stance_of({"act": act, "polarity": "affirmed", "probability": probability, "conditional": True}) == "neutral"


# -- occasions ---------------------------------------------------------------------------------------------


def test_occasions_collapse_a_line_repeated_by_many_reports() -> None:
    copies = [say(VARIN, "denies", article, 4) for article in ("wire", "copy-1", "copy-2")]
    (occasion,) = build(copies)
    assert occasion.reports == 3
    assert occasion.statement is copies[0]  # the first report that carried it
    assert occasion.stance == "oppose"
    assert occasion.voice_type == "government_party"
    assert occasion.on == "2025-03-04"


@pytest.mark.parametrize(
    ("second", "count"),
    [
        (dict(voice=VARIN, act="denies", day=4), 1),  # the same voice, act and day
        (dict(voice=VARIN, act="denies", day=5, said_day=4), 1),  # reported a day later, said the same day
        (dict(voice=VARIN, act="denies", day=11), 2),  # a new occasion: said again a week later
        (dict(voice=VARIN, act="asserts", day=4), 2),  # another act
        (dict(voice=KESTRIA, act="denies", day=4), 2),  # another voice
    ],
)
def test_occasion_is_voice_act_and_date(second: dict, count: int) -> None:
    first = say(VARIN, "denies", "a1", 4)
    other = say(second.pop("voice"), second.pop("act"), "a2", **second)
    assert len(build([first, other])) == count


def test_voice_falls_back_to_the_mention_without_an_entity() -> None:
    a, b = say(UNNAMED, "asserts", "a1", 4), say(UNNAMED, "asserts", "a2", 4)
    b["speaker_entity"] = a["speaker_entity"] = None
    b["speaker"] = "diplomats"
    assert len(build([a, b])) == 2


def test_occasions_are_in_the_order_reported_and_carry_their_origin() -> None:
    late = say(NIB, "confirms", "a3", 14)
    early = say(VANTOSH, "accuses", "a1", 3)
    middle = say(VARIN, "denies", "a2", 4)
    found = build([late, early, middle], origin_of={"a2": "a1"})
    assert [o.statement["id"] for o in found] == [early["id"], middle["id"], late["id"]]
    assert [o.origin for o in found] == ["a1", "a1", "a3"]


# -- the status rules -------------------------------------------------------------------------------------


def test_no_statement_is_unverified() -> None:
    assert judge() == "unverified"


def test_unverified_one_voice_alleges() -> None:
    assert judge(say(VANTOSH, "accuses", "a1", 3)) == "unverified"


def test_unverified_one_voice_repeats_itself_in_many_reports() -> None:
    assert judge(*(say(VANTOSH, "accuses", f"a{day}", day) for day in (3, 5, 7))) == "unverified"


def test_contested_when_someone_denies() -> None:
    assert judge(say(VANTOSH, "accuses", "a1", 3), say(VARIN, "denies", "a2", 4)) == "contested"


def test_contested_when_someone_doubts() -> None:
    doubt = say(JUN, "assesses", "a2", 4, certainty="unlikely", probability=0.2)
    assert judge(say(VANTOSH, "accuses", "a1", 3), doubt) == "contested"


def test_neutral_voices_leave_it_unverified() -> None:
    statements = [
        say(VANTOSH, "accuses", "a1", 3),
        say(NIB, "investigates", "a2", 4),
        say(JUN, "assesses", "a3", 5, certainty="roughly even chance", probability=0.5),
    ]
    assert judge(*statements) == "unverified"


def test_corroborated_two_authorities_two_origins_two_countries() -> None:
    statements = [
        say(VANTOSH, "accuses", "a1", 3),
        say(JUN, "assesses", "a2", 7, certainty="likely", probability=0.7),
    ]
    assert judge(*statements) == "corroborated"


def test_corroborated_beats_contested() -> None:
    statements = [
        say(VANTOSH, "accuses", "a1", 3),
        say(VARIN, "denies", "a1", 3),
        say(ALLIANCE_GENERAL, "asserts", "a2", 8),
    ]
    assert judge(*statements) == "corroborated"


def test_not_corroborated_from_a_single_origin() -> None:
    """Two authorities of two countries, but every report is a copy of one wire story."""
    statements = [say(VANTOSH, "accuses", "wire", 3), say(JUN, "asserts", "copy", 3)]
    assert judge(*statements, origin_of={"copy": "wire"}) == "unverified"
    assert judge(*statements) == "corroborated"


def test_not_corroborated_by_one_country() -> None:
    statements = [say(JUN, "asserts", "a1", 5), say(NIB, "asserts", "a2", 6)]  # both Selmaran
    assert judge(*statements) == "unverified"


def test_not_corroborated_by_one_voice() -> None:
    statements = [say(VANTOSH, "accuses", "a1", 3), say(VANTOSH, "asserts", "a2", 9)]
    assert judge(*statements) == "unverified"


@pytest.mark.parametrize(
    ("voice", "evidential", "expected"),
    [
        (LUND, None, "unverified"),  # commentary does not corroborate
        (HERALD, None, "unverified"),
        (UNNAMED, None, "unverified"),
        (LUND, "imagery", "corroborated"),  # an analyst reading satellite images does
        (LUND, "documents", "corroborated"),
        (UNNAMED, "intelligence", "corroborated"),
        (LUND, "observation", "corroborated"),
        (LUND, "hearsay", "unverified"),
        (ALLIANCE_GENERAL, None, "corroborated"),  # militaries speak with authority
        (NIB, None, "corroborated"),
    ],
)
def test_corroboration_needs_authority_or_evidence(voice, evidential, expected: str) -> None:
    second = say(voice, "assesses", "a2", 10, certainty="likely", probability=0.75, evidential=evidential)
    if voice[1] is None:
        second["speaker_entity"] = "officials of somewhere"  # an unnamed voice is not the accuser
    assert judge(say(VANTOSH, "accuses", "a1", 3), second) == expected


def test_a_conditional_assertion_does_not_corroborate() -> None:
    if_true = say(JUN, "asserts", "a2", 8)
    if_true["conditional"] = True
    assert judge(say(VANTOSH, "accuses", "a1", 3), if_true) == "unverified"
    if_true["conditional"] = False
    assert judge(say(VANTOSH, "accuses", "a1", 3), if_true) == "corroborated"


def test_unnamed_voices_without_a_country_count_as_distinct_countries() -> None:
    first, second = (say(UNNAMED, "asserts", f"a{n}", n, evidential="intelligence") for n in (1, 2))
    first["speaker_entity"], second["speaker_entity"] = "officials in one capital", "diplomats elsewhere"
    assert judge(first, second) == "corroborated"


def test_officially_confirmed_by_an_official_confirmation() -> None:
    statements = [
        say(VANTOSH, "accuses", "a1", 3),
        say(VARIN, "denies", "a2", 4),
        say(NIB, "confirms", "a3", 14, certainty="almost certain", probability=0.97),
    ]
    assert judge(*statements) == "officially confirmed"


def test_officially_confirmed_by_an_admission_of_a_party() -> None:
    admission = say(KESTRIA, "confirms", "a2", 20)
    assert judge(say(VANTOSH, "accuses", "a1", 3), admission) == "officially confirmed"


def test_a_non_official_confirmation_does_not_confirm_officially() -> None:
    statements = [say(VANTOSH, "accuses", "a1", 3), say(LUND, "confirms", "a2", 10, certainty="almost certain")]
    assert judge(*statements) == "unverified"


@pytest.mark.parametrize(
    ("voice", "expected"),
    [
        (NIB, "officially confirmed"),  # an official third party, almost certain
        (JUN, "officially confirmed"),
        (VARIN, "unverified"),  # a party's official asserting it: an interested voice, not a confirmation
        (LUND, "unverified"),  # not official
    ],
)
def test_officially_confirmed_by_an_official_third_party_almost_certain(voice, expected: str) -> None:
    statement = say(voice, "asserts", "a1", 12, certainty="almost certain", probability=0.97)
    statement["speaker_entity"] = voice[0]
    assert judge(statement) == expected


def test_a_confirmation_that_is_not_almost_certain_and_not_confirms_does_not_confirm() -> None:
    assert judge(say(NIB, "assesses", "a1", 12, certainty="likely", probability=0.7)) == "unverified"


def test_refuted_when_the_first_voice_retracts() -> None:
    statements = [
        say(VANTOSH, "accuses", "a1", 3),
        say(JUN, "asserts", "a2", 5),  # corroborated by now
        say(VANTOSH, "retracts", "a3", 20),
    ]
    assert judge(*statements[:2]) == "corroborated"
    assert judge(*statements) == "refuted"


def test_a_retraction_by_another_voice_only_contests() -> None:
    statements = [say(VANTOSH, "accuses", "a1", 3), say(LUND, "retracts", "a2", 10)]
    assert judge(*statements) == "contested"


@pytest.mark.parametrize(
    ("voice", "expected"),
    [
        (NIB, "refuted"),  # an official third party confirms the claim is false
        (ALLIANCE_GENERAL, "refuted"),
        (VARIN, "contested"),  # the accused's denial is no refutation
        (LUND, "contested"),  # not official
    ],
)
def test_refuted_by_an_official_third_party_s_negated_confirmation(voice, expected: str) -> None:
    negated = say(voice, "confirms", "a2", 15, polarity="negated")
    assert judge(say(VANTOSH, "accuses", "a1", 3), negated) == expected


def test_refuted_beats_officially_confirmed() -> None:
    statements = [
        say(VANTOSH, "accuses", "a1", 3),
        say(JUN, "confirms", "a2", 10),
        say(NIB, "confirms", "a3", 15, polarity="negated"),
    ]
    assert judge(*statements) == "refuted"


def test_without_parties_every_voice_is_a_third_party() -> None:
    occasions_ = build([say(VARIN, "asserts", "a1", 3, certainty="almost certain")])
    assert status_of(occasions_, set()) == "officially confirmed"
    assert status_of(occasions_, PARTIES) == "unverified"


# -- the history ------------------------------------------------------------------------------------------


def test_status_history_names_the_statement_that_caused_each_change() -> None:
    accusation = say(VANTOSH, "accuses", "a1", 3)
    repeated = say(VANTOSH, "accuses", "a1b", 3)  # the same occasion in a copy: no new entry
    denial = say(VARIN, "denies", "a2", 4)
    neutral = say(NIB, "investigates", "a3", 6)
    support = say(JUN, "assesses", "a4", 7, certainty="likely", probability=0.7)
    again = say(LUND, "assesses", "a5", 10, certainty="likely", probability=0.7)
    confirmation = say(NIB, "confirms", "a6", 14, certainty="almost certain")
    statements = [accusation, repeated, denial, neutral, support, again, confirmation]
    history = status_history(build(statements), PARTIES)
    assert [(item["status"], item["statement_id"]) for item in history] == [
        ("unverified", accusation["id"]),
        ("contested", denial["id"]),
        ("corroborated", support["id"]),
        ("officially confirmed", confirmation["id"]),
    ]
    last = history[-1]
    assert last == {
        "status": "officially confirmed",
        "on": "2025-03-14",
        "said_on": "2025-03-14",
        "statement_id": confirmation["id"],
        "article_id": "a6",
        "speaker": "National Intelligence Bureau",
        "act": "confirms",
    }


def test_status_history_dates_a_change_by_the_report_that_brought_it() -> None:
    late_news = say(VARIN, "denies", "a2", 9, said_day=4)  # said on the 4th, reported on the 9th
    history = status_history(build([say(VANTOSH, "accuses", "a1", 3), late_news]), PARTIES)
    assert (history[-1]["on"], history[-1]["said_on"]) == ("2025-03-09", "2025-03-04")


def test_status_history_of_nothing_is_empty() -> None:
    assert status_history([], PARTIES) == []
