"""Polite lines to say to the carrier's agent at each stage, and the stage-6 agreement.

The wording lives in data/wording.yml; this module only chooses the lines that fit the person and
fills them with their own figures, written the way a Korean speaker says them.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from negotiation.data import load
from negotiation.korean import josa
from negotiation.money import format_months, format_won
from negotiation.planner import InstallmentPlan, PlanOption
from negotiation.risk import Person, RiskStep, concerns, fact

if TYPE_CHECKING:  # imported for annotations only, to keep the modules independent
    from negotiation.alternatives import Alternative


def stage_message(stage: int) -> dict[str, object]:
    """The contract's ``stage`` structured message; keys and titles from wording.yml."""
    entry = wording()["stages"][stage]
    return {"type": "stage", "stage": stage, "key": entry["key"], "title": entry["title"]}


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
    bill_checked: str | None = None  # "checked", "found_issue" or "not_yet" (the itemised bill)
    for_family: bool = False  # the line is a family member's; the person speaks for them
    internet_only: bool = False  # home internet (TV, home phone), no mobile line mentioned


def person_of(situation: Situation) -> Person:
    """What the facts' conditions (facts.yml) are about, from what the person has told."""
    return Person(
        situation.carrier,
        situation.months_overdue,
        situation.arrears_amount,
        situation.service_suspended,
        situation.internet_only,
    )


def wording() -> dict[str, Any]:
    return load("wording")


def carrier_name(carrier: str | None) -> str | None:
    return wording()["carrier_names"].get(carrier) if carrier else None


def carrier_company(carrier: str | None) -> str | None:
    """Whose agent the person talks to: "KT", or "가입하신 알뜰폰 회사" for an MVNO."""
    companies = wording().get("carrier_companies") or {}
    return companies.get(carrier) or carrier_name(carrier)


def goal_labels(goals: Iterable[str], suspended: bool | None = None) -> list[str]:
    """The goals as the person reads them; keeping a line already suspended is getting it back."""
    labels = wording()["goal_labels"]
    return [
        labels["keep_service_suspended" if goal == "keep_service" and suspended else goal]
        for goal in goals
        if goal in labels
    ]


def step_up_finishes_sooner(months_by_kind: Mapping[str, int]) -> bool:
    """Whether a ``step_up`` option finishes before the ``fastest`` one (it pays more once
    finances improve), so that "fastest" holds only at today's budget."""
    step_up, fastest = months_by_kind.get("step_up"), months_by_kind.get("fastest")
    return step_up is not None and fastest is not None and step_up < fastest


def option_label(kind: str, step_down: bool = False, step_up_sooner: bool = False) -> str:
    """How an option is named to the person. A ``step_up`` option whose later payments are the
    smaller ones (the budget drops after the recovery date) is named for what it does, and so is
    the ``fastest`` option when a ``step_up`` one finishes sooner."""
    labels = wording()["option_labels"]
    if kind == "step_up" and step_down:
        return str(labels["step_down"])
    if kind == "fastest" and step_up_sooner:
        return str(labels["fastest_at_todays_budget"])
    return str(labels[kind])


def describe_duration(months: int) -> str:
    """ "4개월", and for a long term also in years: "27개월(2년 3개월)"."""
    if months < 12:
        return format_months(months)
    years, rest = divmod(months, 12)
    in_years = f"{years}년" + (f" {rest}개월" if rest else "")
    return f"{months}개월({in_years})"


def describe_payments(payments: list[int]) -> str:
    """``[95000, 95000, 95000, 65000]`` -> "처음 3개월은 9만 5천원씩, 마지막 달은 6만 5천원"."""
    runs: list[list[int]] = []
    for payment in payments:
        if runs and runs[-1][0] == payment:
            runs[-1][1] += 1
        else:
            runs.append([payment, 1])
    if len(runs) == 1 and runs[0][1] == 1:
        return f"한 번에 {format_won(runs[0][0])}"
    if len(runs) == 1:
        return f"매달 {format_won(runs[0][0])}씩"
    parts = []
    for index, (payment, count) in enumerate(runs):
        if index == 0 and payment == 0:
            # A step-up plan with nothing left at first: those months pay the bill only.
            first = "첫 달은" if count == 1 else f"처음 {format_months(count)}은"
            parts.append(f"{first} 밀린 돈을 내지 않고")
        elif index == 0 and count == 1:
            parts.append(f"첫 달은 {format_won(payment)}")  # not "처음 1개월은 …씩"
        elif index == 0:
            parts.append(f"처음 {format_months(count)}은 {format_won(payment)}씩")
        elif index == len(runs) - 1:
            parts.append(
                "마지막 달은 " + format_won(payment)
                if count == 1
                else f"마지막 {format_months(count)}은 {format_won(payment)}씩"
            )
        elif count == 1:
            parts.append(f"다음 달은 {format_won(payment)}")
        else:
            parts.append(f"다음 {format_months(count)}은 {format_won(payment)}씩")
    return ", ".join(parts)


def payment_schedule(payments: list[int], bill_only_if_zero: bool = True) -> str:
    """Month by month: "1개월째 9만 5천원 · 2개월째 9만 5천원 · …" (a month with nothing towards
    the arrears says so); a long schedule is told in runs instead."""
    if len(payments) > 12 or len(set(payments)) == 1:
        return describe_payments(payments)
    return " · ".join(
        f"{month}개월째 {format_won(payment) if payment or not bill_only_if_zero else '요금만'}"
        for month, payment in enumerate(payments, start=1)
    )


def _figures(
    situation: Situation,
    plan: InstallmentPlan | None,
    option: PlanOption | None,
    max_months: int | None = None,
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
        # What is left to split, said so that the agent hears the lump sum too: "먼저 한 번에 내는
        # 5만원을 뺀 나머지 16만 3,870원", else "밀린 16만 3,870원".
        values["owed"] = (
            f"먼저 한 번에 내는 {josa(format_won(plan.lump_sum), '을')} 뺀 나머지 "
            f"{format_won(plan.remaining)}"
            if plan.lump_sum and plan.remaining
            else f"밀린 {format_won(plan.remaining)}"
        )
        capacity = situation_capacity(situation)
        values["per_month_capacity"] = format_won(capacity) if capacity and capacity > 0 else None
        values["per_month"] = format_won(plan.per_month) if plan.per_month > 0 else None
        step_up = plan.option("step_up")
        # Offered as "another way" only beside a first option that is not the step-up itself,
        # and only where the first months pay something (never "0원씩").
        if (
            step_up is not None
            and situation.recovery_months
            and (option is None or option.kind != "step_up")
            and step_up.payments[0] > 0
            and all(
                other.payments != step_up.payments
                for other in plan.options
                if other.kind != "step_up"
            )
        ):
            # The whole schedule: the larger amount may be paid only once ("다음 달은 14만원,
            # 마지막 달은 6만원"), so never "그 뒤로는 14만원씩".
            values["step_up_schedule"] = describe_payments(step_up.payments)
    if max_months is not None:
        values["max_months"] = str(max_months)
    if option is not None:
        values["plan_months"] = describe_duration(option.months)
        values["schedule_short"] = describe_payments(option.payments)
        values["schedule"] = payment_schedule(option.payments)
        if situation.monthly_bill is not None:
            with_bill = [payment + situation.monthly_bill for payment in option.payments]
            values["schedule_with_bill"] = payment_schedule(with_bill, bill_only_if_zero=False)
    return {key: value for key, value in values.items() if value is not None}


def situation_capacity(situation: Situation) -> int | None:
    if situation.monthly_budget is None or situation.monthly_bill is None:
        return None
    return situation.monthly_budget - situation.monthly_bill


def _won(value: int | None) -> str | None:
    return format_won(value) if value is not None else None


def _months(value: int | None) -> str | None:
    return format_months(value) if value is not None else None


CASE_GROUPS = {
    "feasible_or_within_budget": {"feasible", "within_budget"},
    "not_no_room": {"feasible", "within_budget", "paid_at_once"},
}


def _condition_holds(
    condition: str | list[str] | None,
    situation: Situation,
    plan: InstallmentPlan | None,
    case: str | None = None,
    option: PlanOption | None = None,
) -> bool:
    """Whether a wording.yml ``when`` holds; a list holds when every part does."""
    if condition is None:
        return True
    if isinstance(condition, list):
        return all(_condition_holds(part, situation, plan, case, option) for part in condition)
    if condition.startswith("not:"):
        return not _condition_holds(condition[len("not:") :], situation, plan, case, option)
    context = _Context(situation, plan, case, option)
    if condition in _CONDITIONS:
        return _CONDITIONS[condition](context)
    kind, colon, name = condition.partition(":")
    if colon and kind in _NAMED_CONDITIONS:
        return _NAMED_CONDITIONS[kind](name, context)
    raise ValueError(f"unknown condition in wording.yml: {condition}")


@dataclass(frozen=True)
class _Context:
    """What a wording.yml condition is about: the person, their plan, the proposal's case and
    the option they chose."""

    situation: Situation
    plan: InstallmentPlan | None
    case: str | None
    option: PlanOption | None

    @property
    def has_welfare(self) -> bool:
        return self.situation.welfare_status not in (None, "none")

    @property
    def lump_sum_covers(self) -> bool:
        # A lump sum above the arrears is never told to the agent: only what is owed.
        return (self.situation.lump_sum or 0) >= (self.situation.arrears_amount or 0) > 0

    @property
    def months_chosen(self) -> int | None:
        return self.option.months if self.option is not None else None


_CONDITIONS: dict[str, Callable[[_Context], bool]] = {
    "suspended": lambda told: told.situation.service_suspended is True,
    "not_suspended": lambda told: told.situation.service_suspended is False,
    "not_suspended_or_unknown": lambda told: told.situation.service_suspended is not True,
    "keep_or_suspended": lambda told: (
        told.situation.service_suspended is True or "keep_service" in told.situation.goals
    ),
    "welfare": lambda told: told.has_welfare,
    "discount_sought": lambda told: "fee_adjustment" in told.situation.goals or told.has_welfare,
    "bill_issue": lambda told: told.situation.bill_checked == "found_issue",
    "for_family": lambda told: told.situation.for_family,
    "for_self": lambda told: not told.situation.for_family,
    "internet_only": lambda told: told.situation.internet_only,
    "mobile_or_unknown": lambda told: not told.situation.internet_only,
    "lump_sum_covers": lambda told: told.lump_sum_covers,
    "lump_sum_partial": lambda told: not told.lump_sum_covers,
    "lump_sum": lambda told: bool(told.situation.lump_sum),
    # A one-month "plan" is one payment next month, never "1개월 동안 나눠".
    "one_payment": lambda told: told.months_chosen == 1,
    "several_payments": lambda told: told.months_chosen not in (None, 1),
    "option:chosen_step_up": lambda told: told.option is not None and told.option.kind == "step_up",
}

# Conditions that name something ("case:feasible", "goal:keep_service").
_NAMED_CONDITIONS: dict[str, Callable[[str, _Context], bool]] = {
    "case": lambda name, told: told.case is not None and told.case in CASE_GROUPS.get(name, {name}),
    # A line about a fact is for whom the fact concerns, by facts.yml's own conditions.
    "fact": lambda name, told: concerns(name, person_of(told.situation)),
    "carrier": lambda name, told: told.situation.carrier == name,
    "goal": lambda name, told: name in told.situation.goals,
    "option": lambda name, told: told.plan is not None and told.plan.option(name) is not None,
}


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
    case: str | None = None,
) -> list[str]:
    """The lines for ``stage`` that fit this person, with their figures filled in, then one for
    when the agent says no. ``case`` is the proposal's case (negotiation/advice.py) from stage 5
    on."""
    entry = wording()["stages"][stage]
    figures = _figures(situation, plan, option)
    lines = _lines_that_fit(entry["lines"], situation, plan, figures, case, option)
    refusal = _fill(entry["refusal"], figures) or _fill(entry.get("refusal_generic", ""), figures)
    if refusal:
        lines.append(refusal)
    return lines


def script_message(
    stage: int,
    situation: Situation,
    plan: InstallmentPlan | None = None,
    option: PlanOption | None = None,
    case: str | None = None,
) -> dict[str, object]:
    """The contract's ``script`` structured message."""
    return {
        "type": "script",
        "stage": stage,
        "lines": stage_lines(stage, situation, plan, option, case),
    }


def _lines_that_fit(
    entries: Iterable[Any],
    situation: Situation,
    plan: InstallmentPlan | None,
    figures: dict[str, str],
    case: str | None = None,
    option: PlanOption | None = None,
) -> list[str]:
    """wording.yml lines whose ``when`` holds for this person and whose figures are known."""
    lines: list[str] = []
    for line in entries:
        text, condition = (line, None) if isinstance(line, str) else (line["text"], line["when"])
        if not _condition_holds(condition, situation, plan, case, option):
            continue
        filled = _fill(text, figures)
        if filled:
            lines.append(filled)
    return lines


def checklist(situation: Situation, option: PlanOption | None, case: str) -> list[str]:
    """What to note down at the end of the call; items about a suspension, a discount or the
    instalments only for a person whom they concern."""
    return _lines_that_fit(
        wording()["checklist"], situation, None, _figures(situation, None, option), case, option
    )


def warnings(
    situation: Situation,
    plan: InstallmentPlan | None,
    option: PlanOption | None,
    case: str,
    max_months: int,
) -> list[str]:
    """The warning for a proposal that is not an ordinary plan within the planning horizon."""
    template = wording()["warnings"].get(case)
    if not template:
        return []
    filled = _fill(template, _figures(situation, plan, option, max_months))
    return [filled] if filled else []


def hedge(key: str, max_months: int) -> str:
    return str(wording()["hedges"][key]).format(max_months=max_months)


def _fragment(name: str, **values: object) -> str:
    return str(wording()["fragments"][name]).format(**values)


def risk_lines(steps: Iterable[RiskStep]) -> list[str]:
    """Each risk step as one line: when, what, and where the fact comes from."""
    return [
        _fragment(
            "risk_line",
            when=step.when,
            text=_fragment("weak_fact", text=step.text) if step.weak else step.text,
            source=step.source,
        )
        for step in steps
    ]


# The facts that answer a question about the credit record, in facts.yml.
CREDIT_FACTS = ("kait_list", "credit_record", "credit_grace")


def fact_lines(keys: Iterable[str]) -> list[str]:
    """Facts from facts.yml, each with its source (hedged where the facts file marks it weak)."""
    lines = []
    for key in keys:
        entry = fact(key)
        text = str(entry["text"])
        lines.append(
            _fragment(
                "fact_line",
                text=_fragment("weak_fact", text=text) if entry.get("weak") else text,
                source=str(entry["source"]),
            )
        )
    return lines


def alternative_lines(items: Iterable[Alternative]) -> list[str]:
    """Each alternative as one line, with its monthly saving and source where known."""
    lines = []
    for item in items:
        line = _fragment("alternative_line", title=item.title, explanation=item.explanation)
        if item.monthly_saving:
            line += _fragment("alternative_saving", saving=format_won(item.monthly_saving))
        if item.weak:
            line += _fragment("alternative_weak", status=josa(item.status_label or "", "은"))
        if item.source:
            line += _fragment("alternative_source", source=item.source)
        lines.append(line)
    return lines


def customer_centre_line(carrier: str | None, internet_only: bool = False) -> str:
    """Where to call, from facts.yml; numbers known only from blogs carry a caution. The known
    numbers are the mobile centres: a home-internet customer is told where to find theirs."""
    centre = load("facts")["customer_centres"].get(carrier or "")
    if not centre:
        return ""
    if internet_only and carrier != "MVNO":
        internet = load("facts")["customer_centre_internet"]
        return _fragment("centre_line", line=internet["line"].format(carrier=carrier_name(carrier)))
    line = _fragment("centre_line", line=centre["line"])
    return line + (_fragment("centre_weak") if centre.get("weak") else "")
