"""One Dask worker with distributed's ``MALLOC_TRIM_THRESHOLD_=65536`` and with glibc's own default
(``workers.GLIBC_DEFAULTS``, what ``--workers N`` uses): the same 48 VOA articles through
``workers.process_batch`` twice, the second pass measured inside the worker.

    python benchmarks/worker_malloc.py [ROUNDS] [--json]

Each configuration runs in a fresh process: a nanny writes its pre-spawn environment into its own
process's ``os.environ``, so a second cluster in the same process would inherit the first one's setting.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ARTICLES = 48
MODES = ("distributed", "glibc")


def timed_pass(documents: list, gazetteer) -> dict:
    """Runs on the worker: one pass over ``documents`` in batches, with its costs."""
    import psutil

    from claimwatch.pipeline import BATCH_SIZE
    from claimwatch.workers import process_batch

    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    cpu = os.times()
    started = time.perf_counter()
    for start in range(0, len(documents), BATCH_SIZE):
        process_batch(documents[start : start + BATCH_SIZE], gazetteer, True)
    after = os.times()
    return {
        "wall_s": round(time.perf_counter() - started, 2),
        "user_s": round(after.user - cpu.user, 2),
        "system_s": round(after.system - cpu.system, 2),
        "minor_faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults,
        "resident_mib": psutil.Process().memory_info().rss // 2**20,
        "trim_threshold": os.environ.get("MALLOC_TRIM_THRESHOLD_"),
    }


def measure(mode: str) -> dict:
    import dask
    from distributed import Client, LocalCluster

    from claimwatch.gazetteer import load_gazetteer
    from claimwatch.workers import GLIBC_DEFAULTS, LOOPBACK

    sys.path.insert(0, str(Path(__file__).parent))
    from scale import documents

    articles = documents(1)[:ARTICLES]
    gazetteer = load_gazetteer()
    with dask.config.set(GLIBC_DEFAULTS if mode == "glibc" else {}):
        cluster = LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, host=LOOPBACK, dashboard_address=None
        )
    client = Client(cluster)
    try:
        client.submit(timed_pass, articles, gazetteer, pure=False).result()  # warm-up pass
        return client.submit(timed_pass, articles, gazetteer, pure=False).result()
    finally:
        client.close()
        cluster.close()


def main(rounds: int, as_json: bool) -> None:
    runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for _ in range(rounds):
        for mode in MODES:
            command = [sys.executable, __file__, "--mode", mode]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            runs[mode].append(json.loads(done.stdout.splitlines()[-1]))
    if as_json:
        print(json.dumps({"articles": ARTICLES, "runs": runs}, indent=2))
        return
    for mode in MODES:
        for run in runs[mode]:
            print(f"{mode:12} {run}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--mode"]:
        print(json.dumps(measure(sys.argv[2])))
    else:
        arguments = [argument for argument in sys.argv[1:] if argument != "--json"]
        main(int(arguments[0]) if arguments else 3, "--json" in sys.argv)
