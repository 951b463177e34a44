"""Hand-labelled dev sets of attributed statements, in any language the pipeline reads.

A dev set folder holds article files and ``gold.json``:
``{"gazetteer": "sample" | "builtin", "articles": {FILE: [{"speaker", "cue", "act", "content", "said_on"?}]}}``.
Each gold statement is matched to the found statement whose cue begins like the gold cue
(one is a prefix of the other: 지시했다 / 지시했다고) and whose content contains the gold content
words. Scores per article and overall: found (a match exists), speaker (the match's resolved
entity is the gold speaker), act, and said_on where the gold gives a day. An unmatched gold
statement counts as wrong for every measure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from claimwatch.api import sample_gazetteer
from claimwatch.extract import extract_article
from claimwatch.gazetteer import load_gazetteer
from claimwatch.ingest import decode_input
from claimwatch.records import Assessment, Statement
from claimwatch.statements.languages import analyse


@dataclass
class ArticleScore:
    name: str
    language: str | None
    gold: int = 0
    found: int = 0
    speaker: int = 0
    act: int = 0
    dated: int = 0
    said_on: int = 0
    misses: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {k: v for k, v in vars(self).items()}


def score_devset(folder: str | Path) -> list[ArticleScore]:
    folder = Path(folder)
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    gazetteer = sample_gazetteer() if gold.get("gazetteer") == "sample" else load_gazetteer()
    scores = []
    for name, labelled in gold["articles"].items():
        path = folder / name
        (document,) = decode_input(str(path), path.read_bytes())
        article = extract_article(document, gazetteer)
        statements, assessments = analyse(article, gazetteer)
        acts = {a.statement_id: a for a in assessments}
        score = ArticleScore(name, article.language)
        for item in labelled:
            _score_one(score, item, statements, acts)
        scores.append(score)
    return scores


def _score_one(score: ArticleScore, item: dict, statements: list[Statement], acts: dict[str, Assessment]) -> None:
    score.gold += 1
    score.dated += "said_on" in item
    match = next(
        (
            s for s in statements
            if s.cue and (s.cue.text.startswith(item["cue"]) or item["cue"].startswith(s.cue.text))
            and item["content"] in s.content.text
        ),
        None,
    )
    if match is None:
        score.misses.append({"gold": item, "found": None})
        return
    score.found += 1
    act = acts[match.id].act
    right_speaker = match.speaker.entity == item["speaker"]
    score.speaker += right_speaker
    score.act += act == item["act"]
    right_day = "said_on" in item and match.said_on is not None and match.said_on.start == item["said_on"]
    score.said_on += right_day
    if not right_speaker or act != item["act"] or ("said_on" in item and not right_day):
        found = {"speaker": match.speaker.entity, "act": act, "said_on": match.said_on.start if match.said_on else None}
        score.misses.append({"gold": item, "found": found})


def summary(scores: list[ArticleScore]) -> dict:
    keys = ("gold", "found", "speaker", "act", "dated", "said_on")
    total = {key: sum(getattr(s, key) for s in scores) for key in keys}
    return {"articles": [s.to_json() for s in scores], "total": total}
