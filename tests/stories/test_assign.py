"""Grouping reports into stories: the one rule ingest and ``claimwatch eval clustering`` run, over a store."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from claimwatch.records import Article, Paragraph
from claimwatch.store import Store, story_rows
from claimwatch.stories.assign import (
    CANDIDATE_LIMIT,
    CLAIM_BONUS,
    CLAIM_FLOOR,
    JOIN_THRESHOLD,
    TIME_WINDOW,
    assign_stories,
    blend,
    claim_boosted,
    salient,
)
from claimwatch.stories.features import article_features
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


Report = tuple[str, str, tuple[str, ...], datetime | None]  # key, text, claims, date


def report(key: str, text: str, claims: tuple[str, ...] = (), when: datetime | None = None) -> Report:
    return key, text, claims, when


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "stories.db")) as opened:
        yield opened


@pytest.fixture
def place(store, monkeypatch):
    """Store each report, assign it as ingest does; returns each report's story as a number (0 = first)."""
    claims_of: dict[str, set[str]] = {}

    def story_claims(_conn, story_ids):
        members = {sid: ids for sid, ids in story_rows.story_members(_conn).items() if sid in story_ids}
        return {sid: set().union(*(claims_of.get(i, set()) for i in ids)) for sid, ids in members.items()}

    # The claims stage is not run here: each report's claims are given.
    monkeypatch.setattr(story_rows, "article_claims", lambda _conn, article_id: claims_of.get(article_id, set()))
    monkeypatch.setattr(story_rows, "story_claims", story_claims)

    def run(*reports: Report, threshold: float = JOIN_THRESHOLD) -> list[int]:
        ids = []
        for key, text, claims, when in reports:
            article = Article(
                id=hashlib.sha256(key.encode()).hexdigest()[:16], source=key, format="text", body=text,
                paragraphs=(Paragraph(0, len(text)),), raw=text.encode(), published=when.isoformat() if when else None,
            )
            claims_of[article.id] = set(claims)
            store.add_article(article, features=article_features(article).to_row())
            assign_stories(store, threshold)
            ids.append(article.id)
        story_of = {aid: story["id"] for story in store.stories() for aid in story["article_ids"]}
        numbers: dict[str, int] = {}
        return [numbers.setdefault(story_of[aid], len(numbers)) for aid in ids]

    return run


def test_two_clearly_different_topics_stay_apart(place) -> None:
    assert pair_similarity(TARIFF, QUAKE) < 0.05
    assert place(report("t", TARIFF), report("q", QUAKE)) == [0, 1]


def test_a_rewrite_joins_the_story(place) -> None:
    assert pair_similarity(ACCUSATION, REWRITE) > JOIN_THRESHOLD
    assert place(report("a", ACCUSATION), report("r", REWRITE)) == [0, 0]


def test_each_report_joins_its_own_topic(place) -> None:
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
def test_time_window_keeps_the_same_kind_of_event_months_apart_separate(place, days_apart, same_story) -> None:
    later = QUAKE.replace("Tuesday", "Friday")
    numbers = place(report("q1", QUAKE, when=DAY), report("q2", later, when=DAY + timedelta(days=days_apart)))
    assert (numbers[0] == numbers[1]) is same_story


def test_time_window_counts_from_the_story_s_latest_report(place, store) -> None:
    step = timedelta(days=30)
    numbers = place(
        report("q1", QUAKE, when=DAY),
        report("q2", QUAKE + " Aftershocks followed.", when=DAY + step),
        report("q3", QUAKE + " Schools stayed shut.", when=DAY + 2 * step),  # 60 days after q1, 30 after q2
    )
    assert numbers == [0, 0, 0]
    (story,) = store.stories()
    assert (story["first_seen"], story["last_seen"]) == (DAY, DAY + 2 * step)


def test_undated_reports_count_from_their_ingest_time(place, store) -> None:
    now = datetime.now()
    assert place(report("q1", QUAKE), report("q2", QUAKE + " Aftershocks followed.", when=now)) == [0, 0]
    place(report("q3", QUAKE + " Schools stayed shut.", when=DAY))  # years before now: another story
    assert len(store.stories()) == 2


@pytest.mark.parametrize(
    ("claims_first", "claims_second", "joins"),
    [
        ((), (), False),
        (("c1",), ("c2",), False),
        (("c1",), ("c1",), True),  # a shared claim tips a borderline pair over the threshold
        (("c1", "c3"), ("c3", "c4"), True),
    ],
)
def test_claim_bonus_joins_a_related_report_that_shares_a_claim(place, claims_first, claims_second, joins) -> None:
    assert CLAIM_FLOOR <= pair_similarity(ACCUSATION, MONITORING) < JOIN_THRESHOLD
    numbers = place(report("a", ACCUSATION, claims_first), report("m", MONITORING, claims_second))
    assert (numbers[0] == numbers[1]) is joins


def test_claim_bonus_needs_some_text_in_common(place) -> None:
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


def test_story_records_members_dates_and_its_term_index(place, store) -> None:
    place(report("a", ACCUSATION, when=DAY), report("r", REWRITE, when=DAY + timedelta(days=1)))
    with store.transaction() as conn:
        assert story_rows.count_documents(conn) == 2
    (story,) = store.stories()
    assert len(story["article_ids"]) == 2
    assert story["size"] == 2
    assert story["last_seen"] == DAY + timedelta(days=1)
    with store.transaction() as conn:
        found = story_rows.candidate_stories(conn, DAY, TIME_WINDOW, {"names": ["Vantosh"]}, CANDIDATE_LIMIT)
        unrelated = story_rows.candidate_stories(conn, DAY, TIME_WINDOW, {"words": ["harbour"]}, CANDIDATE_LIMIT)
    assert [s["id"] for s in found] == [story["id"]]
    assert unrelated == []


def test_a_report_sharing_no_salient_term_is_not_compared(place) -> None:
    """Candidates come from the term index, not from a scan of every story in the window."""
    assert place(report("t", TARIFF, when=DAY), report("q", QUAKE, when=DAY)) == [0, 1]


def test_a_higher_threshold_splits_more(place) -> None:
    assert place(report("a", ACCUSATION), report("r", REWRITE), threshold=0.99) == [0, 1]


def test_a_revision_joins_the_story_of_the_version_it_revises(store) -> None:
    first = Article(id="a" * 16, source="s", format="text", body=ACCUSATION, paragraphs=(Paragraph(0, 10),),
                    raw=b"x", url="https://example.test/a", published=DAY.isoformat())
    second = Article(id="b" * 16, source="s", format="text", body=TARIFF, paragraphs=(Paragraph(0, 10),),
                     raw=b"y", url="https://example.test/a", published=DAY.isoformat())
    for article in (first, second):
        store.add_article(article, features=article_features(article).to_row())
        assign_stories(store)
    (story,) = store.stories()
    assert sorted(story["article_ids"]) == [first.id, second.id]


@pytest.mark.parametrize(
    ("centroid", "vector", "size", "expected"),
    [
        ({}, {"a": 1.0}, 0, {"a": 1.0}),
        ({"a": 1.0}, {"b": 1.0}, 1, {"a": 0.5, "b": 0.5}),
        ({"a": 0.6, "b": 0.3}, {"a": 0.9}, 2, {"a": 0.7, "b": 0.2}),
    ],
)
def test_blend_is_the_running_mean(centroid, vector, size, expected) -> None:
    assert blend(centroid, vector, size) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("vector", "count", "expected"),
    [({"b": 0.5, "a": 0.5, "c": 0.9}, 2, ["c", "a"]), ({}, 3, []), ({"x": 0.1}, 3, ["x"])],
)
def test_salient_terms_strongest_first_ties_by_term(vector, count, expected) -> None:
    assert salient(vector, count) == expected
