"""All of the reader for one message: ``read_message``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from negotiation.clauses import split_clauses
from negotiation.money import find_amounts, find_months
from negotiation.text import normalise
from negotiation.understanding.amounts import (
    BARE_KOREAN_AMOUNT,
    BILL_ITEM,
    NO_LUMP_SUM_TOLD,
    NOT_EVEN_AN_AMOUNT,
    ONLY_THE_BILL,
    read_amounts,
)
from negotiation.understanding.answers import read_choices
from negotiation.understanding.carriers import find_carrier
from negotiation.understanding.months import (
    next_month_mentions,
    per_month,
    read_months,
    recovery_spans,
)
from negotiation.understanding.reading import AMOUNT_SLOTS, Reading, store


def read_message(
    text: str,
    requested_slot: str | None = None,
    intent: str | None = None,
    known: Mapping[str, Any] | None = None,
    after_plan: bool = False,
    check: bool = True,
) -> Reading:
    """Every figure and choice the message states, assigned to the contract's slots.

    ``requested_slot`` is the question the coach asked (a figure with nothing to say what it is
    answers it); ``known`` holds the figures already told, which a figure is never assigned to
    by default (only when the message plainly names that figure, as a correction);
    ``after_plan`` says the proposal has been made (a bare "요금" is then the monthly bill);
    ``check`` asks the learned second opinion about each amount (off only to measure the reader
    alone): where it disagrees, the amount is asked about instead of stored.
    """
    reading = Reading()
    lowered = normalise(text)
    known = dict(known or {})

    carrier = find_carrier(lowered)
    if carrier:
        reading.values["carrier"] = carrier

    clauses = split_clauses(lowered)
    months = sorted(
        [found for found in find_months(lowered) if not per_month(lowered, found)]
        + next_month_mentions(lowered),
        key=lambda found: found.start,
    )
    recovery = recovery_spans(lowered, months)
    read_months(lowered, clauses, months, recovery, requested_slot, set(known), reading)
    read_amounts(lowered, clauses, recovery, requested_slot, known, after_plan, reading, check)
    read_choices(lowered, requested_slot, intent, after_plan, reading)
    if (
        requested_slot != "lump_sum"
        and "lump_sum" not in reading.values
        and NO_LUMP_SUM_TOLD.search(lowered)
    ):
        reading.values["lump_sum"] = 0  # "…, 일시불 없음" told before it is asked
    if (
        requested_slot == "bill_checked"
        and BILL_ITEM.search(lowered)
        and not re.search(r"요금\s?(은|이|는)|미납|밀린|밀렸", lowered)
    ):
        # "부가서비스가 … 매달 6,600원씩 빠져요": the price of an item on the bill, not a figure
        # of the plan; the bill itself is asked next.
        for slot in AMOUNT_SLOTS:
            reading.values.pop(slot, None)
        reading.ambiguous.clear()
    if (
        requested_slot in ("monthly_budget", "recovery_budget")
        and requested_slot not in reading.values
        and not reading.ambiguous
        and ONLY_THE_BILL.search(lowered)
    ):
        # "요금 내면 끝이에요, 더는 못 내요": the budget is the bill and nothing more; the bill
        # is added as for any budget said beyond it, and the sum is said back to be checked.
        reading.values[requested_slot] = 0
        reading.on_top_of_bill.add(requested_slot)
    bare = BARE_KOREAN_AMOUNT.fullmatch(lowered)
    if requested_slot in AMOUNT_SLOTS and requested_slot not in reading.values and bare:
        # "이만이천" answering an amount question: Korean numerals without 원, which are read
        # only as an answer (elsewhere "이만" is also "this much").
        found = find_amounts(re.sub(r"\s", "", bare.group(1)) + "원")
        if len(found) == 1:
            store(reading, requested_slot, found[0].value)
    if requested_slot == "lump_sum" and NOT_EVEN_AN_AMOUNT.search(lowered):
        # "만원 한 장도 없어요": not even that much, i.e. nothing now.
        reading.values["lump_sum"] = 0
    return reading
