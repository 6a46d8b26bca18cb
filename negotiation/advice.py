"""What the coach proposes at stages 5 and 6, decided in one place.

Never a promise the person cannot keep: no line of a script and no agreement proposes paying more
in a month than they said they can (``monthly_budget - monthly_bill``, or ``recovery_budget -
monthly_bill`` after a recovery). Every proposal falls in one of four cases:

- ``feasible``: a plan fits in ``max_months``; the person picks one of its options.
- ``within_budget``: none fits; the proposal is what they can pay, every month, for as long as
  it takes (the contract's ``within_budget`` option), with a request for a lower bill or a longer
  term, and a warning that travels inside the agreement.
- ``no_room``: nothing is left after the bill; nothing is proposed to pay (the agreement's option
  is null), and the coach asks for the bill to be lowered and the suspension deferred.
- ``paid_at_once``: the lump sum covers the arrears; one payment today.

The actions only render what this module decides.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from negotiation import scripts
from negotiation.alternatives import Alternative, build_alternatives
from negotiation.planner import InstallmentPlan, PlanOption, floor_1000, plan_installments
from negotiation.scripts import Situation

FEASIBLE = "feasible"
WITHIN_BUDGET = "within_budget"
NO_ROOM = "no_room"
PAID_AT_ONCE = "paid_at_once"


@dataclass(frozen=True)
class Proposal:
    case: str
    situation: Situation
    plan: InstallmentPlan | None  # None when the lump sum covers the arrears
    choices: tuple[PlanOption, ...]  # what the person may propose; empty for ``no_room``
    max_months: int

    @property
    def capacity(self) -> int:
        """What is left each month after the bill (may be zero or less)."""
        return int(self.situation.monthly_budget or 0) - int(self.situation.monthly_bill or 0)

    @property
    def step_down(self) -> bool:
        """Whether a ``step_up`` option pays less after the recovery date than before it."""
        situation = self.situation
        if situation.recovery_budget is None or situation.monthly_bill is None:
            return False
        later = floor_1000(situation.recovery_budget - situation.monthly_bill)
        return later < floor_1000(self.capacity)

    @property
    def first_choice(self) -> PlanOption | None:
        return self.choices[0] if self.choices else None

    @property
    def step_up_sooner(self) -> bool:
        """Whether a ``step_up`` choice finishes before the ``fastest`` one."""
        return scripts.step_up_finishes_sooner(
            {choice.kind: choice.months for choice in self.choices}
        )

    def label(self, option: PlanOption) -> str:
        return scripts.option_label(option.kind, self.step_down, self.step_up_sooner)

    def highest_payment_allowed(self, month: int) -> int:
        """The most the person said they can put towards the arrears in ``month`` (1-based)."""
        return _allowed(self.situation, month)


def make_proposal(situation: Situation, max_months: int) -> Proposal:
    """The proposal for the person's figures; the arrears, the bill and the budget must be known."""
    if (
        situation.arrears_amount is None
        or situation.monthly_bill is None
        or situation.monthly_budget is None
    ):
        raise ValueError("a proposal needs the arrears, the monthly bill and the budget")
    plan = plan_installments(
        arrears_amount=situation.arrears_amount,
        monthly_bill=situation.monthly_bill,
        monthly_budget=situation.monthly_budget,
        lump_sum=situation.lump_sum or 0,
        max_months=max_months,
        recovery_months=situation.recovery_months,
        recovery_budget=situation.recovery_budget,
    )
    if plan is None:
        today = PlanOption("lump_sum", [situation.arrears_amount])
        return Proposal(PAID_AT_ONCE, situation, None, (today,), max_months)
    # The contract checks fastest and even against today's budget only; a budget that drops
    # after the recovery date must bound them too, so an option that would then ask for more
    # than the person can pay is not proposed.
    affordable = tuple(option for option in plan.options if _affordable(situation, option))
    if plan.feasible and affordable:
        return Proposal(FEASIBLE, situation, plan, _distinct(affordable), max_months)
    within = plan.within_budget(even_if_feasible=True)
    if within is not None:
        return Proposal(WITHIN_BUDGET, situation, plan, (within,), max_months)
    return Proposal(NO_ROOM, situation, plan, (), max_months)


def _distinct(options: tuple[PlanOption, ...]) -> tuple[PlanOption, ...]:
    """Options as the person chooses between them: "even" is dropped where it pays exactly what
    "fastest" pays (one payment, or amounts that divide evenly), never offered twice."""
    kept: list[PlanOption] = []
    for option in options:
        if not any(option.payments == other.payments for other in kept):
            kept.append(option)
    return tuple(kept)


def _allowed(situation: Situation, month: int) -> int:
    """The most the person said they can put towards the arrears in ``month`` (1-based)."""
    bill = int(situation.monthly_bill or 0)
    if (
        situation.recovery_months is not None
        and situation.recovery_budget is not None
        and month > situation.recovery_months
    ):
        return situation.recovery_budget - bill
    return int(situation.monthly_budget or 0) - bill


def _affordable(situation: Situation, option: PlanOption) -> bool:
    return all(
        payment <= max(_allowed(situation, month), 0)
        for month, payment in enumerate(option.payments, start=1)
    )


def plan_message(proposal: Proposal) -> dict[str, object] | None:
    """The contract's ``installment_plan`` message, exactly as the contract defines it (what the
    coach proposes when it does not fit is said in words, and sent in the ``agreement``)."""
    return proposal.plan.to_message() if proposal.plan is not None else None


def script_message(
    proposal: Proposal, stage: int, option: PlanOption | None = None
) -> dict[str, object]:
    """Stage 5 (the first choice) or stage 6 (the chosen option) lines for this proposal."""
    chosen = option if option is not None else proposal.first_choice
    return scripts.script_message(stage, proposal.situation, proposal.plan, chosen, proposal.case)


def warnings(proposal: Proposal, option: PlanOption | None) -> list[str]:
    return scripts.warnings(
        proposal.situation, proposal.plan, option, proposal.case, proposal.max_months
    )


def agreement_message(proposal: Proposal, option: PlanOption | None) -> dict[str, object]:
    """The contract's ``agreement`` message. A warning (a proposal longer than the planning
    horizon, or nothing to pay) comes first in its checklist, so that it travels inside the
    message and its text on every channel."""
    situation = proposal.situation
    return {
        "type": "agreement",
        "carrier": situation.carrier,
        "arrears_amount": situation.arrears_amount,
        "option": option.to_dict() if option is not None else None,
        "checklist": warnings(proposal, option)
        + scripts.checklist(situation, option, proposal.case),
    }


@dataclass(frozen=True)
class Choice:
    """The person's pick after the plan: ``available`` False when they named an option that
    is not in it; ``option`` None for a ``no_room`` proposal (nothing to pay is proposed)."""

    available: bool
    option: PlanOption | None


def choose(proposal: Proposal, kind: str | None, position: int | None) -> Choice:
    """Which of the proposal's choices the person picked, by kind or by place ("1번")."""
    if proposal.case == NO_ROOM:
        return Choice(True, None)
    choices = proposal.choices
    if position is not None:
        if 1 <= position <= len(choices):
            return Choice(True, choices[position - 1])
        return Choice(False, None)
    if kind is None or len(choices) == 1 or (kind == "within_budget" and proposal.case == FEASIBLE):
        # "낼 수 있는 만큼으로" with a plan that fits: every option is within what they can pay.
        return Choice(True, choices[0])
    option = next((choice for choice in choices if choice.kind == kind), None)
    if option is None and proposal.plan is not None:
        # A kind left out only because it pays exactly what an offered option pays.
        named = proposal.plan.option(kind)
        if named is not None:
            option = next((c for c in choices if c.payments == named.payments), None)
    return Choice(option is not None, option)


def alternatives_for(proposal: Proposal) -> list[Alternative]:
    situation = proposal.situation
    plan = proposal.plan
    return build_alternatives(
        situation.welfare_status,
        feasible=proposal.case in (FEASIBLE, PAID_AT_ONCE),
        shortfall=plan.shortfall if plan is not None else 0,
        monthly_bill=situation.monthly_bill,
        suspended=situation.service_suspended,
        bill_issue=situation.bill_checked == "found_issue",
        carrier=situation.carrier,
        internet_only=situation.internet_only,
    )


@dataclass(frozen=True)
class Discounted:
    """The proposal worked out again on the bill after a discount the bill alone decides."""

    saving: int
    proposal: Proposal


def with_discount(proposal: Proposal, items: list[Alternative]) -> Discounted | None:
    """A second schedule with the expected welfare discount, only where the discount is
    computable from the cap and the bill, and only where it changes what can be paid."""
    if proposal.case == PAID_AT_ONCE:
        return None
    welfare = next((item for item in items if item.id == "welfare_discount"), None)
    if welfare is None or not welfare.exact or not welfare.monthly_saving:
        return None
    bill = int(proposal.situation.monthly_bill or 0)
    lowered = replace(proposal.situation, monthly_bill=bill - welfare.monthly_saving)
    return Discounted(welfare.monthly_saving, make_proposal(lowered, proposal.max_months))


HEDGES_BY_CASE = {
    # The planning horizon is named only where it shapes the proposal (a plan longer than it).
    FEASIBLE: ("instalment_terms",),
    WITHIN_BUDGET: ("instalment_terms", "planning_horizon"),
    NO_ROOM: (),  # nothing to pay is proposed, so no plan to hedge
    PAID_AT_ONCE: (),
}


def hedges_to_say(proposal: Proposal, said: Collection[str]) -> list[tuple[str, str]]:
    """The hedges this proposal needs that the conversation has not said yet, as (key, text)."""
    return [
        (key, scripts.hedge(key, proposal.max_months))
        for key in HEDGES_BY_CASE[proposal.case]
        if key not in said
    ]
