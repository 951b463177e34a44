"""Positions against hand-labelled gold: who backs and who denies each claim.

The corpus is ingested into a temporary store, each gold claim is added as a watch, and the
voices the positions put on each side are compared with the gold voices. When a gold claim lists
the articles its labeller read (``article_ids``), voices heard only in other articles are not
scored (they are listed as ``unlisted`` in the claim's details): nobody labelled them. A predicted voice
matches a gold voice when its canonical name equals, or contains as whole words, the gold name
or one of its aliases (an exact match wins over a containing one, a longer name over a shorter).
Precision counts the predicted voices on a side that match a gold voice of that side; recall the
gold voices of a side matched by a predicted voice on it; a flip is a predicted voice on the
opposite side of its gold voice. Gold format: docs/positions.md.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from claimwatch.errors import Errors, InputError
from claimwatch.gazetteer import Gazetteer
from claimwatch.gazetteer.model import name_key
from claimwatch.store import Store

SIDES = ("backs", "denies")
STANCES = ("backs", "denies", "neutral")


@dataclass
class SideCounts:
    predicted: int = 0
    correct: int = 0  # predicted voices matching a gold voice of this side
    gold: int = 0
    found: int = 0  # gold voices of this side matched by a predicted voice on it

    def scores(self) -> dict:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


@dataclass
class PositionScores:
    claims: int
    sides: dict[str, SideCounts]
    flips: list[dict]
    per_claim: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict:
        backs, denies = self.sides["backs"].scores(), self.sides["denies"].scores()
        return {
            "claims": self.claims,
            "backs": backs,
            "denies": denies,
            "macro_f1": round((backs["f1"] + denies["f1"]) / 2, 4),
            "flips": len(self.flips),
            "flipped": self.flips,
            "per_claim": self.per_claim,
            "seconds": round(self.seconds, 1),
        }


def load_gold(path: Path) -> list[dict]:
    """Gold claims, one JSON object a line; a malformed line is an error naming the file and line."""
    claims = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), Errors.E003.format(reason=error.strerror or error)) from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            _check(item)
        except (json.JSONDecodeError, ValueError) as error:
            raise InputError(str(path), Errors.E303.format(line=number, reason=error)) from error
        claims.append(item)
    return claims


def _check(item: dict) -> None:
    if not isinstance(item.get("claim"), str) or not isinstance(item.get("voices"), list):
        raise ValueError("needs a claim and a list of voices")
    for voice in item["voices"]:
        if not isinstance(voice.get("voice"), str) or voice.get("stance") not in STANCES:
            raise ValueError("each voice needs a name and a stance (backs, denies or neutral)")


def evaluate_positions(
    gold_path: Path, corpus: list[str], gazetteer: Gazetteer | None = None, watches: list[str] | None = None
) -> PositionScores:
    """``watches``: score only the gold claims with these ``watch`` ids (a held-back half, say)."""
    from claimwatch import api

    started = time.perf_counter()
    gold = [item for item in load_gold(gold_path) if not watches or item.get("watch") in watches]
    sides = {side: SideCounts() for side in SIDES}
    flips: list[dict] = []
    per_claim = []
    with tempfile.TemporaryDirectory(prefix="claimwatch-positions-") as folder, Store(
        str(Path(folder) / "eval.db")
    ) as store:
        api.ingest(store, corpus, gazetteer=gazetteer)
        for item in gold:
            watch = api.add_watch(store, item["claim"], gazetteer)
            predicted = api.positions(store, watch["id"], gazetteer)["positions"]
            read = _statements_read(store, item.get("article_ids") or [])
            unlisted = [p["voice"] for p in predicted if read is not None and not read & set(p["statements"])]
            predicted = [p for p in predicted if p["voice"] not in unlisted]
            outcome = score_claim(item, predicted, sides)
            outcome["unlisted"] = unlisted
            flips += outcome["flipped"]
            per_claim.append(outcome)
    return PositionScores(len(gold), sides, flips, per_claim, time.perf_counter() - started)


def _statements_read(store: Store, gold_articles: list[str]) -> set[str] | None:
    """Ids of the statements in the articles the labeller read (gold ``article_ids``: a store id, or
    a record id or file name that the article's URL or source contains); None when the gold lists none."""
    if not gold_articles:
        return None
    ids = [
        article["id"]
        for article in store.list_articles()
        if any(g == article["id"] or g in (article.get("url") or "") or (article.get("source") or "").endswith(g)
               for g in gold_articles)
    ]
    return {s["id"] for s in store.list_statements(article_ids=ids)} if ids else set()


def score_claim(item: dict, predicted: list[dict], sides: dict[str, SideCounts]) -> dict:
    """Adds one claim's counts to ``sides``; returns what was matched, missed and flipped."""
    gold_voices = item["voices"]
    matched = {p["voice"]: match_voice(p["voice"], gold_voices) for p in predicted}
    flipped, extra = [], []
    for side in SIDES:
        on_side = [p for p in predicted if p["stance"] == side]
        sides[side].predicted += len(on_side)
        for position in on_side:
            gold = matched[position["voice"]]
            if gold is not None and gold["stance"] == side:
                sides[side].correct += 1
            elif gold is not None and gold["stance"] in SIDES:
                flipped.append({"watch": item.get("watch"), "voice": position["voice"], "gold": gold["voice"],
                                "predicted": side})
            else:
                extra.append({"voice": position["voice"], "predicted": side,
                              "gold": gold["stance"] if gold else None})
        gold_side = [g for g in gold_voices if g["stance"] == side]
        sides[side].gold += len(gold_side)
        sides[side].found += sum(
            1 for g in gold_side if any(matched[p["voice"]] is g for p in on_side)
        )
    missed = [
        g["voice"] for g in gold_voices
        if g["stance"] in SIDES and not any(matched[p["voice"]] is g and p["stance"] == g["stance"] for p in predicted)
    ]
    found = [{"voice": p["voice"], "predicted": p["stance"], "gold": matched[p["voice"]]["stance"]
              if matched[p["voice"]] else None} for p in predicted]
    return {"watch": item.get("watch"), "claim": item["claim"], "missed": missed, "extra": extra, "flipped": flipped,
            "predicted": found}


def match_voice(name: str, gold_voices: list[dict]) -> dict | None:
    """The gold voice a predicted canonical name stands for: equal first, then containing, longest first."""
    predicted = name_key(name)
    best: tuple[int, int, dict] | None = None
    for gold in gold_voices:
        for label in (gold["voice"], *gold.get("aliases", ())):
            key = name_key(label)
            if not key:
                continue
            if predicted == key:
                rank = (1, len(key))
            elif re.search(rf"(?<!\w){re.escape(key)}(?!\w)", predicted):
                rank = (0, len(key))
            else:
                continue
            if best is None or rank > best[:2]:
                best = (*rank, gold)
    return best[2] if best else None

