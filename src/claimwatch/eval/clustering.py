"""Same-event clustering on ECB+: do reports of one seminal event end up in one story?

ECB+ groups news documents by topic; within a topic the ``ecb`` and the ``ecbplus``
documents describe two different events of the same kind, so the gold cluster of a
document is its topic plus that suffix. Documents are fed to the same incremental
clusterer the stories stage uses, in a fixed shuffled order (seed 0), text only (ECB+ has
no dates). Scores: B-cubed precision, recall and F1, and pairwise F1.
"""

from __future__ import annotations

import random
import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from claimwatch.errors import Errors, StoreError
from claimwatch.stories.cluster import JOIN_THRESHOLD, Report, StoryClusterer
from claimwatch.stories.similarity import term_counts

_NAME = re.compile(r"(\d+)_(\d+)(ecbplus|ecb)\.xml$")


@dataclass(frozen=True)
class EcbDocument:
    name: str
    gold: str
    text: str


def read_ecbplus(folder: Path) -> list[EcbDocument]:
    files = sorted(folder.rglob("*.xml"))
    documents = []
    for path in files:
        match = _NAME.search(path.name)
        if not match:
            continue
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in ET.parse(path).getroot().iter("token"):
            sentences[int(token.get("sentence", 0))].append(token.text or "")
        keys = sorted(sentences)
        if match.group(3) == "ecbplus":
            keys = keys[1:]  # sentence 0 of an ecbplus document is its source URL
        text = " ".join(" ".join(sentences[key]) for key in keys)
        documents.append(EcbDocument(path.name, f"{match.group(1)}{match.group(3)}", text))
    if not documents:
        raise StoreError(Errors.E302.format(path=folder, missing="ECB+ topic folders with *ecb.xml files"))
    return documents


def bcubed(predicted: list, gold: list) -> tuple[float, float, float]:
    by_predicted, by_gold = defaultdict(set), defaultdict(set)
    for index, (p, g) in enumerate(zip(predicted, gold, strict=False)):
        by_predicted[p].add(index)
        by_gold[g].add(index)
    precision = recall = 0.0
    for index in range(len(predicted)):
        shared = len(by_predicted[predicted[index]] & by_gold[gold[index]])
        precision += shared / len(by_predicted[predicted[index]])
        recall += shared / len(by_gold[gold[index]])
    precision, recall = precision / len(predicted), recall / len(predicted)
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: list, gold: list) -> tuple[float, float, float]:
    true_positive = predicted_pairs = gold_pairs = 0
    for i, j in combinations(range(len(predicted)), 2):
        same_predicted, same_gold = predicted[i] == predicted[j], gold[i] == gold[j]
        predicted_pairs += same_predicted
        gold_pairs += same_gold
        true_positive += same_predicted and same_gold
    precision = true_positive / predicted_pairs if predicted_pairs else 0.0
    recall = true_positive / gold_pairs if gold_pairs else 0.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _prf(values: tuple[float, float, float]) -> dict:
    return {"p": round(values[0], 4), "r": round(values[1], 4), "f1": round(values[2], 4)}


def evaluate_ecbplus(folder: Path, threshold: float = JOIN_THRESHOLD, seed: int = 0) -> dict:
    documents = read_ecbplus(folder)
    order = list(range(len(documents)))
    random.Random(seed).shuffle(order)
    clusterer = StoryClusterer(threshold=threshold)
    predicted: list[int | None] = [None] * len(documents)
    started = time.perf_counter()
    for index in order:
        predicted[index] = clusterer.add(Report(documents[index].name, term_counts(documents[index].text)))
    elapsed = time.perf_counter() - started
    gold = [document.gold for document in documents]
    return {
        "documents": len(documents),
        "clusters": len(set(predicted)),
        "gold_clusters": len(set(gold)),
        "bcubed": _prf(bcubed(predicted, gold)),
        "pairwise": _prf(pairwise(predicted, gold)),
        "documents_per_second": round(len(documents) / elapsed, 1) if elapsed else None,
    }
