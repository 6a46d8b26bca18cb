"""What may happen next if the bill stays unpaid, drawn only from data/facts.yml.

Which facts concern the person, and roughly when each may come, is decided by the `timeline`
section of facts.yml: its conditions and thresholds (77,000원, three months, 10만원…) live there,
beside the sources they come from. A fact whose condition needs a figure the person has not given
is left out. Weak facts are worded as "generally known"; the timeline never promises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from negotiation.data import load


@dataclass(frozen=True)
class Person:
    """The figures the facts' conditions are about; None where the person has not said."""

    carrier: str | None
    months_overdue: int | None
    arrears_amount: int | None
    suspended: bool | None
    internet_only: bool = False  # home internet, no mobile line: the mobile terms are not theirs


@dataclass(frozen=True)
class RiskStep:
    key: str
    when: str  # roughly when, in Korean
    text: str
    source: str
    weak: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "when": self.when,
            "text": self.text,
            "source": self.source,
            "weak": self.weak,
        }


def condition_holds(condition: Mapping[str, Any] | None, person: Person) -> bool:
    """Whether every part of a facts.yml condition holds for the person.

    An unknown figure never meets a bound: a fact is shown only to the people it concerns.
    """
    for name, wanted in (condition or {}).items():
        if name == "carriers":
            if person.carrier not in wanted:
                return False
        elif name == "suspended":
            if person.suspended not in wanted:
                return False
        elif name == "internet_only":
            if person.internet_only not in wanted:
                return False
        elif name in ("months_min", "months_max", "amount_min", "amount_max"):
            value = person.months_overdue if name.startswith("months") else person.arrears_amount
            if value is None:
                return False
            if name.endswith("_min") and value < wanted:
                return False
            if name.endswith("_max") and value > wanted:
                return False
        else:
            raise ValueError(f"unknown condition in facts.yml: {name}")
    return True


def concerns(fact_key: str, person: Person) -> bool:
    """Whether one of the fact's timeline entries in facts.yml concerns the person (its
    `applies`; a fact may have one entry per group of people)."""
    return any(
        condition_holds(item.get("applies"), person)
        for item in load("facts")["timeline"]
        if item["fact"] == fact_key
    )


def fact(key: str) -> dict[str, Any]:
    entry: dict[str, Any] = load("facts")["facts"][key]
    return entry


def risk_timeline(
    carrier: str | None,
    months_overdue: int | None,
    arrears_amount: int | None,
    suspended: bool | None,
    internet_only: bool = False,
) -> list[RiskStep]:
    """The steps that may come next for this person, in the order they would come."""
    return risk_timeline_of(
        Person(carrier, months_overdue, arrears_amount, suspended, internet_only)
    )


def risk_timeline_of(person: Person) -> list[RiskStep]:
    """``risk_timeline`` for a person already gathered."""
    steps: list[RiskStep] = []
    for entry in load("facts")["timeline"]:
        if not condition_holds(entry.get("applies"), person):
            continue
        when = next(
            variant["text"]
            for variant in entry["when"]
            if condition_holds(variant.get("if"), person)
        )
        source = fact(entry["fact"])
        steps.append(
            RiskStep(
                key=entry["fact"],
                when=str(when),
                text=str(source["text"]),
                source=str(source["source"]),
                weak=bool(source.get("weak", False)),
            )
        )
    return steps


def reminder() -> str:
    return str(load("facts")["reminder"])
