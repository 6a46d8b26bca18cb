"""One place where what was typed becomes what was said, before any reader looks at it:
full-width letters, common typos of 없어/봤어, and money owed *to* the person ("밀린 월급"),
whose 밀리다 must not make the amount beside it the arrears.
"""

from __future__ import annotations

import re

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


def normalise(text: str) -> str:
    lowered = text.translate(FULL_WIDTH).lower()
    for typed, said in TYPED_AS_SAID:
        lowered = typed.sub(said, lowered)
    for owed, said in OWED_TO_THEM:
        lowered = owed.sub(said, lowered)
    return re.sub(r"\s+", " ", lowered).strip()
