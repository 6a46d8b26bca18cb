"""The independent conversation corpus (tests/conversations/) and the person who plays it.

Shared by `make eval-conversations` (scripts/eval_conversations.py, every conversation, a report)
and `make test` (tests/e2e/test_corpus.py, a sample; tests/engine/test_corpus_answers.py, every
answer through the engine alone).

Each conversation is a person written by someone who saw neither the code nor the training data:
an opener, how they answer each question the coach may ask (a second entry is how they rephrase
when asked again), a correction after the plan, how they choose an option, and the true figures
(``expect``). ``Person`` plays one against the real coach over REST:

- it answers whatever the coach asks (the tracker's ``requested_slot``, as the contract says),
  with the person's own words;
- when the coach asks which figure an amount is, it presses the button a person would press;
- at the figures confirmation it follows the person's own corrections first, then checks the
  figures shown against the truth, as a careful person would; a wrong figure there is fixed
  through the coach's own "고칠게요" and counted as *caught at confirmation*;
- it reads the plan's figures from the ``installment_plan`` message the coach sends.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from negotiation.confirmation import FIGURE_ORDER, label, read_confirmation
from negotiation.data import load
from negotiation.money import format_won
from negotiation.understanding import AMOUNT_SLOTS, read_message
from tests.servers import Conversation

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "conversations"
REPORT = ROOT / "docs" / "understanding-report.md"
MAX_TURNS = 45
FIGURE_KEYS = FIGURE_ORDER  # every figure the `figures` message carries
MONEY_KEYS = AMOUNT_SLOTS  # the engine's amount slots
CHECKED_KEYS = (*FIGURE_KEYS, "goals", "recovery_expected")
ROLE_BUTTONS: dict[str, str] = load("wording")["figure_roles"]  # the coach's own buttons


def load_corpus(folder: Path | None = None) -> list[dict[str, Any]]:
    conversations: list[dict[str, Any]] = []
    for path in sorted((folder or CORPUS).glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            item["file"] = path.name
            conversations.append(item)
    return conversations


def same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, list) or isinstance(actual, list):
        return sorted(expected or []) == sorted(actual or [])
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual or expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return float(expected) == float(actual)
    return expected == actual


def effective_truth(expect: dict[str, Any]) -> dict[str, Any]:
    """What the slots must hold. The recovery figures are only meaningful with a recovery."""
    truth = dict(expect)
    if not truth.get("recovery_expected"):
        truth["recovery_months"] = truth["recovery_budget"] = None
    return truth


@dataclass
class Outcome:
    id: str
    file: str
    exact: bool = False
    wrong_in_plan: list[str] = field(default_factory=list)
    caught: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    stuck: str | None = None
    turns: int = 0
    transcript: list[tuple[str, list[str]]] = field(default_factory=list)
    error: str | None = None

    @property
    def failed(self) -> bool:
        return not self.exact or bool(self.wrong_in_plan or self.stuck or self.error)


class Person:
    """Plays one conversation of the corpus against the coach."""

    def __init__(self, spec: dict[str, Any], servers: dict[str, Any]) -> None:
        self.spec = spec
        self.truth = effective_truth(spec["expect"])
        self.conversation = Conversation(servers)
        self.outcome = Outcome(spec["id"], spec["file"])
        self.asked: Counter = Counter()
        self.changes: dict[str, Any] = {}  # after-plan corrections said so far
        self.questions_seen: Counter = Counter()
        self.fixes = 0

    def say(self, text: str) -> list[dict[str, Any]]:
        replies = self.conversation.say(text)
        bot = [
            reply.get("text") or json.dumps(reply.get("custom"), ensure_ascii=False)
            for reply in replies
        ]
        self.outcome.transcript.append((text, bot))
        self.outcome.turns += 1
        for reply in replies:
            if reply.get("text"):
                self.questions_seen[reply["text"]] += 1
        return replies

    def answer_for(self, slot: str) -> str:
        answers = self.spec["answers"].get(slot) or ["모르겠어요"]
        index = min(self.asked[slot], len(answers) - 1)
        self.asked[slot] += 1
        return str(answers[index])

    def true_answer(self, slot: str) -> str:
        """ "어떻게 고칠까요?": the person says the true value (not a mistaken first answer)."""
        value = self.truth.get(slot)
        if value is None:
            return "모르겠어요"
        if slot in MONEY_KEYS:
            return f"{format_won(int(value))}이에요"
        if slot in ("months_overdue", "recovery_months"):
            return f"{int(value)}개월이요"
        if slot == "service_suspended":
            return "네 정지됐어요" if value else "아니요 아직 정지 안 됐어요"
        if slot == "carrier":
            return {"SKT": "SKT요", "KT": "KT요", "LGU+": "LG U+요", "MVNO": "알뜰폰이에요"}[value]
        if slot == "welfare_status":
            return {
                "livelihood": "생계급여 받고 있어요",
                "housing_education": "주거급여 받고 있어요",
                "near_poverty": "차상위예요",
                "basic_pension": "기초연금 받아요",
                "disabled": "장애인이에요",
                "veteran": "국가유공자예요",
                "none": "해당 없어요",
            }[value]
        return self.answer_for(slot)

    def run(self) -> Outcome:
        try:
            self._talk()
        except Exception as error:  # a crash is a failure of the conversation, reported as such
            self.outcome.error = f"{type(error).__name__}: {error}"
        return self.outcome

    def _talk(self) -> None:
        self.say(self.spec["opener"])
        plan_checked = False
        after_plan = list(self.spec.get("after_plan") or [])
        changes = self.changes
        idle = 0
        while self.outcome.turns < MAX_TURNS:
            repeated = [
                text for text, count in self.questions_seen.items() if count >= 3 and len(text) > 12
            ]
            if repeated:
                self.outcome.stuck = f"asked three times: {repeated[0][:80]}"
                return
            slots = self.conversation.slots()
            pending = slots.get("pending_figure")
            requested = slots.get("requested_slot")
            if self.conversation.custom("agreement"):
                break
            if pending and pending.get("value") is not None:
                self.say(self._role_answer(pending))
                continue
            if pending and pending.get("candidates"):
                self.say(self.true_answer(pending["candidates"][0]))
                continue
            if requested == "figures_confirmed":
                self.say(self._confirm(slots))
                continue
            if requested:
                self.say(self.answer_for(requested))
                continue
            if slots.get("plan_shown"):
                if not plan_checked:
                    self._check_plan(slots)
                    plan_checked = True
                if after_plan:
                    step = after_plan.pop(0)
                    changes.update(step.get("changes") or {})
                    self.say(step["say"])
                    continue
                # A plan with nothing to choose (a lump sum that pays it all) may come without
                # a written choice: the person then agrees as anyone would.
                self.say(self.spec.get("choose") or "네, 그렇게 할게요")
                continue
            idle += 1
            if idle >= 3:
                self.outcome.stuck = "the coach asked nothing and made no plan"
                return
            self.say("네")
        else:
            self.outcome.stuck = f"no agreement within {MAX_TURNS} turns"
            return
        final = {**self.truth, **changes}
        slots = self.conversation.slots()
        self.outcome.mismatches += [
            f"final {key}: expected {final[key]!r}, got {slots.get(key)!r}"
            for key in CHECKED_KEYS
            if key in final and not same(final[key], slots.get(key))
        ]
        self.outcome.exact = not (
            self.outcome.mismatches or self.outcome.caught or self.outcome.wrong_in_plan
        )

    def _role_answer(self, pending: dict[str, Any]) -> str:
        """Press the button a person would press: which figure this amount is."""
        value = pending["value"]
        candidates = list(pending["candidates"])
        # The person knows the figures they have corrected after the plan.
        known_to_them = {**self.truth, **self.changes}
        truly = [slot for slot in candidates if same(known_to_them.get(slot), value)]
        role = truly[0] if truly else None
        if len(candidates) == 2:
            if role == candidates[0]:
                return f"네, {ROLE_BUTTONS[candidates[0]]}"
            if role == candidates[1]:
                return f"아니요, {ROLE_BUTTONS[candidates[1]]}"
        if role is not None and role in ROLE_BUTTONS:
            return ROLE_BUTTONS[role]
        return "아니요, 그 금액이 아니에요"

    def _confirm(self, slots: dict[str, Any]) -> str:
        own = self.spec["answers"].get("figures_confirmed") or ["네 맞아요"]
        if self.asked["figures_confirmed"] < len(own) - 1:
            return self.answer_for("figures_confirmed")  # the person's own planned correction
        wrong = [key for key in FIGURE_KEYS if not same(self.truth.get(key), slots.get(key))]
        if not wrong or self.fixes >= 4:
            self.asked["figures_confirmed"] += 1
            return str(own[-1])
        key = wrong[0]
        self.fixes += 1
        self.outcome.caught.append(f"{key}: shown {slots.get(key)!r}, true {self.truth.get(key)!r}")
        return f"{label(key)}을 고칠게요"

    def _check_plan(self, slots: dict[str, Any]) -> None:
        plans = self.conversation.custom("installment_plan")
        figures = dict(slots)
        if plans:
            figures.update(
                {
                    key: plans[-1][key]
                    for key in ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum")
                }
            )
        for key in (*FIGURE_KEYS, "goals", "recovery_expected"):
            truth = self.truth.get(key)
            if key == "lump_sum" and truth is None:
                truth = 0 if plans else None  # the plan counts an unknown lump sum as none
                if not plans:
                    continue
            if not same(truth, figures.get(key)):
                note = f"{key}: expected {truth!r}, got {figures.get(key)!r}"
                if key in (*MONEY_KEYS, "months_overdue", "recovery_months"):
                    self.outcome.wrong_in_plan.append(note)
                else:
                    self.outcome.mismatches.append("at plan " + note)


# --- the engine alone ---------------------------------------------------------------------------


def corrects_own_figures(spec: dict[str, Any]) -> bool:
    """Whether the person later changes a figure they gave (at the confirmation or after the
    plan). A list of plain yeses to the confirmation is only several ways of saying yes (some
    writers give a second phrasing for when the first is not understood)."""
    confirmations = [str(answer) for answer in spec["answers"].get("figures_confirmed") or []]
    return bool(spec.get("after_plan")) or any(
        read_confirmation(answer) is not True for answer in confirmations[:-1]
    )


def engine_accuracy(corpus: list[dict[str, Any]]) -> dict[str, Any]:
    """Every answer in the corpus that gives a figure, read by the engine as an answer to its
    question: right, wrong (a different value stored), or missed (nothing stored)."""
    right = wrong = missed = 0
    failures: list[str] = []
    skipped = 0
    for spec in corpus:
        if corrects_own_figures(spec):
            skipped += 1  # the person corrects their own figures later: answers differ on purpose
            continue
        truth = effective_truth(spec["expect"])
        for slot, answers in spec["answers"].items():
            if slot not in (*MONEY_KEYS, "months_overdue", "recovery_months"):
                continue
            for answer in answers:
                reading = read_message(str(answer), requested_slot=slot)
                value = reading.values.get(slot)
                if value is not None and slot in reading.on_top_of_bill:
                    value += truth.get("monthly_bill") or 0  # as the action adds the bill
                if truth.get(slot) is None:
                    continue
                if value is None:
                    if answer == answers[-1]:  # only the last phrasing must carry the figure
                        missed += 1
                        failures.append(f"missed  {spec['id']} {slot}: {answer!r}")
                elif same(truth[slot], value):
                    right += 1
                else:
                    wrong += 1
                    failures.append(f"WRONG   {spec['id']} {slot}: {answer!r} -> {value}")
    total = right + wrong + missed
    return {
        "right": right,
        "wrong": wrong,
        "missed": missed,
        "total": total,
        "failures": failures,
        "skipped": skipped,
    }
