"""Same-event clustering on ECB+: do reports of one seminal event end up in one story?

ECB+ groups news documents by topic; within a topic the ``ecb`` and the ``ecbplus``
documents describe two different events of the same kind, so the gold cluster of a
document is its topic plus that suffix. Documents go, one at a time in a fixed shuffled
order (seed 0), into a temporary store and through the assigner ingest runs
(``stories.assign.assign_stories``), text only (ECB+ has no dates, no outlets, no claims).
Scores: B-cubed precision, recall and F1, and pairwise precision, recall and F1.
"""

from __future__ import annotations

import hashlib
import random
import re
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics.cluster import pair_confusion_matrix

from claimwatch.errors import Errors, StoreError
from claimwatch.eval.metrics import f1
from claimwatch.records import Article, Paragraph
from claimwatch.store import Store
from claimwatch.stories.assign import JOIN_THRESHOLD, assign_stories
from claimwatch.stories.features import article_features

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
    return precision, recall, f1(precision, recall)


def pairwise(predicted: list, gold: list) -> tuple[float, float, float]:
    """Over all pairs of documents: precision and recall of "in the same cluster"."""
    matrix = pair_confusion_matrix(gold, predicted)  # counts ordered pairs: [[tn, fp], [fn, tp]]
    true_positive, false_positive, false_negative = matrix[1][1], matrix[0][1], matrix[1][0]
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 0.0
    return float(precision), float(recall), f1(precision, recall)


def _prf(values: tuple[float, float, float]) -> dict:
    return {"p": round(values[0], 4), "r": round(values[1], 4), "f1": round(values[2], 4)}


def evaluate_ecbplus(folder: Path, threshold: float = JOIN_THRESHOLD, seed: int = 0) -> dict:
    documents = read_ecbplus(folder)
    order = list(range(len(documents)))
    random.Random(seed).shuffle(order)
    with (
        tempfile.TemporaryDirectory(prefix="claimwatch-ecbplus-") as folder_name,
        Store(str(Path(folder_name) / "ecbplus.db")) as store,
    ):
        started = time.perf_counter()
        for index in order:
            article = _article(documents[index])
            store.add_article(article, features=article_features(article).to_row())
            assign_stories(store, threshold)
        elapsed = time.perf_counter() - started
        story_of = {article_id: story["id"] for story in store.stories() for article_id in story["article_ids"]}
    predicted = [story_of[_article_id(document)] for document in documents]
    gold = [document.gold for document in documents]
    return {
        "documents": len(documents),
        "clusters": len(set(predicted)),
        "gold_clusters": len(set(gold)),
        "bcubed": _prf(bcubed(predicted, gold)),
        "pairwise": _prf(pairwise(predicted, gold)),
        "documents_per_second": round(len(documents) / elapsed, 1) if elapsed else None,
    }


def _article_id(document: EcbDocument) -> str:
    return hashlib.sha256(f"ecbplus:{document.name}".encode()).hexdigest()[:16]


def _article(document: EcbDocument) -> Article:
    """An ECB+ document as the extract stage would give it: one paragraph, no title, date or outlet."""
    return Article(
        id=_article_id(document), source=document.name, format="text", body=document.text,
        paragraphs=(Paragraph(0, len(document.text)),), raw=document.text.encode("utf-8"),
    )
