"""What a message does in the conversation, beyond its figures: asks a question, commits to the
proposal, takes leave, starts over, speaks for a family member, is about home internet, says
"I don't know", ends with a yes or a no.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from negotiation.text import normalise

# "모르겠어요", "몰라", "기억이 안 나네요", "확인을 안 해 봤네요", "글쎄요"
NOT_KNOWN = re.compile(
    r"모르|몰라|몰루|모름|몰겠|몰라요|기억\s?(이|이\s)?\s?안|확인\s?(을\s?)?안|글쎄|잘\s?몰|"
    r"\bidk\b|don'?t\s?know|dunno|not\s?sure|확실(하지|치)\s?않|가물"
)


SKIP = re.compile(
    r"건너\s?뛰|건너\s?뛸|건너\s?뜀|넘어가|넘어 가|패스|스킵|skip|pass|다음\s?질문|"
    r"몰라도\s?(돼|되)|생략"
)


# Intents that end or erase the conversation stand only with a word that says so: a classifier
# that takes "일 구하고 나서 더 낼게요" for "start over", or "요금 내면 끝이에요" for a goodbye,
# must not wipe the person's figures or take leave in the middle of a question.
START_OVER_WORDS = re.compile(
    # "처음부터", "처음으로" — not "처음엔 쪼금만 내다가" (the step-up plan) or "처음 밀렸어요"
    r"처음\s?(부터|으로|상태|화면|단계)|첨부터|첨으로|다시\s?(시작|할래|할게|해\s?(요|줘|주)|하고\s?싶|갈게|처음)|"
    r"새로\s?(시작|할|하|해)|리셋|초기화|재시작|리스타트|restart|reset|start\s?over|"
    r"(다|전부|모두|입력한\s?거)\s?(지워|지우|날리|취소)"
)


GOODBYE_WORDS = re.compile(
    r"안녕|수고|그만|종료|끝낼|끝내|끝낼게|이만\s?(가|들어|줄|끝|할게|하겠|마치|나갈)|나갈게|갈게요|"
    r"가볼게|가 볼게|들어가|"
    # "나중에 또 올게요", not "나중에 일 댕기믄 많이 내는 걸로"
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
# ("상담원에게 요청해 볼게요", "복지 할인부터 신청해 볼게요"), not another direction ("요금 줄이는
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
    """ "그럼 요금 내리는 쪽으로 말해 볼게요": doing what a no-room proposal asks (which
    ``commits_to_it`` leaves aside, since "쪽으로" elsewhere turns away from the proposal)."""
    lowered = normalise(text).strip()
    return (
        bool(COMMITMENT_ENDING.search(lowered))
        and bool(LOWER_THE_BILL.search(lowered))
        and not REFUSES.search(lowered)
    )


def commits_to_it(text: str) -> bool:
    """Whether the message says, without a question or a refusal, that the person will do what
    was proposed."""
    lowered = normalise(text).strip()
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
    return bool(ASKS_SOMETHING.search(normalise(text)))


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
    """The answer key for a question asked in passing ("신용불량 되는 거 아니에요?"), if any."""
    lowered = normalise(text)
    if not ASKS_SOMETHING.search(lowered):
        return None
    return next((key for key, pattern in SIDE_QUESTIONS if pattern.search(lowered)), None)


# "어머니 명의 SKT 폰", "아빠 휴대폰이랑 TV", "누나 폰 요금을 제가 내고 있는데요", "제가 대신
# 처리하려고요": the line is a family member's, and the person speaks for them.
FAMILY_MEMBER = (
    r"(아버지|아버님|아빠|엄마|어머니|어머님|할머니|할아버지|할매|할배|남편|아내|와이프|"
    r"남동생|여동생|동생|아들|딸|손자|손녀|손주|누나|오빠|언니|부모님|시어머니|시아버지|장모님|장인어른)"
)


SPEAKS_FOR_FAMILY = re.compile(
    rf"{FAMILY_MEMBER}\s?(의|이|가|께서|님|네)?\s?(명의|폰|핸드폰|휴대폰|휴대전화|전화|요금|인터넷|회선|"
    r"통신비|폰비)|(제가|내가)\s?(대신|대리로)|대신\s?(해결|상담|처리|알아보|연락|전화)|"
    # "할머니가 케이티 요금이…": the family member's line, the carrier named between.
    rf"{FAMILY_MEMBER}\s?(이|가|께서|님이|님께서|네)\s?"
    r"([a-z+0-9]{1,6}|유플러스|엘지|케이티|에스케이|알뜰폰)\s?(폰|핸드폰|휴대폰|요금|인터넷|회선)|"
    # "어머님이 … 연체됐다고 하셔서요", "엄마가 쓰시는 폰": the family member is the one who pays
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
    lowered = [normalise(text) for text in texts]
    return any(INTERNET_SERVICE.search(text) for text in lowered) and not any(
        MOBILE_SERVICE.search(text) for text in lowered
    )


def speaks_for_family(text: str) -> bool:
    """Whether the person says the line is a family member's, handled on their behalf."""
    return bool(SPEAKS_FOR_FAMILY.search(normalise(text)))


# Hopelessness said along the way: "늙은이가 좋아질 게 뭐 있나요", "막막해요", "답이 없어요".
DISCOURAGED = re.compile(
    r"늙은이|이\s?나이에|막막|희망\s?(이|도)?\s?없|답이\s?없|죽겠|포기|살\s?맛|눈앞이\s?캄캄|"
    r"(나아질|좋아질|달라질)\s?(게|거|일|것)\s?(이|가)?\s?(뭐|있나|있노|있겠|있을까|있간|있냐|없)"
)


def sounds_discouraged(text: str) -> bool:
    """Whether the person sounds hopeless (heard once, before the coach goes on)."""
    return bool(DISCOURAGED.search(normalise(text)))


def says_start_over(text: str) -> bool:
    """Whether the message itself asks to begin again (not only the classifier)."""
    return bool(START_OVER_WORDS.search(normalise(text)))


def says_goodbye(text: str) -> bool:
    """Whether the message itself takes leave or thanks (not only the classifier)."""
    return bool(GOODBYE_WORDS.search(normalise(text)))


def wants_to_skip(text: str) -> bool:
    """ "건너뛸게요", "패스": the person would rather not answer this (optional) question."""
    return bool(SKIP.search(text.lower()))


# "몰라요 아마 아니요", "글쎄요... 아뇨", "좋아질 게 있간디 아녀": a hedge, then the answer.
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
