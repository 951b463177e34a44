"""Article-body extraction on the Zyte (Scrapinghub) article-extraction benchmark.

Scoring follows the benchmark's own definition: word 4-gram shingles of the true and
extracted bodies, true/false positives and negatives normalised per page (so long
pages do not weigh more), precision and recall averaged over pages, F1 of the means.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from claimwatch.errors import Errors, InputError, StoreError
from claimwatch.eval.metrics import f1
from claimwatch.extract import extract_article
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.records import SourceDocument, SourceHints

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class ExtractionScores:
    precision: float
    recall: float
    f1: float
    pages: int
    pages_per_second: float

    def to_json(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pages": self.pages,
            "pages_per_second": round(self.pages_per_second, 2),
        }


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens[i : i + size])


def page_counts(true: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    true_shingles, predicted_shingles = shingles(true), shingles(predicted)
    tp = sum((true_shingles & predicted_shingles).values())
    fp = sum((predicted_shingles - true_shingles).values())
    fn = sum((true_shingles - predicted_shingles).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    # Pages where nothing was predicted (or nothing was true) have no precision (or recall) to average.
    precision = statistics.fmean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    recall = statistics.fmean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    return precision, recall, f1(precision, recall)


def extracted_body(html: str, source: str, url: str | None, gazetteer: Gazetteer) -> str:
    """The body claimwatch would store for this page ("" when it finds no article)."""
    document = SourceDocument(
        source=source, format="html", content=html, raw=b"", encoding="utf-8", hints=SourceHints(url=url)
    )
    try:
        return extract_article(document, gazetteer).body
    except InputError:
        return ""


def evaluate_zyte(folder: Path, gazetteer: Gazetteer | None = None) -> ExtractionScores:
    truth_path, html_dir = folder / "ground-truth.json", folder / "html"
    for path, name in ((truth_path, "ground-truth.json"), (html_dir, "html/ folder")):
        if not path.exists():
            raise StoreError(Errors.E301.format(path=folder, missing=name))
    truth = json.loads(truth_path.read_text("utf-8"))
    gazetteer = gazetteer or load_gazetteer()
    pages = []
    for item_id, item in sorted(truth.items()):
        with gzip.open(html_dir / f"{item_id}.html.gz", "rt", encoding="utf-8", errors="replace") as handle:
            pages.append((item_id, item, handle.read()))
    started = time.perf_counter()
    predictions = [extracted_body(html, item_id, item.get("url"), gazetteer) for item_id, item, html in pages]
    elapsed = time.perf_counter() - started
    counts = [
        page_counts(item.get("articleBody", ""), predicted)
        for (_, item, _), predicted in zip(pages, predictions, strict=True)
    ]
    precision, recall, harmonic = score(counts)
    return ExtractionScores(precision, recall, harmonic, len(pages), len(pages) / elapsed if elapsed else 0.0)
