"""FNC-1 files (headline, body, stance) and the development split carved from the training data.

The split is by headline: a hash of the normalised headline puts every pair of that headline on
the same side, so no claim is seen both in training and in development. Bodies are not split by
default (FNC-1 has 1,683 training bodies for 1,648 headlines, nearly every body is paired with
headlines on both sides); ``SplitRule(disjoint_bodies=True)`` also keeps bodies apart, and
``SplitRule(disjoint_stories=True)`` keeps whole stories apart (a story: the headlines and bodies
linked by related pairs), the estimate closest to FNC-1's official test, whose stories are all new.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from claimwatch.errors import Errors, InputError

STANCES = ("agree", "disagree", "discuss", "unrelated")
RELATED_STANCES = ("agree", "disagree", "discuss")
TRAIN_BODIES, TRAIN_STANCES = "train_bodies.csv", "train_stances.csv"
BODY_COLUMNS = ("Body ID", "articleBody")
STANCE_COLUMNS = ("Headline", "Body ID", "Stance")
_HASH_BUCKETS = 10_000

# User-facing messages of this module (to move into claimwatch.errors with codes).


@dataclass(frozen=True)
class StancePair:
    headline: str
    body_id: str
    body: str
    stance: str


def _rows(path: Path, required: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise InputError(str(path), Errors.E601.format(expected=", ".join(required)))
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise InputError(str(path), Errors.E602.format(columns=", ".join(missing), header=", ".join(required)))
        for row in reader:
            yield reader.line_num, row


def read_bodies(path: Path) -> dict[str, str]:
    """Body ID -> article body."""
    return {row["Body ID"].strip(): row["articleBody"] or "" for _, row in _rows(path, BODY_COLUMNS)}


def read_pairs(bodies_path: Path, stances_path: Path) -> list[StancePair]:
    """Labelled pairs of an FNC-1 bodies file and stances file (the Stance column is required)."""
    bodies = read_bodies(bodies_path)
    pairs = []
    for line, row in _rows(stances_path, STANCE_COLUMNS):
        stance, body_id = (row["Stance"] or "").strip().lower(), (row["Body ID"] or "").strip()
        if stance not in STANCES:
            message = Errors.E603.format(line=line, stance=stance, stances=", ".join(STANCES))
            raise InputError(str(stances_path), message)
        if body_id not in bodies:
            raise InputError(str(stances_path), Errors.E604.format(line=line, body_id=body_id, bodies=bodies_path))
        pairs.append(StancePair(row["Headline"] or "", body_id, bodies[body_id], stance))
    if not pairs:
        raise InputError(str(stances_path), Errors.E605)
    return pairs


def read_fnc1_training(folder: Path) -> list[StancePair]:
    return read_pairs(folder / TRAIN_BODIES, folder / TRAIN_STANCES)


def fingerprint(paths: Iterable[Path]) -> str:
    """SHA-256 over the bytes of the files, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _bucket(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % _HASH_BUCKETS


def normalised_headline(headline: str) -> str:
    return " ".join(headline.lower().split())


@dataclass(frozen=True)
class SplitRule:
    """Which pairs are development pairs: ``dev_fraction`` of headlines (and bodies, when disjoint)."""

    dev_fraction: float = 0.2
    disjoint_bodies: bool = False
    disjoint_stories: bool = False

    def is_dev_headline(self, headline: str) -> bool:
        return _bucket("headline:" + normalised_headline(headline)) < self.dev_fraction * _HASH_BUCKETS

    def is_dev_body(self, body_id: str) -> bool:
        return _bucket("body:" + body_id.strip()) < self.dev_fraction * _HASH_BUCKETS

    def side(self, pair: StancePair) -> str | None:
        """"train", "dev", or None for a pair that crosses sides under disjoint bodies (dropped)."""
        dev_headline = self.is_dev_headline(pair.headline)
        if not self.disjoint_bodies:
            return "dev" if dev_headline else "train"
        dev_body = self.is_dev_body(pair.body_id)
        if dev_headline == dev_body:
            return "dev" if dev_headline else "train"
        return None

    def split(self, pairs: list[StancePair]) -> tuple[list[StancePair], list[StancePair]]:
        sides = self._story_sides(pairs) if self.disjoint_stories else [self.side(pair) for pair in pairs]
        train = [pair for pair, side in zip(pairs, sides, strict=True) if side == "train"]
        dev = [pair for pair, side in zip(pairs, sides, strict=True) if side == "dev"]
        return train, dev

    def _story_sides(self, pairs: list[StancePair]) -> list[str | None]:
        story = _stories(pairs)
        sides = []
        for pair in pairs:
            dev_headline = self.is_dev_story(story["headline:" + normalised_headline(pair.headline)])
            dev_body = self.is_dev_story(story["body:" + pair.body_id.strip()])
            sides.append(None if dev_headline != dev_body else "dev" if dev_headline else "train")
        return sides

    def is_dev_story(self, key: str) -> bool:
        return _bucket("story:" + key) < self.dev_fraction * _HASH_BUCKETS

    def to_json(self) -> dict:
        if self.disjoint_stories:
            rule = (
                "stories = connected headlines and Body IDs of related pairs, named by their smallest Body ID; "
                f"sha256 of 'story:' + name, first 8 bytes big-endian mod {_HASH_BUCKETS} < dev_fraction * "
                f"{_HASH_BUCKETS} -> dev; pairs whose headline and body stories are on different sides dropped"
            )
        else:
            rule = (
                "sha256 of 'headline:' + lower-cased, space-collapsed headline, first 8 bytes big-endian "
                f"mod {_HASH_BUCKETS} < dev_fraction * {_HASH_BUCKETS} -> dev"
                + ("; same with 'body:' + Body ID, pairs crossing sides dropped" if self.disjoint_bodies else "")
            )
        return {**asdict(self), "rule": rule}

    @classmethod
    def from_json(cls, data: dict) -> SplitRule:
        return cls(
            dev_fraction=float(data["dev_fraction"]),
            disjoint_bodies=bool(data["disjoint_bodies"]),
            disjoint_stories=bool(data.get("disjoint_stories", False)),
        )


def _stories(pairs: list[StancePair]) -> dict[str, str]:
    """'headline:...' and 'body:...' keys -> the name of their story (its smallest Body ID, or the key itself)."""
    keys = [("headline:" + normalised_headline(pair.headline), "body:" + pair.body_id.strip()) for pair in pairs]
    index = {key: row for row, key in enumerate(dict.fromkeys(key for pair in keys for key in pair))}
    related = [(index[headline], index[body]) for (headline, body), pair in zip(keys, pairs, strict=True)
               if pair.stance != "unrelated"]
    rows, columns = zip(*related, strict=True) if related else ((), ())
    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(index), len(index)))
    _, component_of = connected_components(graph, directed=False)
    members: dict[int, list[str]] = {}
    for key, row in index.items():
        members.setdefault(int(component_of[row]), []).append(key)
    story = {}
    for component in members.values():
        bodies = sorted(key.removeprefix("body:") for key in component if key.startswith("body:"))
        story.update(dict.fromkeys(component, bodies[0] if bodies else min(component)))
    return story
