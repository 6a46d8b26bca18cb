"""Speed and memory of the coach, measured (never asserted in a timed test).

    make bench                      # the whole benchmark (bench/full.py): docs/benchmarks.md
    make bench ARGS=--profile       # … with a py-spy profile of both coach servers under load
                                    #   (py-spy: .venv/bin/pip install -r bench/requirements.txt)
    python bench/run.py --engine-only          # the engine alone, in this process
    make bench URL=http://localhost:5005   # the engine and the REST round trip of a running coach

Targets (met or not, the numbers are printed as measured):
  engine: reading a message p95 < 2 ms; planning p95 < 1 ms; peak memory of 1,000 plans < 5 MB
  server: one REST turn p95 < 1.5 s on this 2-core machine
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from negotiation.planner import plan_installments
from negotiation.understanding import read_message

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = [
    "SKT인데 35만원 밀렸고 매달 5만5천원 나와요",
    "삼십오만 원이요",
    "두 달째 못 냈어요",
    "지금은 월 10만원, 3개월 뒤부터는 20만원 낼 수 있어요",
    "분할납부랑 정지 유예 하고 싶어요",
    "12만 3천 5백원",
    "해당 없어요",
    "네 정지됐어요",
]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_calls(call: Callable[[int], object], count: int) -> list[float]:
    samples = []
    for index in range(count):
        start = time.perf_counter()
        call(index)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(name: str, samples: list[float], target_ms: float) -> bool:
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    met = p95 < target_ms
    print(
        f"{name:<28} p50 {p50:8.3f} ms   p95 {p95:8.3f} ms   target p95 < {target_ms} ms: "
        f"{'met' if met else 'NOT met'}"
    )
    return met


def bench_engine() -> bool:
    reading = time_calls(
        lambda i: read_message(MESSAGES[i % len(MESSAGES)], requested_slot="arrears_amount"), 4000
    )
    planning = time_calls(
        lambda i: plan_installments(
            300_000 + i * 1_000, 55_000, 150_000, recovery_months=2, recovery_budget=250_000
        ),
        4000,
    )
    tracemalloc.start()
    plans = [plan_installments(300_000 + i * 1_000, 55_000, 150_000) for i in range(1000)]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    memory_met = peak < 5 * 1024 * 1024
    print(
        f"{'1,000 plans, peak memory':<28} {peak / 1024:8.0f} KiB   target < 5 MB: "
        f"{'met' if memory_met else 'NOT met'} ({len(plans)} plans)"
    )
    return all(
        [
            report("read a message", reading, 2.0),
            report("plan instalments", planning, 1.0),
            memory_met,
        ]
    )


def bench_server(url: str, conversations: int) -> bool:
    import requests

    turns = [
        "안녕하세요",
        "KT요",
        "35만원",
        "두 달",
        "아니요",
        "분할 납부요",
        "5만 5천원",
        "15만원",
        "없어요",
        "해당 없어요",
        "없어요",
        "네",
    ]
    samples = []
    for _ in range(conversations):
        sender = "bench-" + uuid.uuid4().hex[:8]
        for text in turns:
            start = time.perf_counter()
            reply = requests.post(
                f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
            )
            reply.raise_for_status()
            samples.append((time.perf_counter() - start) * 1000)
    return report(f"REST turn ({len(samples)} turns)", samples, 1500.0)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="a running coach, e.g. http://localhost:5005")
    parser.add_argument("--conversations", type=int, default=5)
    parser.add_argument("--engine-only", action="store_true", help="no servers")
    full = parser.add_argument_group("the whole benchmark (default without --url)")
    full.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    full.add_argument("--skip-training", action="store_true", help="do not time a training")
    full.add_argument("--single-conversations", type=int, default=3)
    full.add_argument("--long-turns", type=int, default=100)
    full.add_argument("--long-repeats", type=int, default=2)
    full.add_argument("--profile", action="store_true", help="py-spy on both coach servers")
    full.add_argument("--profile-seconds", type=int, default=30)
    full.add_argument("--profile-dir", type=Path, default=ROOT / "bench" / "profiles")
    full.add_argument("--keep", action="store_true", help="keep the temporary folder")
    arguments = parser.parse_args()
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        met = bench_engine()
    print(captured.getvalue(), end="")
    if arguments.url:
        met = bench_server(arguments.url.rstrip("/"), arguments.conversations) and met
    elif not arguments.engine_only:
        from bench.full import run_full

        run_full(arguments, captured.getvalue().splitlines())
    print("all engine targets met" if met else "some engine targets NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
