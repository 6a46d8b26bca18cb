"""Polite lines to say to the carrier's agent at each stage, and the stage-6 agreement.

The wording lives in data/wording.yml; this module only chooses the lines that fit the person and
fills them with their own figures, written the way a Korean speaker says them.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from negotiation.data import load
from negotiation.money import format_months, format_won
from negotiation.planner import InstallmentPlan, PlanOption

if TYPE_CHECKING:  # imported for annotations only, to keep the modules independent
    from negotiation.alternatives import Alternative
    from negotiation.risk import RiskStep

STAGE_KEYS = {1: "open", 2: "situation", 3: "goal", 4: "information", 5: "proposal", 6: "agreement"}
STAGE_TITLES = {
    1: "상담 시작",
    2: "상황 설명",
    3: "목표 정하기",
    4: "정보 공유",
    5: "제안과 대안",
    6: "최종 합의",
}


def stage_message(stage: int) -> dict[str, object]:
    """The contract's ``stage`` structured message."""
    return {"type": "stage", "stage": stage, "key": STAGE_KEYS[stage], "title": STAGE_TITLES[stage]}


@dataclass
class Situation:
    """What the coach knows about the person; every figure is whole 원 or whole months."""

    carrier: str | None = None
    arrears_amount: int | None = None
    months_overdue: int | None = None
    monthly_bill: int | None = None
    monthly_budget: int | None = None
    lump_sum: int | None = None
    recovery_months: int | None = None
    recovery_budget: int | None = None
    goals: list[str] = field(default_factory=list)
    welfare_status: str | None = None
    service_suspended: bool | None = None


def wording() -> dict[str, Any]:
    return load("wording")


def carrier_name(carrier: str | None) -> str | None:
    return wording()["carrier_names"].get(carrier) if carrier else None


def goal_labels(goals: Iterable[str]) -> list[str]:
    labels = wording()["goal_labels"]
    return [labels[goal] for goal in goals if goal in labels]


def option_label(kind: str) -> str:
    return str(wording()["option_labels"][kind])


def describe_payments(payments: list[int]) -> str:
    """``[95000, 95000, 95000, 65000]`` -> "처음 3개월은 9만 5천원씩, 마지막 달은 6만 5천원"."""
    runs: list[list[int]] = []
    for payment in payments:
        if runs and runs[-1][0] == payment:
            runs[-1][1] += 1
        else:
            runs.append([payment, 1])
    if len(runs) == 1:
        return f"매달 {format_won(runs[0][0])}씩"
    parts = []
    for index, (payment, count) in enumerate(runs):
        if index == 0:
            parts.append(f"처음 {format_months(count)}은 {format_won(payment)}씩")
        elif index == len(runs) - 1:
            parts.append(
                "마지막 달은 " + format_won(payment)
                if count == 1
                else f"마지막 {format_months(count)}은 {format_won(payment)}씩"
            )
        else:
            parts.append(f"다음 {format_months(count)}은 {format_won(payment)}씩")
    return ", ".join(parts)


def payment_schedule(payments: list[int]) -> str:
    """Month by month: "1개월째 9만 5천원 · 2개월째 9만 5천원 · …"."""
    return " · ".join(
        f"{month}개월째 {format_won(payment)}" for month, payment in enumerate(payments, start=1)
    )


def _figures(
    situation: Situation, plan: InstallmentPlan | None, option: PlanOption | None
) -> dict[str, str]:
    values: dict[str, str | None] = {
        "carrier_name": carrier_name(situation.carrier),
        "arrears": _won(situation.arrears_amount),
        "months_overdue": _months(situation.months_overdue) if situation.months_overdue else None,
        "monthly_bill": _won(situation.monthly_bill),
        "budget": _won(situation.monthly_budget),
        "lump_sum": _won(situation.lump_sum) if situation.lump_sum else None,
        "recovery_months": _months(situation.recovery_months),
        "recovery_budget": _won(situation.recovery_budget),
        "welfare_label": (
            wording()["welfare_labels"].get(situation.welfare_status)
            if situation.welfare_status not in (None, "none")
            else None
        ),
    }
    if plan is not None:
        values["remaining"] = format_won(plan.remaining)
        capacity = situation_capacity(situation)
        values["per_month_capacity"] = format_won(capacity) if capacity and capacity > 0 else None
        step_up = plan.option("step_up")
        if step_up is not None and situation.recovery_months:
            values["step_first_payment"] = format_won(step_up.payments[0])
            values["step_later_payment"] = format_won(step_up.payments[situation.recovery_months])
    if option is not None:
        values["plan_months"] = format_months(option.months)
        values["schedule_short"] = describe_payments(option.payments)
        values["schedule"] = payment_schedule(option.payments)
    return {key: value for key, value in values.items() if value is not None}


def situation_capacity(situation: Situation) -> int | None:
    if situation.monthly_budget is None or situation.monthly_bill is None:
        return None
    return situation.monthly_budget - situation.monthly_bill


def _won(value: int | None) -> str | None:
    return format_won(value) if value is not None else None


def _months(value: int | None) -> str | None:
    return format_months(value) if value is not None else None


def _condition_holds(
    condition: str | None, situation: Situation, plan: InstallmentPlan | None
) -> bool:
    if condition is None:
        return True
    if condition == "suspended":
        return situation.service_suspended is True
    if condition == "not_suspended":
        return situation.service_suspended is False
    if condition == "keep_or_suspended":
        return situation.service_suspended is True or "keep_service" in situation.goals
    if condition == "welfare":
        return situation.welfare_status not in (None, "none")
    if condition == "discount_sought":
        return "fee_adjustment" in situation.goals or situation.welfare_status not in (None, "none")
    if condition == "lump_sum":
        return bool(situation.lump_sum)
    if condition.startswith("goal:"):
        return condition[len("goal:") :] in situation.goals
    if condition.startswith("option:"):
        return plan is not None and plan.option(condition[len("option:") :]) is not None
    raise ValueError(f"unknown condition in wording.yml: {condition}")


def _fill(template: str, figures: dict[str, str]) -> str | None:
    needed = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    if not needed <= figures.keys():
        return None
    return template.format(**figures)


def stage_lines(
    stage: int,
    situation: Situation,
    plan: InstallmentPlan | None = None,
    option: PlanOption | None = None,
) -> list[str]:
    """The lines for ``stage`` that fit this person, with their figures filled in, then one for
    when the agent says no."""
    entry = wording()["stages"][stage]
    figures = _figures(situation, plan, option)
    lines = _lines_that_fit(entry["lines"], situation, plan, figures)
    refusal = _fill(entry["refusal"], figures) or _fill(entry.get("refusal_generic", ""), figures)
    if refusal:
        lines.append(refusal)
    return lines


def script_message(
    stage: int,
    situation: Situation,
    plan: InstallmentPlan | None = None,
    option: PlanOption | None = None,
) -> dict[str, object]:
    """The contract's ``script`` structured message."""
    return {"type": "script", "stage": stage, "lines": stage_lines(stage, situation, plan, option)}


def _lines_that_fit(
    entries: Iterable[Any],
    situation: Situation,
    plan: InstallmentPlan | None,
    figures: dict[str, str],
) -> list[str]:
    """wording.yml lines whose ``when`` holds for this person and whose figures are known."""
    lines: list[str] = []
    for line in entries:
        text, condition = (line, None) if isinstance(line, str) else (line["text"], line["when"])
        if not _condition_holds(condition, situation, plan):
            continue
        filled = _fill(text, figures)
        if filled:
            lines.append(filled)
    return lines


def checklist(situation: Situation, option: PlanOption) -> list[str]:
    """What to note down at the end of the call; items about a suspension or a discount only
    for a person whom they concern."""
    return _lines_that_fit(
        wording()["checklist"], situation, None, _figures(situation, None, option)
    )


def agreement_message(situation: Situation, option: PlanOption) -> dict[str, object]:
    """The contract's ``agreement`` structured message for stage 6."""
    return {
        "type": "agreement",
        "carrier": situation.carrier,
        "arrears_amount": situation.arrears_amount,
        "option": option.to_dict(),
        "checklist": checklist(situation, option),
    }


def _fragment(name: str, **values: object) -> str:
    return str(wording()["fragments"][name]).format(**values)


def risk_lines(steps: Iterable[RiskStep]) -> list[str]:
    """Each risk step as one line: when, what, and where the fact comes from."""
    return [
        _fragment("risk_line", when=step.when, text=step.text, source=step.source) for step in steps
    ]


def alternative_lines(items: Iterable[Alternative]) -> list[str]:
    """Each alternative as one line, with its monthly saving and source where known."""
    lines = []
    for item in items:
        line = _fragment("alternative_line", title=item.title, explanation=item.explanation)
        if item.monthly_saving:
            line += _fragment("alternative_saving", saving=format_won(item.monthly_saving))
        if item.weak:
            line += _fragment("alternative_weak")
        if item.source:
            line += _fragment("alternative_source", source=item.source)
        lines.append(line)
    return lines


def shortfall_note(shortfall: int) -> str:
    return _fragment("shortfall_note", shortfall=format_won(shortfall))


def customer_centre_line(carrier: str | None) -> str:
    """Where to call, from facts.yml; numbers known only from blogs carry a caution."""
    centre = load("facts")["customer_centres"].get(carrier or "")
    if not centre:
        return ""
    line = _fragment("centre_line", line=centre["line"])
    return line + (_fragment("centre_weak") if centre.get("weak") else "")
