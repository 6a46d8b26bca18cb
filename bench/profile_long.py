"""Where the time of a late turn goes: py-spy on the coach's Rasa server during turns
``--from`` … 100 of one long conversation (SQLite store), one person, no pause.

    python bench/profile_long.py            # writes bench/profiles/rasa-long.collapsed.txt

`make bench ARGS=--profile` runs the same on the server it measured (bench/full.py).
"""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from bench import rest
from bench.profile_summary import markdown, summarise
from tests.servers import BIN, stop


def profile_late_turns(
    server: rest.Server, script: list[str], start: int, target: Path
) -> list[float]:
    """Talk ``script`` as one person; py-spy records the Rasa server from turn ``start`` on.
    Returns the latency of every turn (ms)."""
    session = requests.Session()
    sender = "profile-" + uuid.uuid4().hex[:6]
    samples = []
    recorder = None
    try:
        for turn, text in enumerate(script, start=1):
            if turn == start:
                recorder = subprocess.Popen(
                    [
                        shutil.which("py-spy") or str(BIN / "py-spy"),
                        "record",
                        "--pid",
                        str(server.processes["rasa"].pid),
                        "--rate",
                        "200",
                        "--format",
                        "raw",
                        "--output",
                        str(target),
                        "--nonblocking",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                time.sleep(1)
            started = time.perf_counter()
            server.say(session, sender, text)
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        if recorder:
            recorder.send_signal(signal.SIGINT)
            recorder.wait(timeout=60)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--from", dest="start", type=int, default=60)
    parser.add_argument("--out", type=Path, default=rest.ROOT / "bench" / "profiles")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="coach-profile-"))
    script = rest.long_script(rest.coach_conversations(), arguments.turns, rest.RESTART)
    server = rest.start_coach(workdir)
    target = arguments.out / "rasa-long.collapsed.txt"
    try:
        samples = profile_late_turns(server, script, arguments.start, target)
        late = samples[arguments.start - 1 :]
        print(
            f"turns {arguments.start}–{arguments.turns}: median {rest.percentile(late, 0.5):.0f} ms"
        )
        print(
            markdown(f"Rasa server, turns {arguments.start}–{arguments.turns}", summarise(target))
        )
    finally:
        stop(list(server.processes.values()))
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
