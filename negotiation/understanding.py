"""Reading the person's figures and choices out of what they type, deterministically.

One message may hold several figures ("SKT인데 35만원 밀렸고 매달 5만5천원 나와요"). Each amount
or month count goes to the slot whose cue word stands nearest to it ("밀린" -> arrears, "요금" ->
monthly bill, "낼 수 있" -> budget); a figure with no cue answers the question the coach asked
(``requested_slot``). Values outside the configured limits are refused with a reason, never stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from negotiation.choices import UNKNOWN, read_choice
from negotiation.clauses import Clause, clause_at, split_clauses
from negotiation.data import settings
from negotiation.money import Found, find_amounts, find_months

AMOUNT_SLOTS = ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum", "recovery_budget")
MONTH_SLOTS = ("months_overdue", "recovery_months")

# Which figure an amount is, from the clause it stands in (see ``_role_of``). Each table is a
# pattern over the clause's text (spaces optional: people drop them), strongest kind first.
# A predicate decides over a noun: in "요금 28만원 밀렸어요" the 요금 is the unpaid bill.
ARREARS_PREDICATE = re.compile(
    r"밀리|밀린|밀렸|밀려|밀림|밀린\s?돈|연체|미납|체납|"
    # "못 내요" is unpaid, unless it bounds what can be paid ("10만원밖에/넘게는 못 내요")
    r"(?<!밖에 )(?<!밖에)(?<!넘게는 )(?<!넘게 )(?<!이상은 )(?<!이상 )못\s?(내|낸|냈|냄)|"
    r"안\s?(낸|냈|내서|냄)|갚아야|남은\s?(돈|금액|요금)|빚|총\s?액|쌓였|쌓인|밀렸"
)
BILL_PREDICATE = re.compile(r"나와|나오|나옴|나온|나가요|나가는|청구|기본료|월정액|요금제|빠져나가")
MONTHLY = r"(매달|매월|월|한\s?달|달마다|다달이|보통|평소|평균|monthly)"
BILL_NOUN = r"(요금|통신비|폰비|핸드폰비|휴대폰비|휴대폰\s?요금|인터넷비|전화비|폰값|이용료)"
MONTHLY_BILL = re.compile(
    rf"{MONTHLY}\s?(에\s?)?{BILL_NOUN}|{BILL_NOUN}.{{0,8}}{MONTHLY}|{MONTHLY}\s?.{{0,12}}(내고|내요|내는|냅니다|"
    rf"내왔|내고요|냄|나옵|쓰고)(?!\s?수)"
)
PAYING = (
    r"(낼|내|갚을|넣을|부을|드릴|납부할|할)\s?수\s?(있|있어|있음|있을)|낼\s?만|감당|가능|돼|되요|됨|됩|될|"
    r"괜찮"
)
BUDGET_PLAIN = re.compile(
    rf"{MONTHLY}.{{0,16}}({PAYING}|까지)|예산|감당|여유|최대|까지는?\s?({PAYING}|낼)|"
    r"(낼|갚을|내|쓸)\s?수\s?있는\s?(돈|금액|게|거|건)"
)
# "요금까지 한 달에 13만원", "요금 포함 15만원": the budget, which includes the bill.
BUDGET_INCLUSIVE = re.compile(
    r"요금\s?(까지|꺼정|까정|꺼지|포함|합쳐|합해|더해|이랑\s?합|하고\s?합)|"
    r"(?<!할부 )(?<!할부)(?<!할부금 )포함\s?해서|"  # "할부 포함해서 10만원": the bill
    r"한계|마지노선|최대치|넘으면\s?안|(이상|넘게)\s?(은|는)?\s?(못|안|무리)|총\s?예산|감당|"
    r"밖에\s?(못|안)\s?(내|낼|갚|돼|되)|무리|벅차|힘들|어려"
)
# "요금은 요금대로 내고 5만원 더", "요금 말고 5만원": an amount beyond the bill. The phrase about
# the bill often stands in a clause of its own before the amount, so it is looked for there too.
ON_TOP_OF_BILL = re.compile(
    r"거기다|거기에다?|여기에\s?더|그거에\s?더|"
    r"요금\s?(은|는)?\s?요금\s?대로|요금\s?(말고|말구|외에|빼고|과는?\s?별도로?|따로)|"
    r"요금에\s?(더해|추가)|요금\s?(을\s?)?(내고|낸\s?뒤에?|낸\s?다음에?)"
)
EXTRA_PAYMENT = re.compile(
    r"^\s?(정도|쯤|가량)?\s?(은|는|도|까지는?|정도는?|씩은?)?\s?(씩\s?)?(더|추가로)\s?(는|도|까지)?\s?"
    r"(낼|내|드릴|갚|가능|돼|되|쓸|넣|줄|주|보탤|보태)|"
    # "요금 말고 2만원 추가", "요금 빼고 4만원 추가로요"
    r"^\s?(정도|쯤|가량)?\s?(씩\s?)?(추가|더\s?추가)\s?(로|요|로요|이요|해서|할게|할\s?수|가능|돼|됩)?"
    r"[.!~\s]*($|낼|내|가능|돼|되|드릴)|"
    r"^\s?(정도|쯤|가량)?\s?(씩\s?)?더\s?(요|이요)?[.!~]*\s*$|"
    r"^\s?(정도|쯤)?\s?(까지|는|은)?"
    r"\s?(낼|내|가능|돼|되)"
)
BUDGET_GENERIC = re.compile(PAYING + r"|낼게|낼께|내겠|갚겠|갚을게|까지")
LUMP_PLAIN = re.compile(
    r"한\s?번에|한꺼번에|일시불|일시\s?납|목돈|선납|먼저|당장|지금\s?(바로|당장)|바로|"
    r"지금\s?(은|이라도)?\s?(낼|내|갚|보태|드릴|넣)|보태|"
    r"오늘\s?(바로)?\s?(낼|내|갚|가능|입금)|일단"
)
STRONG_LUMP = re.compile(r"한\s?번에|한꺼번에|일시불|목돈|선납|먼저")
PLAIN_BILL_NOUN = re.compile(BILL_NOUN)
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
RECOVERY_CUES = ("뒤", "후", "부터", "지나면", "있으면", "되면", "다음 달", "담달")
OVERDUE_MONTH_CUES = ("밀", "미납", "연체", "못 냈", "못냈", "못 내", "못내", "째", "안 냈", "체납")
NONE_ANSWERS = re.compile(
    r"^(없어|없음|없습니다|없네|없고|없다|0원|영원|없|x|X|ㄴㄴ|노노|아니|안 돼|안돼|없어요)"
    # "돈 없음", "당장 낼 돈은 없어요", "여유가 하나도 없어요", "한 푼도 못 내요"
    r"|(돈|여유|목돈)\s*(이|은|는|도|가)?\s*(하나도|전혀|진짜|정말)?\s*없|한 ?푼도"
)

CARRIER_SYNONYMS: list[tuple[str, str]] = [
    # MVNO brands first: several contain a big carrier's name ("KT엠모바일", "SK세븐모바일").
    ("kt엠모바일", "MVNO"),
    ("kt m모바일", "MVNO"),
    ("kt m 모바일", "MVNO"),
    ("sk세븐모바일", "MVNO"),
    ("세븐모바일", "MVNO"),
    ("u+유모바일", "MVNO"),
    ("유모바일", "MVNO"),
    ("lg헬로", "MVNO"),
    ("헬로모바일", "MVNO"),
    ("리브엠", "MVNO"),
    ("liiv m", "MVNO"),
    ("토스모바일", "MVNO"),
    ("티플러스", "MVNO"),
    ("이야기모바일", "MVNO"),
    ("프리티", "MVNO"),
    ("모빙", "MVNO"),
    ("스카이라이프", "MVNO"),
    ("아이즈모바일", "MVNO"),
    ("에넥스", "MVNO"),
    ("알뜰폰", "MVNO"),
    ("알뜰 폰", "MVNO"),
    ("mvno", "MVNO"),
    ("알뜰요금", "MVNO"),
    ("kb리브", "MVNO"),
    ("이지모바일", "MVNO"),
    ("이지 모바일", "MVNO"),
    ("케이티엠", "MVNO"),
    ("케이티 엠", "MVNO"),
    ("리브모바일", "MVNO"),
    ("리브 모바일", "MVNO"),
    ("kb 리브", "MVNO"),
    ("sk7모바일", "MVNO"),
    ("sk7 모바일", "MVNO"),
    ("sk 7모바일", "MVNO"),
    ("sk7", "MVNO"),
    ("세븐 모바일", "MVNO"),
    ("헬로 모바일", "MVNO"),
    ("kt m mobile", "MVNO"),
    ("u+ 유모바일", "MVNO"),
    ("유플모바일", "MVNO"),
    ("스마텔", "MVNO"),
    ("smartel", "MVNO"),
    ("인스모바일", "MVNO"),
    ("세종텔레콤", "MVNO"),
    ("스노우맨", "MVNO"),
    ("핀다이렉트", "MVNO"),
    ("마이월드", "MVNO"),
    ("유니컴즈", "MVNO"),
    ("아이즈비전", "MVNO"),
    ("큰사람", "MVNO"),
    ("프리텔레콤", "MVNO"),
    ("한국케이블텔레콤", "MVNO"),
    ("lg u+", "LGU+"),
    ("lgu+", "LGU+"),
    ("lg유플러스", "LGU+"),
    ("lg 유플러스", "LGU+"),
    ("엘지유플러스", "LGU+"),
    ("엘지 유플러스", "LGU+"),
    ("유플러스", "LGU+"),
    ("u+", "LGU+"),
    ("엘지", "LGU+"),
    ("엘쥐", "LGU+"),
    ("lgt", "LGU+"),
    ("lg", "LGU+"),
    ("유플", "LGU+"),
    ("sk텔레콤", "SKT"),
    ("sk 텔레콤", "SKT"),
    ("에스케이텔레콤", "SKT"),
    ("에스케이티", "SKT"),
    ("에스케이", "SKT"),
    ("에쓰케이", "SKT"),
    ("티월드", "SKT"),
    ("t world", "SKT"),
    ("tworld", "SKT"),
    ("skt", "SKT"),
    ("sk", "SKT"),
    ("에스케이 텔레콤", "SKT"),
    ("스크", "SKT"),
    ("케이티", "KT"),
    ("케티", "KT"),
    ("올레", "KT"),
    ("olleh", "KT"),
    ("kt", "KT"),
]

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
        # "정지만 풀어주세요", "정지 좀 풀어 주세요", "안 끊기게 해주세요"
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
    # "안 끊겼어요", "안끊김", "아직 안 막혔어요", "정지는 아니에요"
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

# Words for a kind of plan. Ordinals ("1번", "두 번째") are places in the list shown, not kinds:
# see OPTION_POSITIONS.
OPTION_CUES: dict[str, Sequence[str]] = {
    "step_up": (
        "나중에 늘",
        "늘려",
        "점점",
        "단계",
        "처음엔 적게",
        "처음에는 적게",
        "처음엔 조금",
        "처음에 적게",
        "처음에 조금",
        "나중에 많이",
        "나중에 더",
        "step",
        "마지막 거",
        "마지막거",
        "나중 방법",
        "늘리는",
    ),
    "fastest": ("빨리", "빠른", "최대한", "fast", "빠르게", "얼른", "빨리 갚", "먼저 거", "짧게"),
    "even": (
        "골고루",
        "고루",
        "고르게",
        "균등",
        "똑같이",
        "일정하게",
        "even",
        "비슷하게",
        "같은 금액",
        "고른",
        "같은 돈",
        "매달 같게",
        "equal",
    ),
}


@dataclass(frozen=True)
class Refusal:
    """A figure read correctly but outside the configured limits for its slot."""

    value: int
    reason: str  # "too_small" or "too_large"


@dataclass(frozen=True)
class Ambiguity:
    """An amount whose role the message does not settle ("요금 28만원" while the situation is
    being told: the unpaid bill, or the monthly one?). The coach asks rather than guesses."""

    value: int
    candidates: tuple[str, ...]  # the slots it may belong to, likeliest first


@dataclass
class Reading:
    """What one message says: slot values, figures refused with the reason, and amounts whose
    role must be asked."""

    values: dict[str, Any] = field(default_factory=dict)
    refused: dict[str, Refusal] = field(default_factory=dict)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    # Budgets said as an amount on top of the monthly bill ("요금은 요금대로 내고 5만원 더"):
    # the bill must be added to make the contract's budget, which includes it.
    on_top_of_bill: set[str] = field(default_factory=set)
    # Questions the person said they do not know the answer to (unknown stays unknown).
    unknown: set[str] = field(default_factory=set)

    def has(self, slot: str) -> bool:
        return slot in self.values


# Ways "없어" and "봤어" are typed or said that the cue tables would otherwise miss: "업서요",
# "읎슈", "안바써요", "봣어요".
TYPED_AS_SAID = [
    (re.compile(r"읎"), "없"),
    (re.compile(r"업[서써]"), "없어"),
    (re.compile(r"(?<![가-힣])바써|(?<=안)\s?바써"), " 봤어"),
    (re.compile(r"봣"), "봤"),
    (re.compile(r"햇(?=어|습|음|는데|고|지)"), "했"),  # "확인햇어요" (not 햇살, 햇빛)
]


# Money owed *to* the person ("다음 달에 밀린 월급 들어와요", "알바비가 밀려서"): 밀리다 there is
# not their bill, and must not make an amount or a month count of the same clause the arrears.
INCOME = (
    r"(월급|급여|임금|봉급|급료|알바비|알바\s?월급|일당|수당|인건비|공사\s?대금|대금|보험금|퇴직금)"
)
OWED_TO_THEM = [
    (re.compile(rf"(밀린|밀렸던|밀려\s?있던)(\s?){INCOME}"), r"받을\2\3"),
    (re.compile(rf"{INCOME}(이|가|을|를|도)?(\s?)(밀려|밀렸|밀리|밀림|밀린)"), r"\1\2\3늦어"),
]


# Full-width Latin letters, digits and signs ("ＫＴ 요금 ２개월"), as some Korean keyboards type
# them, read as their ASCII forms. (Not NFKC: it would turn "ㅇㅇ" into conjoining jamo.)
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _normalize(text: str) -> str:
    lowered = text.translate(FULL_WIDTH).lower()
    for typed, said in TYPED_AS_SAID:
        lowered = typed.sub(said, lowered)
    for owed, said in OWED_TO_THEM:
        lowered = owed.sub(said, lowered)
    return re.sub(r"\s+", " ", lowered).strip()


def limits(slot: str) -> dict[str, int]:
    bounds: dict[str, int] = settings()["limits"][slot]
    return bounds


def check_limits(slot: str, value: int) -> str | None:
    """None when ``value`` is a sensible value for ``slot``, else the reason ('too_small' or
    'too_large')."""
    bounds = limits(slot)
    if value < bounds["min"]:
        return "too_small"
    if value > bounds["max"]:
        return "too_large"
    return None


# "알뜰" names the kind of line whatever big carrier's network it runs on ("유플러스 알뜰모바일",
# "KT 알뜰폰"); "알뜰한 요금제" is a cheap plan, not a carrier.
MVNO_WORD = re.compile(r"알뜰(?!\s?(한|하게|히|하다|해))")


def find_carrier(text: str) -> str | None:
    lowered = _normalize(text)
    if MVNO_WORD.search(lowered):
        return "MVNO"
    for synonym, carrier in CARRIER_SYNONYMS:
        if re.fullmatch(r"[a-z+ ]+", synonym):
            # Latin names must stand alone: "sk" is not a carrier inside "desk" or "ask".
            if re.search(rf"(?<![a-z]){re.escape(synonym)}(?![a-z])", lowered):
                return carrier
        elif synonym in lowered:
            return carrier
    return None


# Cues with particles between the words: "요금도 좀 줄이고", "요금제를 싸게", "다시 되게".
GOAL_PATTERNS: dict[str, re.Pattern[str]] = {
    "fee_adjustment": re.compile(
        r"(요금|통신비|요금제|폰비|기본료)\s?(도|을|를|이|은|는|가)?\s?(좀\s?|쫌\s?|조금\s?|쪼매\s?)?"
        r"(줄|낮|깎|내리|싸|저렴|다운)|downgrade|다운\s?그레이드"
    ),
    "keep_service": re.compile(
        r"다시\s?(되게|돼|되도록|연결|살|개통|쓰게|쓸|켜)|(되게|풀리게|살아나게)\s?(해|하고|만)|"
        r"정지\s?(는|를|도|만|좀)?\s?(바로\s?|빨리\s?|좀\s?|꼭\s?)?(풀|해제|안\s?되(게|도록|었으면|면\s?좋)|막|미뤄|미루|유예)|"
        r"(끊|끈)기지\s?(만|않|말|안)|안\s?(끊|끈)기|"
        r"(전화|폰|핸드폰|휴대폰|인터넷|번호|회선)\s?(만|은|는|이|가)?\s?(계속|그대로)\s?"
        r"(되면|돼야|되게|됐으면|쓸\s?수|쓰게|쓰면)|"
        # "폰은 꼭 써야 돼요, 어린이집 연락 때문에"
        r"(전화|폰|핸드폰|휴대폰|인터넷|번호|회선)\s?(만|은|는|이|가)?\s?(꼭|계속|반드시)\s?"
        r"(써야|있어야|필요|살아\s?있어야|돼야)"
    ),
}


def find_goals(text: str) -> list[str]:
    lowered = _normalize(text)
    return [
        goal
        for goal, cues in GOAL_CUES.items()
        if any(cue in lowered for cue in cues)
        or (goal in GOAL_PATTERNS and GOAL_PATTERNS[goal].search(lowered))
    ]


def find_welfare(text: str) -> str | None:
    lowered = _normalize(text)
    for cue, status in WELFARE_CUES:
        if cue in lowered:
            return status
    return None


def find_suspension(text: str) -> bool | None:
    lowered = _normalize(text)
    if SUSPENDED_NO.search(lowered):
        return False
    if SUSPENDED_YES.search(lowered):
        return True
    return None


# "모르겠어요", "몰라", "기억이 안 나요", "확인을 안 해봤어요", "글쎄요"
NOT_KNOWN = re.compile(
    r"모르|몰라|몰루|모름|몰겠|몰라요|기억\s?(이|이\s)?\s?안|확인\s?(을\s?)?안|글쎄|잘\s?몰|"
    r"\bidk\b|don'?t\s?know|dunno|not\s?sure|확실(하지|치)\s?않|가물"
)


SKIP = re.compile(
    r"건너\s?뛰|건너\s?뛸|건너\s?뜀|넘어가|넘어 가|패스|스킵|skip|pass|다음\s?질문|"
    r"몰라도\s?(돼|되)|생략"
)


# Intents that end or erase the conversation stand only with a word that says so: a classifier
# that takes "일 시작하고 더 내는 걸로요" for "start over", or "요금 내면 끝이에요" for a goodbye,
# must not wipe the person's figures or take leave in the middle of a question.
START_OVER_WORDS = re.compile(
    # "처음부터", "처음으로" — not "처음엔 쪼매 내다가" (the step-up plan) or "처음 밀렸어요"
    r"처음\s?(부터|으로|상태|화면|단계)|첨부터|첨으로|다시\s?(시작|할래|할게|해\s?(요|줘|주)|하고\s?싶|갈게|처음)|"
    r"새로\s?(시작|할|하|해)|리셋|초기화|재시작|리스타트|restart|reset|start\s?over|"
    r"(다|전부|모두|입력한\s?거)\s?(지워|지우|날리|취소)"
)
GOODBYE_WORDS = re.compile(
    r"안녕|수고|그만|종료|끝낼|끝내|끝낼게|이만\s?(가|들어|줄|끝|할게|하겠|마치|나갈)|나갈게|갈게요|"
    r"가볼게|가 볼게|들어가|"
    # "나중에 또 올게요", not "나중에 일 나가믄 많이 내는 걸로"
    r"(나중에|다음에)\s?(또\s?|다시\s?)?(올게|올께|봬|뵐|뵙|연락|얘기|이야기|들를|찾아|할게요\s*$)|"
    r"끊을게|끊겠|고마워|고맙|감사|됐어요|됐습니다|충분|잘\s?있|bye|바이|빠이|ㅂㅂ|ㅃㅃ|"
    r"ㅂㅇ|see\s?you|thanks|thank\s?you"
)


# "신청해 볼게요", "그렇게 할게요", "그걸로 가겠습니다": the person says what they will do. After a
# single proposal ("이 계획으로 제안해 볼까요?") that is a yes; putting it off or refusing is not.
COMMITMENT_ENDING = re.compile(
    r"(ㄹ게|ㄹ께|게요|께요|게유|께유|게여|께여|겠습니다|겠어요|겠어유|겠슴다|래요|할게|갈게|볼게|낼게|"
    r"할래|해볼래|할께|갈께|볼께|낼께)[\s.!~^ㅎㅋ♡ㅠㅜ]*$"
)
NOT_A_COMMITMENT = re.compile(
    r"안\s?(할|하|낼|갚|해)|않|못\s|못하|못할|못 낼|생각|고민|알아보|알아볼|나중에|다음에|말고|싫|"
    r"아니|안\s?되|글쎄|모르|몰라|그만|고칠|고치|고쳐|바꿀|바꾸|바꿔|수정|변경|다시\s?(계산|짜)|[?？]"
)


# What is committed to must be the proposal itself ("그렇게 해 볼게요") or doing what it asks
# ("상담원에게 요청해 볼게요", "복지 할인부터 신청해 볼게요"), not another direction ("요금 낮추는
# 쪽으로 할게요" picks something else).
THE_PROPOSAL_ITSELF = re.compile(
    r"그렇게|그걸로|이걸로|이렇게|그대로|그거로|이거로|그거|이거|말씀하신|알려\s?주신|"
    r"제안|요청|말해\s?(볼|보)|말씀\s?드|전화|연락|신청|물어\s?(볼|보)|부탁"
)
ANOTHER_DIRECTION = re.compile(r"쪽으로|대신|말고|보다는")


# What a proposal with no room for instalments asks for: a lower bill and a deferral.
LOWER_THE_BILL = re.compile(
    r"요금\S{0,2}\s?(좀\s?)?(낮추|낮춰|줄이|줄여|내리|깎)|요금제\S{0,2}\s?(좀\s?)?(바꾸|바꿔|변경|낮)|"
    r"정지\s?(를|는)?\s?(유예|미뤄|미루)|할인\S{0,2}\s?(신청|받|알아|요청|물어)"
)
REFUSES = re.compile(r"안\s?(할|하|해)|않|싫|생각\s?(해|좀)|고민|글쎄|모르|몰라|[?？]")


def commits_to_lowering_the_bill(text: str) -> bool:
    """ "그럼 요금 낮추는 쪽으로 얘기해 볼게요": doing what a no-room proposal asks (which
    ``commits_to_it`` leaves aside, since "쪽으로" elsewhere turns away from the proposal)."""
    lowered = _normalize(text).strip()
    return (
        bool(COMMITMENT_ENDING.search(lowered))
        and bool(LOWER_THE_BILL.search(lowered))
        and not REFUSES.search(lowered)
    )


def commits_to_it(text: str) -> bool:
    """Whether the message says, without a question or a refusal, that the person will do what
    was proposed."""
    lowered = _normalize(text).strip()
    return (
        bool(COMMITMENT_ENDING.search(lowered))
        and bool(THE_PROPOSAL_ITSELF.search(lowered))
        and not NOT_A_COMMITMENT.search(lowered)
        and not ANOTHER_DIRECTION.search(lowered)
    )


# A question of the person's own: a question mark, or a question word or ending.
ASKS_SOMETHING = re.compile(
    r"[?？]|어떻게|어떡|왜\b|뭐예|뭔가요|뭐에요|뭐죠|무엇|언제|어디|얼마나|나요\b|까요\b|는지|"
    r"ㄴ가요|인가요|되나요|돼요\?|\bhow\b|\bwhat\b|\bwhy\b|\bwhen\b"
)


def asks_something(text: str) -> bool:
    """Whether the message asks a question (rather than only answering or choosing)."""
    return bool(ASKS_SOMETHING.search(_normalize(text)))


# Questions people ask in passing, inside an answer to the coach's own question, with the answer
# each gets (a key of negotiation/data/messages.yml). Checked in order: "신용회복" is the debt
# adjustment, not the credit record.
SIDE_QUESTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "answer_ask_debt_adjustment",
        re.compile(r"채무\s?조정|신복위|신용\s?회복|개인\s?회생|워크\s?아웃|파산"),
    ),
    (
        "answer_who_knows",
        re.compile(
            r"(가족|부모|엄마|아빠|남편|아내|와이프|회사|직장)\S{0,3}\s?(이|가|들이|한테|에게|도)?\s?"
            r"(알게|알까|알아|연락\s?(가|오|해)|통보)"
        ),
    ),
    (
        "answer_not_shared",
        re.compile(
            r"(통신사|상담원|회사)\s?(에|에게|한테|로|쪽에|쪽으로)?\s?(넘어가|전달|알려|보내|공유|넘겨)"
        ),
    ),
    (
        "answer_why_asked",
        re.compile(
            r"왜\s?(물어|묻|필요|알아야|여쭤|궁금|알려)|뭐\s?하게|어디에\s?(쓰|써)|what\s?for"
        ),
    ),
    ("answer_credit", re.compile(r"신용(?!\s?카드)|신불자|신불|credit(?!\s?card)|기록에\s?남")),
]


def side_question(text: str) -> str | None:
    """The answer key for a question asked in passing ("신용불량자 되는 건 아니죠?"), if any."""
    lowered = _normalize(text)
    if not ASKS_SOMETHING.search(lowered):
        return None
    return next((key for key, pattern in SIDE_QUESTIONS if pattern.search(lowered)), None)


# "아버지 명의 KT 휴대폰", "엄마 핸드폰이랑 인터넷", "동생 폰 요금을 제가 관리하는데요", "제가 대신
# 해결하려고요": the line is a family member's, and the person speaks for them.
FAMILY_MEMBER = (
    r"(아버지|아버님|아빠|엄마|어머니|어머님|할머니|할아버지|할매|할배|남편|아내|와이프|"
    r"남동생|여동생|동생|아들|딸|손자|손녀|손주|누나|오빠|언니|부모님|시어머니|시아버지|장모님|장인어른)"
)
SPEAKS_FOR_FAMILY = re.compile(
    rf"{FAMILY_MEMBER}\s?(의|이|가|께서|님|네)?\s?(명의|폰|핸드폰|휴대폰|휴대전화|전화|요금|인터넷|회선|"
    r"통신비|폰비)|(제가|내가)\s?(대신|대리로)|대신\s?(해결|상담|처리|알아보|연락|전화)|"
    # "할아버지가 유플러스 요금이…": the family member's line, the carrier named between.
    rf"{FAMILY_MEMBER}\s?(이|가|께서|님이|님께서|네)\s?"
    r"([a-z+0-9]{1,6}|유플러스|엘지|케이티|에스케이|알뜰폰)\s?(폰|핸드폰|휴대폰|요금|인터넷|회선)|"
    # "아버님이 … 밀렸다고 하셔서요", "엄마가 쓰시는 폰": the family member is the one who pays
    # (said with the honorific of a subject other than the speaker). "남편이 실직해서 요금이
    # 밀렸어요" is the speaker's own bill.
    rf"{FAMILY_MEMBER}\s?(이|가|께서|님이|님께서)\s?[^.?!\n]{{0,40}}?"
    r"(하셔서|하시는데|하셨는데|받으셨|받으셔서|쓰시는|쓰시던|쓰셔서|내셨|내셔서|내시던|못\s?내셔)|"
    rf"(제가|저는|전|난|나는)\s?{FAMILY_MEMBER}(예요|에요|이에요|이예요|인데|입니다|이고|라서|이라서)"
)


# Home internet (and the TV and home phone bundled with it), as opposed to a mobile line. "인터넷
# 으로 봤어요" is where the bill was read, not the service.
INTERNET_SERVICE = re.compile(
    r"인터넷(?!\s?(으로|에서|검색|뱅킹|쇼핑|창|사이트|홈페이지|으론))|와이파이|wi-?fi|공유기|iptv|"
    r"집\s?전화|유선\s?(전화|인터넷)|기가\s?(인터넷|와이파이)|(?<![a-z])tv|티비"
)
MOBILE_SERVICE = re.compile(
    r"폰|휴대\s?전화|스마트\s?폰|모바일|유심|usim|문자|통화|데이터|발신|수신|알뜰|"
    r"(?<![a-z])(phone|mobile|sim)(?![a-z])|번호\s?(이동|만|는|를|가|살|유지|바뀌)"
)


def internet_only(texts: Iterable[str]) -> bool:
    """Whether what the person said is about home internet (TV, home phone) and nothing about a
    mobile line: the mobile terms, the contract discount for mobile plans and micropayment
    blocking are then not theirs."""
    lowered = [_normalize(text) for text in texts]
    return any(INTERNET_SERVICE.search(text) for text in lowered) and not any(
        MOBILE_SERVICE.search(text) for text in lowered
    )


def speaks_for_family(text: str) -> bool:
    """Whether the person says the line is a family member's, handled on their behalf."""
    return bool(SPEAKS_FOR_FAMILY.search(_normalize(text)))


# Hopelessness said along the way: "늙은이가 나아질 게 뭐 있나요", "막막해요", "답이 없어요".
DISCOURAGED = re.compile(
    r"늙은이|이\s?나이에|막막|희망\s?(이|도)?\s?없|답이\s?없|죽겠|포기|살\s?맛|눈앞이\s?캄캄|"
    r"(나아질|좋아질|달라질)\s?(게|거|일|것)\s?(이|가)?\s?(뭐|있나|있노|있겠|있을까|있간|있냐|없)"
)


def sounds_discouraged(text: str) -> bool:
    """Whether the person sounds hopeless (heard once, before the coach goes on)."""
    return bool(DISCOURAGED.search(_normalize(text)))


def says_start_over(text: str) -> bool:
    """Whether the message itself asks to begin again (not only the classifier)."""
    return bool(START_OVER_WORDS.search(_normalize(text)))


def says_goodbye(text: str) -> bool:
    """Whether the message itself takes leave or thanks (not only the classifier)."""
    return bool(GOODBYE_WORDS.search(_normalize(text)))


def wants_to_skip(text: str) -> bool:
    """ "건너뛸게요", "패스": the person would rather not answer this (optional) question."""
    return bool(SKIP.search(text.lower()))


# "몰라요 아마 아니요", "글쎄요.. 아니요", "나아질 게 있간디 아니여": a hedge, then the answer.
FINAL_NO = re.compile(
    r"(아니요|아뇨|아니|아니여|아녀|아닌\s?것\s?같\S*|아닐\s?거\S*|없는\s?(거|것)\s?같\S*|없어요|없음|no|"
    r"없습니다|없어|없다|없네요|없지요|없죠|없어유|없슈|읎어유|읎어요|없당께|없소|없심더|없데이|없구먼)"
    r"[.!~ㅠㅜ\s]*$"
)
FINAL_YES = re.compile(r"(^|\s)(네|예|응|있어요|맞아요|그래요|yes)[.!~\s]*$")


def final_answer(text: str) -> bool | None:
    """The yes or no a message ends with, after any hedging or question of the person's own."""
    tail = re.split(r"[?？]", text.strip().lower())[-1].strip() or text.strip().lower()
    if FINAL_NO.search(tail):
        return False
    if FINAL_YES.search(tail):
        return True
    return None


def says_not_known(text: str) -> bool:
    """Whether the person says they do not know (rather than giving an unreadable answer)."""
    return bool(NOT_KNOWN.search(text))


# "1번", "두 번째": a place in the list of options shown, whatever kinds the plan holds (a plan
# that does not fit the budget has only the even option, so "1번" means that one).
OPTION_POSITIONS = {
    # "이걸로 할게요" after the lines to say: the one those lines propose, the first shown.
    1: (
        "1번",
        "첫 번째",
        "첫번째",
        "첫째",
        "first",
        "맨 위",
        "맨위",
        "위에 거",
        "위에꺼",
        "보여주신",
        "이걸로",
        "그걸로",
        "이거로",
        "그거로",
        "제안해 주신",
        "제안해주신",
        "추천해 주신",
        "추천해주신",
        "첫번",
        "1st",
    ),
    2: ("2번", "두 번째", "두번째", "둘째", "second", "2nd"),
    3: ("3번", "세 번째", "세번째", "셋째", "third", "3rd"),
}


def find_option_position(text: str) -> int | None:
    bare = re.fullmatch(
        r"\s*([1-3])\s*(번|번째|번이요|요|로|으로|로요|로 할게요)?\s*[.!~]*\s*", text
    )
    if bare:
        return int(bare.group(1))  # "2" answering "어떤 방법으로 제안하시겠어요?"
    return _first_with_a_cue(text, OPTION_POSITIONS)


# Options chosen in the person's own words, beyond the cue words: "일 시작하고 더 내는 걸로" (pay
# more later: step-up), "낼 수 있는 만큼으로" (what I can pay), "오늘 바로 다 낼게요" (all today).
STEP_UP_IN_WORDS = re.compile(
    # "취업하면 더 내는 걸로", "월급 오르고 나서 더 내는", "대출 끝나고 더 내는 방식", "나중에 일
    # 나가믄 많이 내는 걸로", "취업하고 나서 내는 걸로요": more, or only, after something changes.
    r"(나중|뒤|후에|후로|후부터|부터|면|믄|고\s|고서|나서|끝나|되면|시작하고)"
    r"[가-힣\s]{0,12}(더|많이|마이|늘려)\s?(많이\s?)?(내|갚|낼|넣|부)|"
    # "처음엔 쪼매 내다가 …", "처음엔 조금씩 내고": little first
    r"처음\s?(엔|에는|에)\s?(쪼매|쪼끔|쪼금|조금|적게|쬐끔|좀)|"
    r"(나서|되면|하면|하믄|나가면|나가믄|끝나면|끝나고|시작하면|생기면|들어오면)\s?"
    r"[가-힣\s]{0,4}(내는|갚는|낼)\s?(걸로|거로|것으로|방식|방법|쪽|플랜)|"
    r"pay\s?more\s?(later|after|when|once)|more\s?(later|after)|"
    r"(after|when|once)\s?.{0,30}(pay|paying)\s?more|step[\s-]?up|increase\s?later|"
    r"starts?\s?(small|low|with\s?less)|small(er)?\s?(first|at\s?first)|less\s?(first|at\s?first)"
)
WITHIN_BUDGET_IN_WORDS = re.compile(r"낼\s?수\s?있는\s?만큼|되는\s?만큼|가능한\s?만큼")
ALL_TODAY_IN_WORDS = re.compile(r"(오늘|지금|바로)[가-힣\s]{0,6}(다|전부|한\s?번에)\s?(낼|갚)")


def find_option(text: str) -> str | None:
    lowered = _normalize(text)
    if STEP_UP_IN_WORDS.search(lowered):
        return "step_up"
    if WITHIN_BUDGET_IN_WORDS.search(lowered):
        return "within_budget"
    if ALL_TODAY_IN_WORDS.search(lowered):
        return "lump_sum"
    return _first_with_a_cue(text, OPTION_CUES)


Key = TypeVar("Key")


def _first_with_a_cue(text: str, cues_by_key: Mapping[Key, Sequence[str]]) -> Key | None:
    """The first key (in the table's order) one of whose cue words is in the text."""
    lowered = _normalize(text)
    for key, cues in cues_by_key.items():
        if any(cue in lowered for cue in cues):
            return key
    return None


def _next_month_mentions(text: str) -> list[Found]:
    """ "다음 달부터" / "담달부터": finances improve in one month."""
    found = []
    for match in re.finditer(r"(다다음\s?달|다담달)|(다음\s?달|담달|내달)", text):
        if match.group(2) and text[max(0, match.start() - 2) : match.start()].endswith("다"):
            continue  # the tail of 다다음 달, counted once
        after = text[match.end() :].lstrip()
        if re.match(r"(부터|에)?\s?(월\s?)?요금|(부터|에)?\s?.{0,6}(나와|청구)", after):
            continue  # "다음달부터 월요금 5만원": the bill changes, finances do not
        if any(
            after.startswith(cue) for cue in (*RECOVERY_CUES, "에", "쯤", "이면", "월급", "알바")
        ):
            found.append(
                Found(2 if match.group(1) else 1, match.start(), match.end(), match.group(0))
            )
    return found


def _recovery_spans(text: str, months: list[Found]) -> list[Found]:
    """Month counts that say when finances improve ("3개월 뒤", "두 달 후부터")."""
    spans = []
    for found in months:
        after = re.sub(r"^\s*(정도|쯤|가량|좀)\s*", "", text[found.end : found.end + 12])
        if any(after.lstrip().startswith(cue) for cue in RECOVERY_CUES):
            spans.append(found)
    return spans


def read_message(
    text: str,
    requested_slot: str | None = None,
    intent: str | None = None,
    known: Mapping[str, Any] | None = None,
    after_plan: bool = False,
) -> Reading:
    """Every figure and choice the message states, assigned to the contract's slots.

    ``requested_slot`` is the question the coach asked (a figure with nothing to say what it is
    answers it); ``known`` holds the figures already told, which a figure is never assigned to
    by default (only when the message plainly names that figure, as a correction);
    ``after_plan`` says the proposal has been made (a bare "요금" is then the monthly bill).
    """
    reading = Reading()
    lowered = _normalize(text)
    known = dict(known or {})

    carrier = find_carrier(lowered)
    if carrier:
        reading.values["carrier"] = carrier

    clauses = split_clauses(lowered)
    months = sorted(
        [found for found in find_months(lowered) if not _per_month(lowered, found)]
        + _next_month_mentions(lowered),
        key=lambda found: found.start,
    )
    recovery = _recovery_spans(lowered, months)
    _read_months(lowered, clauses, months, recovery, requested_slot, set(known), reading)
    _read_amounts(lowered, clauses, recovery, requested_slot, known, after_plan, reading)
    _read_choices(lowered, requested_slot, intent, after_plan, reading)
    if (
        requested_slot != "lump_sum"
        and "lump_sum" not in reading.values
        and NO_LUMP_SUM_TOLD.search(lowered)
    ):
        reading.values["lump_sum"] = 0  # "…, 일시불 없음" told before it is asked
    if (
        requested_slot == "bill_checked"
        and BILL_ITEM.search(lowered)
        and not re.search(r"요금\s?(은|이|는)|미납|밀린|밀렸", lowered)
    ):
        # "부가서비스가 … 매달 8,800원씩 나가요": the price of an item on the bill, not a figure
        # of the plan; the bill itself is asked next.
        for slot in AMOUNT_SLOTS:
            reading.values.pop(slot, None)
        reading.ambiguous.clear()
    if (
        requested_slot in ("monthly_budget", "recovery_budget")
        and requested_slot not in reading.values
        and not reading.ambiguous
        and ONLY_THE_BILL.search(lowered)
    ):
        # "요금 내면 끝이에요, 더는 못 내요": the budget is the bill and nothing more; the bill
        # is added as for any budget said beyond it, and the sum is said back to be checked.
        reading.values[requested_slot] = 0
        reading.on_top_of_bill.add(requested_slot)
    bare = BARE_KOREAN_AMOUNT.fullmatch(lowered)
    if requested_slot in AMOUNT_SLOTS and requested_slot not in reading.values and bare:
        # "이만이천" answering an amount question: Korean numerals without 원, which are read
        # only as an answer (elsewhere "이만" is also "this much").
        found = find_amounts(re.sub(r"\s", "", bare.group(1)) + "원")
        if len(found) == 1:
            _store(reading, requested_slot, found[0].value)
    if requested_slot == "lump_sum" and NOT_EVEN_AN_AMOUNT.search(lowered):
        # "만원 한 장도 없어요": not even that much, i.e. nothing now.
        reading.values["lump_sum"] = 0
    return reading


# "백만원 넘게", "80만원 이상", "30만원 남짓": more than the amount said (but not "10만원 넘게는 못
# 내요", an upper limit on what can be paid).
LOWER_BOUND = re.compile(
    r"^\s?(원)?\s?(이|가|은|는)?\s?(훨씬\s?|좀\s?|조금\s?|살짝\s?|쪼금\s?)?"
    r"(이상|넘게|넘는|넘어|넘었|넘음|남짓|초과|넘을)(?!\s?(는|은|도)?\s?(못|안\s|안되|무리|힘들|어려))"
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


def _per_month(text: str, found: Found) -> bool:
    """ "한 달에 8만원" is a rate (per month), not a count of months."""
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


def _read_months(
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
            continue  # "끊긴 지 한 달": how long the line has been suspended, not the arrears
        if re.search(
            r"(카드|대출|월세|집세|카드값|카드론|사채|보험)\s?(은|는|도|이|가)?\s?$",
            text[: found.start],
        ):
            continue  # "카드는 두 달째고 폰은 세 달이요": another debt's months
        hesitation = previous_month is not None and re.search(
            # "반년 넘었어요 7개월이요": a rough count, then the exact one
            r"인가|인지|아니|맞다|맞아|정확히|\.\.|넘었|넘어|넘게|좀\s?(넘|안)|조금\s?(넘|안)|"
            # "두달치 밀리고 이번달 것도 못냈으니까 세달": the total, counted up
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
        _store(reading, slot, found.value, replaces=bool(hesitation))
    bare = re.fullmatch(r"\s*(\d{1,2})\s?(이요|요|입니다|임)?[.!~ ]*", text)
    if requested_slot in MONTH_SLOTS and requested_slot not in reading.values and bare:
        _store(reading, requested_slot, int(bare.group(1)))  # "3" answering "몇 달째인가요?"
    if (
        requested_slot == "months_overdue"
        and "months_overdue" not in reading.values
        and re.search(r"이번\s?달(이|만|부터)?\s?처음|처음\s?밀|한\s?번\s?밀", text)
    ):
        _store(reading, "months_overdue", 1)


# While the situation is being told (before the figures of stage 4 are asked), a bare amount is
# what is owed.
SITUATION_QUESTIONS = (None, "carrier", "months_overdue", "service_suspended", "goals")


def _taken_back_role(
    words: str, requested_slot: str | None, known: dict[str, Any], value: int | None = None
) -> str | None:
    """The slot a taken-back figure was meant for, so that its replacement takes it."""
    role, _ = _role_of(re.sub(r"\s+", " ", words), requested_slot)
    if role == "bill_noun":
        role = (
            "monthly_bill" if "monthly_bill" in known or requested_slot == "monthly_bill" else None
        )
    if role is None and requested_slot in AMOUNT_SLOTS:
        role = requested_slot
    if role is None and value is not None:
        # "6만 아니고 8만 1천이네" after the plan: the figure told before as 6만 is the one
        # corrected, when exactly one figure had that value.
        same_value = [
            slot
            for slot in AMOUNT_SLOTS
            if known.get(slot) is not None and float(known[slot]) == float(value)
        ]
        if len(same_value) == 1:
            role = same_value[0]
    return role if role in AMOUNT_SLOTS else None


def _role_named_before(
    text: str,
    clauses: list[Clause],
    clause: Clause,
    amounts: list[Found],
    requested_slot: str | None,
) -> tuple[str | None, bool]:
    """The role plainly named by the nearest earlier clause that holds no amount of its own."""
    earlier = [
        item
        for item in clauses
        if item.end <= clause.start and text[item.start : item.end].strip(" ,.!?~")
    ]
    if not earlier:
        return None, False
    previous = earlier[-1]
    if any(previous.start <= found.start < previous.end for found in amounts):
        return None, False
    words = text[previous.start : previous.end]
    role, plain = _role_of(words, requested_slot)
    if not plain:
        named = re.search(
            r"미납액|밀린\s?(금액|돈|거|것)|월\s?예산|예산|한\s?번에|매달\s?요금|월\s?요금", words
        )
        if named is None:
            return None, False
        role = {"미": "arrears_amount", "밀": "arrears_amount", "월": "monthly_budget"}.get(
            named.group(0)[0], role
        )
        if "요금" in named.group(0):
            role = "monthly_bill"
        elif "예산" in named.group(0):
            role = "monthly_budget"
        elif named.group(0)[0] == "한":
            role = "lump_sum"
    return role, True


def _beyond_the_bill(before: str, after: str, requested_slot: str | None) -> str | None:
    """The budget slot an amount said "on top of the bill" belongs to, if it is one."""
    right_before = re.search(
        # "요금 외에 3만원이요": the amount straight after the words that set the bill aside
        r"요금\s?(은|는)?\s?(외에|외|말고|말구|빼고|과는?\s?별도로?|따로)\s?(도|로)?\s?$",
        before,
    )
    if not right_before and (not ON_TOP_OF_BILL.search(before) or not EXTRA_PAYMENT.search(after)):
        return None
    return "recovery_budget" if requested_slot == "recovery_budget" else "monthly_budget"


def _role_of(span: str, requested_slot: str | None) -> tuple[str | None, bool]:
    """The slot an amount belongs to from the words around it (its clause, or its part of the
    clause when the clause holds several amounts), and whether the words name it plainly.

    A plain name ("밀린", "매달 나오는", "한 번에") wins even over the question asked; a generic
    one ("돼요", "가능해요", "낼 수 있어요") and none at all leave the amount to the question
    asked ("3만원은 돼요" answering the lump-sum question is the lump sum).
    """
    # "42만 정지됨": 됨 here is the line's state, not "that much is possible".
    span = re.sub(r"(정지|끊|막|해지)\S{0,2}\s?(됨|됐|돼|되었|되어|된|되)", " ", span)
    role, plain = _role_of_words(span, requested_slot)
    if role == "monthly_budget" and requested_slot == "recovery_budget":
        role = "recovery_budget"  # the budget named while the one after the recovery is asked
    return role, plain


def _role_of_words(span: str, requested_slot: str | None) -> tuple[str | None, bool]:
    if requested_slot == "lump_sum" and re.search(
        r"(밀린|미납)\s?(거|것|금액|돈|요금)?\s?(을|를|은)?\s?(전부|다|모두|전액|한꺼번에)", span
    ):
        return "lump_sum", True  # "밀린 거 전부, 45,000원이요": all of it, today
    if (
        BUDGET_INCLUSIVE.search(span)
        and not ARREARS_PREDICATE.search(span)
        and not (LUMP_PLAIN.search(span) and not re.search(MONTHLY, span))
    ):
        return (
            "recovery_budget" if requested_slot == "recovery_budget" else "monthly_budget",
            True,
        )
    strong_lump = bool(STRONG_LUMP.search(span))
    if (
        LUMP_PLAIN.search(span)
        and not re.search(MONTHLY, span)
        and (strong_lump or requested_slot not in ("monthly_budget", "recovery_budget"))
    ):
        return "lump_sum", True
    if (BUDGET_PLAIN.search(span) and not ARREARS_PREDICATE.search(span)) or (
        BUDGET_PLAIN.search(span) and re.search(MONTHLY, span)
    ):
        return "monthly_budget", True
    if ARREARS_PREDICATE.search(span):
        return "arrears_amount", True
    if (
        requested_slot in ("monthly_budget", "recovery_budget")
        and MONTHLY_BILL.search(span)
        and not BILL_PREDICATE.search(span)
        and not PLAIN_BILL_NOUN.search(span)
    ):
        # "한 달에 십오만원은 내요" answering "how much can you pay a month?": the answer, since
        # nothing in it names the bill.
        return requested_slot, False
    if BILL_PREDICATE.search(span) or MONTHLY_BILL.search(span):
        return "monthly_bill", True
    if BUDGET_GENERIC.search(span):
        if requested_slot in AMOUNT_SLOTS:
            return requested_slot, False
        if not BUDGET_GENERIC.search(re.sub(r"돼|되요|됨|됩|될", " ", span)) and not re.search(
            r"(은|는|도)\s?(돼|되|됨|됩|될)",
            span,  # "10만원은 돼요": that much is possible
        ):
            # Told unasked, "17만원쯤 돼요" is "it comes to about 17만원": what it is comes from
            # the clause before ("두 달 밀렸어요"), or is asked.
            return None, False
        return "monthly_budget", False
    if PLAIN_BILL_NOUN.search(span):
        return "bill_noun", False
    return None, False


def _read_amounts(
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
            previous_role = _taken_back_role(
                text[span_start : found.start] + " " + text[found.end : span_end],
                requested_slot,
                known,
                found.value,
            )
            continue
        span = re.sub(
            r"\s+", " ", text[span_start : found.start] + " " + text[found.end : span_end]
        )
        role, plain = _role_of(span, requested_slot)
        shares_clause = index + 1 < len(amounts) and amounts[index + 1].start < clause_end
        if shares_clause:
            # "요금5만 예산12만": with another amount after it in the clause, the words just
            # before an amount name it.
            # ("총 24만원 KT 월요금 6만": 월요금 names the 6만, not the 24만.)
            role, plain = _role_of(text[span_start : found.start], requested_slot)
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
            role, plain = _role_named_before(text, clauses, clause, amounts, requested_slot)
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
        beyond = _beyond_the_bill(text[: found.start], text[found.end : span_end], requested_slot)
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
            else _repeats_known(found.value, known, reading)
        )
        if repeated is not None and role in (None, "bill_noun"):
            role = repeated  # the same figure told again: nothing new, nothing to ask
        if not plain and role in (None, "bill_noun") and found.value in _amounts_read(reading):
            continue  # "14만원이요. 14만원이 맞아요": the same figure said again in the message
        if role == "bill_noun":
            role = _role_for_bill_noun(found, requested_slot, known, after_plan, reading, text)
        elif role is None:
            role = _role_for_bare_amount(found, requested_slot, known, after_plan, reading)
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
        _store(reading, role, found.value, replaces=corrects_previous and role == previous_role)
        previous_role = role
    if (
        requested_slot in AMOUNT_SLOTS
        and requested_slot not in reading.values
        and ZERO_ALONE.fullmatch(text.strip())
    ):
        _store(reading, requested_slot, 0)
    if requested_slot == "lump_sum" and "lump_sum" not in reading.values:
        trained = _trained("none_amount", text)
        if trained is True or (
            trained is None
            # "글쎄요 없다고 보는 게 맞을 것 같아요": unsure, yet it says none.
            and (not says_not_known(text) or re.search(r"없다고|없을\s?(것|거)|없는\s?게", text))
            and not re.search(r"^아니\s?(잠깐|잠시|근데)|없진|없는\s?건\s?아니|영원히", text)
            and (NONE_ANSWERS.search(text) or NONE_IN_SENTENCE.search(text))
        ):
            _store(reading, "lump_sum", 0)


def _repeats_known(value: int, known: dict[str, Any], reading: Reading) -> str | None:
    """The figure already told with exactly this value, when there is just one."""
    same = [
        slot
        for slot in AMOUNT_SLOTS
        if slot not in reading.values
        and known.get(slot) is not None
        and float(known[slot]) == value
    ]
    return same[0] if len(same) == 1 else None


def _role_for_bill_noun(
    found: Found,
    requested_slot: str | None,
    known: dict[str, Any],
    after_plan: bool,
    reading: Reading,
    text: str = "",
) -> str | None:
    """ "요금 28만원" with no verb to tell: the unpaid bill or the monthly one?"""
    if (
        requested_slot in ("arrears_amount", "monthly_bill")
        and requested_slot not in reading.values
    ):
        return requested_slot
    if requested_slot in ("monthly_budget", "recovery_budget") and (
        (known.get("monthly_bill") is not None and float(known["monthly_bill"]) == found.value)
        or BUDGET_INCLUSIVE.search(text)
    ):
        return requested_slot  # "요금 2만 5천원이요, 그 이상은 힘들어요": just the bill
    if requested_slot in AMOUNT_SLOTS:
        # Asked for the budget or a lump sum, the person names the bill in passing.
        return "monthly_bill" if "monthly_bill" not in reading.values else None
    if requested_slot in SITUATION_QUESTIONS and not after_plan:
        candidates = tuple(
            slot for slot in ("arrears_amount", "monthly_bill") if slot not in reading.values
        )
        if len(candidates) == 1 and candidates[0] not in known:
            return candidates[0]
        if candidates:
            reading.ambiguous.append(Ambiguity(found.value, candidates))
        return None
    return "monthly_bill" if "monthly_bill" not in reading.values else None


def _role_for_bare_amount(
    found: Found,
    requested_slot: str | None,
    known: dict[str, Any],
    after_plan: bool,
    reading: Reading,
) -> str | None:
    """An amount with no word to say what it is answers the question asked; while the situation
    is told it is the arrears, unless those are known already (then the coach asks)."""
    if requested_slot in AMOUNT_SLOTS and requested_slot not in reading.values:
        return requested_slot
    if (
        requested_slot in SITUATION_QUESTIONS
        and not after_plan
        and "arrears_amount" not in reading.values
        and "arrears_amount" not in known
    ):
        return "arrears_amount"
    # Which figure, then? Ask among those it could be (after the plan, any of them: it may be
    # a correction).
    candidates = tuple(
        slot
        for slot in AMOUNT_SLOTS
        if (after_plan or slot not in known)
        and slot not in reading.values
        and slot != "recovery_budget"
    )
    if candidates:
        reading.ambiguous.append(Ambiguity(found.value, candidates))
    return None


def _read_choices(
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
    if not after_plan:  # after the plan, "나눠서 내는 걸로" picks an option, not a goal
        _read_goals(text, requested_slot, reading)
    _read_welfare(text, requested_slot, intent, reading)
    _read_suspension(text, requested_slot, intent, reading)
    _read_recovery(text, requested_slot, intent, reading)
    if requested_slot == "bill_checked":
        _read_bill_check(text, intent, reading)
    option = find_option(text)
    if option and requested_slot in (None, "plan_option"):
        reading.values["plan_option"] = option


def _trained(question: str, text: str) -> Any:
    """The trained reader's value, or None where it is not sure."""
    choice = read_choice(question, text)
    return None if choice is None else choice.value


BLOCKING_PAYMENTS = re.compile(r"(결제|구매|과금).{0,12}(막|차단|못\s?하게|안\s?되게|잠그|잠가)")


def _read_goals(text: str, requested_slot: str | None, reading: Reading) -> None:
    trained = _trained("goals", text) if requested_slot == "goals" else None
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
        # "그게 뭔지 잘... 아무것도 안 받아요": unsure what it is, and receives none of it.
        reading.values["welfare_status"] = "none"
        return
    trained = UNKNOWN if says_not_known(text) else _trained("welfare_status", text)
    if trained is UNKNOWN:
        if requested_slot == "welfare_status":
            reading.unknown.add("welfare_status")
        return
    if requested_slot == "welfare_status" and (
        re.fullmatch(r"\s*[xX×]\s*", text) or (not keyword and final_answer(text) is False)
    ):
        # "x": none of these; "그게 뭐에요? 없는거같아요": a question, then none.
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
        # "정지요? 전화 되는 거 보니 아닌 것 같아요", "몰라요 아마 아니요": the answer at the end.
        final = final_answer(text)
        if final is not None and ("?" in text or says_not_known(text)):
            reading.values["service_suspended"] = final
            return
        trained = UNKNOWN if says_not_known(text) else _trained("service_suspended", text)
        if trained is UNKNOWN:
            reading.unknown.add("service_suspended")
            return
        if trained is not None:
            reading.values["service_suspended"] = bool(trained)
            return
    if re.search(r"(정지|끊)[가-힣]{0,4}(는지|나|ㄴ지)\s?(모르|몰)", text):
        return  # "정지됐는지 모르겠어요": unknown
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
        # "당분간은 비슷할 것 같아요", "몰라요 아마 아니요", "나아질 게 있간디 아니여"
        reading.values["recovery_expected"] = False
        return
    if (
        RECOVERY_YES.search(text)
        and re.search(r"언제|몇\s?달|시기|날짜", text)
        and not re.search(r"안\s?(나아|좋아)|없(어|음|을|습)", text)
    ):
        reading.values["recovery_expected"] = True  # "나아질 텐데 언제일지는 몰라요"
        return
    if says_not_known(text) and RECOVERY_NOT_COUNTED_ON.search(text):
        # "언제 될지 몰라서.. 기대 안 해요", "몰라서 없다고 봐야죠": unsure, and says so as a no.
        reading.values["recovery_expected"] = False
        return
    trained = UNKNOWN if says_not_known(text) else _trained("yes_no", text)
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
# know ("게임 소액결제가 좀 있더라", "데이터 초과", "부가서비스 해지했어요") are theirs to pay or to
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
# "소액결제는 없었어요", "이상한 건 못 봤어요": looked, and nothing of that kind.
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
    # "나아질 게 있나", "나아질 일이 있겄슈 읎슈": a question that means no
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


# "잘못 말했어요", "고칠게요": the person corrects a figure they gave earlier.
EXPLICIT_CORRECTION = re.compile(
    r"잘못|정정|고칠|고쳐|바꿔|바꿀|틀렸|틀려|아니라|아니고|실은|사실은|다시\s?말"
)
# Before a total, after its parts: "해서 5만", "보태줘서 13만원", "다 합쳐서", "총".
SUM_MARKER = re.compile(
    r"해서|합쳐서|합치면|합하면|더하면|보태|다\s?하면|총|있어서|있으니|"
    r"니까\s?(한\s?달에|총|모두|전부|합)"
)
# Between two figures for the same slot, these say the second replaces the first ("35만원이요,
# 아 아니에요 38만원이에요", "20만 좀 넘는데 정확히는 21만 3천원").
SELF_CORRECTION = re.compile(
    # A total after its parts ("4만에 부가서비스 1만 해서 5만") replaces them too.
    r"합쳐서|합치면|합하면|더하면|해서|보태|다\s?하면|총|(^|[\s,.])아\s|"
    r"아니|아뇨|정확히|정정|잘못|말고|틀렸|다시\s?말|그게\s?아니|실은|사실은|무리|"
    r"힘들|어려|벅차|대신|"
    # A rough figure, then the exact one: "팔만 얼마 되는디.. 팔만 삼천원", "이십만원 조금 안
    # 돼요 십구만 팔천원", "육만원 좀 넘지예 6만2천원".
    r"(얼마|조금|쪼금|좀|살짝|약간|몇\s?천)\s?(넘|안\s?(돼|되|됨)|못\s?(돼|되|미쳐)|모자|덜|되는|돼|됨|남)|"
    r"되나|될\s?걸|될\s?거|\bexactly\b|\bprecisely\b|\bactually\b|to\s?be\s?exact|정확하게는|"
    # Unsure, then looked it up or settled: "십오만원인가... 종이 보니께 십오만 삼천원",
    # "20만원에서 22만원 사이? 고지서 보니 21만 6천원", "10~11만? 걍 10만으로 할게요".
    r"인가|인지|였나|이었나|일걸|보니|봤더니|확인하니|사이|걍|그냥|\.\.|…|(^|\s)음"
)
RANGE_BETWEEN = re.compile(r"\s?(원)?\s?(에서|~|-|부터|or|또는|아니면|내지)\s?")
# Money that is not the bill's: another debt, income, rent. An amount these name directly
# ("카드값도 80만원", "월급 190 받는데", "연금 33만원", "카드론이 매달 20만원씩") is not a figure of
# the plan, whatever else the sentence says.
OTHER_MONEY_BEFORE = re.compile(
    r"(카드\s?(값|론|대금|빚|대출|할부)|카드(?=\s?(이|가|는|도)\s)|대출|월세|집세|관리비|사채|보험료|"
    r"월급|급여|연봉|연금|용돈|수입|알바비|생활비|적금|이자|빌린\s?돈|"
    # "은행빚", "사채빚" — not "폰 빚", "밀린 빚" or a bare "빚", which are the bill's
    r"(?<!폰 )(?<!폰)(?<!밀린 )(?<!통신 )(?<!통신)(?<!요금 )(?<!미납 )(?<=[가-힣])빚)"
    r"\s?(이|가|은|는|도|만|에|이랑|하고)?\s?(매달|매월|한\s?달에?|월)?\s?(약|한|대략)?\s?$"
)


def _amounts_read(reading: Reading) -> set[int]:
    """The amounts this message has given a role so far."""
    return {value for slot, value in reading.values.items() if slot in AMOUNT_SLOTS}


def _store(reading: Reading, slot: str, value: int, replaces: bool = False) -> None:
    """Keep the first figure for a slot in a message, unless the person corrects themselves."""
    if (slot in reading.values or slot in reading.refused) and not replaces:
        return
    reason = check_limits(slot, value)
    if reason:
        reading.refused[slot] = Refusal(value, reason)
    else:
        reading.values[slot] = value
