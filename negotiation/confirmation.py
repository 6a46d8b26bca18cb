"""Confirming the figures before the plan, and settling which figure an amount is.

The plan is only as right as its figures, so before stage 5 the coach shows every figure it will
use (the contract's ``figures`` message and the same list in words) and waits for a yes. This
module builds that summary and reads the replies: a yes, a wish to fix something ("고칠게요",
"미납액이 틀렸어요"), or which role an ambiguous amount has ("밀린 거예요").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from negotiation.data import load
from negotiation.money import format_months, format_won
from negotiation.scripts import Situation, carrier_name

# The order in which figures are shown and named.
FIGURE_ORDER = (
    "carrier",
    "arrears_amount",
    "months_overdue",
    "service_suspended",
    "monthly_bill",
    "monthly_budget",
    "lump_sum",
    "recovery_months",
    "recovery_budget",
    "welfare_status",
)

YES = re.compile(
    r"^\s*(네|넵|넹|예|옙|응|웅|어|잉|ㅇㅇ|ㅇㅋ|오케이|ok|okay|yes|yep|yeah|y|맞|마자|마즘|그래|그려|좋아|하모|"
    r"확인|콜|굿|굳|good|right|correct)|"
    r"맞아|맞어|맞소|맞지|맞다|맞구|맞습니다|맞네|맞음|맞고|정확|틀린\s?(거|게|건)\s?없|다\s?맞|그대로"
)
FIX = re.compile(
    r"고칠|고쳐|수정|틀렸|틀려|틀림|틀린|잘못|아니|아뇨|아님|노노|ㄴㄴ|no\b|다르|달라|바꿀|바꿔|"
    r"정정|변경"
)

# Words that name a figure, for "미납액이 틀렸어요" and for "밀린 거예요" (which figure an
# ambiguous amount is). Checked in this order: the more specific names first.
FIGURE_NAMES: Sequence[tuple[str, str]] = (
    ("recovery_budget", r"나아진\s?뒤|그\s?뒤의?\s?(월\s?)?예산|그때\s?예산|나중\s?예산"),
    ("recovery_months", r"나아질\s?때까지|몇\s?달\s?뒤|회복"),
    ("lump_sum", r"한\s?번에|한꺼번에|일시불|지금\s?(바로|당장)?\s?낼|당장|먼저\s?낼|목돈"),
    ("monthly_budget", r"예산|낼\s?수\s?있는|감당|여유"),
    ("months_overdue", r"기간|몇\s?달|개월|달\s?수"),
    ("arrears_amount", r"미납|밀린|밀렸|연체|체납|못\s?낸|총액"),
    ("monthly_bill", r"매달\s?(나오는\s?)?요금|월\s?요금|요금|청구|나오는"),
    ("carrier", r"통신사"),
    ("welfare_status", r"복지|수급|차상위|기초연금|장애|유공"),
    ("service_suspended", r"정지"),
)


def wording() -> dict[str, Any]:
    return load("wording")


def label(slot: str) -> str:
    return str(wording()["figure_labels"][slot])


def page_labels() -> dict[str, Any]:
    """The labels a page needs to draw the coach's cards in the coach's own words."""
    words = wording()
    return {
        "figure_order": list(FIGURE_ORDER),
        "figure_labels": dict(words["figure_labels"]),
        "welfare_labels": dict(words["welfare_labels"]),
        "carrier_names": dict(words["carrier_names"]),
        "option_labels": dict(words["option_labels"]),
        "unknown_value": words["unknown_value"],
        "suspended_values": {
            "true": words["suspended_values"][True],
            "false": words["suspended_values"][False],
        },
        "no_recovery": words["no_recovery"],
    }


def figures_message(situation: Situation) -> dict[str, Any]:
    """The contract's ``figures`` message: every figure the plan will use, null when unknown."""
    return {
        "type": "figures",
        "carrier": situation.carrier,
        "arrears_amount": situation.arrears_amount,
        "months_overdue": situation.months_overdue,
        "monthly_bill": situation.monthly_bill,
        "monthly_budget": situation.monthly_budget,
        "lump_sum": situation.lump_sum,
        "recovery_months": situation.recovery_months,
        "recovery_budget": situation.recovery_budget,
        "welfare_status": situation.welfare_status,
        "service_suspended": situation.service_suspended,
    }


def display(slot: str, value: Any) -> str:
    """A figure as the person would say it ("35만원", "2개월", "LG U+", "모름")."""
    words = wording()
    if slot == "recovery_months" and value is None:
        return str(words["no_recovery"])
    if value is None:
        return str(words["unknown_value"])
    if slot in ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum", "recovery_budget"):
        return format_won(int(value))
    if slot in ("months_overdue", "recovery_months"):
        return format_months(int(value))
    if slot == "carrier":
        return carrier_name(str(value)) or str(value)
    if slot == "service_suspended":
        return str(words["suspended_values"][bool(value)])
    if slot == "welfare_status":
        return str(words["welfare_labels"].get(value, value))
    return str(value)


def summary_lines(situation: Situation) -> list[str]:
    """ "미납액: 35만원" for every figure, in order; the recovery budget only with a recovery."""
    message = figures_message(situation)
    return [
        f"{label(slot)}: {display(slot, message[slot])}"
        for slot in FIGURE_ORDER
        if not (slot == "recovery_budget" and message["recovery_months"] is None)
    ]


def read_confirmation(text: str, intent: str | None = None) -> bool | None:
    """True for "네 맞아요", False for "고칠게요" / "아니요", None when it says neither."""
    lowered = text.strip().lower()
    # "이거 나중에 바꿀 수도 있죠? 네 맞아요": the answer follows the person's own question.
    after_question = re.split(r"[?？]", lowered)[-1].strip()
    if after_question and after_question != lowered:
        lowered = after_question
    if not lowered:
        return None
    if FIX.search(lowered) or intent == "deny":
        return False
    if YES.search(lowered) or intent == "affirm":
        return True
    return None


def named_figure(text: str, among: Sequence[str] = FIGURE_ORDER) -> str | None:
    """The figure a message names ("미납액이 틀렸어요" -> arrears_amount), if any."""
    lowered = text.lower()
    for slot, pattern in FIGURE_NAMES:
        if slot in among and re.search(pattern, lowered):
            return str(slot)
    return None


def read_role(text: str, candidates: Sequence[str], intent: str | None = None) -> str | None:
    """Which of ``candidates`` an ambiguous amount is, from the reply to "X원은 밀린 금액인가요?".

    The question names the first candidate, so a yes picks it; a reply that names a role (the
    buttons do) picks that role.
    """
    named = named_figure(text, candidates)
    if named is not None:
        return named
    if read_confirmation(text, intent) is True:
        return candidates[0]
    return None  # a bare "아니요" says what it is not, not what it is: never guessed


def role_buttons(candidates: Sequence[str]) -> list[dict[str, str]]:
    roles = wording()["figure_roles"]
    return [{"title": roles[slot], "payload": roles[slot]} for slot in candidates]
