"""Instalment plans for unpaid telecom bills, exactly as ../shared/spec/contract.md defines them.

All amounts are whole 원 (int). ``P`` is what the person can put towards the arrears each month:
their monthly budget for the line minus the ongoing monthly bill, rounded down to 1,000원.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNIT = 1000  # payments are proposed in whole thousands of 원; only the remainder is not


def floor_1000(value: int) -> int:
    """Round down to a multiple of 1,000원 (towards minus infinity, so -500 becomes -1,000)."""
    return (value // UNIT) * UNIT


def ceil_1000_of_ratio(numerator: int, denominator: int) -> int:
    """``ceil_1000(numerator / denominator)`` in exact integer arithmetic."""
    return _ceil_div(numerator, denominator * UNIT) * UNIT


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@dataclass(frozen=True)
class PlanOption:
    # "fastest", "even", "step_up" (the contract's plan options); "within_budget" (what the person
    # can pay when no option fits in max_months); "lump_sum" (everything paid at once today).
    kind: str
    payments: list[int]

    @property
    def months(self) -> int:
        return len(self.payments)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "months": self.months, "payments": list(self.payments)}


@dataclass(frozen=True)
class InstallmentPlan:
    arrears_amount: int
    monthly_bill: int
    monthly_budget: int
    lump_sum: int
    max_months: int
    feasible: bool
    shortfall: int
    options: list[PlanOption] = field(default_factory=list)
    recovery_months: int | None = None
    recovery_budget: int | None = None

    @property
    def remaining(self) -> int:
        return self.arrears_amount - self.lump_sum

    @property
    def per_month(self) -> int:
        """What the person can put towards the arrears each month, in whole thousands of 원."""
        return floor_1000(self.monthly_budget - self.monthly_bill)

    def option(self, kind: str) -> PlanOption | None:
        return next((option for option in self.options if option.kind == kind), None)

    def within_budget(self, even_if_feasible: bool = False) -> PlanOption | None:
        """When no option fits in ``max_months``: what the person can pay, every month, for as
        long as it takes (``per_month``, or after a known recovery what the recovery budget
        leaves), so that what they propose never exceeds what they said they can pay. None when
        the plan is feasible (unless ``even_if_feasible``), or when the arrears cannot be paid
        off from what is left after the bill (nothing now and nothing later)."""
        if self.feasible and not even_if_feasible:
            return None
        first_months, later = 0, self.per_month
        if self.recovery_months is not None and self.recovery_budget is not None:
            first_months = self.recovery_months
            later = floor_1000(self.recovery_budget - self.monthly_bill)
        if later <= 0:
            return None
        first = max(self.per_month, 0)
        payments: list[int] = []
        rest = self.remaining
        for _ in range(first_months):
            if rest <= 0:
                break
            payment = min(first, rest)
            payments.append(payment)
            rest -= payment
        if rest > 0:
            payments += fastest_payments(rest, later)
        return PlanOption("within_budget", payments)

    def to_message(self) -> dict[str, object]:
        """The contract's ``installment_plan`` structured message."""
        return {
            "type": "installment_plan",
            "arrears_amount": self.arrears_amount,
            "monthly_bill": self.monthly_bill,
            "monthly_budget": self.monthly_budget,
            "lump_sum": self.lump_sum,
            "max_months": self.max_months,
            "feasible": self.feasible,
            "shortfall": self.shortfall,
            "options": [option.to_dict() for option in self.options],
        }


def fastest_payments(remaining: int, per_month: int) -> list[int]:
    """``per_month`` every month and the remainder last."""
    months = _ceil_div(remaining, per_month)
    return [per_month] * (months - 1) + [remaining - per_month * (months - 1)]


def even_payments(remaining: int, months: int) -> list[int]:
    """Equal 1,000원 units, the larger ones first, and the part under 1,000원 added last."""
    units, under_unit = divmod(remaining, UNIT)
    base, extra = divmod(units, months)
    payments = [(base + 1) * UNIT if index < extra else base * UNIT for index in range(months)]
    payments[-1] += under_unit
    return payments


def step_up_payments(
    remaining: int, first_per_month: int, first_months: int, later_per_month: int
) -> list[int] | None:
    """``first_per_month`` for ``first_months`` months, then ``later_per_month``, remainder last."""
    rest = remaining - first_per_month * first_months
    if rest <= 0 or later_per_month <= 0:
        return None
    return [first_per_month] * first_months + fastest_payments(rest, later_per_month)


def _fits_budget(
    payments: list[int],
    monthly_bill: int,
    monthly_budget: int,
    recovery_months: int | None = None,
    recovery_budget: int | None = None,
) -> bool:
    for month, payment in enumerate(payments, start=1):
        budget = monthly_budget
        if recovery_months is not None and recovery_budget is not None and month > recovery_months:
            budget = recovery_budget
        if payment + monthly_bill > budget:
            return False
    return True


def plan_installments(
    arrears_amount: int,
    monthly_bill: int,
    monthly_budget: int,
    lump_sum: int = 0,
    max_months: int = 6,
    recovery_months: int | None = None,
    recovery_budget: int | None = None,
) -> InstallmentPlan | None:
    """The contract's plan, or None when the lump sum already covers the arrears."""
    if max_months < 1:
        raise ValueError("max_months must be at least 1")
    for name, value in (
        ("arrears_amount", arrears_amount),
        ("monthly_bill", monthly_bill),
        ("monthly_budget", monthly_budget),
        ("lump_sum", lump_sum),
    ):
        if value < 0:
            raise ValueError(f"{name} must not be negative")
    remaining = arrears_amount - lump_sum
    if remaining <= 0:
        return None

    per_month = floor_1000(monthly_budget - monthly_bill)
    options: list[PlanOption] = []
    if per_month > 0 and _ceil_div(remaining, per_month) <= max_months:
        fastest = fastest_payments(remaining, per_month)
        options.append(PlanOption("fastest", fastest))
        options.append(PlanOption("even", even_payments(remaining, len(fastest))))

    if recovery_months is not None and recovery_budget is not None and recovery_months >= 0:
        first = max(per_month, 0)
        if remaining > first * recovery_months:
            later = floor_1000(recovery_budget - monthly_bill)
            step_up = step_up_payments(remaining, first, recovery_months, later)
            if (
                step_up is not None
                and len(step_up) <= max_months
                and _fits_budget(
                    step_up, monthly_bill, monthly_budget, recovery_months, recovery_budget
                )
            ):
                options.append(PlanOption("step_up", step_up))

    feasible = bool(options)
    shortfall = 0
    if not feasible:
        options = [PlanOption("even", even_payments(remaining, max_months))]
        shortfall = ceil_1000_of_ratio(remaining, max_months) - (monthly_budget - monthly_bill)
    return InstallmentPlan(
        arrears_amount=arrears_amount,
        monthly_bill=monthly_bill,
        monthly_budget=monthly_budget,
        lump_sum=lump_sum,
        max_months=max_months,
        feasible=feasible,
        shortfall=shortfall,
        options=options,
        recovery_months=recovery_months,
        recovery_budget=recovery_budget,
    )
