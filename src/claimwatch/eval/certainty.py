"""Certainty on CommitmentBank: does claimwatch's commitment score track human ratings?

Each CommitmentBank item is a sentence (Target) whose clause-embedding verb (Verb) sits
under negation, a modal, a question or a conditional; annotators rated how certain the
speaker is of the embedded clause (Prompt) from -3 (certainly false) to +3 (certainly true).
claimwatch's score is ``stance.modality.embedded_commitment`` on the Target; the figure is
Spearman's rank correlation with the mean rating (ties get mean ranks), overall and by operator.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path

from claimwatch.errors import Errors, StoreError
from claimwatch.eval.metrics import spearman
from claimwatch.nlp import load_nlp
from claimwatch.stance.modality import embedded_commitment

ITEMS_FILE = "CommitmentBank-items.csv"


@dataclass
class CertaintyScores:
    items: int
    spearman: float
    by_embedding: dict[str, dict]
    items_per_second: float

    def to_json(self) -> dict:
        return {
            "items": self.items,
            "spearman": round(self.spearman, 4),
            "by_embedding": self.by_embedding,
            "items_per_second": round(self.items_per_second, 1),
        }


def evaluate_commitmentbank(folder: Path) -> CertaintyScores:
    path = folder / ITEMS_FILE
    if not path.exists():
        raise StoreError(Errors.E302.format(path=folder, missing=ITEMS_FILE))
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    nlp = load_nlp()
    started = time.perf_counter()
    predicted = [
        embedded_commitment(doc, row["Verb"])
        for doc, row in zip(nlp.pipe(r["Target"] for r in rows), rows, strict=False)
    ]
    elapsed = time.perf_counter() - started
    gold = [float(row["Mean"]) for row in rows]
    by_embedding = {}
    for embedding in sorted({row["Embedding"] for row in rows}):
        chosen = [i for i, row in enumerate(rows) if row["Embedding"] == embedding]
        by_embedding[embedding] = {
            "items": len(chosen),
            "spearman": round(spearman([predicted[i] for i in chosen], [gold[i] for i in chosen]), 4),
        }
    return CertaintyScores(len(rows), spearman(predicted, gold), by_embedding, len(rows) / elapsed if elapsed else 0.0)
