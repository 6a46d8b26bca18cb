"""What one message says (``Reading``), and the limits a figure must fall within to be kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from negotiation.data import settings

AMOUNT_SLOTS = ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum", "recovery_budget")


MONTH_SLOTS = ("months_overdue", "recovery_months")


@dataclass(frozen=True)
class Refusal:
    """A figure read correctly but outside the configured limits for its slot."""

    value: int
    reason: str  # "too_small" or "too_large"


@dataclass(frozen=True)
class Ambiguity:
    """An amount whose role the message does not settle ("요금 28만원" while the situation is
    being told: the unpaid bill, or the monthly one?). The coach asks rather than guesses."""

    value: int
    candidates: tuple[str, ...]  # the slots it may belong to, likeliest first


@dataclass
class Reading:
    """What one message says: slot values, figures refused with the reason, and amounts whose
    role must be asked."""

    values: dict[str, Any] = field(default_factory=dict)
    refused: dict[str, Refusal] = field(default_factory=dict)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    # Budgets said as an amount on top of the monthly bill ("요금은 요금대로 내고 5만원 더"):
    # the bill must be added to make the contract's budget, which includes it.
    on_top_of_bill: set[str] = field(default_factory=set)
    # Questions the person said they do not know the answer to (unknown stays unknown).
    unknown: set[str] = field(default_factory=set)

    def has(self, slot: str) -> bool:
        return slot in self.values


def limits(slot: str) -> dict[str, int]:
    bounds: dict[str, int] = settings()["limits"][slot]
    return bounds


def check_limits(slot: str, value: int) -> str | None:
    """None when ``value`` is a sensible value for ``slot``, else the reason ('too_small' or
    'too_large')."""
    bounds = limits(slot)
    if value < bounds["min"]:
        return "too_small"
    if value > bounds["max"]:
        return "too_large"
    return None


def amounts_read(reading: Reading) -> set[int]:
    """The amounts this message has given a role so far."""
    return {value for slot, value in reading.values.items() if slot in AMOUNT_SLOTS}


def store(reading: Reading, slot: str, value: int, replaces: bool = False) -> None:
    """Keep the first figure for a slot in a message, unless the person corrects themselves."""
    if (slot in reading.values or slot in reading.refused) and not replaces:
        return
    reason = check_limits(slot, value)
    if reason:
        reading.refused[slot] = Refusal(value, reason)
    else:
        reading.values[slot] = value
