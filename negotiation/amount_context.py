"""What stands around an amount in a message, and decides whether it is money and how much.

A run of numerals says a number (:mod:`negotiation.numerals`); what is written before and after
it says whether that number is money: 원, ₩ or KRW (``35만원``, ``₩50,000``), an English
multiplier (``70k``, ``1.5 million``), a count of notes or coins (``만원짜리 세 장`` is 30,000원).
It may equally say the number is something else: a count (``3개월``, ``4번``, ``2 months``), a
date or a phone number (``2024.06``, ``010-1234``), foreign money (``$500``, ``500달러``) or a
negative number (``-35만원``). It also tells one end of a range (``10~20만원``), which
``parse_amount`` refuses to take as the amount. Here are those rules, kept apart from
:mod:`negotiation.money`, which finds the runs and decides which part of each is the amount.

Every pattern here is matched at a known position or searched in a slice of a few characters
before it, so it costs the same on any message, however long or hostile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from negotiation.numerals import (
    DASHES,
    HANGUL_NUM_CHARS,
    MAX_AMOUNT_DIGITS,
    NATIVE_ALT,
    NATIVE_COUNTS,
    NUMBER_RE,
    UNIT_CHARS,
    UNIT_RE,
    ParseError,
    amount_from_body,
    to_decimal,
)

ENGLISH_MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "million": 1_000_000}

# Patterns applied at a known position (with .match), on a few characters only.
WON_AFTER_RE = re.compile(r"\s?(?:원|won(?![a-z])|krw(?![a-z])|₩)", re.IGNORECASE)
# "70k", "70k원", "70kwon", "100 thousand won", but not "70kg" or "70km".
_MULTIPLIER_AFTER_RE = re.compile(
    r"(?:(?P<word>k)|\s?(?P<long>thousand|million))(?=\Z|[^a-z]|won|krw)", re.IGNORECASE
)
# Korean fonts draw the backslash as ₩ (KS X 1003), so "\35,000" is 35,000원 too.
# Whatever may make a bare number money, looked for before the full checks: "15원", "15k".
_CURRENCY_OR_MULTIPLIER_AFTER_RE = re.compile(r"\s?[원wk₩t]|\s?million", re.IGNORECASE)
_WON_BEFORE_RE = re.compile(r"(?:₩|\\|(?<![a-z])krw)\s?\Z", re.IGNORECASE)
_MINUS_BEFORE_RE = re.compile(rf"(?:(?P<before>\S)\s?)?[{DASHES}]\s?\Z|마이너스\s?\Z")
# Particles and hedges that may follow a foreign currency word, as they follow 원.
_CURRENCY_WORD_END = r"(?=\Z|[^가-힣]|이|은|을|도|만|짜리|정도|쯤|씩|까지|요)"
_FOREIGN_AFTER_RE = re.compile(
    rf"\s?(?:달러|유로|위안|엔{_CURRENCY_WORD_END}|불{_CURRENCY_WORD_END}|[$€£¥]"
    r"|(?:dollars?|usd|bucks?|euros?|eur|yen|jpy|cny|cents?)(?![a-z]))",
    re.IGNORECASE,
)
_FOREIGN_BEFORE_RE = re.compile(r"(?:[$€£¥]|(?<![a-z])(?:usd|eur|jpy|cny))\s?\Z", re.IGNORECASE)
# "10~20만원", "삼십~사십만원", "10만에서 20만원", "50 to 70k"; but not "통신사에서 5만원".
_AMOUNT_RANGE_BEFORE_RE = re.compile(
    rf"(?:[0-9{HANGUL_NUM_CHARS}원]\s?[~〜{DASHES}]|[0-9{UNIT_CHARS}원k]\s?(?:에서|to(?![a-z])))"
    r"\s?\Z",
    re.IGNORECASE,
)
_AMOUNT_RANGE_AFTER_RE = re.compile(rf"\s?[~〜{DASHES}]\s?[0-9{HANGUL_NUM_CHARS}]")

# What may follow an amount and leave it the amount said: particles ("35만원이요") and hedges
# ("35만 정도"). After Hangul numerals they end the amount; any other syllable makes the
# numerals part of a longer word ("천천히").
PARTICLES_AFTER_AMOUNT = (
    "은",
    "는",
    "이",
    "을",
    "에",
    "요",
    "까지",
    "정도",
    "쯤",
    "씩",
    "가",
    "도",
    "만",
    "밖",
    "이나",
    "으로",
    "로",
    "인",
    "입",
    "부터",
    "짜리",
    # hedges: the value is still the number said
    "가량",
    "넘",
    "남짓",
    "가까이",
    "안팎",
    "내외",
    "언저리",
    "좀",
    "조금",
)
# After "장", "개" or "닢" (notes and coins counted), the particles that may follow a count.
_AFTER_COUNTER = "|".join((*PARTICLES_AFTER_AMOUNT, "과", "와", "랑", "하고", "뿐"))
# Notes and coins counted as people say them: "만원짜리 세 장", "오만원권 두 장",
# "오백원 동전 두 개".
_COUNTED_AFTER_RE = re.compile(
    rf"(?P<kind>짜리|권)?\s?(?P<medium>동전|지폐|수표|자기앞\s?수표)?\s?"
    rf"(?P<count>{NATIVE_ALT}|[0-9]{{1,2}})"
    rf"\s?(?P<counter>장|개|닢)(?=\Z|[^가-힣]|{_AFTER_COUNTER})"
)
_BANKNOTES = frozenset({1_000, 5_000, 10_000, 50_000})
# Bank cheques (자기앞수표) come in these amounts: "10만원짜리 수표 두 장" is 20만원.
_CHEQUES = frozenset({100_000, 500_000, 1_000_000})
_COINS = frozenset({10, 50, 100, 500})

# Words after a bare number that make it a count or a date, not money: "3개월", "4번", "2일".
_COUNT_WORDS = (
    "달",
    "개월",
    "월",
    "년",
    "번",
    "회",
    "일",
    "시",
    "분",
    "살",
    "명",
    "개",
    "주",
    "%",
    "퍼센트",
    "프로",
    "차",
    "째",
    "대",
    "기",
    "층",
    "호",
    "건",
)
# Words that begin like a count word but are not one: "35만 일시불로".
_NOT_COUNT_WORDS = ("일시불", "일단", "일부", "일괄", "일반")
_ENGLISH_COUNT_RE = re.compile(
    r"\s?(?:months?|mos?|mths?|years?|yrs?|days?|weeks?|wks?|times?|hours?|hrs?|minutes?|mins?"
    r"|percent|people|persons?|gb|mb|kb|tb|kg|km|cm|mm|g|m)(?![a-z])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """An amount read from the normalized text: its value and span there."""

    value: int
    start: int
    end: int


def read_body(text: str, start: int, end: int) -> Amount | None:
    """The amount ``text[start:end]`` says, read with what stands around it: a currency before
    it, an English multiplier, 원 or a count of notes after it; or None where what stands
    around it makes it something else (a count, a date, foreign money, a negative number)."""
    body = text[start:end]
    if len(body) > MAX_AMOUNT_DIGITS and sum(char.isdigit() for char in body) > MAX_AMOUNT_DIGITS:
        return None
    prefix = _WON_BEFORE_RE.search(text[max(0, start - 6) : start])
    span_start = start - (len(prefix.group()) if prefix else 0)
    if _is_negative(text, span_start) or _is_foreign(text, start, end):
        return None
    after = _money_after(text, body, end)
    if after is None:
        return None
    end, multiplier, currency = after
    currency = currency or bool(prefix)
    if not currency and _is_something_else(text, start, end):
        return None  # "3개월", "010-1234", "5G", "100GB": not money
    value = _value(body, multiplier)
    if value is None or (not currency and value < 100 and not UNIT_RE.search(body)):
        return None  # a fraction of 원 ("1.2345k"), or "2" or "15" alone
    value, end = _counted(text, value, end)
    return Amount(value, span_start, end)


def is_a_bare_small_number(text: str, start: int, end: int) -> bool:
    """ "2" or "15" alone is a count or a date, unless a currency or a multiplier goes with it.
    The commonest run in a message, so it is settled before anything else is looked at."""
    return (
        end - start <= 2
        and text[start:end].isdigit()
        and not _CURRENCY_OR_MULTIPLIER_AFTER_RE.match(text, end)
        and not _WON_BEFORE_RE.search(text[max(0, start - 6) : start])
    )


def is_range(text: str, amount: Amount) -> bool:
    """Whether the amount is one end of a range: "10~20만원", "삼십~사십만원", "10만-20만"."""
    return bool(
        _AMOUNT_RANGE_BEFORE_RE.search(text[max(0, amount.start - 6) : amount.start])
        or _AMOUNT_RANGE_AFTER_RE.match(text, amount.end)
    )


def is_month_or_count(text: str, end: int) -> bool:
    """Whether a count word follows the number that ends at ``end``: months, years, times,
    people, percent, sizes ("3개월", "2 months", "4번", "10%", "100GB")."""
    rest = text[end : end + 8].lstrip()
    if rest.startswith(_NOT_COUNT_WORDS):
        return False
    if rest.startswith("월") and end > 0 and text[end - 1] in "만억천백":
        return False  # "40만 월요금": after an amount with a unit, 월 begins the next word
    return rest.startswith(_COUNT_WORDS) or bool(_ENGLISH_COUNT_RE.match(text, end))


def _looks_like_other_number(text: str, start: int, end: int) -> bool:
    """Phone numbers, dates and times (010-1234, 1600-5500, 2024.06, 12:30) are not amounts; a
    full stop that ends the sentence ("35만.") does not make one."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return (len(before) == 2 and before[1] in "-./:" and before[0].isdigit()) or (
        len(after) == 2 and after[0] in "-./:" and after[1].isdigit()
    )


def _is_foreign(text: str, start: int, end: int) -> bool:
    """Foreign money: "$500", "USD 500", "500달러", "5만엔"."""
    return bool(
        _FOREIGN_BEFORE_RE.search(text[max(0, start - 6) : start])
        or _FOREIGN_AFTER_RE.match(text, end)
    )


def _money_after(text: str, body: str, end: int) -> tuple[int, int, bool] | None:
    """What follows the amount and makes it money: an English multiplier ("70k", "1.5 million")
    and 원; where they end, the multiplier and whether either is there. None where they
    contradict the amount ("7만k" says two different things)."""
    multiplier, currency = 1, False
    english = _MULTIPLIER_AFTER_RE.match(text, end)
    if english:
        if not NUMBER_RE.fullmatch(body):
            return None
        multiplier = ENGLISH_MULTIPLIERS[(english.group("word") or english.group("long")).lower()]
        end, currency = english.end(), True
    won = WON_AFTER_RE.match(text, end)
    if won:
        end, currency = won.end(), True
    return end, multiplier, currency


def _is_something_else(text: str, start: int, end: int) -> bool:
    """A number without currency that a count word, a date or a phone number's signs, or a
    letter makes something else ("3개월", "010-1234", "5G")."""
    return (
        is_month_or_count(text, end)
        or _looks_like_other_number(text, start, end)
        or bool(re.match(r"[a-z]", text[end : end + 1], re.IGNORECASE))
    )


def _value(body: str, multiplier: int) -> int | None:
    """The whole 원 the body says (times an English multiplier), or None."""
    try:
        value = (
            Decimal(amount_from_body(body)) if multiplier == 1 else to_decimal(body) * multiplier
        )
    except ParseError:
        return None
    return int(value) if value == value.to_integral_value() else None


def _counted(text: str, value: int, end: int) -> tuple[int, int]:
    """An amount in 원 followed by a count of notes or coins is what they make together, up to
    the end of the count. Only real notes (장) and coins (개, 닢) are counted: "3만원짜리 두 개"
    is two things of 3만원 each, and the amount said stays 3만원."""
    counted = _COUNTED_AFTER_RE.match(text, end) if text[end - 1] == "원" else None
    if counted is None:
        return value, end
    count_word = counted.group("count")
    count = int(count_word) if count_word.isdigit() else NATIVE_COUNTS[count_word]
    if counted.group("counter") == "장":
        medium = counted.group("medium") or ""
        fits = (
            (value in _CHEQUES) if "수표" in medium else (value in _BANKNOTES and medium != "동전")
        )
    else:
        fits = (
            value in _COINS
            and counted.group("medium") != "지폐"
            and counted.group("kind") != "권"  # 권 is a note's word
        )
    if not fits or count == 0:
        return value, end
    return value * count, counted.end()


def _is_negative(text: str, start: int) -> bool:
    """A minus sign before the amount ("-35만원", "마이너스 35만원"); a dash after a number is a
    range or a phone number instead ("10-20만원", "010-1234")."""
    sign = _MINUS_BEFORE_RE.search(text[max(0, start - 8) : start])
    if not sign:
        return False
    before = sign.group("before")
    return before is None or not (before.isdigit() or before in UNIT_CHARS + "원kK")
