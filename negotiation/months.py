"""Month counts in what people type: how many months are owed, or wanted to pay back in.

People say them in digits, in native or Sino-Korean numerals, in years and halves, and in
English: ``2개월``, ``두 달``, ``석 달``, ``삼 개월``, ``1년``, ``반년``, ``1년 3개월``,
``2 months``, ``a month``, ``two years``. A count that is not a whole number of months
(``1.5개월``, ``한 달 반``) or a range (``두세 달``, ``2~3개월``) is found but never read as one
count: a plan is made of whole billing months, and is never guessed.

Every month count is one match of one pattern (``MONTHS_RE``), which runs in linear time on any
input; the checks around a match look at a few characters only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from negotiation.numerals import (
    DASHES,
    NATIVE_ALT,
    NATIVE_COUNTS,
    Found,
    ParseError,
    is_hangul,
    normalize_with_origin,
)

SINO_MONTH_COUNTS = {
    "십이": 12,
    "십일": 11,
    "십": 10,
    "구": 9,
    "팔": 8,
    "칠": 7,
    "육": 6,
    "오": 5,
    "사": 4,
    "삼": 3,
    "이": 2,
    "일": 1,
}
ENGLISH_COUNTS = {
    "twelve": 12,
    "eleven": 11,
    "ten": 10,
    "nine": 9,
    "eight": 8,
    "seven": 7,
    "six": 6,
    "five": 5,
    "four": 4,
    "three": 3,
    "two": 2,
    "one": 1,
    "a": 1,
}

_SINO_ALT = "|".join(sorted(SINO_MONTH_COUNTS, key=len, reverse=True))
_ENGLISH_ALT = "|".join(sorted(ENGLISH_COUNTS, key=len, reverse=True))
# Month counts have at most three digits, year counts two ("2024년" is a date, not a count).
_MONTH_DIGITS = r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{1,2})?(?![0-9]|[.,][0-9])"
_YEAR_DIGITS = r"(?<![0-9.,])[0-9]{1,2}(?:\.[0-9]{1,2})?(?![0-9]|[.,][0-9])"
# 달 is the month unless it begins another word: 달러, 달라고, 달력, 달리, 달걀 …
_DAL = r"달(?![러라래려력리걀팽콤빛])"
_MONTH_WORD = rf"(?:개월|{_DAL}|개 월)"
_HALF = r"(?P<half>\s?반)?"
MONTHS_RE = re.compile(
    rf"(?P<range>(?:(?<![0-9.,])[0-9]{{1,3}}|{NATIVE_ALT}|(?<![a-z])(?:{_ENGLISH_ALT}))"
    rf"\s?(?:[~〜{DASHES}]|to(?![a-z])|or(?![a-z])|에서|내지)\s?)?"
    rf"(?:(?P<years>{_YEAR_DIGITS}|일|한)\s?(?P<yearword>년)"
    rf"(?:(?P<yearhalf>\s?반)|\s?(?P<plusmonths>(?<![0-9])[0-9]{{1,2}})\s?{_MONTH_WORD})?"
    rf"|(?P<halfyear>반\s?년)"
    rf"|(?:(?P<digits>{_MONTH_DIGITS})\s?{_MONTH_WORD}"
    rf"|(?P<native>{NATIVE_ALT})\s?{_DAL}"
    rf"|(?P<sino>{_SINO_ALT})\s?개월){_HALF}"
    rf"|(?P<nativedouble>두세|서너|한두|두어)\s?{_DAL}"
    rf"|(?:(?P<endigits>{_MONTH_DIGITS})\s?|(?<![a-z])(?P<enword>{_ENGLISH_ALT})\s)"
    rf"(?:(?P<enmonths>months?|mos?|mths?)|(?P<enyears>years?|yrs?))(?![a-z])"
    rf"(?P<enhalf>\sand\sa\shalf)?"
    rf"|(?<![a-z])(?P<enhalfyear>half\s(?:a\s)?year)(?![a-z]))",
    re.IGNORECASE,
)
# After "반" these syllables make another word (반납, 반드시, 반대, 반값 …), not "half".
_NOT_HALF_NEXT = "납드대값복응갑가송환품영찬말짝성려지면"
# "24년 3월" and "24년도" are dates; "1년도 안 됐어요" is less than a year. "2년도 넘게" counts.
_NOT_A_YEAR_COUNT_RE = re.compile(r"도(?!\s?넘)|\s?[0-9]{1,2}\s?월")
# A count in Hangul glued after a word is read only after a particle, an ending or a hedge
# ("인데두달", "밀린지석달", "벌써세달째", "약두달"); after other syllables it may be part of the
# word ("이세 달").
_GLUE_BEFORE_COUNT = "약총한은는가을를도에서고요데지게면니야아어써미의"


@dataclass(frozen=True)
class _MonthReading:
    value: int | None  # None: a month expression that is no whole count ("한 달 반")
    start: int
    end: int
    ranged: bool


def _is_half(text: str, half_end: int) -> bool:
    """Whether the 반 that ends at ``half_end`` means half, not 반납 or 반드시."""
    return half_end >= len(text) or text[half_end] not in _NOT_HALF_NEXT


def _scan_months(text: str) -> list[_MonthReading]:
    found: list[_MonthReading] = []
    for match in MONTHS_RE.finditer(text):
        start = match.start()
        if (
            start > 0
            and is_hangul(text[start])
            and is_hangul(text[start - 1])
            and text[start - 1] not in _GLUE_BEFORE_COUNT
        ):
            continue  # "세 달" inside a longer word ("이세 달") is not a count; digits stand alone
        if match.group("years") and _NOT_A_YEAR_COUNT_RE.match(text, match.end("yearword")):
            continue
        ranged = bool(match.group("range") or match.group("nativedouble"))
        found.append(
            _MonthReading(_month_value(text, match), start, _month_end(text, match), ranged)
        )
    return found


def _month_end(text: str, match: re.Match[str]) -> int:
    """Where the month expression ends: before a 반 that begins another word ("두 달 반납")."""
    for half in ("half", "yearhalf"):
        if match.group(half) and not _is_half(text, match.end(half)):
            return match.start(half)
    return match.end()


def _whole(number: Decimal) -> int | None:
    return int(number) if number == number.to_integral_value() else None


def _month_value(text: str, match: re.Match[str]) -> int | None:
    """The whole number of months the match says, or None ("1.5개월", "한 달 반")."""
    if match.group("half") and _is_half(text, match.end("half")):
        return None  # "두 달 반" is not a whole number of billing months
    if match.group("years"):
        years = match.group("years")
        count = Decimal(years) if years[0].isdigit() else Decimal(1)
        if match.group("yearhalf") and _is_half(text, match.end("yearhalf")):
            count += Decimal("0.5")
        extra = int(match.group("plusmonths")) if match.group("plusmonths") else 0
        return _whole(count * 12 + extra)
    if match.group("digits"):
        return _whole(Decimal(match.group("digits")))
    if match.group("native"):
        return NATIVE_COUNTS[match.group("native")]
    if match.group("sino"):
        return SINO_MONTH_COUNTS[match.group("sino")]
    if match.group("halfyear") or match.group("enhalfyear"):
        return 6
    if match.group("endigits") or match.group("enword"):
        count = (
            Decimal(match.group("endigits"))
            if match.group("endigits")
            else Decimal(ENGLISH_COUNTS[match.group("enword").lower()])
        )
        if match.group("enhalf"):
            count += Decimal("0.5")
        return _whole(count * 12 if match.group("enyears") else count)
    return None


def find_months(text: str) -> list[Found]:
    """Every month count in the text, in order, each with its span in ``text``. Ranges (두세 달,
    2~3개월) and counts that are not whole (1.5개월, 한 달 반) are left out."""
    normalized = normalize_with_origin(text)
    found: list[Found] = []
    for reading in _scan_months(normalized.text):
        if reading.ranged or reading.value is None:
            continue
        start, end = normalized.span(reading.start, reading.end)
        found.append(Found(reading.value, start, end, text[start:end]))
    return found


def parse_months(text: str) -> int:
    """The single month count in ``text``; ``ParseError`` when there is none, several or a range."""
    readings = _scan_months(normalize_with_origin(text).text)
    if any(reading.ranged for reading in readings):
        raise ParseError("range", "a range of months needs one number")
    months = [reading.value for reading in readings if reading.value is not None]
    if not months:
        reason = "fraction" if readings else "no_months"
        raise ParseError(reason, "no whole month count in the text")
    if len(set(months)) > 1:
        raise ParseError("several", "more than one month count in the text")
    return months[0]


def format_months(months: int) -> str:
    """A month count as the coach writes it: ``3개월``."""
    return f"{int(months)}개월"
