"""Every amount of a message walked through ``corrections`` (does it stand?) and ``roles``
(which figure is it?), and the answers that are "nothing" rather than an amount.
"""

from __future__ import annotations

import re
from typing import Any

from negotiation.clauses import Clause, clause_at
from negotiation.money import Found, find_amounts
from negotiation.understanding.answers import trained_choice
from negotiation.understanding.corrections import (
    EXPLICIT_CORRECTION,
    LOWER_BOUND,
    OTHER_MONEY_BEFORE,
    RANGE_BETWEEN,
    SELF_CORRECTION,
    SUM_MARKER,
)
from negotiation.understanding.reading import AMOUNT_SLOTS, Ambiguity, Reading, amounts_read, store
from negotiation.understanding.roles import (
    LUMP_PLAIN,
    MONTHLY,
    beyond_the_bill,
    repeats_known,
    role_for_bare_amount,
    role_for_bill_noun,
    role_named_before,
    role_of,
    taken_back_role,
)
from negotiation.understanding.talk import says_not_known

# After these, a budget is the one for when finances have improved ("그때부터는 20만원").
RECOVERY_MARKERS = re.compile(
    r"취업하면|취직되면|일\s?구하면|복직하면|알바하면|"
    r"그때부터|그\s?때는|그\s?뒤로|그\s?후로|그\s?다음부터|나중에는|나중엔|나중에\s?(낼|내|갚)|"
    r"형편이\s?(나아지면|풀리면)|월급\s?(들어오면|받으면|오르면)|취직하면"
)


# "25일 월급 받으면", "매달 10일에 알바비 들어오면": payday, which comes every month, not a change
# of finances.
PAYDAY = re.compile(
    r"(매달\s?|매월\s?)?\d{1,2}\s?일\s?(에|마다|날)?\s?(월급|급여|알바비|월급날|연금|수당|돈)\S{0,2}\s?"
    r"(들어오면|받으면|나오면|들어오는|받는)"
)


# "일시불 없음", "한 번에 낼 돈은 없어요": no lump sum, said before the question.
NO_LUMP_SUM_TOLD = re.compile(
    r"(일시불|목돈|선납|한\s?번에\s?(낼|먼저\s?낼)\s?(수\s?있는\s?)?(돈|거|금액))\s?(은|는|도|이|가)?\s?"
    r"(없|0원|영원|못\s?(내|해))"
)


# "0", "０원", "zero": nothing, as the whole answer to an amount question.
ZERO_ALONE = re.compile(
    r"(0|０|영|zero|none|nothing|없음)\s?(원|won|₩)?\s?(이요|요|입니다|임)?[.!~ ]*"
)


# "지금은 없어", "이번주엔 여유 1도 없음", "nothing rn": no lump sum, said within a sentence.
NONE_IN_SENTENCE = re.compile(
    r"불가능|어렵습니다|어려워요|없는\s?(거|것)\s?같|"
    r"(업|읎|업ㅅ)(서|어|써|음)|없써|"
    r"없는\s?(걸로|거로|것으로)|"
    r"없(어|음|다|습|네|고|는데|요)|없$|\bzero\b|\bnone\b|\bnothing\b|"
    r"한\s?푼|1도|하나도|\b0\s?원|빈털"
)


NONE_ANSWERS = re.compile(
    r"^(없어|없음|없습니다|없네|없고|없다|0원|영원|없|x|X|ㄴㄴ|노노|아니|안 돼|안돼|없어요)"
    # "돈 없음", "당장 낼 돈은 없어요", "여유가 하나도 없어요", "한 푼도 못 내요"
    r"|(돈|여유|목돈)\s*(이|은|는|도|가)?\s*(하나도|전혀|진짜|정말)?\s*없|한 ?푼도"
)


# A budget that is the monthly bill and nothing more: "요금 내면 끝이에요", "요금만 겨우 내요",
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


def read_amounts(
    text: str,
    clauses: list[Clause],
    recovery: list[Found],
    requested_slot: str | None,
    known: dict[str, Any],
    after_plan: bool,
    reading: Reading,
) -> None:
    amounts = find_amounts(text)
    previous_role: str | None = None
    # "요금 4만에 부가서비스 1만 해서 5만": the parts before a total are not figures of their own;
    # the total takes the role the first part has.
    totals = {
        index
        for index in range(1, len(amounts))
        if SUM_MARKER.search(text[amounts[index - 1].end : amounts[index].start])
    }
    part_role: str | None = None
    for index, found in enumerate(amounts):
        clause = clause_at(clauses, found.start)
        clause_start, clause_end = (clause.start, clause.end) if clause else (0, len(text))
        # Several amounts in one clause: each takes the words between its neighbours.
        span_start = max(clause_start, amounts[index - 1].end if index else 0)
        span_end = min(
            clause_end, amounts[index + 1].start if index + 1 < len(amounts) else len(text)
        )
        negated = re.match(
            r"[\s.,~]*(은|는|이|가|도)?\s?(아니|아님|말고)", text[found.end : found.end + 10]
        )
        # "6만원대요?", "십만원 안쪽으로 나오는데 구만원쯤": a bound, then the figure.
        a_range = re.match(
            r"\s?대(요|야|인|이고|쯤|\?|\s|$)|\s?(안쪽|이내|미만|이하|밑으로|아래로|선에서)",
            text[found.end : found.end + 6],
        )
        # "팔십만원 넘게 연체됐습니다" told unasked: a lower bound, not the figure. It is left for
        # the question, which asks for the amount itself ("정확히는 팔십사만 원입니다"); said in
        # answer to a question, it is the person's best figure and is kept.
        lower_bound = LOWER_BOUND.match(text[found.end : found.end + 12])
        if lower_bound and requested_slot not in AMOUNT_SLOTS:
            continue
        if index and RANGE_BETWEEN.fullmatch(text[amounts[index - 1].end : found.start]):
            # "20만원에서 22만원 사이? 고지서 보니 21만 6천원": the second bound of a range, before
            # the figure itself, which then corrects the first. A range alone ("3만원에서 5만원
            # 정도요") keeps its lower bound, which the confirmation shows: never the higher sum
            # as what they can pay.
            continue
        if OTHER_MONEY_BEFORE.search(text[max(span_start, found.start - 16) : found.start]):
            previous_role = None
            continue  # "카드값도 80만원 밀려있고 폰요금은 18만 6천원": not the phone's figure
        # "3만원.. 아니 그냥 없는 걸로 할게요": taken back, then none.
        taken_back = negated and re.search(r"없", text[found.end :])
        if (negated and (index > 0 or index + 1 < len(amounts) or taken_back)) or (
            a_range and index + 1 < len(amounts)
        ):
            # "18만원이에요, 15만원 아니고요": the figure they are not saying; "6만원대요? 6만
            # 5천원쯤": a range, then the figure. A figure taken back ("7만원이 아니라 7만
            # 5천원", "5만 말고 10만") passes its role to the one that replaces it.
            previous_role = taken_back_role(
                text[span_start : found.start] + " " + text[found.end : span_end],
                requested_slot,
                known,
                found.value,
            )
            continue
        span = re.sub(
            r"\s+", " ", text[span_start : found.start] + " " + text[found.end : span_end]
        )
        role, plain = role_of(span, requested_slot)
        shares_clause = index + 1 < len(amounts) and amounts[index + 1].start < clause_end
        if shares_clause:
            # "요금5만 예산12만": with another amount after it in the clause, the words just
            # before an amount name it.
            # ("총 24만원 KT 월요금 6만": 월요금 names the 6만, not the 24만.)
            role, plain = role_of(text[span_start : found.start], requested_slot)
            if (
                role is None
                and requested_slot not in ("monthly_budget", "recovery_budget")
                and re.search(rf"(^|\s){MONTHLY}\s?$", text[span_start : found.start])
            ):
                role, plain = "monthly_bill", True  # "월 5만에 밀린거 25만": 월 names the bill
        if (
            role == "monthly_budget"
            and "monthly_budget" in reading.values
            and LUMP_PLAIN.search(span)
        ):
            role = "lump_sum"  # "월 예산 11만원이고 당장 2만원 낼 수 있어요"
        if role is None and clause is not None:
            # "밀린 금액이 틀렸어요. 54만원이에요": the figure is named in the clause before.
            role, plain = role_named_before(text, clauses, clause, amounts, requested_slot)
        is_part = any(
            later in totals and not re.search(r"[.?!\n]", text[found.end : amounts[later].start])
            for later in range(index + 1, len(amounts))
        )
        if is_part:
            part_role = part_role or (role if role != "bill_noun" else None) or requested_slot
            if part_role == "bill_noun" or part_role not in AMOUNT_SLOTS:
                part_role = None
            continue
        if index in totals and part_role is not None and not plain:
            role, plain = part_role, True
            part_role = None
        beyond = beyond_the_bill(text[: found.start], text[found.end : span_end], requested_slot)
        if beyond is not None:
            role, plain = beyond, True
            reading.on_top_of_bill.add(beyond)
        previous = amounts[index - 1] if index else None
        corrects_previous = (
            previous is not None
            and previous_role is not None
            and bool(SELF_CORRECTION.search(text[previous.end : found.start]))
        )
        if corrects_previous and not plain:
            role = previous_role  # "35만원이요, 아 아니에요 38만원이에요"
        after_recovery = any(mark.end <= found.start for mark in recovery) or bool(
            RECOVERY_MARKERS.search(PAYDAY.sub(" ", text[: found.start]))
        )
        if after_recovery and role in (None, "monthly_budget", "recovery_budget"):
            role = "recovery_budget"
        repeated = (
            None
            if plain or requested_slot in AMOUNT_SLOTS
            else repeats_known(found.value, known, reading)
        )
        if repeated is not None and role in (None, "bill_noun"):
            role = repeated  # the same figure told again: nothing new, nothing to ask
        if not plain and role in (None, "bill_noun") and found.value in amounts_read(reading):
            continue  # "14만원이요. 14만원이 맞아요": the same figure said again in the message
        if role == "bill_noun":
            role = role_for_bill_noun(found, requested_slot, known, after_plan, reading, text)
        elif role is None:
            role = role_for_bare_amount(found, requested_slot, known, after_plan, reading)
        if role is None:
            previous_role = None
            continue
        if (
            role in known
            and role != requested_slot
            and requested_slot in AMOUNT_SLOTS
            and requested_slot not in reading.values
            and float(known[role]) != found.value
        ):
            if not plain:
                role = requested_slot  # an answer does not quietly replace another figure
            elif not EXPLICIT_CORRECTION.search(text):
                # "다합쳐서 한달 12만" answering the budget, read as the arrears: ask which.
                # ("아 잘못 말했어요, 미납액은 30만원이에요" is a correction: it replaces.)
                reading.ambiguous.append(Ambiguity(found.value, (requested_slot, role)))
                previous_role = None
                continue
        store(reading, role, found.value, replaces=corrects_previous and role == previous_role)
        previous_role = role
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
            # "글쎄요 없다고 보는 게 맞을 것 같아요": unsure, yet it says none.
            and (not says_not_known(text) or re.search(r"없다고|없을\s?(것|거)|없는\s?게", text))
            and not re.search(r"^아니\s?(잠깐|잠시|근데)|없진|없는\s?건\s?아니|영원히", text)
            and (NONE_ANSWERS.search(text) or NONE_IN_SENTENCE.search(text))
        ):
            store(reading, "lump_sum", 0)
