"""Per-language speed of the statement stage (statements and stance), measured in one run.

    python benchmarks/languages_speed.py [--repeats 3] [--json]

Articles: English, the bundled sample story (16 reports); Russian and Ukrainian, the hand-written dev
sets in tests/data/slavic (3 reports each). Every article is extracted once beforehand; the timing is
``stance.languages.analyse`` (the language's nlp, statements and stance) with its models loaded
(a warm-up pass first). The languages alternate within each repeat so that machine load hits them
alike. Reported per language: articles and thousand characters a second (median of the repeats), and
the ratio of its characters a second to English's (articles differ in length, characters do not).
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
from claimwatch.gazetteer import load_gazetteer
from claimwatch.ingest import decode_input
from claimwatch.stance.languages import analyse

DEV_SETS = Path(__file__).resolve().parents[1] / "tests" / "data" / "slavic"


def load_articles(gazetteer) -> dict[str, list]:
    sample = sorted(p for p in api.sample_corpus_path().iterdir() if p.suffix in (".txt", ".html"))
    english = [
        extract_article(document, gazetteer)
        for path in sample
        for document in decode_input(str(path), path.read_bytes())
        if not isinstance(document, Exception)
    ]
    articles = {"en": english}
    for language in ("ru", "uk"):
        articles[language] = [extract_article(dev_document(item), gazetteer)
                              for item in load_dev_set(DEV_SETS / f"{language}_dev.toml")]
    return articles


def time_language(articles: list, gazetteer) -> tuple[float, int]:
    started = time.perf_counter()
    statements = sum(len(analyse(article, gazetteer)[0]) for article in articles)
    return time.perf_counter() - started, statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    gazetteer = load_gazetteer([api.sample_gazetteer_path(), DEV_SETS / "gazetteer.toml"])
    articles = load_articles(gazetteer)
    for group in articles.values():  # load every model before timing
        time_language(group, gazetteer)
    timings: dict[str, list[float]] = {language: [] for language in articles}
    statements: dict[str, int] = {}
    for _ in range(args.repeats):
        for language, group in articles.items():
            seconds, statements[language] = time_language(group, gazetteer)
            timings[language].append(seconds)
    result = {}
    english_rate = None
    for language, group in articles.items():
        seconds = statistics.median(timings[language])
        characters = sum(len(article.body) for article in group)
        chars_per_second = characters / seconds
        english_rate = english_rate or chars_per_second
        result[language] = {
            "articles": len(group),
            "statements": statements[language],
            "articles_per_second": round(len(group) / seconds, 2),
            "kchars_per_second": round(chars_per_second / 1000, 2),
            "chars_per_second_ratio_to_en": round(chars_per_second / english_rate, 2),
        }
    if args.json:
        print(json.dumps({"repeats": args.repeats, "languages": result}))
        return
    for language, row in result.items():
        print(language, "  ".join(f"{key} {value}" for key, value in row.items()))


if __name__ == "__main__":
    main()
