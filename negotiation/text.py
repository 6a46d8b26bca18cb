"""One place where what was typed becomes what was said, before any reader looks at it.

``typed`` is shared by every reader: composed Hangul, ASCII for full-width forms, lower case,
single spaces. On top of it, each reader undoes what would mislead it: ``normalise`` (the figure
reader: common spellings of 없어/봤어, and money owed *to* the person, "밀린 월급", whose 밀리다
must not make the amount beside it the arrears) and ``normalise_for_choices`` (the choice reader:
typos, cute endings and runs of one character, so that the ways of typing one answer share their
features). ``money`` keeps its own digit folding, which must map every offset back to the text.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width Latin letters, digits and signs ("ＫＴ 요금 ２개월"), as some Korean keyboards type
# them, read as their ASCII forms. (Not NFKC: it would turn "ㅇㅇ" into conjoining jamo.)
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SPACES = re.compile(r"\s+")


def typed(text: str) -> str:
    """Composed Hangul, ASCII for full-width forms, lower case, single spaces, no edges."""
    text = unicodedata.normalize("NFC", text).translate(FULL_WIDTH).lower()
    return _SPACES.sub(" ", text).strip()


# Ways "없어" and "봤어" are typed or said that the cue tables would otherwise miss: "업서요",
# "읎슈", "안바써요", "봣어요".
TYPED_AS_SAID = [
    (re.compile(r"읎"), "없"),
    (re.compile(r"업[서써]"), "없어"),
    (re.compile(r"(?<![가-힣])바써|(?<=안)\s?바써"), " 봤어"),
    (re.compile(r"봣"), "봤"),
    (re.compile(r"햇(?=어|습|음|는데|고|지)"), "했"),
    # "요금 내구 2만원 더": -구 for the connective -고, after the verbs people use it with
    (re.compile(r"(?<=[내하있없되받쓰갚])구(?=[\s,.]|$)"), "고"),  # "확인햇어요" (not 햇살, 햇빛)
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


def normalise(text: str) -> str:
    """What the figure reader sees: typed forms as said, money owed to the person set apart."""
    lowered = typed(text)
    for pattern, said in TYPED_AS_SAID:
        lowered = pattern.sub(said, lowered)
    for owed, said in OWED_TO_THEM:
        lowered = owed.sub(said, lowered)
    return re.sub(r"\s+", " ", lowered).strip()


# Misspellings common enough on phones to be worth undoing before anything is counted.
_TYPOS: tuple[tuple[str, str], ...] = (
    ("됬", "됐"),
    ("몰겠", "모르겠"),
    ("모르겟", "모르겠"),
    ("몰르", "모르"),
    ("겟어", "겠어"),
    ("않됐", "안됐"),
    ("않돼", "안돼"),
    ("않되", "안되"),
    ("않 됐", "안 됐"),
    ("않 돼", "안 돼"),
    ("않 되", "안 되"),
    ("않써", "안써"),
    ("않 써", "안 써"),
    ("업어요", "없어요"),
    ("업음", "없음"),
    ("없슴", "없음"),
    ("업슴", "없음"),
    ("되요", "돼요"),
    ("해주세용", "해주세요"),
    ("어여", "어요"),
    ("아여", "아요"),
    ("에여", "에요"),
    ("해여", "해요"),
)
# "없어용", "맞아용": the cute ending, only after an ending syllable (never "이용", "사용").
_CUTE_ENDING = re.compile(r"(?<=[어아에해데네죠게까돼워와래세])용(?=$|[\s.!?~ㅠㅜㅎㅋ])")
_REPEATS = re.compile(r"([^\d])\1{2,}")  # "ㅠㅠㅠㅠ" -> "ㅠㅠ"; digits are left alone


def normalise_for_choices(text: str) -> str:
    """Lower-case, composed Hangul, ASCII for full-width forms, common typos undone, runs of
    one character ("ㅠㅠㅠㅠ", "!!!") cut to two, and single spaces: so that the many ways of
    typing one answer on a phone share their features."""
    text = typed(text)
    text = _REPEATS.sub(r"\1\1", text)
    for wrong, right in _TYPOS:
        text = text.replace(wrong, right)
    return _CUTE_ENDING.sub("요", text)
