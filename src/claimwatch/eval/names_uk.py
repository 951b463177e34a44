"""Ukrainian name recognition on NER-UK 2.0 (lang-uk): people, organisations and places.

Data: ``v2.0/data/{bruk,ng}/<id>.txt`` (tokenized text) with ``<id>.ann`` (brat standoff, tab
separated: ``Tn<TAB>TYPE<TAB>start<TAB>end<TAB>surface``; a surface may run over a line break, so
spans are read by offset) and ``v2.0/data/dev-test-split.txt`` ("DEV" ids, a blank line, "TEST"
ids). Tune on DEV only; TEST is reported.

Scored: the names ``nlp.uk.parse`` finds (``PER``, ``ORG``, ``LOC``) against gold ``PERS``, ``ORG``
and ``LOC``; a prediction is right when its span and type are exactly the gold's. Other gold types
(JOB, DATE, ...) are neither targets nor errors. Precision, recall and F1 per type and micro-averaged.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from claimwatch.errors import Errors, StoreError
from claimwatch.eval.metrics import counted_scores

TYPES = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"}
LABELS = ("PER", "ORG", "LOC")


def read_split(folder: Path) -> dict[str, list[str]]:
    path = folder / "v2.0" / "data" / "dev-test-split.txt"
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as error:
        raise StoreError(Errors.E302.format(path=folder, missing="v2.0/data/dev-test-split.txt")) from error
    split: dict[str, list[str]] = {"dev": [], "test": []}
    current = None
    for line in (line.strip() for line in lines):
        if line.upper() in ("DEV", "TEST"):
            current = line.lower()
        elif line and current:
            split[current].append(line)
    return split


def read_gold(text: str, annotations: str) -> set[tuple[int, int, str]]:
    gold = set()
    for line in annotations.splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 4 or parts[1] not in TYPES:
            continue
        gold.add((int(parts[2]), int(parts[3]), TYPES[parts[1]]))
    return gold


@dataclass
class NameScores:
    split: str
    texts: int = 0
    counts: dict[str, Counter] = field(default_factory=lambda: {label: Counter() for label in LABELS})
    words_per_second: float = 0.0

    def add(self, gold: set[tuple[int, int, str]], predicted: set[tuple[int, int, str]]) -> None:
        for label in LABELS:
            gold_here = {g for g in gold if g[2] == label}
            predicted_here = {p for p in predicted if p[2] == label}
            self.counts[label]["tp"] += len(gold_here & predicted_here)
            self.counts[label]["fp"] += len(predicted_here - gold_here)
            self.counts[label]["fn"] += len(gold_here - predicted_here)

    def to_json(self) -> dict:
        total = sum(self.counts.values(), Counter())
        return {
            "split": self.split,
            "texts": self.texts,
            **{label: _prf(self.counts[label]) for label in LABELS},
            "micro": _prf(total),
            "words_per_second": round(self.words_per_second),
        }


def _prf(counts: Counter) -> dict:
    return counted_scores(counts["tp"], counts["fp"], counts["fn"])


def evaluate_ner_uk(folder: Path, split: str = "test", limit: int | None = None) -> NameScores:
    from claimwatch.nlp import uk as nlp_uk

    ids = read_split(folder)[split][:limit]
    data = folder / "v2.0" / "data"
    scores = NameScores(split, len(ids))
    words, spent = 0, 0.0
    for text_id in ids:
        text_path = next((data / corpus / f"{text_id}.txt" for corpus in ("bruk", "ng")
                          if (data / corpus / f"{text_id}.txt").exists()), None)
        if text_path is None:
            raise StoreError(Errors.E302.format(path=folder, missing=f"{text_id}.txt"))
        text = text_path.read_text("utf-8")
        gold = read_gold(text, text_path.with_suffix(".ann").read_text("utf-8"))
        started = time.perf_counter()
        parsed = nlp_uk.parse(text)
        spent += time.perf_counter() - started
        words += sum(len(sentence.words) for sentence in parsed.sentences)
        scores.add(gold, {(name.start, name.end, name.label) for name in parsed.names})
    scores.words_per_second = words / spent if spent else 0.0
    return scores


__all__ = ["NameScores", "evaluate_ner_uk", "read_gold", "read_split"]
