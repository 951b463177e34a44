"""Incremental grouping: each new report joins the story it is most similar to, or starts one.

A report's similarity to a story is its mean similarity to the story's reports (average
link), plus a bonus when they share a claim and their texts already have something in common
(similarity >= ``CLAIM_FLOOR``: a claim alone, often as vague as "someone carried out an
attack", must not join unrelated reports); stories whose last report is older than the
time window are not candidates, so the same kind of event months apart stays apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from claimwatch.stories.similarity import DocumentFrequencies, TermCounts, Vectors, similarity, vectors

JOIN_THRESHOLD = 0.19  # robust on both halves of ECB+ topics 1-35 (odd and even), see docs/evaluation.md
CLAIM_BONUS = 0.25
CLAIM_FLOOR = 0.1  # the text similarity below which a shared claim earns no bonus
TIME_WINDOW = timedelta(days=45)


@dataclass
class Report:
    """What the clusterer needs of one report."""

    id: str
    counts: TermCounts
    claims: frozenset[str] = frozenset()
    when: datetime | None = None


@dataclass
class Story:
    id: int
    reports: list[Report] = field(default_factory=list)
    claims: set[str] = field(default_factory=set)
    last_seen: datetime | None = None
    centroid: Vectors | None = None  # mean of the reports' vectors: its dot product is the average link


REFRESH_GROWTH = 1.1  # recompute vectors when the collection has grown by 10% since the last time


class StoryClusterer:
    def __init__(self, threshold: float = JOIN_THRESHOLD, window: timedelta = TIME_WINDOW) -> None:
        self.threshold = threshold
        self.window = window
        self.frequencies = DocumentFrequencies()
        self.stories: list[Story] = []
        self._vectors: dict[str, Vectors] = {}
        self._refreshed_at = 0

    def add(self, report: Report) -> int:
        """Place a report; returns its story's number."""
        self.frequencies.add(report.counts)
        self._refresh_if_stale()
        mine = vectors(report.counts, self.frequencies)
        best, best_score = self.best_story(report, mine)
        if best is None or best_score < self.threshold:
            best = Story(len(self.stories))
            self.stories.append(best)
        best.reports.append(report)
        self._vectors[report.id] = mine
        best.centroid = _mean([self._vectors[r.id] for r in best.reports])
        best.claims.update(report.claims)
        if report.when and (best.last_seen is None or report.when > best.last_seen):
            best.last_seen = report.when
        return best.id

    def best_story(self, report: Report, mine: Vectors) -> tuple[Story | None, float]:
        best, best_score = None, 0.0
        for story in self.stories:
            if not self._in_window(story, report):
                continue
            score = claim_boosted(similarity(mine, story.centroid), bool(report.claims & story.claims))
            if score > best_score:
                best, best_score = story, score
        return best, best_score

    def _refresh_if_stale(self) -> None:
        """IDF drifts as reports arrive; re-weigh stored vectors now and then, not at every report."""
        if self.frequencies.documents < self._refreshed_at * REFRESH_GROWTH:
            return
        self._refreshed_at = self.frequencies.documents
        for story in self.stories:
            for report in story.reports:
                self._vectors[report.id] = vectors(report.counts, self.frequencies)
            story.centroid = _mean([self._vectors[r.id] for r in story.reports])

    def _in_window(self, story: Story, report: Report) -> bool:
        if story.last_seen is None or report.when is None:
            return True
        return abs(report.when - story.last_seen) <= self.window


def claim_boosted(score: float, shared_claim: bool) -> float:
    """The text similarity plus the claim bonus, when the texts are close enough for it to count."""
    return score + CLAIM_BONUS if shared_claim and score >= CLAIM_FLOOR else score


def _mean(members: list[Vectors]) -> Vectors:
    return Vectors(_mean_dict([m.words for m in members]), _mean_dict([m.names for m in members]))


def _mean_dict(dicts: list[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for vector in dicts:
        for term, value in vector.items():
            total[term] = total.get(term, 0.0) + value
    return {term: value / len(dicts) for term, value in total.items()}
