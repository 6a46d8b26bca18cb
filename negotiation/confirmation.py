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

# A yes. Short words that begin other words are yes only on their own: "어 맞아요" but not
# "어떻게", "예" but not "예산", "그래요" but not "그래서", "콜" but not "콜센터", "확인했어요" but
# not "확인해 볼게요", "정확해요" but not "정확히는 몰라요".
YES = re.compile(
    r"^\s*(네|넵|넹|예(?![가-힣])|예예|옙|응|웅|어(?![가-힣])|잉|ㅇㅇ|ㅇㅋ|오케이|ok|okay|yes|yep|yeah|y|"
    r"맞|마자|마즘|그래(?!서|도|야|가지고)|그려|좋아(?!지|질)|하모|"
    r"확인(?!해\s?(보|볼|봐|봅)|하고|해야|할|해\s?주|하러)|콜(?![가-힣])|굿|굳|good|right|correct)|"
    r"맞아|맞어|맞소|맞지|맞다|맞구|맞습니다|맞네|맞음|맞고|정확(해|합|하네|함|하다)|"
    r"틀린\s?(거|게|건)\s?없|다\s?맞|그대로"
)
# "맞는데 연체료가 붙었어요": right, but something follows that is not (not a yes). "맞는데요"
# at the end is a polite yes.
BUT = re.compile(r"맞(는데|지만|긴\s?한데|긴\s?하지만|는\s?것\s?같은데)(?!요?\s*[.!~]*\s*$)")
# "달라요" (different), not the "달라" of a request ("낮춰달라고", "해 달라는").
FIX = re.compile(
    r"고칠|고쳐|수정|틀렸|틀려|틀림|틀린|잘못|아니|아뇨|아님|노노|ㄴㄴ|no\b|다르|"
    r"(?<![아어워춰해줘와봐]\s)(?<![아어워춰해줘와봐])달라|바꿀|바꿔|정정|변경"
)
# "고칠 거 없어요", "틀린 건 하나도 없어요", "다 맞아요", "모두 맞네요": nothing to fix, even after
# "아니요" ("아니요, 다 맞아요") or while the coach asks which figure to fix.
NOTHING_TO_FIX = re.compile(
    r"(고칠|바꿀|수정할|정정할|틀린|잘못된|다른)\s?(거|게|건|것|부분|숫자|데|곳)?\s?(는|은|이|가)?\s?"
    r"(하나도|전혀|별로|더|딱히|특별히)?\s?없"
)
ALL_RIGHT = re.compile(r"(다|모두|전부|다들|전체|둘\s?다)\s?(잘\s?)?맞")
# "다 맞는 건 아니에요", "안 맞아요", "미납액 빼고 다 맞아요": something is wrong after all.
NOT_RIGHT = re.compile(
    r"맞(는|은)\s?(건|게|거|것)\s?(은|는)?\s?아니|맞지\s?(는|도|가)?\s?않|맞진\s?않|안\s?맞|"
    r"(말고|빼고|빼면|제외하고|외에|외엔|말곤|빼곤)\s?(는|은)?\s?(다|모두|전부)\s?맞"
)
# A yes that says the figure itself is right ("맞아요", "그대로요", "고칠 거 없어요"), not a bare
# "네": the answer to "미납액을 어떻게 고칠까요?" that keeps the figure.
KEEPS = re.compile(
    r"맞(아|어|네|습|음|다|지|구|소|고|는\s?(것|거)\s?같)|맞는데요?\s*[.!~]*$|마자|마즘|그대로|"
    r"정확(해|합|하네|함|하다)"
)
LEADING_NO = re.compile(r"^\s*(아니(요|오)?|아뇨|ㄴㄴ|노노)[\s,.!~]*")

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
    if NOT_RIGHT.search(lowered):
        return False
    if nothing_to_fix(lowered):
        return True
    if FIX.search(lowered) or intent == "deny":
        return False
    if (YES.search(lowered) and not BUT.search(lowered)) or intent == "affirm":
        return True
    return None


def nothing_to_fix(text: str) -> bool:
    """ "다 맞아요", "고칠 거 없어요", "아니요, 틀린 건 없어요": every figure is right, and
    nothing else in the message says one is wrong ("미납액은 틀렸고 나머지는 다 맞아요")."""
    lowered = text.strip().lower()
    if NOT_RIGHT.search(lowered):
        return False
    found = [NOTHING_TO_FIX.search(lowered), ALL_RIGHT.search(lowered)]
    if not any(found):
        return False
    rest = lowered
    for match in found:
        if match is not None:
            rest = rest.replace(match.group(0), " ")
    return not FIX.search(LEADING_NO.sub("", rest))


def keeps_the_figure(text: str, intent: str | None = None) -> bool:
    """Whether the reply to "미납액을 어떻게 고칠까요?" says the figure shown is right after all
    ("맞아요", "아 맞네요", "그대로 둘게요", "다 맞아요"); a bare "네" does not say so."""
    lowered = text.strip().lower()
    return read_confirmation(text, intent) is True and bool(
        nothing_to_fix(lowered) or KEEPS.search(lowered)
    )


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
    if read_confirmation(text, intent) is True and len(candidates) <= 2:
        return candidates[0]  # "28만원은 미납액인가요?" names the first: a yes is an answer
    return None  # a bare "아니요" says what it is not, not what it is: never guessed


def role_buttons(candidates: Sequence[str]) -> list[dict[str, str]]:
    roles = wording()["figure_roles"]
    return [{"title": roles[slot], "payload": roles[slot]} for slot in candidates]


# --- corrections that converge -----------------------------------------------------------------
#
# A correction that changes nothing is never answered with the same question again. Each question
# of the correction is asked at most twice while nothing changes (the actions count them in the
# conversation, actions/corrections.py); these decide which one comes next.

AMOUNT_FIGURES = ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum", "recovery_budget")
MONTH_FIGURES = ("months_overdue", "recovery_months")
# The questions for a figure's new value, in the order they are asked.
VALUE_QUESTIONS = (
    "ask_figure_to_fix",
    "figure_same_value",
    "figure_value_again",
    "figure_value_buttons",
    "figure_pick_again",
)
MISSING_QUESTIONS = ("ask_missing_figure", "figure_missing_again")
CONFIRMATION_QUESTIONS = ("ask_figures_confirmed", "which_figure_to_fix", "confirm_or_pick_figure")
# No question of the correction is asked more often than this while nothing changes.
MOST_TIMES_ASKED = 2


def next_value_question(asked: dict[str, int], slot: str, restated: bool) -> str | None:
    """The question for the new value of ``slot``, given how often each was asked already.

    First "미납액을 어떻게 고칠까요?"; a reply that changed nothing gets one answer that says what
    was read and asks for the number alone with an example in digits (straight away when the
    reply named the figure with the value it already has); the third time, buttons. None: each
    was asked, and the figure is kept as it is (a figure that is not a number is asked with its
    buttons, at most twice).
    """
    if slot not in AMOUNT_FIGURES + MONTH_FIGURES:
        if not asked.get("ask_figure_to_fix") and not restated:
            return "ask_figure_to_fix"
        if asked.get("figure_pick_again", 0) < MOST_TIMES_ASKED:
            return "figure_pick_again"
        return None
    again = asked.get("figure_same_value", 0) + asked.get("figure_value_again", 0)
    if not any(asked.get(key) for key in VALUE_QUESTIONS):
        return "figure_same_value" if restated else "ask_figure_to_fix"
    if not again:
        return "figure_same_value" if restated else "figure_value_again"
    if not asked.get("figure_value_buttons"):
        return "figure_value_buttons"
    return None


def next_missing_question(asked: dict[str, int]) -> str | None:
    """The question for a figure the plan needs and does not have: asked, then asked with an
    example in digits (twice at most); None once both were asked."""
    if not asked.get("ask_missing_figure"):
        return "ask_missing_figure"
    if asked.get("figure_missing_again", 0) < MOST_TIMES_ASKED:
        return "figure_missing_again"
    return None


def next_confirmation_question(asked: dict[str, int], wanted: str) -> str | None:
    """The figures summary or "어떤 숫자를 고칠까요?" (``wanted``), at most twice each while
    nothing changes; then one question with a button for each figure and [맞아요]; None when that
    too was asked twice."""
    if asked.get(wanted, 0) < MOST_TIMES_ASKED:
        return wanted
    if asked.get("confirm_or_pick_figure", 0) < MOST_TIMES_ASKED:
        return "confirm_or_pick_figure"
    return None


def digits_example(slot: str, current: Any) -> str:
    """A value for ``slot`` written as digits alone ("385000"), other than the one held."""
    examples = [int(example) for example in wording()["digit_examples"][slot]]
    held = None if current is None else round(float(current))
    return str(next((example for example in examples if example != held), examples[0]))


def value_kind(slot: str) -> str:
    """What the figure is asked for in: "금액" or "기간"."""
    kinds = wording()["value_kinds"]
    return str(kinds["months"] if slot in MONTH_FIGURES else kinds["amount"])


def restated_figure(
    values: dict[str, Any], amounts: Sequence[int], known: dict[str, Any]
) -> str | None:
    """The figure a message repeats with the value it already has: one read with that value
    ("미납액은 38만원이 맞는데…"), else the only amount figure equal to an amount in the message
    ("38만원 아니고요" while the arrears are 38만원)."""
    for slot, value in values.items():
        if slot in FIGURE_ORDER and _same_figure(known.get(slot), value):
            return str(slot)
    matching = {
        slot
        for slot in AMOUNT_FIGURES
        for amount in amounts
        if _same_figure(known.get(slot), amount)
    }
    return matching.pop() if len(matching) == 1 else None


def _same_figure(held: Any, value: Any) -> bool:
    if held is None or value is None or isinstance(held, bool) or isinstance(value, bool):
        return held is not None and held == value
    if isinstance(held, (int, float)) and isinstance(value, (int, float)):
        return float(held) == float(value)
    return bool(held == value)
