"""Choices said in people's own words: goals, welfare status, whether the line is suspended,
whether finances will improve, and what the itemised bill showed.

For the question the coach asked, the trained reader (``negotiation.choices``, which knows
negation and "don't know") speaks first; the cue tables here fill in where it is unsure and read
what a person volunteers outside the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from negotiation.choices import UNKNOWN, read_choice
from negotiation.text import normalise
from negotiation.understanding.options import find_option
from negotiation.understanding.reading import Reading
from negotiation.understanding.talk import final_answer, says_not_known

GOAL_CUES: dict[str, Sequence[str]] = {
    "installment": (
        "분할",
        "나눠",
        "나누어",
        "나눠서",
        "할부",
        "나눠내",
        "조금씩",
        "쪼개",
        "분납",
        "installment",
        "instalment",
        "split",
        "걸쳐서",
        "여러 번",
        "여러번",
    ),
    "fee_adjustment": (
        "요금 조정",
        "요금조정",
        "요금 낮",
        "요금낮",
        "요금을 낮",
        "요금 줄",
        "요금줄",
        "할인",
        "감면",
        "깎",
        "싼 요금",
        "싼요금",
        "저렴",
        "요금제 변경",
        "요금제 바",
        "요금 조정",
        "낮추",
        "낮출",
        "낮춰",
        "요금 줄이",
        "요금줄이",
        "요금 좀 줄",
        "싸게",
        "싼 걸",
        "싼걸",
        "비싸",
        "요금제를",
        "bill 좀",
        "bill 줄",
        "discount",
        "cheaper",
        "lower",
        "fee_adjust",
        "fee adjust",
        "부담 줄",
        "덜 나오",
        # A charge taken off the bill is an adjustment of the fee: "모르는 결제는 빼 달라고 하고",
        # "부가서비스 요금은 환불받고 싶어요".
        "빼 달",
        "빼달",
        "빼 주",
        "빼주",
        "빼 줘",
        "빼줘",
        "환불",
        "돌려받",
        "취소해 달",
        "취소해달",
        "감액",
    ),
    "keep_service": (
        "정지 유예",
        "정지유예",
        "유예",
        "유지",
        "끊기지",
        "끊지",
        "계속 쓰",
        "계속쓰",
        "정지 안",
        "정지안",
        "정지 풀",
        "정지풀",
        "살려",
        "해제",
        "정지 막",
        "정지되지",
        # "정지만 풀어주세요", "정지 좀 풀어 주세요", "안 끊기게만 해 주세요"
        "정지만 풀",
        "정지 좀 풀",
        "정지를 풀",
        "풀어주",
        "풀어 주",
        "안 끊기게",
        "안끊기게",
        "다시 쓸",
        "다시 쓰",
        "다시쓰",
        "다시쓸",
        "안 끊기",
        "안끊기",
        "끊기지만",
        "미뤄",
        "미루",
        "keep",
        "번호만",
        "번호 살",
        "쓸 수 있게",
        "쓸수있게",
        "끊지 말",
        "연결",
        "복구",
        "안 끊겼으면",
        "안끊겼으면",
        "정지만 안",
        "정지 안 됐으면",
        "정지 안되",
        "정지 안 되",
        "안 됐으면",
        "살리",
        "살릴",
        "그대로 쓰",
        "번호 유지",
        "번호는 유지",
        "번호 지키",
        "번호는 지키",
        "푸는",
        "풀고 싶",
        "풀고싶",
        "풀렸으면",
        "풀기",
    ),
}


# "다", "다다", "다!", "다ㅇㅇ": the whole answer is "all of them" (a bare 다 inside a sentence
# is usually a verb ending, so only the whole message counts).
ALL_GOALS_ALONE = re.compile(r"(다|다다|다\s?요|셋\s?다)[\s.!~ㅇㅋㅎ]*")


ALL_GOALS_CUES = ("다요", "다 해", "다해", "전부", "모두", "셋 다", "세 개 다", "다 원", "다 하고")


WELFARE_CUES: list[tuple[str, str]] = [
    ("생계급여", "livelihood"),
    ("생계 급여", "livelihood"),
    ("의료급여", "livelihood"),
    ("의료 급여", "livelihood"),
    ("기초생활", "livelihood"),
    ("기초 생활", "livelihood"),
    ("기초수급", "livelihood"),
    ("생계", "livelihood"),
    ("주거급여", "housing_education"),
    ("주거 급여", "housing_education"),
    ("교육급여", "housing_education"),
    ("교육 급여", "housing_education"),
    ("차상위", "near_poverty"),
    ("기초연금", "basic_pension"),
    ("기초 연금", "basic_pension"),
    ("노령연금", "basic_pension"),
    ("장애", "disabled"),
    ("국가유공", "veteran"),
    ("유공자", "veteran"),
    ("보훈", "veteran"),
    ("disab", "disabled"),
    ("veteran", "veteran"),
    ("basic pension", "basic_pension"),
    ("노인연금", "basic_pension"),
    ("near poverty", "near_poverty"),
    ("livelihood", "livelihood"),
    ("housing", "housing_education"),
]


WELFARE_NONE = (
    "업서",
    "업어",
    "없써",
    "해당 없",
    "해당없",
    "해당 안",
    "해당안",
    "없어",
    "없음",
    "아니",
    "아뇨",
    "안 받",
    "안받",
    "받는 거 없",
    "받는거 없",
    "일반",
    "ㄴㄴ",
    "노노",
    "없습니다",
)


# Only as the answer to "is the line suspended?": out of that question, "쓰고 있어요" is about
# something else.
SUSPENDED_NO_ANSWER = re.compile(
    r"(^|\s)안\s?(됐|되었|됬)|전화\s?(오는|와|받)|"
    r"아직\s?(나와|나옴|돼|되|써|쓰고|잘|멀쩡|살아)|(전화|인터넷|문자|데이터|통화|카톡|카카오톡)"
    r"(은|는|도|가|이)?\s?(돼|되|됐|잘|나와|나옴|가능|터져)|쓸\s?수\s?있|쓰고\s?있|"
    r"\bnot\s?(yet|suspended)|\bstill\s?(work|on)|"
    # "아닐걸요?", "아닐 거예요": probably not
    r"^\s?(아마\s?)?아닐\s?(걸|거|듯|것)"
)


SUSPENDED_NO = re.compile(
    r"안\s?끊[겼겻긴김겨]|"
    r"정지\s?(는|가|된 건|된건)?\s?(아직|안\s?(됐|되었|돼|됬|됨|당했))|"
    r"아직\s?(정지\s?)?(안\s?(됐|되었|돼|됬|됨)|쓸|사용|써|괜찮|멀쩡|터져|돼요|잘 ?돼)|정지\s?전|"
    # "안 끊겼어요", "안끊김", "아직 안 막혔어요", "정지는 아니고요"
    r"잘\s?터져|안\s?끊(겼|김|어졌|어짐|겨\s?있)|안\s?막혔|안\s?막힘|정지\s?(는|가)?\s?아니|정지\s?아님|"
    r"정지\s?예정|정지\s?될까|곧 정지"
)


SUSPENDED_YES = re.compile(
    r"\bblocked\b|can'?t\s?(make\s?)?call|걸\s?수(가)?\s?없|발신(이)?\s?(안|막|정지)|"
    r"끊긴\s?지|끊긴지|정지\s?먹|먹통|(전화|인터넷|문자|데이터)(가|이|는)?\s?안\s?(돼|되|된|걸|터)|안\s?걸려|"
    r"\bsuspended\b|\bcut\s?off\b|"
    r"정지\s?(가|이|를)?\s?(됐|되었|됬|됨|돼\s?있|돼서|되어|당했|당함|상태|먹었|먹음|걸렸)|끊겼|끊어졌|"
    r"끊김|막혔|막힘|안\s?터져|발신\s?정지|착신\s?정지|이용\s?정지\s?(중|상태)|정지\s?중|먹통"
)


# Cues with particles between the words: "요금은 좀 내리고", "요금제를 싸게", "다시 되게".
GOAL_PATTERNS: dict[str, re.Pattern[str]] = {
    "fee_adjustment": re.compile(
        r"(요금|통신비|요금제|폰비|기본료)\s?(도|을|를|이|은|는|가)?\s?(좀\s?|쫌\s?|조금\s?|쪼매\s?|쪼까\s?|쬐까\s?|쪼끔\s?)?"
        r"(줄|낮|깎|내리|내려(?!고)|싸|저렴|다운)|downgrade|다운\s?그레이드"
    ),
    "keep_service": re.compile(
        r"다시\s?(되게|돼|되도록|연결|살|개통|쓰게|쓸|켜)|(되게|풀리게|살아나게)\s?(해|하고|만)|"
        r"정지\s?(는|를|도|만|좀)?\s?(바로\s?|빨리\s?|좀\s?|꼭\s?)?(풀|해제|안\s?되(게|도록|었으면|면\s?좋)|막|미뤄|미루|유예)|"
        r"(끊|끈)기지\s?(만|않|말|안)|안\s?(끊|끈)기|"
        r"(전화|폰|핸드폰|휴대폰|인터넷|번호|회선)\s?(만|은|는|이|가)?\s?(계속|그대로)\s?"
        r"(되면|돼야|되게|됐으면|쓸\s?수|쓰게|쓰면)|"
        # "폰은 꼭 있어야 해요, 병원 연락 때문에"
        r"(전화|폰|핸드폰|휴대폰|인터넷|번호|회선)\s?(만|은|는|이|가)?\s?(꼭|계속|반드시)\s?"
        r"(써야|있어야|필요|살아\s?있어야|돼야)"
    ),
}


def find_goals(text: str) -> list[str]:
    lowered = normalise(text)
    return [
        goal
        for goal, cues in GOAL_CUES.items()
        if any(cue in lowered for cue in cues)
        or (goal in GOAL_PATTERNS and GOAL_PATTERNS[goal].search(lowered))
    ]


def find_welfare(text: str) -> str | None:
    lowered = normalise(text)
    for cue, status in WELFARE_CUES:
        if cue in lowered:
            return status
    return None


def find_suspension(text: str) -> bool | None:
    lowered = normalise(text)
    if SUSPENDED_NO.search(lowered):
        return False
    if SUSPENDED_YES.search(lowered):
        return True
    return None


def read_choices(
    text: str,
    requested_slot: str | None,
    intent: str | None,
    after_plan: bool,
    reading: Reading,
) -> None:
    """Goals, welfare status, suspension and the recovery question.

    For the question the coach asked, the trained reader (negotiation/choices.py, which knows
    negation and "don't know") speaks first; the keyword tables fill in where it is unsure, and
    read what a person volunteers outside the question.
    """
    if not after_plan:  # after the plan, "나눠 내는 쪽으로" picks an option, not a goal
        _read_goals(text, requested_slot, reading)
    _read_welfare(text, requested_slot, intent, reading)
    _read_suspension(text, requested_slot, intent, reading)
    _read_recovery(text, requested_slot, intent, reading)
    if requested_slot == "bill_checked":
        _read_bill_check(text, intent, reading)
    option = find_option(text)
    if option and requested_slot in (None, "plan_option"):
        reading.values["plan_option"] = option


def trained_choice(question: str, text: str) -> Any:
    """The trained reader's value, or None where it is not sure."""
    choice = read_choice(question, text)
    return None if choice is None else choice.value


BLOCKING_PAYMENTS = re.compile(r"(결제|구매|과금).{0,12}(막|차단|못\s?하게|안\s?되게|잠그|잠가)")


def _read_goals(text: str, requested_slot: str | None, reading: Reading) -> None:
    trained = trained_choice("goals", text) if requested_slot == "goals" else None
    if trained and GOAL_SET_ASIDE.search(text):
        # "요금 낮추는 건 말고 나눠서만": only the trained reader knows which goal is set aside.
        reading.values["goals"] = list(trained)
        return
    goals = find_goals(text)
    if trained and "keep_service" not in goals and BLOCKING_PAYMENTS.search(text):
        # "소액결제 못 하게 막고 싶어요": blocking payments, not keeping the line from a block.
        trained = [goal for goal in trained if goal != "keep_service"]
    if trained:
        reading.values["goals"] = [goal for goal in GOAL_CUES if goal in set(trained) | set(goals)]
        return
    if (
        requested_slot == "goals"
        and not goals
        and (any(cue in text for cue in ALL_GOALS_CUES) or ALL_GOALS_ALONE.fullmatch(text.strip()))
    ):
        goals = list(GOAL_CUES)
    if goals and (requested_slot == "goals" or _states_goal(text)):
        reading.values["goals"] = goals


WELFARE_NOTHING_RECEIVED = re.compile(
    r"아무것도\s?(안|못)\s?받|(안|못)\s?받(아|는|고|습)|받는\s?(거|게|것)\s?(없|하나도)|해당\s?(없|안)|"
    r"해당\s?사항\s?없"
)


def _read_welfare(
    text: str, requested_slot: str | None, intent: str | None, reading: Reading
) -> None:
    keyword = find_welfare(text)
    if requested_slot != "welfare_status" and not keyword:
        return  # nothing about welfare to read: no need to run the trained reader on it
    if (
        requested_slot == "welfare_status"
        and not keyword
        and says_not_known(text)
        and WELFARE_NOTHING_RECEIVED.search(text)
    ):
        # "그게 뭔지 모르겠는데.. 받는 거 없어요": unsure what it is, and receives none of it.
        reading.values["welfare_status"] = "none"
        return
    trained = UNKNOWN if says_not_known(text) else trained_choice("welfare_status", text)
    if trained is UNKNOWN:
        if requested_slot == "welfare_status":
            reading.unknown.add("welfare_status")
        return
    if requested_slot == "welfare_status" and (
        re.fullmatch(r"\s*[xX×]\s*", text) or (not keyword and final_answer(text) is False)
    ):
        # "x": none of these; "그게 뭔데요? 없는 것 같네요": a question, then none.
        reading.values["welfare_status"] = "none"
    elif requested_slot == "welfare_status" and trained is not None:
        reading.values["welfare_status"] = trained
    elif keyword and trained in (None, keyword) and not WELFARE_NEGATED.search(text):
        reading.values["welfare_status"] = keyword
    elif keyword and trained is not None:
        reading.values["welfare_status"] = trained  # "기초수급자는 아니에요": not a recipient
    elif (
        requested_slot == "welfare_status"
        and not says_not_known(text)
        and (intent == "deny" or any(cue in text for cue in WELFARE_NONE))
    ):
        reading.values["welfare_status"] = "none"


def _read_suspension(
    text: str, requested_slot: str | None, intent: str | None, reading: Reading
) -> None:
    if requested_slot == "service_suspended":
        # "정지요? 전화 되는 걸 보면 아닌 것 같네요", "몰라요 아마 아니요": the answer at the end.
        final = final_answer(text)
        if final is not None and ("?" in text or says_not_known(text)):
            reading.values["service_suspended"] = final
            return
        trained = UNKNOWN if says_not_known(text) else trained_choice("service_suspended", text)
        if trained is UNKNOWN:
            reading.unknown.add("service_suspended")
            return
        if trained is not None:
            reading.values["service_suspended"] = bool(trained)
            return
    if re.search(r"(정지|끊)[가-힣]{0,4}(는지|나|ㄴ지)\s?(모르|몰)", text):
        return  # "끊겼는지 모르겠네요": unknown
    suspended = find_suspension(text)
    if (
        suspended is None
        and requested_slot == "service_suspended"
        and SUSPENDED_NO_ANSWER.search(text)
    ):
        suspended = False
    if suspended is None and requested_slot == "service_suspended" and not says_not_known(text):
        if intent == "affirm" or re.match(r"^(네|넵|예|응|ㅇㅇ|맞아|그래|정지|네네)", text):
            suspended = True
        elif intent == "deny" or re.match(r"^(아니|아뇨|아직|ㄴㄴ|노|안 ?됐)", text):
            suspended = False
    if suspended is not None:
        reading.values["service_suspended"] = suspended


def _read_recovery(
    text: str, requested_slot: str | None, intent: str | None, reading: Reading
) -> None:
    if requested_slot != "recovery_expected":
        if reading.has("recovery_months"):
            reading.values["recovery_expected"] = True
        return
    if reading.has("recovery_months") or reading.has("recovery_budget"):
        reading.values["recovery_expected"] = True
        return
    if RECOVERY_NO.search(text) or final_answer(text) is False:
        # "한동안은 그대로일 것 같아요", "몰라요 아마 아니요", "좋아질 게 있간디 아녀"
        reading.values["recovery_expected"] = False
        return
    if (
        RECOVERY_YES.search(text)
        and re.search(r"언제|몇\s?달|시기|날짜", text)
        and not re.search(r"안\s?(나아|좋아)|없(어|음|을|습)", text)
    ):
        reading.values["recovery_expected"] = True  # "좋아질 텐데 언제인지는 모르겠어요"
        return
    if says_not_known(text) and RECOVERY_NOT_COUNTED_ON.search(text):
        # "언제일지 몰라서 기대는 안 해요", "모르니 없다고 해야죠": unsure, and says so as a no.
        reading.values["recovery_expected"] = False
        return
    trained = UNKNOWN if says_not_known(text) else trained_choice("yes_no", text)
    if trained is UNKNOWN:
        reading.unknown.add("recovery_expected")
    elif trained is not None:
        reading.values["recovery_expected"] = bool(trained)
    elif intent == "affirm" or (
        RECOVERY_YES.search(text) and not re.search(r"안\s?(나아|좋아)|없(어|음|을|습)", text)
    ):
        reading.values["recovery_expected"] = True
    elif not says_not_known(text) and (
        intent == "deny" or re.search(r"없|아니|아뇨|ㄴㄴ|안 나아|힘들", text)
    ):
        reading.values["recovery_expected"] = False


# The reply to "요금 상세 내역을 확인해 보셨어요?".
BILL_FINE = re.compile(
    r"(이상|문제|특별|모르는|잘못|수상)[가-힣]{0,3}\s?(거|게|건|것|항목|부분|데)?\s?[은는이가]?\s?"
    r"(없|無)|다\s?(맞|정상)|괜찮|정상"
)


# A charge the person does not recognise or did not agree to: the dispute route. Items they
# know ("앱 소액결제가 좀 있네", "데이터 초과", "부가서비스 취소했어요") are theirs to pay or to
# cancel, not to dispute: they read as checked.
BILL_ISSUE = re.compile(
    r"이상한|이상해|이상했|이상하|이상\s?(있|보|나)|모르는\s?(거|게|것|항목|요금|결제|부가)|"
    r"모르는\s?\S{0,4}(결제|서비스|요금|항목|청구|내역)|"
    r"잘못\s?(나|청구|된|됐)|중복|두\s?번|"
    r"(안|않은|않았)\s?(쓴|쓰|썼|한|했)|쓰지\s?않|하지\s?않|과다|많이\s?(나왔|청구)|"
    r"(?<!뭐가 )뭔지\s?모르|수상|가입\s?(안|한\s?적)|신청\s?(안|한\s?적)|몰래|"
    r"(제가|내가|저는|난|나는)\s?(안|한\s?적|쓴\s?적|가입한\s?적)|모르고\s?(한|결제|가입)|"
    r"(제가|내가|저희가|우리가)\s?(한|쓴|결제한|가입한)\s?(게|거|것|건)\s?(아니|아닌)|"
    r"(한|쓴|결제한)\s?적\s?(이|은|도)?\s?없"
)


# "소액결제는 없던데요", "이상한 건 못 봤어요": looked, and nothing of that kind.
BILL_NOTHING_ODD = re.compile(
    r"(소액\s?결제|부가\s?서비스|이상한\s?(거|건|것|항목)|모르는\s?(거|건|것|항목))\s?"
    r"(는|은|도|이|가)?\s?(없|안\s?보|못\s?봤|안\s?나)"
)


# Items the person names as their own on the bill: looked at it, nothing to dispute.
BILL_KNOWN_ITEMS = re.compile(r"소액\s?결제|부가\s?서비스|콘텐츠|초과|할부|구독|게임|데이터")


# "안 했어요" answering "확인해 보셨어요?" is "not yet", however BILL_ISSUE reads "안 한 결제".
BILL_NOT_DONE = re.compile(
    r"^\s?(아니요?|아뇨|아니오|아직|네|예)?[.,\s]*(안|못)\s?(했|해|봤|봐)[가-힣]{0,4}[.!~\s]*$|"
    r"(확인|체크|조회)\s?(을|은|는|도)?\s?(안|못)|볼\s?수\s?(가|도)?\s?없|안\s?보여"
)


BILL_NOT_YET = re.compile(
    r"아직|안\s?봤|못\s?봤|안\s?(확인|해)|못\s?(확인|해)|확인\s?(안|못)|볼게|볼께|봐야|나중에|"
    r"어디서|어떻게\s?(봐|보|확인)|안\s?봐|모름"
)


BILL_CHECKED = re.compile(
    r"확인했|확인함|체크했|봤|봄(\s|$)|봐\s?(줬|주셨|드렸)|확인해\s?(줬|주셨)|ㅇㅇ|응|예|넵"
)


def _read_bill_check(text: str, intent: str | None, reading: Reading) -> None:
    """Checked and fine, found something odd, or not yet (a "don't know" is a not yet: the
    coach then says what to look for)."""
    if BILL_NOT_DONE.search(text):
        reading.values["bill_checked"] = "not_yet"
    elif BILL_FINE.search(text) or BILL_NOTHING_ODD.search(text):
        reading.values["bill_checked"] = "checked"
    elif BILL_ISSUE.search(text):
        reading.values["bill_checked"] = "found_issue"
    elif BILL_NOT_YET.search(text) or says_not_known(text):
        reading.values["bill_checked"] = "not_yet"
    elif (
        BILL_CHECKED.search(text)
        or BILL_KNOWN_ITEMS.search(text)
        or intent == "affirm"
        or final_answer(text) is True
    ):
        reading.values["bill_checked"] = "checked"
    elif intent == "deny" or final_answer(text) is False:
        reading.values["bill_checked"] = "not_yet"


GOAL_SET_ASIDE = re.compile(r"말고|빼고|필요\s?없|상관\s?없|보다는|아니고|싫")


# "기초수급자는 아니에요", "장애는 없어요": the status named, then denied.
WELFARE_NEGATED = re.compile(
    r"(수급|차상위|연금|장애|유공|보훈|급여)[가-힣]{0,4}\s?(아니|아님|없|안\s?받|못\s?받)|"
    r"(인지|ㄴ지|는지)\s?(모르|몰)"
)


RECOVERY_NO = re.compile(
    r"(나아질|좋아질|풀릴|나아지)[^.?!]{0,6}(없|뭐가|뭐\s)|"
    r"그대로|비슷|똑같|변함|달라질\s?(게|건|것)\s?없|나아질\s?(게|건|일)\s?(없|뭐)|"
    r"아닐\s?(듯|것|거)|없을\s?(듯|것|거)|막막|\bnope?\b|not\s?really|"
    # "좋아질 일이 있겠어", "풀릴 일이 있겄슈 읎슈": a question that means no
    r"(나아질|좋아질|풀릴|달라질)\s?(게|거|일|리|것)\s?(이|가)?\s?(있나|있겠|있겄|있을까|있간|있어\?|있냐)|"
    r"(^|\s)(읎|없)(슈|어유|지유|제|다|어)?[.!~\s]*$"
)


# Not counting on it, said after "I don't know": a no, not an unknown.
RECOVERY_NOT_COUNTED_ON = re.compile(
    r"기대\s?(는|도|를)?\s?(안|않|없|못)|없다고\s?(봐|보|해|치)|없는\s?(걸로|거로|셈|것으로)|"
    r"(안|않)\s?(나아|좋아)|아니라고\s?(봐|보)|없을\s?(듯|것|거)|가망\s?(이|은)?\s?없"
)


RECOVERY_YES = re.compile(
    r"^(네|넵|예|응|ㅇㅇ|있어|있을|있습|있긴|yes|yep)|나아질|나아져|나아짐|좋아질|좋아져|"
    r"시작|들어오|오름|오를|오르|생겨|생길|취직|복직|월급|알바|아르바이트|과외|"
    r"일할|일 할|받을|받으면|여유가\s?생|풀릴|풀려"
)


def _states_goal(text: str) -> bool:
    """Outside the goal question, goals count only where the person says they want them."""
    if re.search(r"[?？]|(나요|까요|ㄹ까|는지|되나|될까)\s*$", text.strip()):
        return False  # "감면되나요?" asks about it; the goal question will ask what they want
    return bool(re.search(r"싶|원해|원합|하려|할래|주세요|주셨으면|줘|좋겠|부탁|받고", text))
