"""Benchmark (not a test): how fast CPython decides the whole decision space.

Prints decisions per second for every full combination (341,172 requests) and for the compact
table, with the cost of building the JSON explanation as a ratio against a bare decision, all
measured in this one run. Run: `make bench` or `.venv/bin/python bench/engine.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from policy_engine import decide
from policy_engine.api import decision_dict
from policy_engine.table import compact_rows, every_request

RUNS = 5


def rate(label: str, work, count: int) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"{label:<48} {count:>8,} in {median:7.3f} s  = {count / median:>10,.0f} per second"
        f"  (median of {RUNS}; min {min(times):.3f} s)"
    )
    return count / median


def main() -> None:
    requests = list(every_request())
    compact = [row.decision.request for row in compact_rows()]
    print(f"Python {sys.version.split()[0]}")
    bare = rate(
        "decide(): every full combination", lambda: [decide(r) for r in requests], len(requests)
    )
    rate("decide(): compact table requests", lambda: [decide(r) for r in compact], len(compact))
    explained = rate(
        "decide() + JSON explanation: compact requests",
        lambda: [decision_dict(decide(r)) for r in compact],
        len(compact),
    )
    print(f"explanation cost: a full JSON answer takes {bare / explained:.1f}x a bare decision")


if __name__ == "__main__":
    main()
