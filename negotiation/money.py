"""Korean money and month expressions: parsing what people type, and writing amounts back.

People type amounts in every form: ``35만원``, ``삼십오만 원``, ``350,000원``, ``12만 3천 5백원``,
``1.5만원``, ``약 35만``. The parser reads them into whole 원 or says why it could not; it never
guesses. Month expressions (``두 달``, ``2개월``, ``석 달``, ``반년``) are read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import List, Optional

# --- Amounts -----------------------------------------------------------------------------------

SINO_DIGITS = {"영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6,
               "칠": 7, "팔": 8, "구": 9}
SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
BIG_UNITS = {"만": 10_000, "억": 100_000_000}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_HANGUL_NUM_CHARS = "영공일이삼사오육륙칠팔구십백천만억"
# An amount is either built on digits ("35만5천", "12만 3천 5백", "350,000", "1.5만") or written
# wholly in Hangul numerals ("삼십오만", "백이십만"); the two are not mixed, so that a particle
# after a digit amount ("35만이요") is never read as the numeral 이.
_DIGIT_PIECE = rf"(?:{_NUMBER})\s?[십백천만억]*"
_DIGIT_AMOUNT = rf"(?<![\d.,]){_DIGIT_PIECE}(?:\s?{_DIGIT_PIECE})*"
_HANGUL_AMOUNT = rf"(?<![가-힣\d])[{_HANGUL_NUM_CHARS}]+(?:\s[{_HANGUL_NUM_CHARS}]+)*"
AMOUNT_RE = re.compile(rf"(?P<body>{_DIGIT_AMOUNT}|{_HANGUL_AMOUNT})(?P<space>\s?)(?P<won>원)?")


class ParseError(ValueError):
    """The text holds no number that can be read without guessing; ``reason`` says why."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Found:
    """A value read from the text, with its character span in the original text."""

    value: int
    start: int
    end: int
    text: str


def _to_decimal(token: str) -> Decimal:
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the regex only lets numbers through
        raise ParseError("unreadable", f"not a number: {token!r}") from error


def _tokenize_amount(body: str) -> List[object]:
    """Split an amount body into Decimal numbers and unit characters."""
    tokens: List[object] = []
    position = 0
    while position < len(body):
        char = body[position]
        if char.isspace():
            position += 1
            continue
        number = re.match(_NUMBER, body[position:])
        if number:
            tokens.append(_to_decimal(number.group(0)))
            position += number.end()
            continue
        if char in SINO_DIGITS:
            tokens.append(Decimal(SINO_DIGITS[char]))
        elif char in SMALL_UNITS or char in BIG_UNITS:
            tokens.append(char)
        else:
            raise ParseError("unreadable", f"unexpected character {char!r}")
        position += 1
    return tokens


def amount_from_body(body: str) -> int:
    """Read one amount body such as ``35만5천`` or ``백이십만`` into whole 원."""
    tokens = _tokenize_amount(body)
    if not tokens:
        raise ParseError("empty", "no number")
    total = Decimal(0)  # sum of completed 만/억 groups
    section = Decimal(0)  # below 만: sum of completed 십/백/천 parts
    current: Optional[Decimal] = None  # the number waiting for its unit
    last_big = None
    for token in tokens:
        if isinstance(token, Decimal):
            if current is not None:
                # Two numbers in a row ("3 5") cannot be read without guessing.
                raise ParseError("ambiguous", "two numbers without a unit between them")
            current = token
        elif token in SMALL_UNITS:
            section += (current if current is not None else Decimal(1)) * SMALL_UNITS[token]
            current = None
        else:  # a big unit
            unit = BIG_UNITS[token]
            if last_big is not None and unit >= last_big:
                raise ParseError("ambiguous", "units out of order")
            group = section + (current if current is not None else Decimal(0))
            if group == 0:
                group = Decimal(1)  # "만 원" means 10,000원
            total += group * unit
            section, current, last_big = Decimal(0), None, unit
    value = total + section + (current if current is not None else Decimal(0))
    if value != value.to_integral_value():
        raise ParseError("fraction", "the amount is not a whole number of 원")
    return int(value)


_PARTICLES_AFTER_AMOUNT = ("은", "는", "이", "을", "에", "요", "까지", "정도", "쯤", "씩", "가", "도",
                          "만", "밖", "이나", "으로", "로", "인", "입")


def _hangul_body(body: str, won: bool, following: str) -> Optional[str]:
    """The part of a Hangul-numeral body that is money, or None when it is an ordinary word.

    Hangul numerals are ordinary syllables too ("이", "오", "천천히", "만약", "이만 할게요"), so
    they count as money only with 원 after them, or with a numeral and a 만/억 unit in them and
    nothing but a particle after; a bare numeral after the last unit without 원 is a particle
    ("삼십만이요" is 30만 followed by 이요).
    """
    if won:
        return body
    compact = body.replace(" ", "")
    last_big = max(compact.rfind("만"), compact.rfind("억"))
    if last_big < 1 or compact[:last_big + 1] == "이만":
        return None
    trimmed = compact[: last_big + 1]
    rest = compact[last_big + 1:] + following
    if rest and re.match(r"[가-힣]", rest) and not rest.startswith(_PARTICLES_AFTER_AMOUNT):
        return None
    return trimmed


def _end_of_compact(text: str, start: int, length: int) -> int:
    """Where a run of ``length`` non-space characters that begins at ``start`` ends in ``text``."""
    position = start
    while length:
        if not text[position].isspace():
            length -= 1
        position += 1
    return position


def find_amounts(text: str) -> List[Found]:
    """Every amount of money in the text, in order, each with its span.

    Bare digits without 원 or a unit count too ("350000"), but month and count words that follow
    a number ("2달", "3개월", "4번") make it something else, so those are skipped.
    """
    found: List[Found] = []
    for match in AMOUNT_RE.finditer(text):
        body = match.group("body").strip()
        won = bool(match.group("won"))
        end = match.end() if won else match.end("body")
        if not re.search(r"\d", body):
            body = _hangul_body(body, won, text[match.end("body"):match.end("body") + 2])
            if not body:
                continue
            if not won:
                end = _end_of_compact(text, match.start("body"), len(body))
        elif not won:
            if _is_month_or_count(text, match.end("body")):
                continue
            if _looks_like_other_number(text, match):
                continue
        try:
            value = amount_from_body(body)
        except ParseError:
            continue
        if not won and value < 100 and not re.search(r"[만억천백]", body):
            continue  # "2" or "15" alone is a count or a date, not money
        found.append(Found(value, match.start("body"), end, text[match.start("body"):end]))
    return found


_COUNT_WORDS = ("달", "개월", "월", "년", "번", "회", "일", "시", "분", "살", "명", "개", "주", "%",
                "퍼센트", "프로", "차", "째", "대", "기", "층", "호")


def _is_month_or_count(text: str, end: int) -> bool:
    rest = text[end:].lstrip()
    return any(rest.startswith(word) for word in _COUNT_WORDS)


def _looks_like_other_number(text: str, match: "re.Match[str]") -> bool:
    """Phone numbers and dates (010-1234, 1600-5500, 2024.06) are not amounts."""
    before = text[max(0, match.start() - 1):match.start()]
    after = text[match.end("body"):match.end("body") + 1]
    return before in ("-", ".", "/", ":") or after in ("-", ".", "/", ":")


def parse_amount(text: str) -> int:
    """The single amount in ``text`` in whole 원; ``ParseError`` when there is none or several."""
    amounts = find_amounts(text)
    if not amounts:
        raise ParseError("no_amount", "no amount in the text")
    if len({item.value for item in amounts}) > 1:
        raise ParseError("several", "more than one amount in the text")
    if _is_range(text):
        raise ParseError("range", "a range such as 10~20만원 needs one number")
    return amounts[0].value


def _is_range(text: str) -> bool:
    return bool(re.search(r"\d\s*[~\-]\s*\d|[일이삼사오육칠팔구]\s*[~\-]", text))


# --- Months ------------------------------------------------------------------------------------

NATIVE_COUNTS = {
    "열두": 12, "열한": 11, "열": 10, "아홉": 9, "여덟": 8, "일곱": 7, "여섯": 6, "다섯": 5,
    "넉": 4, "네": 4, "석": 3, "세": 3, "두": 2, "한": 1,
}
SINO_MONTH_COUNTS = {"십이": 12, "십일": 11, "십": 10, "구": 9, "팔": 8, "칠": 7, "육": 6, "오": 5,
                     "사": 4, "삼": 3, "이": 2, "일": 1}

_NATIVE_ALT = "|".join(sorted(NATIVE_COUNTS, key=len, reverse=True))
_SINO_ALT = "|".join(sorted(SINO_MONTH_COUNTS, key=len, reverse=True))
MONTHS_RE = re.compile(
    rf"(?P<range>(?:\d+|{_NATIVE_ALT})\s?[~\-]\s?)?"
    rf"(?:(?P<digits>\d+(?:\.\d+)?)\s?(?:개월|달|개 월)"
    rf"|(?P<native>{_NATIVE_ALT})\s?달"
    rf"|(?P<sino>{_SINO_ALT})\s?개월"
    rf"|(?P<halfyear>반\s?년)"
    rf"|(?P<years>\d+|일|한)\s?년"
    rf"|(?P<nativedouble>두세|서너|한두|두어)\s?달)"
)


def find_months(text: str) -> List[Found]:
    """Every month count in the text, in order (ranges such as 두세 달 are left out)."""
    found: List[Found] = []
    for match in MONTHS_RE.finditer(text):
        if match.group("range") or match.group("nativedouble"):
            continue
        start = match.start()
        if start > 0 and re.match(r"[가-힣]", text[start - 1]) and not match.group("digits"):
            # "세 달" inside a longer word ("이세 달") is not a count; digits stand alone anyway.
            if text[start - 1] not in " 약총한":
                continue
        value = _month_value(match)
        if value is None:
            continue
        found.append(Found(value, start, match.end(), match.group(0)))
    return found


def _month_value(match: "re.Match[str]") -> Optional[int]:
    if match.group("digits"):
        number = Decimal(match.group("digits"))
        if number != number.to_integral_value():
            return None  # "1.5개월" is not a whole number of billing months
        return int(number)
    if match.group("native"):
        return NATIVE_COUNTS[match.group("native")]
    if match.group("sino"):
        return SINO_MONTH_COUNTS[match.group("sino")]
    if match.group("halfyear"):
        return 6
    if match.group("years"):
        years = match.group("years")
        return 12 * (int(years) if years.isdigit() else 1)
    return None


def parse_months(text: str) -> int:
    """The single month count in ``text``; ``ParseError`` when there is none, several or a range."""
    if re.search(r"두세|서너|한두|두어|\d\s*[~\-]\s*\d+\s*(?:개월|달)", text):
        raise ParseError("range", "a range of months needs one number")
    months = find_months(text)
    if not months:
        raise ParseError("no_months", "no month count in the text")
    if len({item.value for item in months}) > 1:
        raise ParseError("several", "more than one month count in the text")
    return months[0].value


# --- Writing amounts ---------------------------------------------------------------------------


def _group_text(number: int) -> str:
    """A number under 10,000 as a Korean speaker writes it beside a unit: 8천, 3,500, 2,345."""
    if number % 1000 == 0 and number:
        return f"{number // 1000}천"
    return f"{number:,}"


def format_won(amount: int) -> str:
    """Write whole 원 the way a Korean speaker says them: 8만 8천원, 12만 3,500원, 1억 5천만원."""
    amount = int(amount)
    if amount < 0:
        return "-" + format_won(-amount)
    if amount == 0:
        return "0원"
    eok, rest = divmod(amount, 100_000_000)
    man, won = divmod(rest, 10_000)
    parts = []
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{_group_text(man)}만")
    if won:
        parts.append(_group_text(won))
    return " ".join(parts) + "원"


def format_months(months: int) -> str:
    return f"{int(months)}개월"
