"""Incremental grouping of reports into stories (the rule ``claimwatch stories`` and ECB+ use)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from claimwatch.stories.cluster import (
    CLAIM_BONUS,
    CLAIM_FLOOR,
    JOIN_THRESHOLD,
    TIME_WINDOW,
    Report,
    StoryClusterer,
    claim_boosted,
)
from claimwatch.stories.similarity import DocumentFrequencies, similarity, term_counts, vectors

ACCUSATION = (
    "Ostravia accused Kestria of sending troops to Valdoria on Monday. President Mirela Vantosh said about "
    "2,000 Kestrian soldiers had crossed the border near Dravik."
)
REWRITE = (
    "Kestria has sent about 2,000 soldiers to Valdoria, Ostravian President Mirela Vantosh said on Monday, "
    "accusing Kestria of joining the war. Troops crossed the border near Dravik, she said."
)
TARIFF = (
    "The harbour authority of Kalven said it would consider a new tariff on grain shipments through the port, "
    "citing congestion at the northern quay. Shipping firms warned consumer prices would rise."
)
QUAKE = (
    "A strong earthquake of magnitude 6.1 struck near Essport early on Tuesday, damaging homes and cutting "
    "power to thousands, the geological survey said. Rescue teams searched collapsed buildings."
)
# Related to the accusation but in other words: text similarity between CLAIM_FLOOR and JOIN_THRESHOLD.
MONITORING = (
    "Selmara's intelligence bureau said it was monitoring reports of soldiers from Kestria moving toward the front."
)
# Barely related: under CLAIM_FLOOR even though the claims stage may give it the same claim.
HEARING = (
    "Lawmakers in Arnhal asked the defence minister about reports that soldiers were moving east; he said a "
    "deployment was possible."
)
DAY = datetime(2025, 3, 3, 12, 0)


def pair_similarity(first: str, second: str) -> float:
    """What the clusterer scores when ``second`` arrives after ``first`` (both in the frequencies)."""
    frequencies = DocumentFrequencies()
    a, b = term_counts(first), term_counts(second)
    frequencies.add(a)
    frequencies.add(b)
    return similarity(vectors(a, frequencies), vectors(b, frequencies))


def place(*reports: Report, clusterer: StoryClusterer | None = None) -> list[int]:
    clusterer = clusterer or StoryClusterer()
    return [clusterer.add(report) for report in reports]


def report(key: str, text: str, claims: tuple[str, ...] = (), when: datetime | None = None) -> Report:
    return Report(key, term_counts(text), frozenset(claims), when)


def test_two_clearly_different_topics_stay_apart() -> None:
    assert pair_similarity(TARIFF, QUAKE) < 0.05
    assert place(report("t", TARIFF), report("q", QUAKE)) == [0, 1]


def test_a_rewrite_joins_the_story() -> None:
    assert pair_similarity(ACCUSATION, REWRITE) > JOIN_THRESHOLD
    assert place(report("a", ACCUSATION), report("r", REWRITE)) == [0, 0]


def test_each_report_joins_its_own_topic() -> None:
    numbers = place(
        report("a", ACCUSATION), report("t", TARIFF), report("r", REWRITE), report("q", QUAKE),
        report("t2", TARIFF.replace("new tariff", "new levy")),
    )
    assert numbers == [0, 1, 0, 2, 1]


@pytest.mark.parametrize(
    ("days_apart", "same_story"),
    [
        (0, True),
        (2, True),
        (TIME_WINDOW.days, True),
        (TIME_WINDOW.days + 1, False),
        (150, False),  # the same kind of event months later is another event
        (-150, False),  # also when the older report arrives second
    ],
)
def test_time_window_keeps_the_same_kind_of_event_months_apart_separate(days_apart: int, same_story: bool) -> None:
    later = QUAKE.replace("Tuesday", "Friday")
    numbers = place(report("q1", QUAKE, when=DAY), report("q2", later, when=DAY + timedelta(days=days_apart)))
    assert (numbers[0] == numbers[1]) is same_story


def test_time_window_counts_from_the_story_s_latest_report() -> None:
    clusterer = StoryClusterer()
    step = timedelta(days=30)
    numbers = place(
        report("q1", QUAKE, when=DAY),
        report("q2", QUAKE + " Aftershocks followed.", when=DAY + step),
        report("q3", QUAKE + " Schools stayed shut.", when=DAY + 2 * step),  # 60 days after q1, 30 after q2
        clusterer=clusterer,
    )
    assert numbers == [0, 0, 0]
    assert clusterer.stories[0].last_seen == DAY + 2 * step


def test_undated_reports_are_always_candidates() -> None:
    assert place(report("q1", QUAKE, when=DAY), report("q2", QUAKE)) == [0, 0]


@pytest.mark.parametrize(
    ("claims_first", "claims_second", "joins"),
    [
        ((), (), False),
        (("c1",), ("c2",), False),
        (("c1",), ("c1",), True),  # a shared claim tips a borderline pair over the threshold
        (("c1", "c3"), ("c3", "c4"), True),
    ],
)
def test_claim_bonus_joins_a_related_report_that_shares_a_claim(claims_first, claims_second, joins: bool) -> None:
    assert CLAIM_FLOOR <= pair_similarity(ACCUSATION, MONITORING) < JOIN_THRESHOLD
    numbers = place(report("a", ACCUSATION, claims_first), report("m", MONITORING, claims_second))
    assert (numbers[0] == numbers[1]) is joins


def test_claim_bonus_needs_some_text_in_common() -> None:
    """A claim alone (the claims stage can produce "someone carried out an attack") joins nothing."""
    assert pair_similarity(ACCUSATION, HEARING) < CLAIM_FLOOR
    assert place(report("a", ACCUSATION, ("c1",)), report("h", HEARING, ("c1",))) == [0, 1]
    assert place(report("t", TARIFF, ("c1",)), report("q", QUAKE, ("c1",))) == [0, 1]


@pytest.mark.parametrize(
    ("score", "shared", "expected"),
    [
        (0.0, True, 0.0),
        (CLAIM_FLOOR - 0.01, True, CLAIM_FLOOR - 0.01),
        (CLAIM_FLOOR, True, CLAIM_FLOOR + CLAIM_BONUS),
        (0.15, False, 0.15),
        (0.15, True, 0.15 + CLAIM_BONUS),
        (0.9, True, 0.9 + CLAIM_BONUS),
    ],
)
def test_claim_boosted(score: float, shared: bool, expected: float) -> None:
    assert claim_boosted(score, shared) == pytest.approx(expected)


def test_story_records_claims_and_members() -> None:
    clusterer = StoryClusterer()
    place(
        report("a", ACCUSATION, ("c1",), DAY), report("r", REWRITE, ("c2",), DAY + timedelta(days=1)),
        clusterer=clusterer,
    )
    (story,) = clusterer.stories
    assert [member.id for member in story.reports] == ["a", "r"]
    assert story.claims == {"c1", "c2"}
    assert story.last_seen == DAY + timedelta(days=1)


def test_a_higher_threshold_splits_more() -> None:
    assert place(report("a", ACCUSATION), report("r", REWRITE), clusterer=StoryClusterer(threshold=0.99)) == [0, 1]
