"""Which amounts of a message stand as figures: a range before the settled figure, a lower bound,
the parts before a total, a figure taken back or corrected, another debt's or income's money.
"""

from __future__ import annotations

import re

from negotiation.data import load
from negotiation.understanding.lexicon import classes_in

# "백만원 넘게", "80만원 이상", "30만원 남짓": more than the amount said (but not "10만원 넘게는 못
# 내요", an upper limit on what can be paid).
LOWER_BOUND = re.compile(
    r"^\s?(원)?\s?(이|가|은|는)?\s?(훨씬\s?|좀\s?|조금\s?|살짝\s?|쪼금\s?)?"
    r"(이상|넘게|넘는|넘어|넘었|넘음|남짓|초과|넘을)(?!\s?(는|은|도)?\s?(못|안\s|안되|무리|힘들|어려))"
)


# "잘못 말했어요", "고칠게요": the person corrects a figure they gave earlier.
EXPLICIT_CORRECTION = re.compile(
    r"잘못|정정|고칠|고쳐|바꿔|바꿀|틀렸|틀려|아니라|아니고|실은|사실은|다시\s?말"
)


# Before a total, after its parts: the lexicon's ``sum`` class (합치다, 보태다, 총, and 하다 said
# right after an amount, as in "2만 해서 7만" — not inside 포함해서), and these constructions.
SUM_MARKER = re.compile(
    r"다\s?하면|있어서|있으니|니까\s?(한\s?달에|총|모두|전부|합)|"
    # a rate times a count makes a total: "2만원씩 세 달, 6만원"
    r"씩\s?[^\d.?!]{0,6}(달|개월)(치)?(이니까|니까|이면|면|해서)?[\s,]*$"
)


def marks_a_sum(text: str, start: int, end: int) -> bool:
    """Whether the words between two amounts make the second the total of what came before."""
    return "sum" in classes_in(text, start, end) or bool(SUM_MARKER.search(text[start:end]))


# Between two figures for the same slot, these say the second replaces the first ("35만원이요,
# 아 아니에요 38만원이에요", "20만 좀 넘는데 정확히는 21만 3천원").
SELF_CORRECTION = re.compile(
    # (A total after its parts replaces them too: ``marks_a_sum``.)
    r"(^|[\s,.])아\s|"
    # the value from now on after the one until now: "원래 7만원이었는데 이번 달부터는 4만원"
    r"(부터는|앞으로는|이제부터는?|이제는)|"
    r"아니|아뇨|정확히|정정|잘못|말고|틀렸|다시\s?말|그게\s?아니|실은|사실은|무리|"
    r"힘들|어려|벅차|대신|"
    # A rough figure, then the exact one: "칠만 얼마 되는디.. 칠만 사천원", "삼십만원 조금
    # 안 돼요 이십구만 오천원", "오만원 좀 넘지예 5만3천원".
    r"(얼마|조금|쪼금|좀|살짝|약간|몇\s?천)\s?(넘|안\s?(돼|되|됨)|못\s?(돼|되|미쳐)|모자|덜|되는|돼|됨|남)|"
    r"되나|될\s?걸|될\s?거|\bexactly\b|\bprecisely\b|\bactually\b|to\s?be\s?exact|정확하게는|"
    # Unsure, then looked it up or settled: "십이만원인가... 종이 보니께 십이만 사천원",
    # "20만원에서 22만원 사이? 고지서 보니 21만 6천원", "8~9만? 걍 8만으로 할게요".
    r"인가|인지|였나|이었나|일걸|보니|봤더니|확인하니|사이|걍|그냥|\.\.|…|(^|\s)음"
)


RANGE_BETWEEN = re.compile(r"\s?(원)?\s?(에서|~|-|부터|or|또는|아니면|내지)\s?")


# Money that is not the bill's: another debt, income, rent. An amount these name directly
# ("카드값도 60만원", "월급 210 받는데", "연금 33만원", "카드론이 매달 15만원씩") is not a figure of
# the plan, whatever else the sentence says.
def _other_money_nouns() -> str:
    """The lexicon's ``other_money`` nouns as one alternation, spaces optional between syllables
    ("카드 값" is 카드값), longest first."""
    nouns = sorted(load("lexicon")["classes"]["other_money"]["lemmas"], key=len, reverse=True)
    return "|".join(r"\s?".join(re.escape(char) for char in str(noun)) for noun in nouns)


OTHER_MONEY_BEFORE = re.compile(
    rf"({_other_money_nouns()}|카드(?=\s?(이|가|는|도)\s)|"
    # "은행빚", "사채빚" — not "폰 빚", "밀린 빚" or a bare "빚", which are the bill's
    r"(?<!폰 )(?<!폰)(?<!밀린 )(?<!통신 )(?<!통신)(?<!요금 )(?<!미납 )(?<=[가-힣])빚)"
    r"\s?(이|가|은|는|도|만|에|이랑|하고)?\s?(매달|매월|한\s?달에?|월)?\s?(약|한|대략)?\s?$"
)


# "용돈으로 매달 20만원 받아요": other money as the means, which is its own amount, unless the
# clause says that amount is what can be paid ("연금으로 매달 8만원은 낼 수 있어요" is the budget).
OTHER_MONEY_AS_MEANS = re.compile(
    rf"({_other_money_nouns()})\s?(으로|로)\s?(매달|매월|한\s?달에?|월)?\s?(약|한|대략)?\s?$"
)
