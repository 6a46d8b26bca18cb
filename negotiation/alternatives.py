"""Alternatives beside the instalment plan, from data/alternatives.yml (contract: `alternatives`).

Ordered for the person: where the plan does not fit the budget, whatever lowers the monthly bill
comes first, and a known saving is set against the shortfall.
"""

from __future__ import annotations

from dataclasses import dataclass

from negotiation.data import load


@dataclass(frozen=True)
class Alternative:
    id: str
    title: str
    explanation: str
    monthly_saving: int | None
    source: str | None
    lowers_bill: bool
    weak: bool = False

    def to_item(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "monthly_saving": self.monthly_saving,
            "source": self.source,
        }


def _welfare_applies(status: str | None) -> bool:
    return bool(status) and status != "none"


def build_alternatives(
    welfare_status: str | None, feasible: bool, shortfall: int = 0
) -> list[Alternative]:
    """The catalogue's items that apply to this person, in the order to try them."""
    items: list[Alternative] = []
    for entry in load("alternatives")["items"]:
        if entry["when"] == "welfare" and not _welfare_applies(welfare_status):
            continue
        saving = entry.get("monthly_saving")
        weak = False
        if saving == "by_welfare_status":
            saving = entry["caps"].get(welfare_status)
            weak = welfare_status in entry.get("weak_for", [])
        items.append(
            Alternative(
                id=entry["id"],
                title=entry["title"],
                explanation=entry["explanation"],
                monthly_saving=saving,
                source=entry.get("source"),
                lowers_bill=bool(entry["lowers_bill"]),
                weak=weak,
            )
        )
    if not feasible:
        # Stable sort: bill-lowering items first, the larger known saving before the unknown.
        items.sort(key=lambda item: (not item.lowers_bill, -(item.monthly_saving or 0)))
    return items


def covered_by_savings(items: list[Alternative], shortfall: int) -> bool:
    """Whether the known monthly savings together would close the shortfall."""
    return shortfall > 0 and sum(item.monthly_saving or 0 for item in items) >= shortfall


def to_message(items: list[Alternative]) -> dict[str, object]:
    return {"type": "alternatives", "items": [item.to_item() for item in items]}
