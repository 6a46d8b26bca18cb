"""The issue-12 benchmark: the coach against the assistant `rasa init` creates, in one run.

Both assistants are started here, each on free ports, and driven over the REST channel by
simulated people talking whole conversations without pause (the coach: the Korean six-stage
conversations of tests/e2e/test_conversations.py, figures and action calls included; the
reference: a few English greet/mood turns). Measured, never asserted:

- turn latency p50/p95/p99 and turns per second at several numbers of concurrent conversations;
- turn latency near turns 5, 50 and 100 of long conversations (the coach on its default
  persistent store, SQLite; the reference on Rasa's default, in memory);
- peak resident memory of each server, cold start to the first answer, training time;
- for the coach, the action-server calls per turn and their request sizes (through a counting
  proxy, in a separate pass so that the proxy costs nothing in the timed figures);
- optionally (--profile) a py-spy profile of both coach servers under load.
"""

from __future__ import annotations

import http.client
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.servers import (  # noqa: E402
    BIN,
    TOKEN,
    free_port,
    start_action_server,
    start_rasa_server,
    stop,
)

RASA_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}
RESTART = "처음부터 다시 할래요"
# The reference's own conversation (data/stories.yml of `rasa init`): greet, mood, bot challenge.
REFERENCE_TURNS = [
    "hello",
    "I am feeling sad",
    "yes",
    "are you a bot?",
    "great, thanks",
    "goodbye",
]


def coach_conversations() -> list[list[str]]:
    from tests.e2e.test_conversations import SCENARIOS

    return [list(scenario.messages) for scenario in SCENARIOS]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    rank = share * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def peak_rss_mib(pid: int) -> float:
    """The peak resident set (VmHWM) of a process and its children, in MiB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    except OSError:
        pass
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def machine() -> dict[str, Any]:
    memory_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kib = int(line.split()[1])
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gib": memory_kib / 1024 / 1024,
        "python": sys.version.split()[0],
    }


@dataclass
class Server:
    """A running assistant: its REST URL and the processes whose memory is reported."""

    name: str
    url: str
    processes: dict[str, subprocess.Popen]
    token: str | None = None
    cold_start_s: float = float("nan")
    logs: list[Path] = field(default_factory=list)

    def say(self, session: requests.Session, sender: str, text: str) -> list[dict[str, Any]]:
        response = session.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=120,
        )
        response.raise_for_status()
        return response.json()

    def tracker_bytes(self, sender: str) -> tuple[int, int, int, int]:
        """Size of the stored conversation: every event of every session (bytes, events), and
        the latest session alone (bytes, events), which is what the SQL tracker store loads on
        each turn and Rasa sends the action server on each call."""
        params = {"include_events": "ALL"}
        if self.token:
            params["token"] = self.token
        response = requests.get(f"{self.url}/conversations/{sender}/tracker", params=params)
        response.raise_for_status()
        events = response.json().get("events", [])
        starts = [i for i, event in enumerate(events) if event.get("event") == "session_started"]
        session = events[starts[-1] :] if starts else events
        session_bytes = len(json.dumps(session, ensure_ascii=False).encode())
        return len(response.content), len(events), session_bytes, len(session)

    def memory(self) -> dict[str, float]:
        return {role: peak_rss_mib(process.pid) for role, process in self.processes.items()}


def wait_for_first_answer(
    server: Server, started: float, process: subprocess.Popen, log: Path, seconds: int = 300
) -> float:
    """Seconds from the start of the processes to the first answer to a message."""
    deadline = time.monotonic() + seconds
    session = requests.Session()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{server.name} exited early:\n{log.read_text()[-3000:]}")
        try:
            if server.say(session, "cold-" + uuid.uuid4().hex[:8], "hello"):
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer in {seconds}s:\n{log.read_text()[-3000:]}")


def sqlite_store(path: Path) -> str:
    return f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {path}\n"


def start_coach(workdir: Path, action_port: int | None = None) -> Server:
    """The coach as `make run` starts it (SQLite tracker store, token-protected action server);
    with ``action_port`` the Rasa server calls the actions there (the counting proxy)."""
    workdir.mkdir(parents=True, exist_ok=True)
    own_action_port, rasa_port = free_port(), free_port()
    started = time.monotonic()
    actions = start_action_server(workdir, own_action_port)
    rasa = start_rasa_server(
        workdir,
        rasa_port,
        action_port or own_action_port,
        tracker_store=sqlite_store(workdir / "trackers.sqlite"),
        extra_env=RASA_ENV,
    )
    server = Server(
        "coach",
        f"http://127.0.0.1:{rasa_port}",
        {"rasa": rasa, "actions": actions},
        token=TOKEN,
        logs=[workdir / "rasa.log", workdir / "actions.log"],
    )
    server.action_url = f"http://127.0.0.1:{own_action_port}"  # type: ignore[attr-defined]
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{server.action_url}/health", timeout=2).ok:  # type: ignore[attr-defined]
                    break
            except requests.RequestException:
                time.sleep(0.2)
        server.cold_start_s = wait_for_first_answer(server, started, rasa, workdir / "rasa.log")
    except BaseException:
        stop(list(server.processes.values()))
        raise
    return server


def train_reference(workdir: Path) -> tuple[Path, float]:
    """`rasa init --no-prompt` (scaffold and training with Rasa's defaults) in ``workdir``."""
    project = workdir / "init"
    project.mkdir(parents=True)
    started = time.monotonic()
    with open(workdir / "init.log", "w") as log:
        subprocess.run(
            [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
            cwd=workdir,
            env={**os.environ, **RASA_ENV, "RASA_CACHE_DIRECTORY": str(workdir / "init-cache")},
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return project, time.monotonic() - started


def train_coach(workdir: Path) -> float:
    """A fresh training of the coach (empty cache) into ``workdir``; models/ is left alone."""
    started = time.monotonic()
    with open(workdir / "train-coach.log", "w") as log:
        subprocess.run(
            [
                str(BIN / "rasa"),
                "train",
                "--out",
                str(workdir / "models"),
                "--fixed-model-name",
                "c",
            ],
            cwd=ROOT,
            env={**os.environ, **RASA_ENV, "RASA_CACHE_DIRECTORY": str(workdir / "cache")},
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return time.monotonic() - started


def start_reference(project: Path) -> Server:
    """The `rasa init` assistant with Rasa's defaults (in-memory tracker store, no actions)."""
    port = free_port()
    log = project / "rasa.log"
    started = time.monotonic()
    rasa = subprocess.Popen(
        [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(project / "models"),
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--enable-api",
        ],
        cwd=project,
        env={**os.environ, **RASA_ENV},
        stdout=open(log, "a"),  # noqa: SIM115 (written until the server stops)
        stderr=subprocess.STDOUT,
    )
    server = Server("rasa init", f"http://127.0.0.1:{port}", {"rasa": rasa}, logs=[log])
    try:
        server.cold_start_s = wait_for_first_answer(server, started, rasa, log)
    except BaseException:
        stop([rasa])
        raise
    return server


@dataclass
class LoadResult:
    users: int
    latencies_ms: list[float]
    seconds: float
    errors: int
    empty: int

    @property
    def turns(self) -> int:
        return len(self.latencies_ms)

    @property
    def throughput(self) -> float:
        return self.turns / self.seconds if self.seconds else float("nan")

    def p(self, share: float) -> float:
        return percentile(self.latencies_ms, share)


def run_load(
    server: Server, users: int, conversations: list[list[str]], per_user: int
) -> LoadResult:
    """``users`` people at once, each talking ``per_user`` whole conversations without pause."""
    latencies: list[float] = []
    errors = [0, 0]
    lock = threading.Lock()
    barrier = threading.Barrier(users + 1)

    def person(index: int) -> None:
        session = requests.Session()
        mine: list[float] = []
        failed = empty = 0
        barrier.wait()
        for round_ in range(per_user):
            script = conversations[(index + round_ * users) % len(conversations)]
            sender = f"bench-{users}-{index}-{round_}-{uuid.uuid4().hex[:6]}"
            for text in script:
                start = time.perf_counter()
                try:
                    replies = server.say(session, sender, text)
                except requests.RequestException:
                    failed += 1
                    continue
                mine.append((time.perf_counter() - start) * 1000)
                empty += not replies
        with lock:
            latencies.extend(mine)
            errors[0] += failed
            errors[1] += empty

    threads = [threading.Thread(target=person, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return LoadResult(users, latencies, time.perf_counter() - started, errors[0], errors[1])


def long_script(conversations: list[list[str]], turns: int, restart: str | None) -> list[str]:
    """One person talking ``turns`` messages: whole conversations one after another, starting
    over in between (the coach: "처음부터 다시 할래요"), as a person back for another bill."""
    script: list[str] = []
    index = 0
    while len(script) < turns:
        script += conversations[index % len(conversations)]
        if restart:
            script.append(restart)
        index += 1
    return script[:turns]


@dataclass
class LongResult:
    latencies_ms: list[list[float]]  # one list per conversation, turn 1 first
    # turn → (bytes, events) of the stored conversation, then of its latest session
    tracker: dict[int, tuple[int, int, int, int]]

    def around(self, turn: int, half: int = 2) -> float:
        """Median latency of turns turn-half … turn+half (1-based) over every conversation."""
        pooled = []
        for samples in self.latencies_ms:
            low, high = max(1, turn - half), min(len(samples), turn + half)
            pooled += samples[low - 1 : high]
        return percentile(pooled, 0.5)


def run_long(server: Server, script: list[str], repeats: int, checkpoints: list[int]) -> LongResult:
    result = LongResult([], {})
    for repeat in range(repeats):
        session = requests.Session()
        sender = f"long-{repeat}-{uuid.uuid4().hex[:6]}"
        samples = []
        for turn, text in enumerate(script, start=1):
            start = time.perf_counter()
            server.say(session, sender, text)
            samples.append((time.perf_counter() - start) * 1000)
            if repeat == 0 and turn in checkpoints:
                result.tracker[turn] = server.tracker_bytes(sender)  # outside the timing
        result.latencies_ms.append(samples)
    return result


class CountingProxy:
    """Forwards the Rasa server's action calls to the action server, recording each call's
    action, request and response size and time (only in its own pass, never in a timed one)."""

    def __init__(self, target_port: int):
        self.calls: list[dict[str, Any]] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    payload = json.loads(body)
                except ValueError:
                    payload = {}
                started = time.perf_counter()
                connection = http.client.HTTPConnection("127.0.0.1", target_port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                connection.request("POST", self.path, body=body, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                elapsed = (time.perf_counter() - started) * 1000
                tracker = payload.get("tracker") or {}
                proxy.calls.append(
                    {
                        "action": payload.get("next_action"),
                        "request_bytes": len(body),
                        "tracker_bytes": len(json.dumps(tracker, ensure_ascii=False).encode()),
                        "domain_bytes": len(
                            json.dumps(payload.get("domain") or {}, ensure_ascii=False).encode()
                        ),
                        "events": len(tracker.get("events") or []),
                        "response_bytes": len(data),
                        "ms": elapsed,
                    }
                )
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                connection.close()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def count_action_calls(workdir: Path, script: list[str]) -> dict[str, Any]:
    """Action calls per turn and their payloads, one conversation through the counting proxy."""
    workdir.mkdir(parents=True, exist_ok=True)
    action_port = free_port()
    actions = start_action_server(workdir, action_port)
    proxy = CountingProxy(action_port)
    server = None
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{action_port}/health", timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        rasa_port = free_port()
        started = time.monotonic()
        rasa = start_rasa_server(
            workdir,
            rasa_port,
            proxy.port,
            tracker_store=sqlite_store(workdir / "trackers.sqlite"),
            extra_env=RASA_ENV,
        )
        server = Server("coach", f"http://127.0.0.1:{rasa_port}", {"rasa": rasa}, token=TOKEN)
        wait_for_first_answer(server, started, rasa, workdir / "rasa.log")
        session = requests.Session()
        sender = "count-" + uuid.uuid4().hex[:6]
        per_turn = []
        for text in script:
            before = len(proxy.calls)
            server.say(session, sender, text)
            per_turn.append(proxy.calls[before:])
        return {"per_turn": per_turn}
    finally:
        stop(([server.processes["rasa"]] if server else []) + [actions])
        proxy.close()


def profile_coach(
    server: Server, conversations: list[list[str]], users: int, seconds: int, out: Path
) -> dict[str, Path]:
    """py-spy (raw collapsed stacks) on both coach servers while ``users`` people talk."""
    py_spy = shutil.which("py-spy") or str(BIN / "py-spy")
    out.mkdir(parents=True, exist_ok=True)
    recorders = {}
    files = {}
    for role, process in server.processes.items():
        files[role] = out / f"{role}.collapsed.txt"
        recorders[role] = subprocess.Popen(
            [
                py_spy,
                "record",
                "--pid",
                str(process.pid),
                "--duration",
                str(seconds),
                "--rate",
                "100",
                "--format",
                "raw",
                "--output",
                str(files[role]),
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(out / f"{role}.py-spy.log", "w"),  # noqa: SIM115
        )
    time.sleep(1)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run_load(server, users, conversations, 1)
    for recorder in recorders.values():
        recorder.wait(timeout=seconds + 60)
    return files


def timed(label: str, call: Callable[[], Any]) -> Any:
    print(f"[bench] {label} …", flush=True)
    started = time.monotonic()
    value = call()
    print(f"[bench] {label}: {time.monotonic() - started:.1f} s", flush=True)
    return value


def validation_cost(calls: int = 200) -> dict[str, float]:
    """What Rasa spends checking one action-server answer (RemoteAction._validate_action_result:
    `jsonschema.validate`, which checks the schema itself on every call) against a validator
    built once, on a typical answer of the coach (ms per call, in this process)."""
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    answer = {
        "events": [{"event": "slot", "name": "arrears_amount", "value": 350000}],
        "responses": [
            {
                "text": "가" * 200,
                "buttons": [{"title": "네", "payload": "/affirm"}] * 3,
                "custom": {"type": "stage", "stage": 2},
            }
        ],
    }
    started = time.perf_counter()
    for _ in range(calls):
        jsonschema.validate(answer, schema)
    each = (time.perf_counter() - started) * 1000 / calls
    validator = jsonschema.validators.validator_for(schema)(schema)
    started = time.perf_counter()
    for _ in range(calls):
        validator.validate(answer)
    cached = (time.perf_counter() - started) * 1000 / calls
    return {"validate_ms": each, "cached_ms": cached}
