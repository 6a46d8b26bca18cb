"""Month counts: the arrears' (밀린 지 두 달), the recovery's (3개월 뒤), or neither (한 달에
8만원 is a rate; 다음 달에 a point in time).
"""

from __future__ import annotations

import re

from negotiation.clauses import Clause, clause_at
from negotiation.money import Found
from negotiation.understanding.reading import MONTH_SLOTS, Reading, store

RECOVERY_CUES = ("뒤", "후", "부터", "지나면", "있으면", "되면", "다음 달", "담달")


OVERDUE_MONTH_CUES = ("밀", "미납", "연체", "못 냈", "못냈", "못 내", "못내", "째", "안 냈", "체납")


# "다음 달부터는 4만원이에요" says what a figure will be, unless it speaks of paying or of income.
A_FIGURE_FROM_THEN = re.compile(
    r"(부터|에)\s?(는|은)?\s?[0-9일이삼사오육칠팔구십백천만][^.?!]{0,12}(이에요|예요|이요|입니다|원)"
)
A_CHANGE_OF_FINANCES = re.compile(
    r"낼|갚|가능|여유|월급|일\s?(을|이)?\s?(시작|구하|나가)|취직|취업|알바|수입"
)


def next_month_mentions(text: str) -> list[Found]:
    """ "다음 달부터" / "담달부터": finances improve in one month."""
    found = []
    for match in re.finditer(r"(다다음\s?달|다담달)|(다음\s?달|담달|내달)", text):
        if match.group(2) and text[max(0, match.start() - 2) : match.start()].endswith("다"):
            continue  # the tail of 다다음 달, counted once
        after = text[match.end() :].lstrip()
        if re.match(r"(부터|에)?\s?(월\s?)?요금|(부터|에)?\s?.{0,6}(나와|청구)", after):
            continue  # "다음 달부터 월요금 4만원": the bill changes, finances do not
        if A_FIGURE_FROM_THEN.match(after) and not A_CHANGE_OF_FINANCES.search(after[:30]):
            continue  # "다음 달부터는 4만원이에요": a figure's new value, not their finances
        if any(
            after.startswith(cue) for cue in (*RECOVERY_CUES, "에", "쯤", "이면", "월급", "알바")
        ):
            found.append(
                Found(2 if match.group(1) else 1, match.start(), match.end(), match.group(0))
            )
    return found


def recovery_spans(text: str, months: list[Found]) -> list[Found]:
    """Month counts that say when finances improve ("3개월 뒤", "두 달 후부터")."""
    spans = []
    for found in months:
        after = re.sub(r"^\s*(정도|쯤|가량|좀)\s*", "", text[found.end : found.end + 12])
        if any(after.lstrip().startswith(cue) for cue in RECOVERY_CUES):
            spans.append(found)
    return spans


def per_month(text: str, found: Found) -> bool:
    """ "한 달에 7만 원" is a rate (per month), not a count of months."""
    return found.value == 1 and bool(
        re.match(
            r"\s?(에|마다|당)(?!\s?걸)|\s?\d|\s?[일이삼사오육칠팔구십백천]+\s?(만|천|원)|"
            r"\s?(치\s?)?(요금|통신비|폰비|사용료|기본료|예산|수입|월급)",
            text[found.end :],
        )
    )


def _clause_text(text: str, clauses: list[Clause], position: int) -> str:
    clause = clause_at(clauses, position)
    return text[clause.start : clause.end] if clause else text


def read_months(
    text: str,
    clauses: list[Clause],
    months: list[Found],
    recovery: list[Found],
    requested_slot: str | None,
    known: set[str],
    reading: Reading,
) -> None:
    previous_month: Found | None = None
    for found in months:
        if re.search(r"(끊긴|정지된|정지\s?된|막힌|끊어진)\s?(지|게|거)\s?$", text[: found.start]):
            continue  # "끊긴 지 두 달": how long the line has been suspended, not the arrears
        if re.search(
            r"(카드|대출|월세|집세|카드값|카드론|사채|보험)\s?(은|는|도|이|가)?\s?$",
            text[: found.start],
        ):
            continue  # "대출은 석 달째고 폰은 두 달이요": another debt's months
        hesitation = previous_month is not None and re.search(
            # "반년 좀 넘었어요 8개월이요": a rough count, then the exact one
            r"인가|인지|아니|맞다|맞아|정확히|\.\.|넘었|넘어|넘게|좀\s?(넘|안)|조금\s?(넘|안)|"
            # "한달치 밀렸고 이번달도 못 냈으니까 두달": the total, counted up
            r"니까|그러니|합치면|합쳐서|다\s?해서|전부\s?해서",
            text[previous_month.end : found.start],
        )
        previous_month = found
        # "다음 달에": a point in time, never a count of unpaid months.
        a_point_in_time = bool(
            re.match(r"다다음|다음|다담달|담달|내달", text[found.start : found.end])
        )
        if found in recovery:
            slot = "recovery_months"
        elif a_point_in_time:
            if requested_slot not in ("recovery_expected", "recovery_months", "recovery_budget"):
                continue
            slot = "recovery_months"
        else:
            context = _clause_text(text, clauses, found.start)
            if any(cue in context for cue in OVERDUE_MONTH_CUES):
                slot = "months_overdue"
            elif requested_slot in MONTH_SLOTS:
                slot = requested_slot
            elif (
                requested_slot in ("recovery_expected", "recovery_budget")
                and "recovery_months" not in known
            ):
                slot = "recovery_months"  # "반년쯤이요" answering "will it get better?"
            elif requested_slot == "figures_confirmed" or (
                requested_slot in (None, "carrier", "arrears_amount", "service_suspended")
                and "months_overdue" not in known
            ):
                slot = "months_overdue"  # while the situation is being told, a bare "두 달" is it
            else:
                continue
        store(reading, slot, found.value, replaces=bool(hesitation))
    bare = re.fullmatch(r"\s*(\d{1,2})\s?(이요|요|입니다|임)?[.!~ ]*", text)
    if requested_slot in MONTH_SLOTS and requested_slot not in reading.values and bare:
        store(reading, requested_slot, int(bare.group(1)))  # "3" answering "몇 달째인가요?"
    if (
        requested_slot == "months_overdue"
        and "months_overdue" not in reading.values
        and re.search(r"이번\s?달(이|만|부터)?\s?처음|처음\s?밀|한\s?번\s?밀", text)
    ):
        store(reading, "months_overdue", 1)
