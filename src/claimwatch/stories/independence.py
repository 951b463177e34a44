"""Independent origins: syndicated copies and rewrites of one wire story count once.

Two reports share an origin when (any of):
- their bodies are near-duplicates (MinHash estimate of 5-word-shingle Jaccard >= 0.5);
- they credit the same wire agency (a wire's own report credits itself) and were published within
  a day of the first report of that wire story: one wire story and its copies, not every story the
  wire files over the weeks;
- they carry the same two long direct quotes (8 words or more), which rewrites keep;
- one is a revision of the other.
The relation is closed transitively (union-find); an origin is named by its earliest report.
"""

from __future__ import annotations

from datetime import timedelta

from datasketch import LeanMinHash, MinHashLSH

from claimwatch.gazetteer import Gazetteer
from claimwatch.stories.features import MINHASH_PERMUTATIONS, MINHASH_SEED, minhash_scheme, minhash_similarity

NEAR_DUPLICATE = 0.5
SHARED_QUOTES = 2
WIRE_WINDOW = timedelta(days=1)  # a copy or rewrite of a wire story runs within a day of the original


def origins(reports: list[dict], features: dict[str, dict], gazetteer: Gazetteer) -> dict[str, str]:
    """Article id -> origin id (the earliest article of its group); ``reports`` oldest first.

    Linear in the number of reports: shared credits and quotes through an index, near-duplicate
    bodies through MinHash LSH, so a story of thousands of reports is grouped in milliseconds.
    """
    order = _order(reports)
    parent = {report["id"]: report["id"] for report in reports}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(first: str, second: str) -> None:
        a, b = find(first), find(second)
        if a != b:
            later, earlier = sorted((a, b), key=order.__getitem__, reverse=True)
            parent[later] = earlier

    for report in reports:
        if report.get("revision_of") in parent:
            union(report["id"], report["revision_of"])
    _join_wire_copies(reports, union, gazetteer)
    with_features = [r for r in reports if r["id"] in features]
    _join_shared(with_features, union, lambda report: set(features[report["id"]]["quotes"]), minimum=SHARED_QUOTES)
    _join_near_duplicates(with_features, features, union)
    return {report["id"]: find(report["id"]) for report in reports}


def _order(reports: list[dict]) -> dict[str, float]:
    """Each report's place in time: its index, but a revision always after the version it revises
    (an update usually keeps the original's publication time, so a tie must not make it the origin)."""
    index = {report["id"]: position for position, report in enumerate(reports)}
    revises = {report["id"]: report.get("revision_of") for report in reports}
    order: dict[str, float] = {}

    def place(node: str) -> float:
        if node not in order:
            previous = revises.get(node)
            order[node] = max(index[node], place(previous) + 0.5) if previous in index else index[node]
        return order[node]

    for report in reports:
        place(report["id"])
    return order


def _join_shared(reports: list[dict], union, keys_of, minimum: int) -> None:
    """Join reports that share at least ``minimum`` keys (credits, quotes)."""
    holders: dict[str, list[str]] = {}
    for report in reports:
        for key in keys_of(report):
            holders.setdefault(key, []).append(report["id"])
    if minimum == 1:
        for ids in holders.values():
            for other in ids[1:]:
                union(ids[0], other)
        return
    shared: dict[tuple[str, str], int] = {}
    for ids in holders.values():
        for i, first in enumerate(ids[:50]):  # a quote in more than 50 reports is common knowledge, not copying
            for second in ids[i + 1 : 50]:
                shared[(first, second)] = shared.get((first, second), 0) + 1
    for (first, second), count in shared.items():
        if count >= minimum:
            union(first, second)


def _join_wire_copies(reports: list[dict], union, gazetteer: Gazetteer) -> None:
    """Join reports crediting the same wire within ``WIRE_WINDOW`` of the first report of that wire story."""
    anchors: dict[str, tuple] = {}  # agency -> (time, id) of the first report of its current wire story
    for report in reports:
        when = report.get("published_utc") or report.get("ingested_at")
        for agency in wire_credits(report, gazetteer):
            anchor = anchors.get(agency)
            if anchor is not None and (when is None or anchor[0] is None or abs(when - anchor[0]) <= WIRE_WINDOW):
                union(anchor[1], report["id"])
            else:
                anchors[agency] = (when, report["id"])


def _join_near_duplicates(reports: list[dict], features: dict[str, dict], union) -> None:
    index = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=MINHASH_PERMUTATIONS)
    scheme = minhash_scheme()
    for report in reports:
        values = features[report["id"]]["minhash"]
        if len(values) != MINHASH_PERMUTATIONS:
            continue
        signature = LeanMinHash(seed=MINHASH_SEED, hashvalues=values, scheme=scheme)
        for match in index.query(signature):
            if minhash_similarity(tuple(values), tuple(features[match]["minhash"])) >= NEAR_DUPLICATE:
                union(match, report["id"])
        index.insert(report["id"], signature)


def wire_credits(report: dict, gazetteer: Gazetteer) -> set[str]:
    """The wire agencies a report credits, including the outlet itself when it is a wire."""
    credited = set(report.get("agencies") or [])
    outlet = gazetteer.outlet(report["outlet"]) if report.get("outlet") else None
    if outlet is not None and outlet.kind == "wire_agency":
        credited.add(outlet.name)
    return credited
