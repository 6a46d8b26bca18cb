"""The instalment planner against every invariant of ../shared/spec/contract.md."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from negotiation.planner import InstallmentPlan, even_payments, floor_1000, plan_installments

WON = st.integers(min_value=0, max_value=3_000_000)


def check_contract(plan: InstallmentPlan, recovery_months=None, recovery_budget=None):
    """Every invariant the contract states for an `installment_plan` message."""
    remaining = plan.arrears_amount - plan.lump_sum
    message = plan.to_message()
    assert message["type"] == "installment_plan"
    assert message["options"], "a plan always shows at least one option"
    for option in message["options"]:
        payments = option["payments"]
        assert sum(payments) == remaining
        assert option["months"] == len(payments) <= plan.max_months
        assert all(isinstance(payment, int) and payment >= 0 for payment in payments)
        assert sum(1 for payment in payments if payment % 1000) <= 1
        if plan.feasible:
            for month, payment in enumerate(payments, start=1):
                budget = plan.monthly_budget
                if option["kind"] == "step_up" and month > recovery_months:
                    budget = recovery_budget
                assert payment + plan.monthly_bill <= budget
    kinds = [option["kind"] for option in message["options"]]
    if plan.feasible:
        assert plan.shortfall == 0
        assert "step_up" in kinds or kinds[:2] == ["fastest", "even"]
    else:
        assert kinds == ["even"]
        assert message["options"][0]["months"] == plan.max_months
        per_month_needed = math.ceil(remaining / plan.max_months / 1000) * 1000
        assert plan.shortfall == per_month_needed - (plan.monthly_budget - plan.monthly_bill)
        assert plan.shortfall > 0


def test_the_contract_example():
    plan = plan_installments(350_000, 55_000, 150_000)
    assert plan.to_message() == {
        "type": "installment_plan",
        "arrears_amount": 350_000,
        "monthly_bill": 55_000,
        "monthly_budget": 150_000,
        "lump_sum": 0,
        "max_months": 6,
        "feasible": True,
        "shortfall": 0,
        "options": [
            {"kind": "fastest", "months": 4, "payments": [95_000, 95_000, 95_000, 65_000]},
            {"kind": "even", "months": 4, "payments": [88_000, 88_000, 87_000, 87_000]},
        ],
    }


def test_worked_example_not_feasible():
    # R = 350,000 over 6 months needs ceil_1000(58,333.3) = 59,000 a month; 25,000 is free.
    plan = plan_installments(350_000, 55_000, 80_000)
    assert not plan.feasible
    assert plan.shortfall == 59_000 - 25_000
    assert plan.options[0].payments == [59_000, 59_000, 58_000, 58_000, 58_000, 58_000]


def test_worked_example_step_up_after_recovery():
    # 25,000 a month for two months, then 250,000 - 55,000 = 195,000 a month.
    plan = plan_installments(600_000, 55_000, 80_000, recovery_months=2, recovery_budget=250_000)
    assert plan.feasible
    assert [option.kind for option in plan.options] == ["step_up"]
    assert plan.options[0].payments == [25_000, 25_000, 195_000, 195_000, 160_000]


def test_lump_sum_is_taken_off_first():
    plan = plan_installments(350_000, 55_000, 150_000, lump_sum=100_000)
    assert plan.remaining == 250_000
    assert plan.option("fastest").payments == [95_000, 95_000, 60_000]
    assert plan.option("even").payments == [84_000, 83_000, 83_000]


@pytest.mark.parametrize("lump_sum", [350_000, 400_000])
def test_nothing_to_plan_when_the_lump_sum_covers_it(lump_sum):
    assert plan_installments(350_000, 55_000, 150_000, lump_sum=lump_sum) is None


def test_budget_below_the_bill_is_never_feasible():
    plan = plan_installments(100_000, 60_000, 50_000)
    assert not plan.feasible
    assert plan.shortfall == 17_000 - (50_000 - 60_000)


def test_amounts_off_the_1000_grid_put_the_remainder_last():
    plan = plan_installments(350_550, 55_000, 150_000)
    assert plan.option("fastest").payments == [95_000, 95_000, 95_000, 65_550]
    assert plan.option("even").payments == [88_000, 88_000, 87_000, 87_550]


def test_budget_off_the_grid_rounds_the_monthly_part_down():
    plan = plan_installments(200_000, 55_500, 150_000)  # 94,500 free -> 94,000
    assert plan.option("fastest").payments == [94_000, 94_000, 12_000]


def test_one_month_plan():
    plan = plan_installments(80_000, 50_000, 200_000)
    assert plan.option("fastest").payments == [80_000]
    assert plan.option("even").payments == [80_000]


def test_very_large_arrears():
    plan = plan_installments(30_000_000, 50_000, 200_000)
    assert not plan.feasible
    assert plan.options[0].payments == [5_000_000] * 6
    assert plan.shortfall == 5_000_000 - 150_000


def test_max_months_comes_from_the_caller():
    plan = plan_installments(350_000, 55_000, 100_000, max_months=10)
    assert plan.feasible and plan.max_months == 10
    assert plan.option("fastest").months == 8


def test_step_up_is_left_out_when_the_first_months_cover_everything():
    plan = plan_installments(100_000, 50_000, 150_000, recovery_months=2, recovery_budget=300_000)
    assert [option.kind for option in plan.options] == ["fastest", "even"]


def test_step_up_that_does_not_fit_max_months_is_left_out():
    plan = plan_installments(1_000_000, 55_000, 80_000, recovery_months=5, recovery_budget=100_000)
    assert not plan.feasible


def test_step_up_with_no_room_at_first_starts_with_zero_payments():
    plan = plan_installments(300_000, 50_000, 50_000, recovery_months=2, recovery_budget=200_000)
    assert plan.feasible
    assert plan.option("step_up").payments == [0, 0, 150_000, 150_000]


@pytest.mark.parametrize(
    "bad", [dict(arrears_amount=-1), dict(monthly_bill=-1), dict(lump_sum=-5), dict(max_months=0)]
)
def test_rejects_impossible_inputs(bad):
    arguments = dict(arrears_amount=100_000, monthly_bill=50_000, monthly_budget=100_000)
    arguments.update(bad)
    with pytest.raises(ValueError):
        plan_installments(**arguments)


@given(
    arrears=st.integers(min_value=1, max_value=5_000_000),
    bill=WON,
    budget=WON,
    lump=st.integers(min_value=0, max_value=1_000_000),
    max_months=st.integers(min_value=1, max_value=24),
)
@settings(max_examples=4 * settings.default.max_examples)
def test_every_plan_keeps_the_contract(arrears, bill, budget, lump, max_months):
    plan = plan_installments(arrears, bill, budget, lump_sum=lump, max_months=max_months)
    if arrears - lump <= 0:
        assert plan is None
        return
    check_contract(plan)


@given(
    arrears=st.integers(min_value=1, max_value=5_000_000),
    bill=WON,
    budget=WON,
    recovery_months=st.integers(min_value=1, max_value=6),
    recovery_budget=WON,
)
@settings(max_examples=4 * settings.default.max_examples)
def test_every_step_up_plan_keeps_the_contract(
    arrears, bill, budget, recovery_months, recovery_budget
):
    plan = plan_installments(
        arrears, bill, budget, recovery_months=recovery_months, recovery_budget=recovery_budget
    )
    check_contract(plan, recovery_months, recovery_budget)
    step_up = plan.option("step_up")
    if step_up is not None:
        first = max(floor_1000(budget - bill), 0)
        assert step_up.payments[:recovery_months] == [first] * recovery_months


@given(arrears=st.integers(min_value=1, max_value=5_000_000), bill=WON, budget=WON)
def test_fastest_and_even_follow_their_definitions(arrears, bill, budget):
    plan = plan_installments(arrears, bill, budget)
    fastest = plan.option("fastest")
    assume(fastest is not None)
    per_month = floor_1000(budget - bill)
    assert fastest.months == math.ceil(arrears / per_month)
    assert all(payment == per_month for payment in fastest.payments[:-1])
    even = plan.option("even")
    assert even.months == fastest.months
    units = [payment // 1000 for payment in even.payments]
    assert max(units) - min(units) <= 1


@given(
    remaining=st.integers(min_value=1, max_value=10_000_000),
    months=st.integers(min_value=1, max_value=24),
)
def test_even_payments_share_units_fairly(remaining, months):
    payments = even_payments(remaining, months)
    assert sum(payments) == remaining and len(payments) == months
    whole = [payment - (payment % 1000) for payment in payments]
    assert max(whole) - min(whole) <= 1000
    assert all(payment % 1000 == 0 for payment in payments[:-1])
