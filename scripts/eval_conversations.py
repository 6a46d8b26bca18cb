"""Talk the independent conversation corpus (tests/conversations/) to the real coach over REST,
and write docs/understanding-report.md.

How a conversation is played is in tests/corpus.py. Reported: conversations with every slot
exact, wrong figures in a plan (must be 0), figures the person had to fix at the confirmation,
conversations stuck (the same question three times in the same words, or no end within the turn
limit), average turns, and every failure. It also measures the engine alone on every answer in
the corpus that gives a figure.

Usage: .venv/bin/python scripts/eval_conversations.py [--only ID,ID] [--every N] [--out FILE]
       [--url http://localhost:5005 --token TOKEN]   (a coach already running, API enabled)
       [--corpus DIR]                                 (another corpus, e.g. a fresh held-out one)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus import (  # noqa: E402
    CORPUS,
    MAX_TURNS,
    REPORT,
    Outcome,
    Person,
    engine_accuracy,
    load_corpus,
)
from tests.servers import running_coach  # noqa: E402

# --- report -------------------------------------------------------------------------------------


def write_report(
    outcomes: list[Outcome], engine: dict[str, Any], seconds: float, out: Path, corpus: str
) -> None:
    total = len(outcomes)
    exact = sum(outcome.exact and not outcome.failed for outcome in outcomes)
    wrong = sum(len(outcome.wrong_in_plan) for outcome in outcomes)
    caught = sum(len(outcome.caught) for outcome in outcomes)
    stuck = sum(outcome.stuck is not None for outcome in outcomes)
    errors = sum(outcome.error is not None for outcome in outcomes)
    turns = sum(outcome.turns for outcome in outcomes) / max(total, 1)
    lines = [
        f"# Understanding report: `{corpus}`",
        "",
        f"Written by `make eval-conversations` ({time.strftime('%Y-%m-%d')}, {seconds:.0f} s). "
        f"{total} whole conversations from `{corpus}`, written by people who saw only the "
        "product description, the contract and the seed (not the code, not the training data), "
        "talked to the real action server and Rasa server over REST.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| conversations with every slot exact | {exact}/{total} "
        f"({100 * exact / max(total, 1):.1f}%)"
        " | ≥ 95% |",
        f"| wrong figures in a plan | {wrong} | 0 |",
        f"| conversations stuck (same question 3×, or no end in {MAX_TURNS} turns) | {stuck} | 0 |",
        f"| figures the person had to fix at the confirmation | {caught} | — |",
        f"| conversations that crashed | {errors} | 0 |",
        f"| average turns per conversation | {turns:.1f} | — |",
        "",
        "A conversation is exact when every slot (carrier, the figures, goals, welfare status, "
        "suspension, recovery) held the person's true value when the plan was made and at the "
        "end, and the person never had to fix a figure the coach had read wrong. A *wrong figure "
        "in a plan* is a plan computed from a figure that is not the person's. The driver checks "
        "the figures shown at the confirmation as a careful person would and fixes a wrong one "
        "with the coach's own [고칠게요]; those are counted separately as *caught*.",
        "",
        "## The engine alone",
        "",
        f"Every answer in the corpus that gives a figure, read by the engine as the answer to its "
        f"question: {engine['right']} right, **{engine['wrong']} wrong**, {engine['missed']} "
        f"missed, of {engine['total']} (the {engine['skipped']} conversations in which the person "
        "later corrects their own figures are left out: their first answers differ from the "
        "truth on purpose).",
        "",
    ]
    if engine["failures"]:
        lines += ["```"] + engine["failures"] + ["```", ""]
    failed = [outcome for outcome in outcomes if outcome.failed]
    lines += ["## Every failure", ""]
    if not failed:
        lines.append("None.")
    for outcome in failed:
        lines += [f"### {outcome.id} ({outcome.file})", ""]
        for note in (
            ([f"ERROR {outcome.error}"] if outcome.error else [])
            + ([f"STUCK {outcome.stuck}"] if outcome.stuck else [])
            + [f"WRONG IN PLAN {note}" for note in outcome.wrong_in_plan]
            + [f"caught at confirmation: {note}" for note in outcome.caught]
            + [f"mismatch: {note}" for note in outcome.mismatches]
        ):
            lines.append(f"- {note}")
        lines += ["", "<details><summary>transcript</summary>", ""]
        lines += transcript_lines(outcome, limit=300)
        lines += ["", "</details>", ""]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def transcript_lines(outcome: Outcome, limit: int | None = None) -> list[str]:
    """One conversation as the person saw it: their messages after ">", the coach's indented."""
    lines = ["```"]
    for said, replies in outcome.transcript:
        lines.append(f"> {said}")
        lines += [f"  {reply[:limit]}" for reply in replies]
    return [*lines, "```"]


def write_transcripts(outcomes: list[Outcome], out: Path) -> None:
    """Every conversation in full, passed or not, for reading as the person would."""
    lines = ["# Every conversation, in full", ""]
    for outcome in outcomes:
        lines += [f"## {outcome.id} ({outcome.file})", "", *transcript_lines(outcome), ""]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="comma-separated conversation ids")
    parser.add_argument("--every", type=int, default=1, help="every Nth conversation only")
    parser.add_argument("--out", type=Path, default=REPORT)
    parser.add_argument("--url", help="a coach already running (with its token in --token)")
    parser.add_argument("--token")
    parser.add_argument("--corpus", type=Path, help="a folder of corpus files (default: ours)")
    parser.add_argument(
        "--transcripts", type=Path, help="also write every conversation in full to this file"
    )
    args = parser.parse_args()
    corpus = load_corpus(args.corpus)
    engine = engine_accuracy(corpus)
    chosen = corpus[:: args.every]
    if args.only:
        wanted = set(args.only.split(","))
        chosen = [spec for spec in corpus if spec["id"] in wanted]
    started = time.monotonic()

    def run_all(servers: dict[str, Any]) -> list[Outcome]:
        outcomes = []
        for spec in chosen:
            outcome = Person(spec, servers).run()
            mark = "ok " if not outcome.failed else "FAIL"
            notes = outcome.wrong_in_plan + outcome.caught + outcome.mismatches
            detail = outcome.error or outcome.stuck or "; ".join(notes)[:150]
            print(f"{mark} {outcome.id} turns={outcome.turns} {detail}", flush=True)
            outcomes.append(outcome)
        return outcomes

    if args.url:
        outcomes = run_all({"url": args.url, "token": args.token})
    else:
        with tempfile.TemporaryDirectory() as workdir, running_coach(Path(workdir)) as servers:
            outcomes = run_all(servers)
    label = (
        str((args.corpus or CORPUS).resolve().relative_to(ROOT))
        if (args.corpus is None or args.corpus.resolve().is_relative_to(ROOT))
        else str(args.corpus)
    )
    write_report(outcomes, engine, time.monotonic() - started, args.out, label)
    if args.transcripts:
        write_transcripts(outcomes, args.transcripts)
    failed = sum(outcome.failed for outcome in outcomes)
    print(f"{len(outcomes) - failed} of {len(outcomes)} conversations exact; report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
