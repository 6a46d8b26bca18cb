"""The whole issue-12 benchmark in one run, written to docs/benchmarks.md (see bench/rest.py)."""

from __future__ import annotations

import datetime
import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

from bench import rest
from bench.profile_long import profile_late_turns
from bench.profile_summary import compact, summarise
from bench.profile_summary import markdown as profile_markdown
from tests.servers import stop

ROOT = Path(__file__).resolve().parents[1]
ANALYSIS = Path(__file__).resolve().parent / "analysis.md"
LEVELS = (1, 10, 20, 50)
CHECKPOINTS = (5, 50, 100)
LATE_FROM = 60


def fmt(value: float, digits: int = 0) -> str:
    return "—" if value != value else f"{value:,.{digits}f}"


def ratio(a: float, b: float) -> str:
    return "—" if not b or a != a or b != b else f"{a / b:.2f}×"


def measure(server: rest.Server, conversations: list[list[str]], restart: str | None, args: Any):
    loads = {}
    for users in LEVELS:
        per_user = args.single_conversations if users == 1 else 1
        loads[users] = rest.timed(
            f"{server.name}: {users} concurrent",
            lambda users=users, per_user=per_user: rest.run_load(
                server, users, conversations, per_user
            ),
        )
    script = rest.long_script(conversations, args.long_turns, restart)
    long = rest.timed(
        f"{server.name}: long conversation",
        lambda: rest.run_long(server, script, args.long_repeats, list(CHECKPOINTS)),
    )
    return loads, long


def run_full(args: Any, engine_lines: list[str]) -> Path:
    if args.profile and not (shutil.which("py-spy") or (rest.BIN / "py-spy").exists()):
        raise SystemExit("--profile needs py-spy: .venv/bin/pip install -r bench/requirements.txt")
    workdir = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    results: dict[str, Any] = {"machine": rest.machine(), "engine": engine_lines}
    started = datetime.datetime.now(datetime.timezone.utc)
    conversations = rest.coach_conversations()
    try:
        results["train_coach"] = (
            float("nan")
            if args.skip_training
            else rest.timed("train the coach (fresh cache)", lambda: rest.train_coach(workdir))
        )
        project, results["train_reference"] = rest.timed(
            "rasa init (scaffold and train)", lambda: rest.train_reference(workdir)
        )

        coach = rest.timed("coach cold start", lambda: rest.start_coach(workdir / "coach"))
        try:
            results["coach"] = measure(coach, conversations, rest.RESTART, args)
            results["coach_memory"] = coach.memory()
            results["coach_cold"] = coach.cold_start_s
            if args.profile:
                files = rest.timed(
                    "py-spy on both coach servers",
                    lambda: rest.profile_coach(
                        coach, conversations, 20, args.profile_seconds, args.profile_dir
                    ),
                )
                late = rest.timed(
                    "py-spy on the Rasa server, late turns of a long conversation",
                    lambda: profile_late_turns(
                        coach,
                        rest.long_script(conversations, args.long_turns, rest.RESTART),
                        LATE_FROM,
                        args.profile_dir / "rasa-long.collapsed.txt",
                    ),
                )
                files["rasa, turns 60–100 of one conversation"] = (
                    args.profile_dir / "rasa-long.collapsed.txt"
                )
                results["profile"] = {
                    role: summarise(path) for role, path in files.items() if path.exists()
                }
                for path in files.values():  # summarised first, then made small enough to keep
                    if path.exists():
                        compact(path)
                for log in args.profile_dir.glob("*.py-spy.log"):
                    if not log.stat().st_size:
                        log.unlink()
                results["late_median"] = rest.percentile(late[LATE_FROM - 1 :], 0.5)
                results["validation"] = rest.timed("jsonschema cost", rest.validation_cost)
        finally:
            stop(list(coach.processes.values()))

        results["calls"] = rest.timed(
            "action calls per turn (counting proxy)",
            lambda: rest.count_action_calls(workdir / "count", conversations[0]),
        )

        reference = rest.timed("rasa init cold start", lambda: rest.start_reference(project))
        try:
            results["reference"] = measure(reference, [rest.REFERENCE_TURNS], None, args)
            results["reference_memory"] = reference.memory()
            results["reference_cold"] = reference.cold_start_s
        finally:
            stop(list(reference.processes.values()))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["started"] = started
    results["finished"] = datetime.datetime.now(datetime.timezone.utc)
    results["conversations"] = conversations
    text = write_report(results, args)
    args.out.write_text(text)
    print(f"[bench] wrote {args.out}")
    return args.out


def met(condition: bool) -> str:
    return "**met**" if condition else "**NOT met**"


def write_report(r: dict[str, Any], args: Any) -> str:
    m = r["machine"]
    coach_loads, coach_long = r["coach"]
    ref_loads, ref_long = r["reference"]
    turns_coach = [len(c) for c in r["conversations"]]
    out = [
        "# Benchmarks — the coach against the `rasa init` assistant",
        "",
        "Written by `make bench` (bench/run.py, bench/full.py, bench/rest.py); the figures are "
        "as measured in one run, met or not. No test asserts a timing.",
        "",
        f"- Run: {r['started']:%Y-%m-%d %H:%M} – {r['finished']:%H:%M} UTC",
        f"- Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']:.1f} GiB memory, "
        f"Python {m['python']}, Rasa 3.6.21; the load generator runs on the same cores.",
        "- Coach: models/coach.tar.gz, the action server (scripts/action_server.py), the "
        "SQLite tracker store (the project's default), REST channel. Simulated people talk "
        f"the {len(turns_coach)} whole Korean six-stage conversations of "
        f"tests/e2e/test_conversations.py ({min(turns_coach)}–{max(turns_coach)} turns each, "
        "figures and action calls included), without pause between turns.",
        "- Reference: `rasa init --no-prompt` trained in a temporary folder, Rasa 3.6.21 "
        "defaults (in-memory tracker store, no custom action), REST channel; each person talks "
        f"its greet/mood conversation ({len(rest.REFERENCE_TURNS)} English turns: "
        + ", ".join(f"“{t}”" for t in rest.REFERENCE_TURNS)
        + ").",
        f"- 1 concurrent: {args.single_conversations} conversations one after another; "
        "10/20/50 concurrent: one whole conversation per person, all starting together. "
        "Turns per second = turns answered / wall time of the phase.",
        "",
        "## Turn latency and throughput",
        "",
        "| concurrent | assistant | turns | p50 ms | p95 ms | p99 ms | max ms | turns/s | errors |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for users in LEVELS:
        for name, loads in (("coach", coach_loads), ("rasa init", ref_loads)):
            load = loads[users]
            out.append(
                f"| {users} | {name} | {load.turns} | {fmt(load.p(0.5))} | {fmt(load.p(0.95))} "
                f"| {fmt(load.p(0.99))} | {fmt(max(load.latencies_ms or [float('nan')]))} "
                f"| {fmt(load.throughput, 1)} | {load.errors + load.empty} |"
            )
        c, f = coach_loads[users], ref_loads[users]
        out.append(
            f"| {users} | **coach ÷ reference** | | {ratio(c.p(0.5), f.p(0.5))} "
            f"| {ratio(c.p(0.95), f.p(0.95))} | {ratio(c.p(0.99), f.p(0.99))} | "
            f"| {ratio(c.throughput, f.throughput)} | |"
        )
    out += [
        "",
        "(errors: failed requests plus turns answered with no message at all.)",
        "",
        "## One long conversation",
        "",
        f"{args.long_repeats} conversations of {args.long_turns} turns each, one person at a time "
        "(the coach: the six-stage conversations one after another, “처음부터 다시 할래요” "
        "between them, all in one stored conversation on SQLite). “Turn n” is the median over "
        "turns n−2 … n+2 of every repeat, to keep one slow turn from deciding it. The stored "
        "conversation is read back (outside the timing): every event of every session, and the "
        "latest session alone, which is what the SQL tracker store loads on each turn and Rasa "
        "sends the action server on each call (“처음부터 다시” starts a new session).",
        "",
        "| turn | coach ms | rasa init ms | coach stored events | coach latest session: "
        "events | coach latest session: JSON | rasa init stored events |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for turn in CHECKPOINTS:
        _, events, session_size, session_events = coach_long.tracker.get(turn, (0, 0, 0, 0))
        ref_events = ref_long.tracker.get(turn, (0, 0, 0, 0))[1]
        out.append(
            f"| {turn} | {fmt(coach_long.around(turn))} | {fmt(ref_long.around(turn))} "
            f"| {events} | {session_events} | {session_size / 1024:.0f} KiB | {ref_events} |"
        )
    growth_coach = coach_long.around(100) / coach_long.around(5)
    growth_ref = ref_long.around(100) / ref_long.around(5)
    out += [
        f"| 100 ÷ 5 | {growth_coach:.2f}× | {growth_ref:.2f}× | | | | |",
        "",
        "## Memory, cold start, training",
        "",
        "| | coach | rasa init | coach ÷ reference |",
        "|---|---:|---:|---:|",
    ]
    cm, rm = r["coach_memory"], r["reference_memory"]
    out += [
        f"| peak memory, Rasa server (VmHWM) | {cm['rasa']:.0f} MiB | {rm['rasa']:.0f} MiB "
        f"| {ratio(cm['rasa'], rm['rasa'])} |",
        f"| peak memory, action server | {cm['actions']:.0f} MiB | — (none) | |",
        f"| cold start to the first answer | {r['coach_cold']:.1f} s | {r['reference_cold']:.1f} s "
        f"| {ratio(r['coach_cold'], r['reference_cold'])} |",
        f"| training (empty cache) | {fmt(r['train_coach'], 0)} s | {r['train_reference']:.0f} s "
        "(`rasa init`: scaffold and train) "
        f"| {ratio(r['train_coach'], r['train_reference'])} |",
        "",
        "Peak memory is read at the end of the load phases; the coach's cold start includes "
        "starting the action server beside it (both start together).",
        "",
    ]

    calls = r["calls"]["per_turn"]
    counts = [len(turn) for turn in calls]
    every = [call for turn in calls for call in turn]
    out += [
        "## Action-server calls per turn",
        "",
        "One conversation (the first scenario, "
        f"{len(calls)} turns) through a counting proxy, in a separate pass: "
        f"{len(every)} calls, {statistics.mean(counts):.1f} per turn (min {min(counts)}, max "
        f"{max(counts)}). Each request carries the whole stored conversation and the whole "
        "domain.",
        "",
        "| turn | message | calls | actions | request KiB (sum) | of which tracker KiB "
        "| of which domain KiB | events in last call |",
        "|---:|---|---:|---|---:|---:|---:|---:|",
    ]
    for index, (text, turn) in enumerate(zip(r["conversations"][0], calls, strict=False), start=1):
        names = ", ".join(str(call["action"]).removeprefix("action_") for call in turn)
        out.append(
            f"| {index} | {text} | {len(turn)} | {names} "
            f"| {sum(c['request_bytes'] for c in turn) / 1024:.0f} "
            f"| {sum(c['tracker_bytes'] for c in turn) / 1024:.0f} "
            f"| {sum(c['domain_bytes'] for c in turn) / 1024:.0f} "
            f"| {turn[-1]['events'] if turn else 0} |"
        )
    if every:
        out += [
            "",
            f"Mean request {statistics.mean(c['request_bytes'] for c in every) / 1024:.0f} KiB "
            f"(domain {statistics.mean(c['domain_bytes'] for c in every) / 1024:.0f} KiB of it), "
            f"mean round trip seen by the proxy {statistics.mean(c['ms'] for c in every):.0f} ms "
            f"(p95 {rest.percentile([c['ms'] for c in every], 0.95):.0f} ms).",
        ]

    c1, r1, c20, r20 = coach_loads[1], ref_loads[1], coach_loads[20], ref_loads[20]
    trained = r["train_coach"]
    training_met = met(trained <= 180) if trained == trained else "not measured"
    out += [
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| p50 turn latency ≤ 0.5× the reference (1 person, action calls included) "
        f"| {fmt(c1.p(0.5))} ms vs {fmt(r1.p(0.5))} ms = {ratio(c1.p(0.5), r1.p(0.5))} "
        f"| {met(c1.p(0.5) <= 0.5 * r1.p(0.5))} |",
        f"| throughput at 20 concurrent ≥ 2× the reference "
        f"| {c20.throughput:.1f} vs {r20.throughput:.1f} turns/s = "
        f"{ratio(c20.throughput, r20.throughput)} | {met(c20.throughput >= 2 * r20.throughput)} |",
        f"| p99 < 2 s at 20 concurrent, no pause | {fmt(c20.p(0.99))} ms "
        f"| {met(c20.p(0.99) < 2000)} |",
        f"| turn 100 ≤ 1.5× turn 5 (SQLite store) | {coach_long.around(100):.0f} ÷ "
        f"{coach_long.around(5):.0f} ms = {growth_coach:.2f}× | {met(growth_coach <= 1.5)} |",
        f"| training ≤ 3 min on {m['cores']} cores | {fmt(r['train_coach'], 0)} s "
        f"| {training_met} |",
        f"| cold start ≤ 30 s | {r['coach_cold']:.1f} s | {met(r['coach_cold'] <= 30)} |",
        "",
        "## Engine micro-benchmarks (in process)",
        "",
        "```",
        *r["engine"],
        "```",
        "",
    ]
    if r.get("profile"):
        out += [
            "## Profile of this run (py-spy: 20 people without pause; late turns of one long "
            "conversation)",
            "",
            f"py-spy 0.3.14 sampled each server for {args.profile_seconds} s at 100 Hz while 20 "
            "people talked without pause, then the Rasa server at 200 Hz during turns "
            f"{LATE_FROM}–{args.long_turns} of one more long conversation (one person). Python "
            "frames only; idle threads are left out, and the main thread waiting in the uvloop "
            "event loop shows as “idle”. Each sample goes to the first matching phase of "
            "bench/profile_summary.py. The collapsed stacks are kept in bench/profiles/ "
            "(flamegraph.pl or speedscope read them).",
            "",
        ]
        for role, summary in r["profile"].items():
            title = f"{role} server, 20 people" if role in ("rasa", "actions") else role
            out.append(profile_markdown(title, summary))
        if "late_median" in r:
            out.append(
                f"(Turns {LATE_FROM}–{args.long_turns} of the profiled long conversation: median "
                f"{r['late_median']:.0f} ms per turn, py-spy at 200 Hz attached.)\n"
            )
        if "validation" in r:
            v = r["validation"]
            out += [
                "Checking one action-server answer, in process (bench/rest.py "
                "`validation_cost`, a typical answer of the coach): Rasa's "
                f"`jsonschema.validate` {v['validate_ms']:.1f} ms per call; the same check "
                f"with a validator built once {v['cached_ms']:.2f} ms per call.",
                "",
            ]
    if ANALYSIS.exists():
        out += [ANALYSIS.read_text()]
    return "\n".join(out).rstrip() + "\n"
