"""Name recognition on KLUE NER (Korean): persons (PS), organisations (OG) and locations (LC).

Data: ``klue_benchmark/klue-ner-v1.1/klue-ner-v1.1_dev.tsv`` under the given folder, one character
and its BIO tag a row, sentences separated by blank lines, each headed by a ``## <id>`` line.
KLUE's test set is not public, so its dev set is halved here: sentences with an even position are
``tune`` (rules were adjusted on them), odd ones ``test`` (reported). Entities are scored exactly
(same type, same characters), micro-averaged per type; DT, TI and QT are not names and are left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from claimwatch.errors import Errors, StoreError
from claimwatch.eval.metrics import counted_scores
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.nlp.ko import korean_names

TYPES = ("PS", "OG", "LC")
KLUE_FILE = Path("klue_benchmark") / "klue-ner-v1.1" / "klue-ner-v1.1_dev.tsv"


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    text: str
    entities: frozenset[tuple[int, int, str]]


def read_klue(folder: str | Path) -> list[Sentence]:
    path = Path(folder) / KLUE_FILE
    if not path.is_file():
        raise StoreError(Errors.E302.format(path=folder, missing=KLUE_FILE))
    sentences = []
    for block in path.read_text("utf-8").split("\n\n"):
        lines = [line for line in block.split("\n") if line]
        header = next((line for line in lines if line.startswith("## klue")), None)
        rows = [line.split("\t") for line in lines if not line.startswith("##")]
        if header is None or not rows:
            continue
        text = "".join(char for char, _ in rows)
        sentences.append(Sentence(header[3:].split("\t")[0], text, frozenset(_spans([tag for _, tag in rows]))))
    return sentences


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans, start, kind = [], None, None
    for index, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
            spans.append((start, index, kind))
            start = kind = None
        if tag.startswith("B-") and tag[2:] in TYPES:
            start, kind = index, tag[2:]
    return spans


def evaluate_klue(folder: str | Path, half: str = "test", gazetteer: Gazetteer | None = None) -> dict:
    """Precision, recall and F1 per type and overall on one half of KLUE NER dev."""
    gazetteer = gazetteer or load_gazetteer()
    sentences = [s for i, s in enumerate(read_klue(folder)) if (i % 2 == 0) == (half == "tune")]
    counts = {kind: Counter() for kind in TYPES}
    for sentence in sentences:
        found = {(n.start, n.end, n.kind) for n in korean_names(sentence.text, gazetteer)}
        for kind in TYPES:
            gold = {e for e in sentence.entities if e[2] == kind}
            predicted = {e for e in found if e[2] == kind}
            counts[kind].update(tp=len(gold & predicted), fp=len(predicted - gold), fn=len(gold - predicted))
    result = {kind: _prf(counts[kind]) for kind in TYPES}
    result["overall"] = _prf(sum(counts.values(), Counter()))
    return {"dataset": "KLUE NER v1.1 dev", "half": half, "sentences": len(sentences), "scores": result}


def _prf(count: Counter) -> dict:
    scores = counted_scores(count["tp"], count["fp"], count["fn"])
    return {"precision": scores["p"], "recall": scores["r"], "f1": scores["f1"], "gold": scores["gold"]}
