"""Scaling out, measured in one run on one machine: workers, store growth, SQLite against PostgreSQL.

    python benchmarks/scale.py [--repeats 3] [--copies 3] [--grown 10000] [--postgres URL] [--json]

Articles: the VOA stories in ../shared/data/voa, each also in ``--copies - 1`` variants (every name
replaced by an invented one of the same length, dates moved; as ``corpus_variants.py`` does), so
64 stories give 192 articles. Timings (median of ``--repeats``, ratios per repeat then median):
  bare_1, bare_2        spaCy's nlp.pipe over the extracted bodies, n_process 1 and 2
  ingest_here           api.ingest_documents in this process (batched), into a fresh SQLite store: what
                        ``ingest`` runs without ``--workers`` or with ``--workers 1``
  ingest_workers_2      the same on a local Dask cluster of 2 workers (``--workers 2``, started and warmed up
                        before the clock, as this process is: ``pipeline.warm_up``)
  growth                100 articles ingested with statements into an empty store and the same 100
                        into a store of ``--grown - 100`` built by ingest without statements (see
                        ``growth_section``): the whole ingest, and the writer's share alone
  postgres              ingest_here and the desk's pages on PostgreSQL and SQLite (with ``--postgres``,
                        a server URL: a database is created and dropped)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from corpus_variants import TITLES, Renamer, shift_iso

from claimwatch import api
from claimwatch.gazetteer import load_gazetteer
from claimwatch.ingest import decode_input
from claimwatch.nlp import load_nlp
from claimwatch.pipeline import process_documents, warm_up
from claimwatch.records import SourceDocument
from claimwatch.store import Store
from claimwatch.workers import DaskProcessor

VOA = Path(__file__).resolve().parents[2] / "shared" / "data" / "voa" / "voa_stories.jsonl"
NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
GROWTH_BATCH = 100


def documents(copies: int) -> list[SourceDocument]:
    """The VOA stories, then ``copies - 1`` renamed and re-dated variants of each."""
    originals = [d for d in decode_input(str(VOA), VOA.read_bytes()) if isinstance(d, SourceDocument)]
    names = {n for d in originals for n in NAME.findall(d.content) if n not in TITLES}
    names = sorted(names, key=lambda n: (-len(n), n))
    found = list(originals)
    rng = random.Random(13)
    for copy in range(1, copies):
        rename, days = Renamer(names, rng), timedelta(days=70 * copy)
        for doc in originals:
            content = rename(doc.content)
            hints = dataclasses.replace(
                doc.hints, title=rename(doc.hints.title), published=shift_iso(doc.hints.published, days),
                url=f"{doc.hints.url}?copy={copy}" if doc.hints.url else None,
            )
            found.append(dataclasses.replace(doc, source=f"{doc.source}#copy{copy}", content=content,
                                             raw=content.encode(), hints=hints))
    return found


def seconds(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def ingest_into(db: str, docs: list[SourceDocument], gazetteer, processor=None) -> float:
    with Store(db) as store:
        return seconds(lambda: api.ingest_documents(store, docs, gazetteer=gazetteer, processor=processor))


def fresh_sqlite(folder: Path) -> str:
    return str(folder / f"{uuid.uuid4().hex[:8]}.db")


def fresh_postgres(server: str) -> tuple[str, callable]:
    from sqlalchemy import create_engine, make_url, text

    name = f"claimwatch_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()

    return make_url(server).set(database=name).render_as_string(hide_password=False), drop


def workers_section(docs, gazetteer, repeats: int, folder: Path) -> dict:
    """``ingest`` as the CLI runs it with ``--workers 1`` (or none: in this process) and ``--workers 2``
    (a local Dask cluster, started before the clock), against bare spaCy on the same bodies."""
    nlp = load_nlp()
    warm_up(gazetteer)  # here as on every worker (its plugin): models and indexes loaded before the clock
    bodies = [p.article.body for p in process_documents(docs, gazetteer, None)]
    timings = {name: [] for name in ("bare_1", "bare_2", "ingest_here", "ingest_workers_2")}
    cluster = DaskProcessor.local(2, gazetteer)
    try:
        for _ in range(repeats):
            timings["bare_1"].append(seconds(lambda: list(nlp.pipe(bodies, batch_size=16))))
            timings["bare_2"].append(seconds(lambda: list(nlp.pipe(bodies, batch_size=16, n_process=2))))
            timings["ingest_here"].append(ingest_into(fresh_sqlite(folder), docs, gazetteer))
            timings["ingest_workers_2"].append(ingest_into(fresh_sqlite(folder), docs, gazetteer, cluster))
        memory = {name: round(rss / 2**20) for name, rss in cluster.memory().items()}
    finally:
        cluster.close()

    def ratio(a: str, b: str) -> float:
        return round(statistics.median(x / y for x, y in zip(timings[a], timings[b], strict=True)), 2)

    return {
        "articles": len(docs),
        "seconds": {name: round(statistics.median(values), 2) for name, values in timings.items()},
        "runs": {name: [round(value, 2) for value in values] for name, values in timings.items()},
        "speedup_workers_2_over_1": ratio("ingest_here", "ingest_workers_2"),
        "speedup_bare_n_process_2_over_1": ratio("bare_1", "bare_2"),
        "ingest_workers_1_over_bare_1": ratio("ingest_here", "bare_1"),
        "worker_memory_mib": memory,
    }


def growth_section(grown: int, gazetteer, folder: Path) -> dict:
    """100 articles with statements into an empty store, then the same 100 into a store of ``grown - 100``.

    The base store's articles are VOA variants too (``documents``), ingested through the real path
    (extract, story features, story assignment) but with ``with_statements=False``: parsing 10,000
    articles does not fit on this machine, and story assignment, the part that could grow with the
    store, runs on every one of them. They are then marked settled, as a full ingest leaves them.
    Reported: the whole ingest of the 100 (parsing included), and the writer's share alone (the 100
    parsed beforehand, then stored and placed in stories as ``ingest`` does)."""
    base_count = grown - GROWTH_BATCH
    docs = documents(-(-grown // 64))
    base, timed = docs[:base_count], docs[base_count:grown]
    processed = process_documents(timed, gazetteer, load_nlp())

    def write(db: str) -> float:
        def run() -> None:
            with Store(db) as store:
                for item in processed:
                    api.store_processed(store, item)
                api.settle_ingest(store)

        return seconds(run)

    empty = [fresh_sqlite(folder) for _ in range(2)]
    grown_dbs = [fresh_sqlite(folder) for _ in range(2)]
    build_started = time.perf_counter()
    with Store(grown_dbs[0]) as store:
        api.ingest_documents(store, base, gazetteer=gazetteer, with_statements=False)
        store.mark_settled(store.pending_article_ids())
        stored = store.count_articles()
    build_s = time.perf_counter() - build_started
    shutil.copyfile(grown_dbs[0], grown_dbs[1])
    first_ingest, last_ingest = ingest_into(empty[0], timed, gazetteer), ingest_into(grown_dbs[0], timed, gazetteer)
    first_write, last_write = write(empty[1]), write(grown_dbs[1])
    return {
        "articles_before_last": stored, "base_build_s": round(build_s, 1),
        "ingest": {"first_100_s": round(first_ingest, 2), "last_100_s": round(last_ingest, 2),
                   "last_over_first": round(last_ingest / first_ingest, 2)},
        "writer": {"first_100_s": round(first_write, 2), "last_100_s": round(last_write, 2),
                   "last_over_first": round(last_write / first_write, 2)},
    }


def postgres_section(server: str, docs, gazetteer, repeats: int, folder: Path) -> dict:
    from fastapi.testclient import TestClient

    from claimwatch.web import create_app

    result = {}
    for engine in ("sqlite", "postgresql"):
        ingest, pages = [], {}
        for _ in range(repeats):
            db, drop = fresh_postgres(server) if engine == "postgresql" else (fresh_sqlite(folder), lambda: None)
            try:
                ingest.append(ingest_into(db, docs, gazetteer))
                client = TestClient(create_app(db, None, gazetteers=[]), base_url="http://127.0.0.1")
                story = client.get("/api/stories").json()["items"][0]["id"]
                for path in ("/", "/api/stories", "/api/statements", f"/stories/{story}", "/search?q=president",
                             "/api/search?q=minister&kind=articles"):
                    client.get(path)  # first request warms the connection and the cache
                    pages.setdefault(path.replace(story, "ID"), []).append(seconds(lambda c=client, p=path: c.get(p)))
            finally:
                drop()
        result[engine] = {"ingest_s": round(statistics.median(ingest), 2),
                          "pages_ms": {p: round(statistics.median(v) * 1000, 1) for p, v in pages.items()}}
    result["ingest_postgresql_over_sqlite"] = round(result["postgresql"]["ingest_s"] / result["sqlite"]["ingest_s"], 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--grown", type=int, default=10_000)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (postgresql+psycopg://...) to compare with")
    parser.add_argument("--skip", action="append", default=[], choices=("workers", "growth", "postgres"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not VOA.exists():
        sys.exit(f"needs the VOA stories at {VOA}")
    gazetteer = load_gazetteer()
    docs = documents(args.copies)
    report: dict = {"date": time.strftime("%Y-%m-%d"), "repeats": args.repeats}
    with tempfile.TemporaryDirectory() as folder:
        if "workers" not in args.skip:
            report["workers"] = workers_section(docs, gazetteer, args.repeats, Path(folder))
        if "growth" not in args.skip:
            report["growth"] = growth_section(args.grown, gazetteer, Path(folder))
        if args.postgres and "postgres" not in args.skip:
            report["postgres"] = postgres_section(args.postgres, docs, gazetteer, args.repeats, Path(folder))
    print(json.dumps(report, indent=2) if args.json else report)


if __name__ == "__main__":
    main()
