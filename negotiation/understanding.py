"""Reading the person's figures and choices out of what they type, deterministically.

One message may hold several figures ("SKT인데 35만원 밀렸고 매달 5만5천원 나와요"). Each amount
or month count goes to the slot whose cue word stands nearest to it ("밀린" -> arrears, "요금" ->
monthly bill, "낼 수 있" -> budget); a figure with no cue answers the question the coach asked
(``requested_slot``). Values outside the configured limits are refused with a reason, never stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from negotiation.data import settings
from negotiation.money import Found, find_amounts, find_months

AMOUNT_SLOTS = ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum", "recovery_budget")
MONTH_SLOTS = ("months_overdue", "recovery_months")

# Cue words that tell which figure an amount is; the nearest cue wins. Stems are used so that
# 밀렸어요/밀린/밀려서 all match, and spaces are optional because people drop them.
AMOUNT_CUES: Dict[str, Sequence[str]] = {
    "arrears_amount": ("미납", "밀린", "밀렸", "밀려", "연체", "체납", "못 낸", "못낸", "못 냈", "못냈",
                       "안 낸", "안낸", "갚아야", "남은 금액", "빚", "총액", "전부 합쳐", "미납액"),
    "monthly_bill": ("요금", "월정액", "청구", "나와", "나오", "기본료", "통신비", "폰비", "핸드폰비",
                     "휴대폰비", "인터넷비"),
    "monthly_budget": ("낼 수 있", "낼수있", "낼 수있", "낼수 있", "가능", "감당", "여유", "예산",
                       "쓸 수 있", "쓸수있", "최대", "넣을 수", "갚을 수", "갚을수", "낼 만", "내겠"),
    "lump_sum": ("한 번에", "한번에", "일시불", "당장", "지금 바로", "오늘 바로", "먼저 낼", "먼저 내",
                 "목돈", "선납", "바로 낼", "바로 내"),
}
RECOVERY_CUES = ("뒤", "후", "부터", "지나면", "있으면", "되면", "다음 달", "담달")
OVERDUE_MONTH_CUES = ("밀", "미납", "연체", "못 냈", "못냈", "못 내", "못내", "째", "안 냈", "체납")
NONE_ANSWERS = re.compile(r"^(없어|없음|없습니다|없네|없고|없다|0원|영원|없|x|X|ㄴㄴ|노노|아니|안 돼|안돼|없어요)"
                          # "돈 없음", "당장 낼 돈은 없어요", "여유가 하나도 없어요", "한 푼도 못 내요"
                          r"|(돈|여유|목돈)\s*(이|은|는|도|가)?\s*(하나도|전혀|진짜|정말)?\s*없|한 ?푼도")

CARRIER_SYNONYMS: List[Tuple[str, str]] = [
    # MVNO brands first: several contain a big carrier's name ("KT엠모바일", "SK세븐모바일").
    ("kt엠모바일", "MVNO"), ("kt m모바일", "MVNO"), ("kt m 모바일", "MVNO"), ("sk세븐모바일", "MVNO"),
    ("세븐모바일", "MVNO"), ("u+유모바일", "MVNO"), ("유모바일", "MVNO"), ("lg헬로", "MVNO"),
    ("헬로모바일", "MVNO"), ("리브엠", "MVNO"), ("liiv m", "MVNO"), ("토스모바일", "MVNO"),
    ("티플러스", "MVNO"), ("이야기모바일", "MVNO"), ("프리티", "MVNO"), ("모빙", "MVNO"),
    ("스카이라이프", "MVNO"), ("아이즈모바일", "MVNO"), ("에넥스", "MVNO"), ("알뜰폰", "MVNO"),
    ("알뜰 폰", "MVNO"), ("mvno", "MVNO"), ("알뜰요금", "MVNO"),
    ("lg u+", "LGU+"), ("lgu+", "LGU+"), ("lg유플러스", "LGU+"), ("lg 유플러스", "LGU+"),
    ("엘지유플러스", "LGU+"), ("엘지 유플러스", "LGU+"), ("유플러스", "LGU+"), ("u+", "LGU+"),
    ("엘지", "LGU+"), ("엘쥐", "LGU+"), ("lgt", "LGU+"), ("lg", "LGU+"), ("유플", "LGU+"),
    ("sk텔레콤", "SKT"), ("sk 텔레콤", "SKT"), ("에스케이텔레콤", "SKT"), ("에스케이티", "SKT"),
    ("에스케이", "SKT"), ("티월드", "SKT"), ("t world", "SKT"), ("tworld", "SKT"), ("skt", "SKT"),
    ("sk", "SKT"), ("에스케이 텔레콤", "SKT"), ("스크", "SKT"),
    ("케이티", "KT"), ("케티", "KT"), ("올레", "KT"), ("olleh", "KT"), ("kt", "KT"),
]

GOAL_CUES: Dict[str, Sequence[str]] = {
    "installment": ("분할", "나눠", "나누어", "나눠서", "할부", "나눠내", "조금씩", "쪼개", "분납"),
    "fee_adjustment": ("요금 조정", "요금조정", "요금 낮", "요금낮", "요금을 낮", "요금 줄", "요금줄",
                       "할인", "감면", "깎", "싼 요금", "싼요금", "저렴", "요금제 변경", "요금제 바",
                       "조정"),
    "keep_service": ("정지 유예", "정지유예", "유예", "유지", "끊기지", "끊지", "계속 쓰", "계속쓰",
                     "정지 안", "정지안", "정지 풀", "정지풀", "살려", "해제", "정지 막", "정지되지",
                     # "정지만 풀어주세요", "정지 좀 풀어 주세요", "안 끊기게 해주세요"
                     "정지만 풀", "정지 좀 풀", "정지를 풀", "풀어주", "풀어 주", "안 끊기게",
                     "안끊기게"),
}
# "다", "다다", "다!", "다ㅇㅇ": the whole answer is "all of them" (a bare 다 inside a sentence
# is usually a verb ending, so only the whole message counts).
ALL_GOALS_ALONE = re.compile(r"(다|다다|다\s?요|셋\s?다)[\s.!~ㅇㅋㅎ]*")
ALL_GOALS_CUES = ("다요", "다 해", "다해", "전부", "모두", "셋 다", "세 개 다", "다 원", "다 하고")

WELFARE_CUES: List[Tuple[str, str]] = [
    ("생계급여", "livelihood"), ("생계 급여", "livelihood"), ("의료급여", "livelihood"),
    ("의료 급여", "livelihood"), ("기초생활", "livelihood"), ("기초 생활", "livelihood"),
    ("기초수급", "livelihood"), ("생계", "livelihood"),
    ("주거급여", "housing_education"), ("주거 급여", "housing_education"),
    ("교육급여", "housing_education"), ("교육 급여", "housing_education"),
    ("차상위", "near_poverty"), ("기초연금", "basic_pension"), ("기초 연금", "basic_pension"),
    ("노령연금", "basic_pension"), ("장애", "disabled"), ("국가유공", "veteran"),
    ("유공자", "veteran"), ("보훈", "veteran"),
]
WELFARE_NONE = ("해당 없", "해당없", "해당 안", "해당안", "없어", "없음", "아니", "아뇨", "안 받", "안받",
                "받는 거 없", "받는거 없", "일반", "ㄴㄴ", "노노", "없습니다")

SUSPENDED_NO = re.compile(
    r"정지\s?(는|가|된 건|된건)?\s?(아직|안\s?(됐|되었|돼|됬|됨|당했))|"
    r"아직\s?(정지\s?)?(안\s?(됐|되었|돼|됬|됨)|쓸|사용|써|괜찮|멀쩡|터져|돼요|잘 ?돼)|정지\s?전|"
    # "안 끊겼어요", "안끊김", "아직 안 막혔어요", "정지는 아니에요"
    r"잘\s?터져|안\s?끊(겼|김|어졌|어짐|겨\s?있)|안\s?막혔|안\s?막힘|정지\s?(는|가)?\s?아니|정지\s?아님|"
    r"정지\s?예정|정지\s?될까|곧 정지"
)
SUSPENDED_YES = re.compile(
    r"정지\s?(가|이|를)?\s?(됐|되었|됬|됨|돼\s?있|돼서|되어|당했|당함|상태|먹었|먹음|걸렸)|끊겼|끊어졌|"
    r"끊김|막혔|막힘|안\s?터져|발신\s?정지|착신\s?정지|이용\s?정지\s?(중|상태)|정지\s?중|먹통"
)

# Words for a kind of plan. Ordinals ("1번", "두 번째") are places in the list shown, not kinds:
# see OPTION_POSITIONS.
OPTION_CUES: Dict[str, Sequence[str]] = {
    "step_up": ("나중에 늘", "늘려", "점점", "단계", "처음엔 적게", "처음에는 적게", "처음엔 조금",
                "step", "마지막 거", "마지막거", "나중 방법", "늘리는"),
    "fastest": ("빨리", "빠른", "최대한", "fastest", "빠르게", "얼른", "빨리 갚", "먼저 거"),
    "even": ("고르게", "균등", "똑같이", "일정하게", "even", "비슷하게", "같은 금액", "고른"),
}


@dataclass(frozen=True)
class Refusal:
    """A figure read correctly but outside the configured limits for its slot."""

    value: int
    reason: str  # "too_small" or "too_large"


@dataclass
class Reading:
    """What one message says: slot values, and figures refused with the reason."""

    values: Dict[str, Any] = field(default_factory=dict)
    refused: Dict[str, Refusal] = field(default_factory=dict)

    def has(self, slot: str) -> bool:
        return slot in self.values


def _normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def limits(slot: str) -> Dict[str, int]:
    return settings()["limits"][slot]


def check_limits(slot: str, value: int) -> Optional[str]:
    """None when ``value`` is a sensible value for ``slot``, else the reason ('too_small' or
    'too_large')."""
    bounds = limits(slot)
    if value < bounds["min"]:
        return "too_small"
    if value > bounds["max"]:
        return "too_large"
    return None


def find_carrier(text: str) -> Optional[str]:
    lowered = _normalize(text)
    for synonym, carrier in CARRIER_SYNONYMS:
        if re.fullmatch(r"[a-z+ ]+", synonym):
            # Latin names must stand alone: "sk" is not a carrier inside "desk" or "ask".
            if re.search(rf"(?<![a-z]){re.escape(synonym)}(?![a-z])", lowered):
                return carrier
        elif synonym in lowered:
            return carrier
    return None


def find_goals(text: str) -> List[str]:
    lowered = _normalize(text)
    goals = [goal for goal, cues in GOAL_CUES.items() if any(cue in lowered for cue in cues)]
    return goals


def find_welfare(text: str) -> Optional[str]:
    lowered = _normalize(text)
    for cue, status in WELFARE_CUES:
        if cue in lowered:
            return status
    return None


def find_suspension(text: str) -> Optional[bool]:
    lowered = _normalize(text)
    if SUSPENDED_NO.search(lowered):
        return False
    if SUSPENDED_YES.search(lowered):
        return True
    return None


# "모르겠어요", "몰라", "기억이 안 나요", "확인을 안 해봤어요", "글쎄요"
NOT_KNOWN = re.compile(r"모르|몰라|몰루|기억\s?(이|이\s)?\s?안|확인\s?(을\s?)?안|글쎄|잘\s?몰")


def says_not_known(text: str) -> bool:
    """Whether the person says they do not know (rather than giving an unreadable answer)."""
    return bool(NOT_KNOWN.search(text))


# "1번", "두 번째": a place in the list of options shown, whatever kinds the plan holds (a plan
# that does not fit the budget has only the even option, so "1번" means that one).
OPTION_POSITIONS = {
    1: ("1번", "첫 번째", "첫번째", "첫째"),
    2: ("2번", "두 번째", "두번째", "둘째"),
    3: ("3번", "세 번째", "세번째", "셋째"),
}


def find_option_position(text: str) -> Optional[int]:
    return _first_with_a_cue(text, OPTION_POSITIONS)


def find_option(text: str) -> Optional[str]:
    return _first_with_a_cue(text, OPTION_CUES)


def _first_with_a_cue(text: str, cues_by_key: Dict[Any, Sequence[str]]) -> Any:
    """The first key (in the table's order) one of whose cue words is in the text."""
    lowered = _normalize(text)
    for key, cues in cues_by_key.items():
        if any(cue in lowered for cue in cues):
            return key
    return None


def _cues_by_distance(text: str, start: int, end: int, window_start: int, window_end: int,
                      cues: Dict[str, Sequence[str]]) -> List[str]:
    """The slots whose cues stand in the window around the figure at [start, end), nearest
    first (a cue before the figure wins a tie)."""
    distances: Dict[str, int] = {}
    for slot, words in cues.items():
        for word in words:
            for match in re.finditer(re.escape(word), text[window_start:window_end]):
                cue_start = window_start + match.start()
                cue_end = window_start + match.end()
                if cue_end <= start:
                    distance = start - cue_end
                elif cue_start >= end:
                    distance = cue_start - end + 1
                else:
                    continue
                distances[slot] = min(distance, distances.get(slot, distance))
    return sorted(distances, key=distances.get)


def _next_month_mentions(text: str) -> List[Found]:
    """"다음 달부터" / "담달부터": finances improve in one month."""
    return [Found(1, match.start(), match.end(), match.group(0))
            for match in re.finditer(r"다음\s?달|담달", text)
            if any(text[match.end():].lstrip().startswith(cue) for cue in RECOVERY_CUES)]


def _recovery_spans(text: str, months: List[Found]) -> List[Found]:
    """Month counts that say when finances improve ("3개월 뒤", "두 달 후부터")."""
    spans = []
    for found in months:
        after = text[found.end:found.end + 6]
        if any(after.lstrip().startswith(cue) for cue in RECOVERY_CUES):
            spans.append(found)
    return spans


def read_message(text: str, requested_slot: Optional[str] = None,
                 intent: Optional[str] = None) -> Reading:
    """Every figure and choice the message states, assigned to the contract's slots."""
    reading = Reading()
    lowered = _normalize(text)

    carrier = find_carrier(lowered)
    if carrier:
        reading.values["carrier"] = carrier

    months = sorted(find_months(lowered) + _next_month_mentions(lowered),
                    key=lambda found: found.start)
    recovery = _recovery_spans(lowered, months)
    _read_months(lowered, months, recovery, requested_slot, reading)
    _read_amounts(lowered, recovery, requested_slot, reading)
    _read_choices(lowered, requested_slot, intent, reading)
    return reading


def _read_months(text: str, months: List[Found], recovery: List[Found],
                 requested_slot: Optional[str], reading: Reading) -> None:
    for found in months:
        if found in recovery:
            slot = "recovery_months"
        else:
            context = text[max(0, found.start - 8):found.end + 8]
            if any(cue in context for cue in OVERDUE_MONTH_CUES):
                slot = "months_overdue"
            elif requested_slot in MONTH_SLOTS:
                slot = requested_slot
            elif requested_slot in (None, "carrier", "arrears_amount", "service_suspended"):
                slot = "months_overdue"  # while the situation is being told, a bare "두 달" is it
            else:
                continue
        _store(reading, slot, found.value)
    if requested_slot == "months_overdue" and "months_overdue" not in reading.values:
        if re.search(r"이번\s?달(이|만|부터)?\s?처음|처음\s?밀|한\s?번\s?밀", text):
            _store(reading, "months_overdue", 1)


def _read_amounts(text: str, recovery: List[Found], requested_slot: Optional[str],
                  reading: Reading) -> None:
    amounts = find_amounts(text)
    for index, found in enumerate(amounts):
        window_start = amounts[index - 1].end if index else 0
        window_end = amounts[index + 1].start if index + 1 < len(amounts) else len(text)
        candidates = _cues_by_distance(text, found.start, found.end, window_start, window_end,
                                       AMOUNT_CUES)
        # Two figures near the same cue ("4만원 나오는데 10만원까지 가능해요"): the second takes
        # the next cue rather than being dropped.
        slot = next((candidate for candidate in candidates if candidate not in reading.values),
                    candidates[0] if candidates else None)
        after_recovery = any(span.end <= found.start for span in recovery)
        if after_recovery and slot in (None, "monthly_budget"):
            slot = "recovery_budget"
        if slot is None:
            if requested_slot in AMOUNT_SLOTS and requested_slot not in reading.values:
                slot = requested_slot
            elif requested_slot in (None, "carrier", "months_overdue", "service_suspended") \
                    and "arrears_amount" not in reading.values:
                slot = "arrears_amount"  # telling the situation: a bare amount is what is owed
            else:
                continue
        if slot == "lump_sum" and requested_slot == "monthly_budget" and \
                "monthly_budget" not in reading.values and not _strong_lump_sum_cue(text):
            slot = "monthly_budget"
        _store(reading, slot, found.value)
    if requested_slot == "lump_sum" and "lump_sum" not in reading.values \
            and NONE_ANSWERS.search(text):
        _store(reading, "lump_sum", 0)


def _strong_lump_sum_cue(text: str) -> bool:
    return any(cue in text for cue in ("한 번에", "한번에", "일시불", "목돈", "선납", "먼저"))


def _read_choices(text: str, requested_slot: Optional[str], intent: Optional[str],
                  reading: Reading) -> None:
    goals = find_goals(text)
    if requested_slot == "goals" and not goals and (
            any(cue in text for cue in ALL_GOALS_CUES) or ALL_GOALS_ALONE.fullmatch(text.strip())):
        goals = list(GOAL_CUES)
    if goals and (requested_slot == "goals" or len(goals) >= 1 and _states_goal(text)):
        reading.values["goals"] = goals

    welfare = find_welfare(text)
    if welfare:
        reading.values["welfare_status"] = welfare
    elif requested_slot == "welfare_status" and (
            intent == "deny" or any(cue in text for cue in WELFARE_NONE)):
        reading.values["welfare_status"] = "none"

    suspended = find_suspension(text)
    if suspended is None and requested_slot == "service_suspended":
        if intent == "affirm" or re.match(r"^(네|넵|예|응|ㅇㅇ|맞아|그래|정지|네네)", text):
            suspended = True
        elif intent == "deny" or re.match(r"^(아니|아뇨|아직|ㄴㄴ|노|안 ?됐)", text):
            suspended = False
    if suspended is not None:
        reading.values["service_suspended"] = suspended

    if requested_slot == "recovery_expected":
        if reading.has("recovery_months") or reading.has("recovery_budget") or intent == "affirm":
            reading.values["recovery_expected"] = True
        elif intent == "deny" or re.search(r"없|모르|글쎄|아니|아뇨|ㄴㄴ|안 나아|힘들", text):
            reading.values["recovery_expected"] = False
    elif reading.has("recovery_months"):
        reading.values["recovery_expected"] = True

    option = find_option(text)
    if option and requested_slot in (None, "plan_option"):
        reading.values["plan_option"] = option


def _states_goal(text: str) -> bool:
    """Outside the goal question, goals count only where the person says they want them."""
    return bool(re.search(r"싶|원해|원합|하려|할래|해 ?주|하고 ?싶|부탁|가능할까|되나|될까|받고", text))


def _store(reading: Reading, slot: str, value: int) -> None:
    if slot in reading.values or slot in reading.refused:
        return  # the first figure for a slot in a message is the one the person meant
    reason = check_limits(slot, value)
    if reason:
        reading.refused[slot] = Refusal(value, reason)
    else:
        reading.values[slot] = value
