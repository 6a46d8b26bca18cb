"""Draw (message, amount, role) examples from the written conversation corpora.

Every corpus conversation (tests/conversations*/) says what its person answers to each question
and what their true figures are. Each amount in an opener, an answer or an after-plan correction
is labelled with the figure whose true value it is: the question asked when several figures share
the value, ``other`` when it is none of them (another debt, a rough figure later made exact, the
parts of a total, a value taken back). The one amount of an answer to a figure's question is that
figure even when the person corrects it later. Amounts whose figure cannot be told from the
truth are left out.

    .venv/bin/python scripts/build_role_examples.py [--exclude tests/conversations_heldout8]

writes negotiation/data/role_examples.yml, which negotiation/understanding/second_opinion.py
learns from. A corpus measured blind is added only after its first measurement.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from negotiation.money import find_amounts  # noqa: E402
from negotiation.text import normalise  # noqa: E402
from negotiation.understanding.second_opinion import OTHER  # noqa: E402

OUT = ROOT / "negotiation" / "data" / "role_examples.yml"
AMOUNT_SLOTS = ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum", "recovery_budget")
# Corpora measured blind and not yet learned from (their first measurement must stay unseen).
NOT_YET_LEARNED: tuple[str, ...] = ()


def writer_of(folder: Path, item: dict[str, Any]) -> str:
    """The person who wrote a conversation: one per folder, the first folder two (a_, b_)."""
    if folder.name == "conversations":
        return f"conversations/{str(item['id'])[0]}"
    return folder.name


def label(value: int, truth: dict[str, Any], question: str | None) -> str | None:
    """The figure ``value`` is in this person's truth, ``other`` for none, None when unclear."""
    same = [slot for slot in AMOUNT_SLOTS if truth.get(slot) is not None and truth[slot] == value]
    bill = truth.get("monthly_bill")
    for budget in ("monthly_budget", "recovery_budget"):
        # "요금 말고 5만원 더": an amount beyond the bill, which the budget includes
        if bill and truth.get(budget) and value + bill == truth[budget] and budget not in same:
            same.append(budget)
    if len(same) == 1:
        return same[0]
    if question in same:
        return question
    return OTHER if not same else None


def examples_of(folder: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            truth = dict(item["expect"])
            said: list[tuple[str | None, str, dict[str, Any]]] = [(None, item["opener"], truth)]
            for slot, answers in (item.get("answers") or {}).items():
                said += [(slot, str(answer), truth) for answer in answers or []]
            for step in item.get("after_plan") or []:
                said.append(("after_plan", str(step["say"]), {**truth, **step["changes"]}))
            for question, text, known in said:
                found += _labelled(text, question, known, writer_of(folder, item))
    return found


def _labelled(
    text: str, question: str | None, truth: dict[str, Any], writer: str
) -> list[dict[str, Any]]:
    lowered = normalise(text)
    rows = []
    amounts = [amount for amount in find_amounts(lowered) if amount.value > 0]
    for amount in amounts:
        role = label(amount.value, truth, question)
        if role == OTHER and len(amounts) == 1 and question in AMOUNT_SLOTS:
            # The one amount of an answer to that figure's question, which the person corrects
            # later (the truth holds the corrected value): the figure, said wrong.
            role = question
        if role is None:
            continue
        rows.append(
            {
                "text": lowered,
                "start": amount.start,
                "end": amount.end,
                "question": question,
                "role": role,
                "writer": writer,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exclude", action="append", default=list(NOT_YET_LEARNED))
    args = parser.parse_args()
    excluded = {(ROOT / path).resolve() for path in args.exclude}
    rows: list[dict[str, Any]] = []
    for folder in sorted((ROOT / "tests").glob("conversations*")):
        if folder.is_dir() and folder.resolve() not in excluded:
            rows += examples_of(folder)
    header = (
        "# Written by scripts/build_role_examples.py from the conversation corpora (tests/\n"
        "# conversations*/): each amount a person says, with the figure it is in their truth.\n"
        "# Learned by negotiation/understanding/second_opinion.py. Do not edit by hand.\n"
    )
    body = yaml.safe_dump({"examples": rows}, allow_unicode=True, sort_keys=False, width=200)
    OUT.write_text(header + body, encoding="utf-8")
    writers = sorted({row["writer"] for row in rows})
    print(f"{len(rows)} examples from {len(writers)} writers -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
