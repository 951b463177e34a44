"""Statements and stance per language, in articles a second, against the English pipeline in the same run.

    python benchmarks/languages_speed.py [--repeats 5] [--json]

Articles: the hand-written dev sets (tests/data/*/*_dev.toml, one per language) and, for English, the
bundled sample corpus; each through ``stance.languages.analyse`` (what ingest runs after extract),
models loaded and warmed up before timing. Reported: articles per second (median of the repeats) and
characters per second, so that languages with articles of different lengths compare.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from claimwatch import api
from claimwatch.eval.dev_statements import dev_document, load_dev_set
from claimwatch.extract import extract_article
from claimwatch.ingest import decode_input
from claimwatch.stance.languages import analyse

DEV_SETS = Path(__file__).resolve().parents[1] / "tests" / "data"


def articles_by_language(gazetteer) -> dict[str, list]:
    found: dict[str, list] = {}
    for path in sorted(api.sample_corpus_path().iterdir()):
        if path.suffix in (".txt", ".html"):
            for document in decode_input(str(path), path.read_bytes()):
                found.setdefault("en", []).append(extract_article(document, gazetteer))
    for path in sorted(DEV_SETS.glob("*/*_dev.toml")):
        for item in load_dev_set(path):
            article = extract_article(dev_document(item), gazetteer)
            found.setdefault(article.language or "?", []).append(article)
    return found


def measure(articles: list, gazetteer, repeats: int) -> dict:
    for article in articles[:1]:
        analyse(article, gazetteer)  # load the language's models once, outside the timing
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        for article in articles:
            analyse(article, gazetteer)
        rates.append(len(articles) / (time.perf_counter() - started))
    characters = sum(len(a.body) for a in articles)
    rate = statistics.median(rates)
    return {"articles": len(articles), "articles_per_second": round(rate, 2),
            "characters_per_second": round(rate * characters / len(articles))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    gazetteer = api.sample_gazetteer()
    found = articles_by_language(gazetteer)
    results = {language: measure(articles, gazetteer, options.repeats) for language, articles in found.items()}
    if options.json:
        print(json.dumps(results, indent=2))
        return
    for lang, result in results.items():
        print(f"{lang}: {result['articles_per_second']} articles/s, {result['characters_per_second']} characters/s "
              f"({result['articles']} articles)")


if __name__ == "__main__":
    main()
