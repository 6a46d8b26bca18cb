"""Every amount of a message walked through ``corrections`` (does it stand?) and ``roles``
(which figure is it?), and the answers that are "nothing" rather than an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from negotiation.clauses import Clause, clause_at
from negotiation.money import Found, find_amounts
from negotiation.understanding.answers import trained_choice
from negotiation.understanding.corrections import (
    EXPLICIT_CORRECTION,
    LOWER_BOUND,
    OTHER_MONEY_AS_MEANS,
    OTHER_MONEY_BEFORE,
    RANGE_BETWEEN,
    SELF_CORRECTION,
    marks_a_sum,
)
from negotiation.understanding.reading import AMOUNT_SLOTS, Ambiguity, Reading, amounts_read, store
from negotiation.understanding.roles import (
    EXTRA_PAYMENT,
    LUMP_PLAIN,
    MONTHLY,
    PAYABLE,
    beyond_the_bill,
    cues_of,
    repeats_known,
    role_for_bare_amount,
    role_for_bill_noun,
    role_named_before,
    role_of,
    taken_back_role,
)
from negotiation.understanding.second_opinion import doubt
from negotiation.understanding.talk import says_not_known

# After these, a budget is the one for when finances have improved ("그때부터는 20만원").
RECOVERY_MARKERS = re.compile(
    r"취업하면|취직되면|일\s?구하면|복직하면|알바하면|"
    r"그때부터|그\s?때는|그\s?뒤로|그\s?후로|그\s?다음부터|나중에는|나중엔|나중에\s?(낼|내|갚)|"
    r"형편이\s?(나아지면|풀리면)|월급\s?(들어오면|받으면|오르면)|취직하면"
)


# "20일에 급여 받으면", "매달 10일에 알바비 들어오면": payday, which comes every month, not a change
# of finances.
PAYDAY = re.compile(
    r"(매달\s?|매월\s?)?\d{1,2}\s?일\s?(에|마다|날)?\s?(월급|급여|알바비|월급날|연금|수당|돈)\S{0,2}\s?"
    r"(들어오면|받으면|나오면|들어오는|받는)"
)


# "일시불 없음", "한 번에 낼 금액은 없습니다": no lump sum, said before the question.
NO_LUMP_SUM_TOLD = re.compile(
    r"(일시불|일시금|목돈|선납|한\s?번에\s?(낼|먼저\s?낼)\s?(수\s?있는\s?)?(돈|거|금액))\s?(은|는|도|이|가)?\s?"
    r"(없|0원|영원|못\s?(내|해))"
)


# "0", "０원", "zero": nothing, as the whole answer to an amount question.
ZERO_ALONE = re.compile(
    r"(0|０|영|zero|none|nothing|없음)\s?(원|won|₩)?\s?(이요|요|입니다|임)?[.!~ ]*"
)


# "지금은 없어", "이번 달은 여윳돈 1도 없어", "nothing rn": no lump sum, said within a sentence.
NONE_IN_SENTENCE = re.compile(
    r"불가능|어렵습니다|어려워요|없는\s?(거|것)\s?같|"
    r"(업|읎|업ㅅ)(서|어|써|음)|없써|"
    r"없는\s?(걸로|거로|것으로)|"
    r"없(어|음|다|습|네|고|는데|요)|없$|\bzero\b|\bnone\b|\bnothing\b|"
    r"한\s?푼|1도|하나도|\b0\s?원|빈털"
)


NONE_ANSWERS = re.compile(
    r"^(없어|없음|없습니다|없네|없고|없다|0원|영원|없|x|X|ㄴㄴ|노노|아니|안 돼|안돼|없어요)"
    # "돈 없음", "당장 낼 돈은 없어요", "여유가 전혀 없네요", "한 푼도 못 드려요"
    r"|(돈|여유|목돈)\s*(이|은|는|도|가)?\s*(하나도|전혀|진짜|정말)?\s*없|한 ?푼도"
)


# A budget that is the monthly bill and nothing more: "요금 내면 끝이에요", "요금만 간신히 내요",
# "요금밖에 못 내요", "요금 말고는 여유가 없어요", "요금 내는 게 전부예요".
ONLY_THE_BILL = re.compile(
    r"요금\s?(만|밖에|까지만|정도만|만큼만)|"
    r"요금\s?(내[가-힣]{0,2}|빼[가-힣]{0,2}|말고[는도]?|외에[는도]?|이외[는에]?)\s?[가-힣\s,]{0,8}?"
    r"(끝|없|못|전부|다예요|다에요|다유|다야|빠듯|한계|최대)"
)


BARE_KOREAN_AMOUNT = re.compile(
    r"\s*((?:[일이삼사오육칠팔구]?\s?(?:십|백|천)?\s?)*[일이삼사오육칠팔구]?\s?[만천]"
    r"(?:\s?[일이삼사오육칠팔구]?\s?(?:천|백|십))*(?:\s?[일이삼사오육칠팔구])?)"
    r"\s?(요|이요|이유|이여|입니다|정도|쯤|정도요|쯤이요)?[.!~ ]*"
)


# Items on an itemised bill, named when the person tells what they found on it.
BILL_ITEM = re.compile(r"부가\s?서비스|소액\s?결제|결제|콘텐츠|항목|구독|컬러링|보험|할부")


# An amount said only to deny having even that much: "만원 한 장도 없어요", "천 원도 없어".
NOT_EVEN_AN_AMOUNT = re.compile(
    r"([0-9]|[일이삼사오육칠팔구십백천만])\s?(원|만|천)?\s?(원)?\s?(한\s?장|짜리\s?하나|한\s?푼)?\s?"
    r"(도|조차|이라도)\s?(없|못|안\s?돼|안\s?되)"
)


# A figure said twice in one message: nothing new, and the amount before keeps its role.
SAID_AGAIN = "<said again>"


@dataclass
class _Walk:
    """One message's amounts, walked in order, with what earlier amounts left behind."""

    text: str
    clauses: list[Clause]
    amounts: list[Found]
    recovery: list[Found]
    requested_slot: str | None
    known: dict[str, Any]
    after_plan: bool
    reading: Reading
    check: bool
    # "요금 4만에 부가서비스 1만 해서 5만": the parts before a total are not figures of their
    # own; the total takes the role the first part has.
    totals: set[int] = field(default_factory=set)
    part_role: str | None = None
    # The role of the amount before, which a correction of it ("35만원이요, 아 38만원") takes.
    previous_role: str | None = None
    # Where each stored figure was said, for the second opinion.
    stored: dict[str, Found] = field(default_factory=dict)
    # The index of an amount said as "more, beyond the bill" right after the bill's own amount.
    beyond_the_bill_at: int | None = None


@dataclass(frozen=True)
class _Place:
    """Where an amount stands: its clause, and the words that are its own (between its
    neighbours when the clause holds several amounts)."""

    index: int
    found: Found
    clause: Clause | None
    clause_end: int
    span_start: int
    span_end: int


def read_amounts(
    text: str,
    clauses: list[Clause],
    recovery: list[Found],
    requested_slot: str | None,
    known: dict[str, Any],
    after_plan: bool,
    reading: Reading,
    check: bool = True,
) -> None:
    """Each amount of the message: does it stand, which figure is it, and is it kept."""
    amounts = find_amounts(text)
    walk = _Walk(
        text, clauses, amounts, recovery, requested_slot, known, after_plan, reading, check
    )
    walk.totals = {
        index
        for index in range(1, len(amounts))
        if marks_a_sum(text, amounts[index - 1].end, amounts[index].start)
    }
    for index, found in enumerate(amounts):
        place = _place(walk, index, found)
        if not _stands(walk, place):
            continue
        role, plain = _named_role(walk, place)
        if _is_a_part(walk, place, role):
            continue
        role, plain, corrects_previous = _settled_role(walk, place, role, plain)
        if role == SAID_AGAIN:
            continue
        if role is not None:
            role = _guarded_role(walk, place, role, plain)
        if role is None:
            walk.previous_role = None
            continue
        replaces = corrects_previous and role == walk.previous_role
        if NOT_EVEN.match(text, found.end):
            # "오늘 낼 2만원도 없어요": not even that much; for the lump sum, nothing now.
            if role == "lump_sum":
                store(reading, role, 0, replaces=True)
            walk.previous_role = None
            continue
        store(reading, role, found.value, replaces=replaces)
        if reading.values.get(role) == found.value:
            walk.stored[role] = found
        walk.previous_role = role
    if check:
        _second_opinion(walk)
    _read_nothing(text, requested_slot, reading)


def _second_opinion(walk: _Walk) -> None:
    """Each amount the message leaves stored, checked by the learned model once the whole
    message is read (a rough figure replaced by the exact one is not checked): where the model
    confidently takes it for another figure, it is asked about instead of stored."""
    question = "after_plan" if walk.after_plan else walk.requested_slot
    for role, found in walk.stored.items():
        if walk.reading.values.get(role) != found.value:
            continue
        known = walk.known.get(role)
        if found.value == 0 or (known is not None and float(known) == found.value):
            continue  # nothing, or the figure already told said again: nothing new to doubt
        taken = frozenset(name for name in walk.stored if name != role)
        other = doubt(walk.text, found.start, found.end, question, role, taken)
        if other is not None:
            del walk.reading.values[role]
            walk.reading.on_top_of_bill.discard(role)
            walk.reading.ambiguous.append(Ambiguity(found.value, (role, other)))


def _place(walk: _Walk, index: int, found: Found) -> _Place:
    clause = clause_at(walk.clauses, found.start)
    clause_start, clause_end = (clause.start, clause.end) if clause else (0, len(walk.text))
    amounts = walk.amounts
    span_start = max(clause_start, amounts[index - 1].end if index else 0)
    span_end = min(
        clause_end, amounts[index + 1].start if index + 1 < len(amounts) else len(walk.text)
    )
    return _Place(index, found, clause, clause_end, span_start, span_end)


def _stands(walk: _Walk, place: _Place) -> bool:
    """Whether the amount is a figure at all (not a bound, a range's end, another debt's money,
    or a figure the person takes back)."""
    text, found, index = walk.text, place.found, place.index
    if _the_bill_then_more(walk, place):
        return True  # "요금 6만원 말고 3만원 더": the bill, not a figure taken back
    negated = re.match(
        r"[\s.,~]*(은|는|이|가|도)?\s?(아니|아님|말고)", text[found.end : found.end + 10]
    )
    # "6만원대요?", "칠만원 안쪽으로 나오는데 육만원쯤": a bound, then the figure.
    a_range = re.match(
        r"\s?대(요|야|인|이고|쯤|\?|\s|$)|\s?(안쪽|이내|미만|이하|밑으로|아래로|선에서)",
        text[found.end : found.end + 6],
    )
    # Told unasked, "칠십만원 넘게 연체됐어요" is a lower bound, left for the question (which
    # asks for the amount itself); said in answer to a question, it is their best figure.
    if LOWER_BOUND.match(text[found.end : found.end + 12]) and (
        walk.requested_slot not in AMOUNT_SLOTS
    ):
        return False
    if index and RANGE_BETWEEN.fullmatch(text[walk.amounts[index - 1].end : found.start]):
        # The second bound of a range, before the figure itself, which then corrects the first.
        # A range alone keeps its lower bound (shown at the confirmation): never the higher sum
        # as what they can pay.
        return False
    right_before = text[max(place.span_start, found.start - 16) : found.start]
    if OTHER_MONEY_BEFORE.search(right_before) or (
        OTHER_MONEY_AS_MEANS.search(right_before)
        and not cues_of(text[found.end : place.span_end]) & PAYABLE
    ):
        walk.previous_role = None
        return False  # another debt's, income's or rent's amount: not the phone's figure
    # "2만원.. 아니 그냥 없는 걸로 해주세요": taken back, then none.
    taken_back = negated and re.search(r"없", text[found.end :])
    last = index + 1 >= len(walk.amounts)
    if (negated and (index > 0 or not last or taken_back)) or (a_range and not last):
        # The figure they are not saying, or a range before the figure: a figure taken back
        # passes its role to the one that replaces it.
        walk.previous_role = taken_back_role(
            text[place.span_start : found.start] + " " + text[found.end : place.span_end],
            walk.requested_slot,
            walk.known,
            found.value,
        )
        return False
    return True


def _named_role(walk: _Walk, place: _Place) -> tuple[str | None, bool]:
    """The role the amount's own words give it (``roles``), and whether they name it plainly."""
    text, found, asked = walk.text, place.found, walk.requested_slot
    if _the_bill_then_more(walk, place):
        walk.beyond_the_bill_at = place.index + 1
        return "monthly_bill", True
    span = re.sub(
        r"\s+", " ", text[place.span_start : found.start] + " " + text[found.end : place.span_end]
    )
    role, plain = role_of(span, asked)
    shares_clause = (
        place.index + 1 < len(walk.amounts)
        and walk.amounts[place.index + 1].start < place.clause_end
    )
    if shares_clause:
        # With another amount after it in the clause, the words just before an amount name it
        # ("총 26만원 KT 월요금 5만": 월요금 names the 5만, not the 26만).
        before = text[place.span_start : found.start]
        role, plain = role_of(before, asked)
        if (
            role is None
            and asked not in ("monthly_budget", "recovery_budget")
            and re.search(rf"(^|\s){MONTHLY}\s?$", before)
        ):
            role, plain = "monthly_bill", True  # "월 6만에 밀린거 30만": 월 names the bill
    if (
        role == "monthly_budget"
        and "monthly_budget" in walk.reading.values
        and LUMP_PLAIN.search(span)
    ):
        role = "lump_sum"  # a second amount "now" after the budget is the lump sum
    if role is None and place.clause is not None:
        # "밀린 금액이 잘못됐어요. 47만원이에요": the figure is named in the clause before.
        role, plain = role_named_before(text, walk.clauses, place.clause, walk.amounts, asked)
    return role, plain


# An amount said only to deny having even that much, right after it.
NOT_EVEN = re.compile(
    r"\s?(원)?\s?(한\s?장|한\s?푼)?\s?(도|조차)\s?(없|못\s?(내|드|갚)|안\s?(돼|되))"
)

# "요금 6만원 내고 3만원 더", "요금 6만원에 3만원 더요": the bill named with its amount, then
# what can be paid beyond it.
BILL_NAMED_BEFORE = re.compile(r"요금\s?(은|는|이|을|만)?\s?$")
BILL_THEN = re.compile(
    r"^\s?(원)?\s?(은|는|을)?\s?(내고|낸\s?(뒤|다음|후)에?|말고|말구|외에|빼고|에|하고|이고|이랑)"
    r"(\s?(나서|나면|나서는|도|는))?[\s,]*$"
)


def _the_bill_then_more(walk: _Walk, place: _Place) -> bool:
    index, text = place.index, walk.text
    if index + 1 >= len(walk.amounts):
        return False
    following = walk.amounts[index + 1]
    return (
        bool(BILL_NAMED_BEFORE.search(text[place.span_start : place.found.start]))
        and bool(BILL_THEN.match(text[place.found.end : following.start]))
        and bool(EXTRA_PAYMENT.search(text[following.end : following.end + 24]))
    )


def _is_a_part(walk: _Walk, place: _Place, role: str | None) -> bool:
    """Whether the amount is a part of a total said later in the same sentence; the total then
    takes the first part's role."""
    text, found = walk.text, place.found
    is_part = any(
        later in walk.totals
        and not re.search(r"[.?!\n]", text[found.end : walk.amounts[later].start])
        for later in range(place.index + 1, len(walk.amounts))
    )
    if is_part:
        walk.part_role = (
            walk.part_role or (role if role != "bill_noun" else None) or walk.requested_slot
        )
        if walk.part_role not in AMOUNT_SLOTS:
            walk.part_role = None
    return is_part


def _settled_role(
    walk: _Walk, place: _Place, role: str | None, plain: bool
) -> tuple[str | None, bool, bool]:
    """The role once the rest of the message has its say: a total, an amount beyond the bill,
    a self-correction, the recovery, a figure said again, and what a bare amount answers.
    Also whether it replaces the amount before it."""
    text, found, asked, reading = walk.text, place.found, walk.requested_slot, walk.reading
    if place.index in walk.totals and walk.part_role is not None and not plain:
        role, plain = walk.part_role, True
        walk.part_role = None
    beyond = beyond_the_bill(text[: found.start], text[found.end : place.span_end], asked)
    if walk.beyond_the_bill_at == place.index:
        beyond = "recovery_budget" if asked == "recovery_budget" else "monthly_budget"
    if beyond is not None:
        role, plain = beyond, True
        reading.on_top_of_bill.add(beyond)
    previous = walk.amounts[place.index - 1] if place.index else None
    corrects_previous = (
        previous is not None
        and walk.previous_role is not None
        and (
            bool(SELF_CORRECTION.search(text[previous.end : found.start]))
            or marks_a_sum(text, previous.end, found.start)
        )
    )
    if corrects_previous and not plain:
        role = walk.previous_role  # "35만원이요, 아 아니에요 38만원이에요"
    after_recovery = any(mark.end <= found.start for mark in walk.recovery) or bool(
        RECOVERY_MARKERS.search(PAYDAY.sub(" ", text[: found.start]))
    )
    if after_recovery and role in (None, "monthly_budget", "recovery_budget"):
        role = "recovery_budget"
    if role in (None, "bill_noun") and not plain:
        repeated = (
            None if asked in AMOUNT_SLOTS else repeats_known(found.value, walk.known, reading)
        )
        if repeated is not None:
            role = repeated  # the same figure told again: nothing new, nothing to ask
        elif found.value in amounts_read(reading):
            return SAID_AGAIN, plain, False  # "9만원이요, 9만원 맞아요"
    if role == "bill_noun":
        role = role_for_bill_noun(found, asked, walk.known, walk.after_plan, reading, text)
    elif role is None:
        role = role_for_bare_amount(found, asked, walk.known, walk.after_plan, reading)
    return role, plain, corrects_previous


def _guarded_role(walk: _Walk, place: _Place, role: str, plain: bool) -> str | None:
    """The role to store the amount under, or None when it must be asked about instead: it
    would quietly replace another figure in an answer."""
    found, asked, known, reading = place.found, walk.requested_slot, walk.known, walk.reading
    if (
        role in known
        and role != asked
        and asked in AMOUNT_SLOTS
        and asked not in reading.values
        and float(known[role]) != found.value
    ):
        if not plain:
            role = asked  # an answer does not quietly replace another figure
        elif not EXPLICIT_CORRECTION.search(walk.text):
            # Answering the budget, an amount read as the arrears: ask which. (A correction
            # said as one — "잘못 말했어요, 미납액은 30만원이에요" — replaces.)
            reading.ambiguous.append(Ambiguity(found.value, (asked, role)))
            return None
    return role


def _read_nothing(text: str, requested_slot: str | None, reading: Reading) -> None:
    """ "0원", "없어요": nothing, answering an amount question."""
    if (
        requested_slot in AMOUNT_SLOTS
        and requested_slot not in reading.values
        and ZERO_ALONE.fullmatch(text.strip())
    ):
        store(reading, requested_slot, 0)
    if requested_slot == "lump_sum" and "lump_sum" not in reading.values:
        trained = trained_choice("none_amount", text)
        if trained is True or (
            trained is None
            # "글쎄요 없다고 봐야 할 것 같네요": unsure, yet it says none.
            and (not says_not_known(text) or re.search(r"없다고|없을\s?(것|거)|없는\s?게", text))
            and not re.search(r"^아니\s?(잠깐|잠시|근데)|없진|없는\s?건\s?아니|영원히", text)
            and (NONE_ANSWERS.search(text) or NONE_IN_SENTENCE.search(text))
        ):
            store(reading, "lump_sum", 0)
