"""Web desk speed on a 10,000-article store: median latency of the story page and the statements API.

    python benchmarks/web_speed.py [--db /tmp/claimwatch-web-10k.db] [--articles 10000] [--requests 25] [--json]

The store is made by ``corpus_variants.py`` (the sample story with invented names and shifted dates,
one story per variant) unless ``--db`` already holds one. The desk runs under uvicorn on a free
loopback port and every request goes over HTTP, as a browser's would. Reported, each over
``--requests`` requests: the home page and the stories API (the first after a write: nothing cached,
then cached), the story page on distinct stories (nothing cached), the same story again (its brief
cached), and the statements API unfiltered and with each filter. The issues' bound: under 300 ms median
for every page and route. ``--db`` may be a database URL (PostgreSQL) of a store built beforehand.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "web"))  # the browser harness

import httpx
from browser_harness import running_server
from corpus_variants import build

from claimwatch import api
from claimwatch.store import Store
from claimwatch.web import create_app

TARGET_MS = 300


def ensure_store(db: str, articles: int) -> dict | None:
    """Build the store unless it is there already; the build's timings, or None when reused."""
    if "://" in db or Path(db).exists():
        with Store(db) as store:
            count = store.count_articles()
        if count >= articles:
            return None
        if count:
            raise SystemExit(f"{db} holds another store; pass a new --db")
    return build(db, articles)


def timed(client: httpx.Client, urls: list[str]) -> dict:
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return {"requests": len(urls), "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def scenarios(client: httpx.Client, requests: int) -> dict[str, list[str]]:
    stories = client.get("/api/stories", params={"limit": requests + 1, "offset": 100}).json()["items"]
    sample = client.get("/api/statements", params={"limit": 1, "offset": 5000, "act": "denies"}).json()["items"][0]
    speaker = sample["speaker_entity"]
    filters = {
        "statements API, no filter": "",
        "statements API, page 100": "offset=5000",
        "statements API, act=denies": "act=denies",
        "statements API, certainty=likely&country=XSE": "certainty=likely&country=XSE",
        f"statements API, speaker={speaker}": f"speaker={speaker}",
        f"statements API, entity={sample['speaker_entity_id']}": f"entity={sample['speaker_entity_id']}",
        "statements API, outlet=Harbor Post&since=2000-01-01&until=2004-12-31":
            "outlet=Harbor Post&since=2000-01-01&until=2004-12-31",
        "statements API, q=troops&act=confirms": "q=troops&act=confirms",
    }
    found = {
        "home page": ["/"] * requests,
        "stories API": ["/api/stories"] * requests,
        "stories API, page 5": ["/api/stories?offset=100"] * requests,
        "story page, distinct stories (cold)": [f"/stories/{s['id']}" for s in stories[1:]],
        "story page, same story (brief cached)": [f"/stories/{stories[0]['id']}"] * requests,
    }
    for name, query in filters.items():
        found[name] = [f"/api/statements?{query}"] * requests
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="/tmp/claimwatch-web-10k.db", help="SQLite file or database URL")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=25)
    parser.add_argument("--json", action="store_true", help="Print JSON.")
    args = parser.parse_args()
    built = ensure_store(args.db, args.articles)
    app = create_app(args.db, gazetteers=[api.sample_gazetteer_path()])
    with running_server(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        client.get("/api/statements").raise_for_status()  # warm up connections and the first query plan
        results = {name: timed(client, urls) for name, urls in scenarios(client, args.requests).items()}
    with Store(args.db) as store:
        sizes = {"articles": store.count_articles(), "statements": _count(store)}
    report = {"store": sizes, "build": built, "results": results, "target_ms": TARGET_MS}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"store: {sizes['articles']:,} articles, {sizes['statements']:,} statements")
    if built:
        print(f"built in {built['total_s']} s: {built}")
    for name, row in results.items():
        verdict = "ok" if row["median_ms"] < TARGET_MS else "OVER"
        print(f"{row['median_ms']:8.1f} ms median {row['max_ms']:8.1f} max ({row['requests']}x) {verdict}  {name}")


def _count(store: Store) -> int:
    from sqlalchemy import func, select

    from claimwatch.store.schema import statements

    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(statements)).scalar_one()


if __name__ == "__main__":
    main()
