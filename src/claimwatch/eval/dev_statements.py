"""Hand-labelled dev sets of attributed statements in other languages (``tests/data/slavic/*_dev.toml``).

Each article runs through the per-article stages: extract, then the pipeline of its detected
language (``stance.languages.analyse``: statements and stance). A gold statement is found when a predicted one's
content overlaps its content; it then counts for the speaker when the predicted speaker entity
is the gold one (case, dots and ё/е aside) and for the act when the acts agree.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from claimwatch.extract import extract_article
from claimwatch.gazetteer import Gazetteer
from claimwatch.gazetteer.model import name_key
from claimwatch.records import Assessment, SourceDocument, SourceHints, Statement
from claimwatch.stance.languages import analyse


@dataclass
class ArticleScore:
    id: str
    gold: int
    found: int = 0
    speaker: int = 0
    act: int = 0
    misses: list[dict] = field(default_factory=list)

    def to_json(self, *, with_misses: bool = False) -> dict:
        data = {"id": self.id, "gold": self.gold, "found": self.found, "speaker": self.speaker, "act": self.act}
        if with_misses:
            data["misses"] = self.misses
        return data


def load_dev_set(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text("utf-8"))["article"]


def score_dev_set(path: Path, gazetteer: Gazetteer, *, with_misses: bool = False) -> dict:
    articles = []
    for item in load_dev_set(path):
        article = extract_article(dev_document(item), gazetteer)
        statements, assessments = analyse(article, gazetteer)
        articles.append(score_article(item, article.body, statements, assessments))
    articles_json = [a.to_json(with_misses=with_misses) for a in articles]
    total = {key: sum(a[key] for a in articles_json) for key in ("gold", "found", "speaker", "act")}
    return {"articles": articles_json, "total": total}


def dev_document(item: dict) -> SourceDocument:
    """The article of a dev set entry, as the ingest stage would hand it over."""
    text = f"{item['title']}\n\n{item['text'].strip()}\n"  # as copied from a page: the headline first
    hints = SourceHints(title=item.get("title"), published=item.get("published"), outlet=item.get("outlet"))
    return SourceDocument(f"dev:{item['id']}", "text", text, text.encode("utf-8"), "utf-8", hints)


def score_article(
    item: dict, body: str, statements: list[Statement], assessments: list[Assessment]
) -> ArticleScore:
    acts = {a.statement_id: a for a in assessments}
    available = list(statements)
    score = ArticleScore(item["id"], len(item["statement"]))
    for gold in item["statement"]:
        start = body.find(gold["content"])
        match = _best_overlap(available, start, start + len(gold["content"])) if start >= 0 else None
        if match is None:
            score.misses.append({"gold": gold, "predicted": None})
            continue
        available.remove(match)
        score.found += 1
        speaker_right = same_speaker(match.speaker.entity, gold["speaker"])
        assessment: Assessment | None = acts.get(match.id)
        act_right = assessment is not None and assessment.act == gold["act"]
        score.speaker += speaker_right
        score.act += act_right
        if not (speaker_right and act_right):
            score.misses.append({
                "gold": gold,
                "predicted": {
                    "speaker": match.speaker.entity,
                    "cue": match.cue.text if match.cue else None,
                    "act": assessment.act if assessment else None,
                    "content": match.content.text,
                },
            })
    return score


def same_speaker(predicted: str | None, gold: str) -> bool:
    def key(name: str) -> str:
        return name_key(name.replace("ё", "е").replace("Ё", "Е"))

    return predicted is not None and key(predicted) == key(gold)


def _best_overlap(statements: list[Statement], start: int, end: int) -> Statement | None:
    best, best_overlap = None, 0
    for statement in statements:
        overlap = min(end, statement.content.end) - max(start, statement.content.start)
        if overlap > best_overlap:
            best, best_overlap = statement, overlap
    return best


__all__ = ["dev_document", "load_dev_set", "same_speaker", "score_article", "score_dev_set"]
