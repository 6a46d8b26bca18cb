"""Checks that a structured message follows ../shared/spec/contract.md to the letter.

Shared by the end-to-end tests (messages from the running bot) and usable against any
integration's captured messages.
"""

from typing import Any

STAGE_KEYS = ["open", "situation", "goal", "information", "proposal", "agreement"]
ALTERNATIVE_IDS = {
    "welfare_discount",
    "selective_contract",
    "plan_downgrade",
    "micropayment_block",
    "billing_date_change",
    "debt_adjustment",
    "dispute_mediation",
}
WELFARE_CAPS = {
    "livelihood": 33500,
    "housing_education": 21500,
    "near_poverty": 21500,
    "basic_pension": 11000,
    "disabled": None,
    "veteran": None,
}


def check_stage(message: dict[str, Any]) -> None:
    assert set(message) == {"type", "stage", "key", "title"}, message
    assert message["key"] == STAGE_KEYS[message["stage"] - 1]
    assert isinstance(message["title"], str) and message["title"]


def check_installment_plan(
    message: dict[str, Any],
    recovery_months: int | None = None,
    recovery_budget: int | None = None,
) -> None:
    expected_keys = {
        "type",
        "arrears_amount",
        "monthly_bill",
        "monthly_budget",
        "lump_sum",
        "max_months",
        "feasible",
        "shortfall",
        "options",
    }
    assert set(message) == expected_keys, message
    remaining = message["arrears_amount"] - message["lump_sum"]
    assert remaining > 0
    assert message["options"]
    for option in message["options"]:
        payments = option["payments"]
        assert option["kind"] in {"fastest", "even", "step_up"}
        assert sum(payments) == remaining
        assert option["months"] == len(payments) <= message["max_months"]
        assert sum(1 for payment in payments if payment % 1000) <= 1
        if message["feasible"]:
            for month, payment in enumerate(payments, start=1):
                budget = message["monthly_budget"]
                if option["kind"] == "step_up" and month > recovery_months:
                    budget = recovery_budget
                assert payment + message["monthly_bill"] <= budget
    if message["feasible"]:
        assert message["shortfall"] == 0
    else:
        assert [option["kind"] for option in message["options"]] == ["even"]
        assert message["options"][0]["months"] == message["max_months"]
        assert message["shortfall"] > 0


def check_alternatives(
    message: dict[str, Any],
    welfare_status: str | None,
    feasible: bool,
    monthly_bill: int | None = None,
) -> None:
    items: list[dict[str, Any]] = message["items"]
    assert items
    for item in items:
        assert set(item) == {"id", "title", "monthly_saving", "source"}
        assert item["id"] in ALTERNATIVE_IDS
    ids = [item["id"] for item in items]
    if welfare_status not in (None, "none"):
        welfare = items[ids.index("welfare_discount")]
        cap = WELFARE_CAPS[welfare_status]
        # The cap, except that a discount never saves more than the whole bill.
        if cap is not None and monthly_bill is not None:
            cap = min(cap, monthly_bill)
        assert welfare["monthly_saving"] == cap
    else:
        assert "welfare_discount" not in ids
    if not feasible:
        lowering = {
            "welfare_discount",
            "selective_contract",
            "plan_downgrade",
            "micropayment_block",
        }
        flags = [item_id in lowering for item_id in ids]
        assert flags == sorted(flags, reverse=True), ids


def check_script(message: dict[str, Any]) -> None:
    assert set(message) == {"type", "stage", "lines"}
    assert 1 <= message["stage"] <= 6
    assert message["lines"] and all(isinstance(line, str) and line for line in message["lines"])
    assert not any("{" in line for line in message["lines"])


def check_agreement(
    message: dict[str, Any], plan: dict[str, Any] | None, recovery_budget: int | None = None
) -> None:
    assert set(message) == {"type", "carrier", "arrears_amount", "option", "checklist"}
    assert message["carrier"] in {"SKT", "KT", "LGU+", "MVNO"}
    assert message["checklist"] and all(isinstance(line, str) for line in message["checklist"])
    if plan is None:
        return
    option = message["option"]
    if plan["feasible"]:
        assert option in plan["options"]
        return
    # No plan fits: what the person can pay (within_budget, the fastest schedule at what is
    # left after the bill, without the month limit), or nothing when nothing is left.
    per_month = (plan["monthly_budget"] - plan["monthly_bill"]) // 1000 * 1000
    later = (recovery_budget - plan["monthly_bill"]) // 1000 * 1000 if recovery_budget else 0
    if per_month <= 0 and later <= 0:
        assert option is None
        return
    assert option["kind"] == "within_budget"
    assert sum(option["payments"]) == plan["arrears_amount"] - plan["lump_sum"]
    assert option["months"] == len(option["payments"])
    assert all(payment <= max(per_month, later) for payment in option["payments"])
