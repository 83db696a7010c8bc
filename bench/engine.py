"""Benchmark (not a test): how fast CPython decides the whole decision space.

Prints decisions per second for the whole compact table (every requester and record with every
value of each fact the decision reads: 15,042 requests in vocabulary version 2), for a seeded
sample of 20,000 full combinations (the full product is 148 million), building the table itself
(which decides every branch of the question tree), and the cost of the JSON explanation as a ratio
against a bare decision, all measured in this one run. Each timing starts with the engine's memo
of sub-requests emptied, so no run reuses another's work.
Run: `make bench` or `.venv/bin/python bench/engine.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import random

from policy_engine import Request, decide
from policy_engine.api import decision_dict
from policy_engine.engine import _paths
from policy_engine.table import all_values, compact_rows
from policy_engine.vocabulary import FACT_IDS, RECORD_IDS, REQUESTER_IDS

RUNS = 3


def rate(label: str, work, count: int) -> float:
    times = []
    for _ in range(RUNS):
        _paths.cache_clear()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"{label:<48} {count:>8,} in {median:7.3f} s  = {count / median:>10,.0f} per second"
        f"  (median of {RUNS}; min {min(times):.3f} s)"
    )
    return count / median


def sample(count: int, seed: int = 1) -> list[Request]:
    rng = random.Random(seed)
    return [Request(rng.choice(REQUESTER_IDS), rng.choice(RECORD_IDS),
                    tuple(rng.choice(all_values(f)) for f in FACT_IDS)) for _ in range(count)]


def main() -> None:
    requests = sample(20_000)
    compact = [row.decision.request for row in compact_rows()]
    print(f"Python {sys.version.split()[0]}")
    rate("decide(): 20,000 random full combinations", lambda: [decide(r) for r in requests],
         len(requests))
    bare = rate("decide(): compact table requests", lambda: [decide(r) for r in compact],
                len(compact))
    rate("compact_rows(): the whole table, built", lambda: list(compact_rows()), len(compact))
    explained = rate(
        "decide() + JSON explanation: compact requests",
        lambda: [decision_dict(decide(r)) for r in compact],
        len(compact),
    )
    print(f"explanation cost: a full JSON answer takes {bare / explained:.1f}x a bare decision")


if __name__ == "__main__":
    main()
