"""Alternatives beside the instalment plan, from data/alternatives.yml (contract: `alternatives`).

Ordered for the person: where the plan does not fit the budget, whatever lowers the monthly bill
comes first, and a known saving is set against the shortfall. A saving is never more than the
person's monthly bill: a discount cannot take away more than there is to pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from negotiation.data import load


@dataclass(frozen=True)
class Alternative:
    id: str
    title: str
    explanation: str
    monthly_saving: int | None  # at most this much a month ("최대"), never more than the bill
    source: str | None
    lowers_bill: bool
    weak: bool = False
    exact: bool = False  # the bill alone decides the saving: a schedule with it can be worked out
    in_message: bool = True  # False: told in words only (not an id the contract names)
    status_label: str | None = None  # the welfare status it is for ("장애인"), for its wording

    def to_item(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "monthly_saving": self.monthly_saving,
            "source": self.source,
        }


def _welfare_applies(status: str | None) -> bool:
    return bool(status) and status != "none"


def welfare_saving(status: str | None, monthly_bill: int | None) -> tuple[int | None, bool]:
    """The most the welfare discount can take off a month for this person, and whether the
    bill alone decides it exactly.

    The cap comes from the catalogue; a known bill bounds it (a discount of 33,500원 on a bill of
    10,000원 saves 10,000원 at most). Statuses known only as a weak percentage give None.
    """
    if not _welfare_applies(status):
        return None, False
    entry = _catalogue_entry("welfare_discount")
    exact_rule = (entry.get("exact_saving") or {}).get(status)
    if exact_rule is not None and monthly_bill is not None:
        return min(int(exact_rule["cap"]), int(monthly_bill * exact_rule["rate"])), True
    cap = entry["caps"].get(status)
    if cap is None:
        return None, False
    if monthly_bill is None:
        return int(cap), False
    most = monthly_bill
    rule = (entry.get("base_and_rate") or {}).get(status)
    if rule is not None and monthly_bill > int(rule["base"]):
        beyond = monthly_bill - int(rule["base"])
        most = int(rule["base"]) + int(beyond * float(rule["rate"]))
    return min(int(cap), most), False


def _catalogue_entry(item_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = next(
        item for item in load("alternatives")["items"] if item["id"] == item_id
    )
    return entry


def build_alternatives(
    welfare_status: str | None,
    feasible: bool,
    shortfall: int = 0,
    monthly_bill: int | None = None,
    suspended: bool | None = None,
    bill_issue: bool = False,
    carrier: str | None = None,
    internet_only: bool = False,
) -> list[Alternative]:
    """The catalogue's items that apply to this person, in the order to try them."""
    items: list[Alternative] = []
    for entry in load("alternatives")["items"]:
        if entry["when"] == "welfare" and not _welfare_applies(welfare_status):
            continue
        if carrier is not None and carrier in entry.get("not_for_carriers", []):
            continue
        if internet_only and entry.get("mobile_only"):
            continue
        saving = entry.get("monthly_saving")
        weak = exact = False
        source = entry.get("source")
        status_label = None
        if saving == "by_welfare_status":
            saving, exact = welfare_saving(welfare_status, monthly_bill)
            weak = welfare_status in entry.get("weak_for", [])
            source = (entry.get("sources_by_status") or {}).get(welfare_status, source)
            status_label = load("wording")["welfare_labels"].get(welfare_status)
        explanation = (internet_only and entry.get("explanation_internet")) or entry["explanation"]
        if suspended and entry.get("when_suspended"):
            explanation += entry["when_suspended"]
        explanation += (entry.get("when_carrier") or {}).get(carrier, "")
        items.append(
            Alternative(
                id=entry["id"],
                title=entry["title"],
                explanation=explanation,
                monthly_saving=saving,
                source=source,
                lowers_bill=bool(entry["lowers_bill"]),
                weak=weak,
                exact=exact,
                in_message=bool(entry.get("in_message", True)),
                status_label=status_label,
            )
        )
    if not feasible:
        # Stable sort: bill-lowering items first, the larger known saving before the unknown.
        items.sort(key=lambda item: (not item.lowers_bill, -(item.monthly_saving or 0)))
    if bill_issue:
        # A charge the person does not recognise: disputing it comes before paying it (after
        # the bill-lowering items where the plan does not fit, as the contract orders them).
        order = {item_id: place for place, item_id in enumerate(BILL_ISSUE_FIRST)}
        items.sort(
            key=lambda item: (
                not feasible and not item.lowers_bill,
                order.get(item.id, len(BILL_ISSUE_FIRST)),
            )
        )
    return items


# Where the person found a charge they do not recognise on the itemised bill.
BILL_ISSUE_FIRST = ("dispute_mediation", "micropayment_block")


def known_savings(items: list[Alternative]) -> int:
    """The most the items with a known saving could take off a month, together."""
    return sum(item.monthly_saving or 0 for item in items)


def covered_by_savings(items: list[Alternative], shortfall: int) -> bool:
    """Whether the known monthly savings together could close the shortfall."""
    return shortfall > 0 and known_savings(items) >= shortfall


def to_message(items: list[Alternative]) -> dict[str, object]:
    return {
        "type": "alternatives",
        "items": [item.to_item() for item in items if item.in_message],
    }
