"""Where the time goes: py-spy raw (collapsed) stacks summarised into phases and functions.

    python bench/profile_summary.py bench/profiles/rasa.collapsed.txt

Each sample is given to the first phase (in the order below) one of whose patterns appears in
any frame of its stack, so the shares add up to 100 %. A sample whose innermost Python frame is
Sanic's `serve` is the uvloop event loop (C) waiting for the network: counted as idle.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

PHASES = [
    # py-spy's stacks stop at a fixed depth, so the deep recursion of jsonschema loses its
    # callers; in the Rasa server the only jsonschema call on a turn is the check of each
    # action-server answer (RemoteAction._validate_action_result), so it is named after it.
    ("action answer validation (jsonschema)", ["jsonschema"]),
    ("NLU: Kiwi tokenizer", ["korean_nlp/tokenizer", "kiwipiepy"]),
    ("NLU: spaCy pipeline (other)", ["spacy_nlp.py", "/spacy/"]),
    ("NLU: DIET classifier", ["diet_classifier.py"]),
    ("NLU: featurizers", ["/nlu/featurizers/"]),
    ("NLU: other components", ["/rasa/nlu/", "korean_nlp/"]),
    ("policy: TED", ["ted_policy.py"]),
    ("policy: rules", ["rule_policy.py"]),
    ("policy: memoization", ["memoization.py"]),
    ("policy: ensemble / featurization", ["/rasa/core/policies/", "/rasa/core/featurizers/"]),
    ("graph runner / model", ["/rasa/engine/", "/rasa/core/agent.py"]),
    ("tracker store (SQL load/save)", ["tracker_store.py", "/sqlalchemy/", "sqlite3"]),
    ("action call: payload / HTTP", ["rasa/core/actions/action.py", "rasa/utils/endpoints.py"]),
    (
        "tracker: events and replay",
        ["rasa/shared/core/trackers.py", "rasa/shared/core/events.py", "rasa/shared/core/domain"],
    ),
    ("processor (other)", ["rasa/core/processor.py", "rasa/core/lock_store.py"]),
    ("actions: engine (negotiation/)", ["/negotiation/"]),
    ("actions: action code (actions/)", ["/actions/"]),
    ("actions: rasa_sdk (tracker, dispatch)", ["rasa_sdk/"]),
    ("JSON (de)serialisation", ["json/", "ujson", "orjson"]),
    ("HTTP server (sanic/aiohttp/asyncio)", ["sanic", "aiohttp", "asyncio", "uvloop", "httptools"]),
]


def read(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append((stack.split(";"), int(count)))
    return stacks


def function_name(frame: str) -> str:
    match = re.match(r"(.*) \((.*?)(?::\d+)?\)$", frame.strip())
    if not match:
        return frame.strip()
    name, filename = match.groups()
    parts = Path(filename).parts
    short = "/".join(parts[-2:]) if len(parts) > 1 else filename
    return f"{name} ({short})"


def summarise(path: Path, top: int = 12) -> dict[str, object]:
    stacks = read(path)
    total = sum(count for _, count in stacks) or 1
    phases: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for frames, count in stacks:
        joined = ";".join(frames)
        if function_name(frames[-1]).startswith("serve (server/runners.py)"):
            phases["idle: event loop waiting (uvloop)"] += count
            leaves[function_name(frames[-1])] += count
            continue
        for phase, patterns in PHASES:
            if any(pattern in joined for pattern in patterns):
                phases[phase] += count
                break
        else:
            phases["other"] += count
        leaves[function_name(frames[-1])] += count
        for name in {function_name(frame) for frame in frames}:
            inclusive[name] += count
    return {
        "samples": total,
        "phases": [(name, count / total) for name, count in phases.most_common()],
        "self": [(name, count / total) for name, count in leaves.most_common(top)],
        "inclusive": [
            (name, count / total)
            for name, count in inclusive.most_common(400)
            if any(key in name for key in ("rasa", "actions", "negotiation", "korean_nlp", "sdk"))
        ][:top],
    }


def compact(path: Path, limit: int = 150_000) -> Path:
    """The same stacks without line numbers, jsonschema's recursion folded into one frame
    (its leaf kept), merged; while over ``limit`` bytes, ever more of the rarest stacks are cut
    to their first 10 and last 2 frames. Small enough to keep in the repository; the sample
    totals do not change (the summary is made from the raw file, before this)."""
    merged: Counter[str] = Counter()
    for frames, count in read(path):
        plain = [re.sub(r":\d+\)$", ")", frame) for frame in frames]
        deep = next((i for i, frame in enumerate(plain) if "jsonschema" in frame), None)
        if deep is not None:
            plain = [*plain[:deep], "(jsonschema recursion)", plain[-1]]
        merged[";".join(plain)] += count
    text = "".join(f"{stack} {count}\n" for stack, count in merged.most_common())
    for rare in (2, 5, 10, 20, 50, 100):
        if len(text.encode()) <= limit:
            break
        cut: Counter[str] = Counter()
        for stack, count in merged.items():
            frames = stack.split(";")
            key = stack if count > rare else ";".join([*frames[:10], "(cut)", *frames[-2:]])
            cut[key] += count
        text = "".join(f"{stack} {count}\n" for stack, count in cut.most_common())
    path.write_text(text)
    return path


def markdown(title: str, summary: dict[str, object]) -> str:
    lines = [f"#### {title} ({summary['samples']} samples)", "", "| phase | share |", "|---|---:|"]
    lines += [f"| {name} | {share:.1%} |" for name, share in summary["phases"]]  # type: ignore[attr-defined]
    lines += ["", "| top self time (leaf frame) | share |", "|---|---:|"]
    lines += [f"| `{name}` | {share:.1%} |" for name, share in summary["self"]]  # type: ignore[attr-defined]
    lines += ["", "| inclusive (project and Rasa frames) | share |", "|---|---:|"]
    lines += [f"| `{name}` | {share:.1%} |" for name, share in summary["inclusive"]]  # type: ignore[attr-defined]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(markdown(argument, summarise(Path(argument))))
