"""How far the reader and its learned second opinion can be trusted, writer by writer.

For each writer of the conversation corpora, the role model is trained on every *other* writer's
examples and tested on this one's (leave one writer out), so no figure is measured on text the
model has seen. Each amount is also read by the reader itself (``read_message`` with the question
asked and nothing known), and the coach's rule is applied: where the two disagree and the model is
confident, the amount is asked about instead of stored.

    .venv/bin/python scripts/eval_understanding.py   (make eval-understanding)

writes docs/understanding-roles.md.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from negotiation.understanding.message import read_message  # noqa: E402
from negotiation.understanding.second_opinion import (  # noqa: E402
    CONFIDENT,
    OTHER,
    RoleExample,
    examples,
    opinion,
    train,
)

REPORT = ROOT / "docs" / "understanding-roles.md"
ASKED = "asked"


def reader_role(example: RoleExample) -> str:
    """What the reader makes of the amount: a slot, ``asked``, or ``other`` (not taken)."""
    after_plan = example.question == "after_plan"
    question = None if after_plan else example.question
    reading = read_message(example.text, question, after_plan=after_plan, check=False)
    value = _value(example)
    if any(item.value == value for item in reading.ambiguous):
        return ASKED
    slots = [slot for slot, stored in reading.values.items() if stored == value]
    amount_slots = [slot for slot in slots if slot != "lump_sum" or value]
    return amount_slots[0] if amount_slots else OTHER


def _value(example: RoleExample) -> int:
    from negotiation.money import find_amounts

    for found in find_amounts(example.text):
        if found.start == example.start:
            return found.value
    raise ValueError(example)


def main() -> None:
    began = time.monotonic()
    everything = examples()
    writers = sorted({example.writer for example in everything})
    rows = []
    totals: dict[str, int] = defaultdict(int)
    for writer in writers:
        model = train(item for item in everything if item.writer != writer)
        counts: dict[str, int] = defaultdict(int)
        for example in (item for item in everything if item.writer == writer):
            truth = example.role
            mine = reader_role(example)
            theirs, probability = opinion(
                example.text, example.start, example.end, example.question, using=model
            )
            counts["amounts"] += 1
            counts["model_right"] += theirs == truth
            counts["reader_right"] += mine == truth
            if truth != example.question:
                # the amounts the question asked does not settle: the harder part
                counts["other_role"] += 1
                counts["other_role_model_right"] += theirs == truth
                counts["other_role_reader_right"] += mine == truth
            agree = mine in (theirs, ASKED) or probability < CONFIDENT
            if mine == theirs:
                counts["agree"] += 1
                counts["agree_right"] += mine == truth
            elif mine != ASKED:
                counts["disagree"] += 1
                counts["disagree_reader_right"] += mine == truth
                counts["disagree_model_right"] += theirs == truth
            asked = mine == ASKED or (not agree and mine != OTHER)
            counts["asked"] += asked
            stored = not asked and mine != OTHER
            counts["stored"] += stored
            counts["stored_wrong"] += stored and mine != truth
        rows.append((writer, counts))
        for key, value in counts.items():
            totals[key] += value
    rows.append(("all writers", totals))
    REPORT.write_text(_report(rows, len(everything), time.monotonic() - began), encoding="utf-8")
    print(REPORT.read_text(encoding="utf-8"))


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "—"


def _report(rows: list[tuple[str, dict[str, int]]], examples_count: int, seconds: float) -> str:
    lines = [
        "# The reader and its second opinion, writer by writer",
        "",
        f"Written by `make eval-understanding` ({time.strftime('%Y-%m-%d')}, {seconds:.0f} s) from "
        f"{examples_count} amounts in the conversation corpora "
        "(`negotiation/data/role_examples.yml`, drawn by `scripts/build_role_examples.py`).",
        "",
        "For each writer the role model is trained on every other writer and tested on this one "
        "(leave one writer out). *Reader* is `read_message` with the question asked and nothing "
        "known (in a conversation it also knows the figures told before, so this is harsher). "
        f"The coach's rule: where the two disagree and the model's probability is at least "
        f"{CONFIDENT}, the amount is asked about, never stored; below that the model abstains "
        "and the reader's role stands. *Agree* and *disagree* count every amount, whatever the "
        "model's probability. *Stored wrong* is an amount the coach would keep as the wrong "
        "figure (the figures confirmation still shows it).",
        "",
        "| writer | amounts | model right | reader right | not the question's figure: model / "
        "reader right | agree | right where they agree | disagree: reader right "
        "| disagree: model right | end in a question | stored wrong |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for writer, c in rows:
        lines.append(
            f"| {writer} | {c['amounts']} | {_pct(c['model_right'], c['amounts'])} "
            f"| {_pct(c['reader_right'], c['amounts'])} "
            f"| {_pct(c['other_role_model_right'], c['other_role'])} / "
            f"{_pct(c['other_role_reader_right'], c['other_role'])} "
            f"| {_pct(c['agree'], c['amounts'])} "
            f"| {_pct(c['agree_right'], c['agree'])} "
            f"| {_pct(c['disagree_reader_right'], c['disagree'])} "
            f"| {_pct(c['disagree_model_right'], c['disagree'])} "
            f"| {_pct(c['asked'], c['amounts'])} | {_pct(c['stored_wrong'], c['stored'])} |"
        )
    lines += [
        "",
        "The reader has seen every corpus here (its rules were fixed against them), so its column "
        "is no measure of unseen text; the model's column is (each writer unseen). The blind "
        "corpus's first measurement is in the README.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
