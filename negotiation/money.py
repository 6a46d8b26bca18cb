"""Korean money and month expressions: parsing what people type, and writing amounts back.

People type amounts in every form: ``35만원``, ``삼십오만 원``, ``350,000원``, ``12만 3천 5백원``,
``1.5만원``, ``약 35만``, ``3만오천원``; half in digits and half in Hangul numerals (``십오만
6천원``, ``일만5천원``), which is still one amount; as notes counted (``만원짜리 세 장``); glued
to the words around them (``매달칠만원쯤``, ``요금이5만5천원이고``); in full-width digits
(``３５만원``); in English or half in English (``350,000 won``, ``KRW 50000``, ``₩50,000``,
``70k``, ``7만 won``). The parser reads them into whole 원 or says why it could not; it never
guesses. Month expressions (``두 달``, ``2개월``,
``석 달``, ``반년``, ``1년 반``, ``2 months``, ``a month``) are read the same way.

Messages are typed by anyone, so every pattern here runs in linear time on any input. Digit runs
are bounded: an amount never has more than ``MAX_AMOUNT_DIGITS`` digits, and a longer run is not
an amount at all (it is not read as a shorter amount either). Where a pattern repeats a group
(``12만 3천 5백``), nothing after the repetition can fail, so the regex engine never backtracks
into it; the long-text checks are done in Python on bounded slices.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

# --- Text as typed and as read -----------------------------------------------------------------


@dataclass(frozen=True)
class _Normalized:
    """The text after NFKC, and for each of its characters the index it came from.

    NFKC turns full-width digits and signs (``３５０，０００``, ``￦``, ``～``) into ASCII ones,
    so one set of patterns reads both; ``origin`` maps every span found back to what the person
    typed, even where one typed character became several.
    """

    text: str
    origin: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


# Spellings people type for a unit, each as long as what it stands for so that spans still
# point into the original: "삼십마넌" is 삼십만원.
_SPELLINGS = (("마넌", "만원"),)


def _normalize(text: str) -> _Normalized:
    if unicodedata.is_normalized("NFKC", text):
        return _Normalized(_respell(text), range(len(text)))
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        # Character by character, so that each output character knows where it came from.
        piece = unicodedata.normalize("NFKC", char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return _Normalized(_respell("".join(pieces)), origin)


def _respell(text: str) -> str:
    for spelling, standard in _SPELLINGS:
        text = text.replace(spelling, standard)
    return text


def _is_hangul(char: str) -> bool:
    return "가" <= char <= "힣"


# --- Amounts -----------------------------------------------------------------------------------

SINO_DIGITS = {
    "영": 0,
    "공": 0,
    "일": 1,
    "이": 2,
    "삼": 3,
    "사": 4,
    "오": 5,
    "육": 6,
    "륙": 6,
    "칠": 7,
    "팔": 8,
    "구": 9,
}
SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
BIG_UNITS = {"만": 10_000, "억": 100_000_000}
ENGLISH_MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "million": 1_000_000}

# No phone bill has 20 digits; a longer digit run is an account or card number, or an attack.
MAX_AMOUNT_DIGITS = 20
# An amount body (digits, units and the spaces between them) is never longer than this:
# "1억 2,345만 6,789" has 16 characters. A longer run is not an amount, and it is never parsed.
_MAX_BODY_LENGTH = 48

_HANGUL_NUM_CHARS = "영공일이삼사오육륙칠팔구십백천만억"
_UNIT_CHARS = "십백천만억"
_DASHES = r"\-−–—"  # for character classes: hyphen-minus, minus sign, en and em dash
# A number: "350,000" (groups of three), "350000" or "1.5". The lookahead makes a longer run
# ("1"*30, "1234,567", "2024.06.01") fail as a whole instead of matching a piece of it.
_NUMBER = (
    rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}}){{1,6}}|[0-9]{{1,{MAX_AMOUNT_DIGITS}}})"
    r"(?:\.[0-9]{1,8})?(?![0-9]|[.,][0-9])"
)
_NUMBER_RE = re.compile(_NUMBER)
_UNIT_RE = re.compile(f"[{_UNIT_CHARS}]")
# An amount is one run of numerals however each of its places is written: in digits ("35만",
# "3,500", "1.5만", "2십만"), in Hangul numerals ("삼십오만", "오천") or in both ("십오만 6천",
# "15만 육천", "일만5천", "만 9천 8백"), with at most one space between its parts. A part is a
# number with its unit ("35만", "3천") or a word of Hangul numerals ("십오만"). One grammar
# reads what a run says (``amount_from_body``), whatever script each part is in; which parts of
# the run are money is decided by ``_read_run``. Anything else ends a run (원, 에, 이랑, 하고),
# so amounts joined by a word stay two amounts.
_DIGIT_PART = rf"(?<![0-9.,]){_NUMBER}(?:\s?(?:[십백천][만억]?|[만억]))?"
_HANGUL_PART = rf"[{_HANGUL_NUM_CHARS}]+"
_PART_RE = re.compile(rf"(?P<digits>{_DIGIT_PART})|(?P<hangul>{_HANGUL_PART})")
AMOUNT_RE = re.compile(rf"(?:{_DIGIT_PART}|{_HANGUL_PART})(?:\s?(?:{_DIGIT_PART}|{_HANGUL_PART}))*")
# A run with neither a digit nor a unit ("이", "오늘", "일일이") is never money.
_MONEY_CHAR_RE = re.compile(f"[0-9{_UNIT_CHARS}]")
_DIGIT_AFTER_RE = re.compile(r"\s?[0-9]")
# Patterns applied at a known position (with .match), on a few characters only.
_WON_AFTER_RE = re.compile(r"\s?(?:원|won(?![a-z])|krw(?![a-z])|₩)", re.IGNORECASE)
# "70k", "70k원", "70kwon", "100 thousand won", but not "70kg" or "70km".
_MULTIPLIER_AFTER_RE = re.compile(
    r"(?:(?P<word>k)|\s?(?P<long>thousand|million))(?=\Z|[^a-z]|won|krw)", re.IGNORECASE
)
# Korean fonts draw the backslash as ₩ (KS X 1003), so "\35,000" is 35,000원 too.
# Whatever may make a bare number money, looked for before the full checks: "15원", "15k".
_CURRENCY_OR_MULTIPLIER_AFTER_RE = re.compile(r"\s?[원wk₩t]|\s?million", re.IGNORECASE)
_WON_BEFORE_RE = re.compile(r"(?:₩|\\|(?<![a-z])krw)\s?\Z", re.IGNORECASE)
_MINUS_BEFORE_RE = re.compile(rf"(?:(?P<before>\S)\s?)?[{_DASHES}]\s?\Z|마이너스\s?\Z")
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
    rf"(?:[0-9{_HANGUL_NUM_CHARS}원]\s?[~〜{_DASHES}]|[0-9{_UNIT_CHARS}원k]\s?(?:에서|to(?![a-z])))"
    r"\s?\Z",
    re.IGNORECASE,
)
_AMOUNT_RANGE_AFTER_RE = re.compile(rf"\s?[~〜{_DASHES}]\s?[0-9{_HANGUL_NUM_CHARS}]")


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


def _tokenize_amount(body: str) -> list[Decimal | str]:
    """Split an amount body into Decimal numbers and unit characters."""
    tokens: list[Decimal | str] = []
    position = 0
    while position < len(body):
        char = body[position]
        if char.isspace():
            position += 1
            continue
        number = _NUMBER_RE.match(body, position)
        if number:
            tokens.append(_to_decimal(number.group(0)))
            position = number.end()
            continue
        if char in SINO_DIGITS:
            tokens.append(Decimal(SINO_DIGITS[char]))
        elif char in SMALL_UNITS or char in BIG_UNITS:
            tokens.append(char)
        else:
            raise ParseError("unreadable", f"unexpected character {char!r}")
        position += 1
    return tokens


class _Places:
    """Korean place notation, read left to right: each number is followed by the unit of its
    place (십, 백 and 천 within a group of four places, 만 and 억 closing a group), and places
    only descend. Digits and Hangul numerals are the same numbers here ("십오만 6천")."""

    def __init__(self) -> None:
        self.total = Decimal(0)  # the closed 만 and 억 groups
        self.section = Decimal(0)  # the open group: its completed 십, 백 and 천 parts
        self.number: Decimal | None = None  # the number waiting for its unit
        self.small: int | None = None  # the last 십, 백 or 천 of the open group
        self.big: int | None = None  # the last 만 or 억

    def add_number(self, number: Decimal) -> None:
        if self.number is not None:
            # Two numbers in a row ("3 5") cannot be read without guessing.
            raise ParseError("ambiguous", "two numbers without a unit between them")
        self.number = number

    def add_small_unit(self, unit: int) -> None:
        if self.small is not None and unit >= self.small:
            raise ParseError("ambiguous", "units out of order")  # "5백 3천", "천천"
        self.section += (self.number if self.number is not None else Decimal(1)) * unit
        self.number, self.small = None, unit

    def add_big_unit(self, unit: int) -> None:
        if self.big is not None and unit >= self.big:
            raise ParseError("ambiguous", "units out of order")
        said = self.number is not None or self.small is not None
        group = self._open_group() if said else Decimal(1)  # "만 원" is 10,000원
        _check_below(group * unit, self.big)
        self.total += group * unit
        self.section, self.number, self.small, self.big = Decimal(0), None, None, unit

    def value(self) -> Decimal:
        rest = self._open_group()
        _check_below(rest, self.big)
        return self.total + rest

    def _open_group(self) -> Decimal:
        return self.section + (self.number if self.number is not None else Decimal(0))


def _check_below(amount: Decimal, unit: int | None) -> None:
    """What follows a 만 or 억 is below it ("35만 5천"); "35만 20000" or "35만오만" is no amount."""
    if unit is not None and amount >= unit:
        raise ParseError("ambiguous", "a place after a unit is not below it")


# A message says the same amounts again and again, and a hostile one thousands of times; a
# body is at most _MAX_BODY_LENGTH characters, so the cache stays small.
@functools.lru_cache(maxsize=4096)
def amount_from_body(body: str) -> int:
    """Read one amount body such as ``35만5천``, ``백이십만`` or ``십오만 6천`` into whole 원."""
    if len(body) > _MAX_BODY_LENGTH:
        raise ParseError("too_long", "longer than any amount")
    tokens = _tokenize_amount(body)
    if not tokens:
        raise ParseError("empty", "no number")
    places = _Places()
    for token in tokens:
        if isinstance(token, Decimal):
            places.add_number(token)
        elif token in SMALL_UNITS:
            places.add_small_unit(SMALL_UNITS[token])
        else:
            places.add_big_unit(BIG_UNITS[token])
    value = places.value()
    if value != value.to_integral_value():
        raise ParseError("fraction", "the amount is not a whole number of 원")
    return int(value)


_PARTICLES_AFTER_AMOUNT = (
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
# Words made of numerals that are not money even with a particle after them: 이만 ("이만
# 할게요", that is enough), 일만 ("일만 해요", only work), 천만에 (not at all).
_ORDINARY_WORDS = ("이만", "일만")
_IDIOMS = ("천만에",)
# A numeral glued after a word may belong to that word: 요금이 (the particle 이), 요금만 (만,
# only), 회사 and 통신사 (사), 친구 (구), 매일 and 내일 (일), 기억 (억). Where the rest reads as
# another amount ("요금이십만원": 이십만 or 십만?) the text is ambiguous and is not read.
_PARTICLE_NUMERALS = "이만"
_PARTICLE_ENDINGS = "에은는을를가도로서고요와과의"
_WORDS_ENDING_IN_A_NUMERAL = (
    "회사",
    "통신사",
    "감사",
    "검사",
    "기사",
    "친구",
    "매일",
    "내일",
    "요일",
    "기억",
    "추억",
)


# Counts of things said with native numerals: notes and coins ("세 장"), months ("두 달").
NATIVE_COUNTS = {
    "열두": 12,
    "열한": 11,
    "열": 10,
    "아홉": 9,
    "여덟": 8,
    "일곱": 7,
    "여섯": 6,
    "다섯": 5,
    "넉": 4,
    "네": 4,
    "석": 3,
    "세": 3,
    "두": 2,
    "한": 1,
}

_NATIVE_ALT = "|".join(sorted(NATIVE_COUNTS, key=len, reverse=True))
# After "장", "개" or "닢" (notes and coins counted), the particles that may follow a count.
_AFTER_COUNTER = "|".join((*_PARTICLES_AFTER_AMOUNT, "과", "와", "랑", "하고", "뿐"))
# Notes and coins counted as people say them: "만원짜리 세 장", "오만원권 두 장",
# "오백원 동전 두 개".
_COUNTED_AFTER_RE = re.compile(
    rf"(?P<kind>짜리|권)?\s?(?P<medium>동전|지폐)?\s?"
    rf"(?P<count>{_NATIVE_ALT}|[0-9]{{1,2}})"
    rf"\s?(?P<counter>장|개|닢)(?=\Z|[^가-힣]|{_AFTER_COUNTER})"
)
_BANKNOTES = frozenset({1_000, 5_000, 10_000, 50_000})
_COINS = frozenset({10, 50, 100, 500})


@dataclass(frozen=True)
class _Amount:
    """An amount read from the normalized text: its value and span there."""

    value: int
    start: int
    end: int


class _Part(NamedTuple):
    """One part of a run of numerals, by its span in the normalized text: a number with its unit
    ("35만", "3,500", "2십만") or a word of Hangul numerals ("십오만")."""

    start: int
    end: int
    hangul: bool


def _find_amounts_in(text: str) -> list[_Amount]:
    found: list[_Amount] = []
    position = 0
    while run := AMOUNT_RE.search(text, position):
        amount = _read_run(text, run)
        position = run.end()
        if amount is not None:
            found.append(amount)
            position = max(position, amount.end)
    return found


def _read_run(text: str, run: re.Match[str]) -> _Amount | None:
    """The amount in a run of numerals, when only one reading of it is possible.

    A run standing alone ("삼십오만 원", "십오만 6천원") is read whole, or from a later word when
    the first is not part of it ("이 오만원": this, 50,000원). A run of Hangul numerals glued
    after a word ("매달칠만원") is read from its start, or one numeral later when that numeral may
    end the word ("요금이오만원"); when both readings are amounts, the text is ambiguous and is
    not read.
    """
    if _is_never_an_amount(text, run):
        return None
    parts = _parts(text, run)
    if _is_glued_to_a_word(text, parts[0]):
        if _ends_the_word_before(text, parts):
            # "요금이 백만원": the 이 glued to 요금 ends that word (a particle), and the space
            # after it ends it too; the amount is the next word, never "이 백만" (2,000,000).
            parts = parts[1:]
        else:
            readings = [
                reading
                for split in _glued_splits(text, parts)
                if (reading := _read_parts(text, split)) is not None
            ]
            if len({reading.value for reading in readings}) > 1:
                return None  # "요금이십만원": 이십만 or 십만?
            if readings:
                return readings[0]
            parts = parts[1:]
    return _read_from_first_word(text, parts)


def _is_never_an_amount(text: str, run: re.Match[str]) -> bool:
    """Runs that are not read at all: longer than any amount, without a digit or a unit ("이",
    "오늘": the common case), the unit of a digit run that is no number ("1"*30 + "만원"), or a
    run followed by such a digit run ("35만" + 30 digits), which it may be a piece of."""
    start, end = run.span()
    return (
        end - start > _MAX_BODY_LENGTH
        or not _MONEY_CHAR_RE.search(run.group())
        or _is_a_bare_small_number(text, start, end)
        or _follows_a_number(text, start)
        or bool(_DIGIT_AFTER_RE.match(text, end))
    )


def _is_a_bare_small_number(text: str, start: int, end: int) -> bool:
    """ "2" or "15" alone is a count or a date, unless a currency or a multiplier goes with it.
    The commonest run in a message, so it is settled before anything else is looked at."""
    return (
        end - start <= 2
        and text[start:end].isdigit()
        and not _CURRENCY_OR_MULTIPLIER_AFTER_RE.match(text, end)
        and not _WON_BEFORE_RE.search(text[max(0, start - 6) : start])
    )


def _follows_a_number(text: str, start: int) -> bool:
    """Numerals right after digits that are no number ("1"*30 + "오만원", "3,5만원"); a digit
    number before a run would have been its first part."""
    if start and text[start - 1].isdigit():
        return True
    return (
        start > 1
        and text[start - 1] == " "
        and text[start - 2].isdigit()
        and text[start] in _UNIT_CHARS
    )


def _parts(text: str, run: re.Match[str]) -> list[_Part]:
    return [
        _Part(part.start(), part.end(), part.lastgroup == "hangul")
        for part in _PART_RE.finditer(text, run.start(), run.end())
    ]


def _is_glued_to_a_word(text: str, part: _Part) -> bool:
    return part.hangul and part.start > 0 and _is_hangul(text[part.start - 1])


def _ends_the_word_before(text: str, parts: Sequence[_Part]) -> bool:
    """Whether Hangul numerals glued after a word, with a space after them, end that word: they
    have no unit (the particle 이, the 일 of 매일) or they are the particle 만 (only)."""
    if len(parts) < 2 or not text[parts[1].start - 1].isspace():
        return False
    first = parts[0]
    if not _UNIT_RE.search(text, first.start, first.end):
        return True
    return first.end == first.start + 1 and _may_be_a_particle(text, first.start)


def _may_be_a_particle(text: str, position: int) -> bool:
    """이 or 만 after a syllable that is no particle or ending ("요금이", "요금만")."""
    return text[position] in _PARTICLE_NUMERALS and text[position - 1] not in _PARTICLE_ENDINGS


def _glued_splits(text: str, parts: list[_Part]) -> list[list[_Part]]:
    """The ways to read a run glued after a word: from its first numeral, and from the second
    when the first may end that word and another numeral follows it without a space."""
    first = parts[0]
    second = first.start + 1
    followed = second < first.end or (len(parts) > 1 and parts[1].start == second)
    if not followed or not (
        _may_be_a_particle(text, first.start)
        or text[max(0, first.start - 3) : second].endswith(_WORDS_ENDING_IN_A_NUMERAL)
    ):
        return [parts]
    rest = [_Part(second, first.end, True)] if second < first.end else []
    return [parts, rest + parts[1:]]


def _read_from_first_word(text: str, parts: list[_Part]) -> _Amount | None:
    """The amount the parts spell from the first part that begins one. A Hangul word without a
    unit before an amount is another word ("이 오만원", "일일이 5만원"); a number or a word with a
    unit that cannot be read with the rest makes the run unreadable ("35만 5만원"), rather than
    read as a smaller amount after it."""
    for first, part in enumerate(parts):
        reading = _read_parts(text, parts[first:])
        if reading is not None or not part.hangul or _UNIT_RE.search(text, part.start, part.end):
            return reading
    return None


def _read_parts(text: str, parts: list[_Part]) -> _Amount | None:
    """The amount that ``parts`` spell from the first of them, or None."""
    if parts and not _WON_AFTER_RE.match(text, parts[-1].end):
        parts = _without_the_words_after(text, parts)
    if not parts:
        return None
    start, end = parts[0].start, parts[-1].end
    if all(part.hangul for part in parts) and not _hangul_numerals_are_money(text, start, end):
        return None
    return _read_body(text, start, end)


def _without_the_words_after(text: str, parts: list[_Part]) -> list[_Part]:
    """The parts of an amount that has no 원 after it, less what belongs to the words after it.

    Hangul numerals after the last unit are a particle or begin the next word ("35만이요",
    "삼십만이요", "5만 이상"), and Hangul numerals glued to more syllables are part of a word
    ("5만 천천히", "오만하다"). A number after a space and before a count word is the count
    ("35만 3개월").
    """
    parts = list(parts)
    while parts and parts[-1].hangul:
        last = parts[-1]
        unit_end = max(text.rfind(unit, last.start, last.end) for unit in _UNIT_CHARS) + 1
        if unit_end and not _continues_a_word(text, unit_end):
            parts[-1] = _Part(last.start, unit_end, True)
            break
        parts.pop()
    if (
        len(parts) > 1
        and not parts[-1].hangul
        and text[parts[-1].start - 1].isspace()
        and not _UNIT_RE.search(text, parts[-1].start, parts[-1].end)
        and _is_month_or_count(text, parts[-1].end)
    ):
        parts.pop()
    return parts


def _continues_a_word(text: str, position: int) -> bool:
    """Whether the Hangul numerals before ``position`` are syllables of a longer word: what
    follows them is a syllable other than a particle or a hedge ("천천히", "만약", "이만큼")."""
    rest = text[position : position + 4]
    return bool(rest) and _is_hangul(rest[0]) and not rest.startswith(_PARTICLES_AFTER_AMOUNT)


def _hangul_numerals_are_money(text: str, start: int, end: int) -> bool:
    """Hangul numerals are ordinary syllables too ("이", "오", "천천히", "만약", "이만 할게요",
    "공원"), so they count as money only with a unit in them and 원 after them, or with a numeral
    before a 만 or 억 in them and nothing but a particle after ("삼십만이요"; not "오천", which
    may be a place, nor "이만" or "일만", which are words)."""
    compact = re.sub(r"\s", "", text[start:end])
    if not _UNIT_RE.search(compact):
        return False  # "구원", "사원", "공원", "영원": words, and no bill is 9원
    if _WON_AFTER_RE.match(text, end):
        return True
    return (
        bool(re.search("[만억]", compact[1:]))
        and compact not in _ORDINARY_WORDS
        and not text.startswith(_IDIOMS, start)
    )


def _read_body(text: str, start: int, end: int) -> _Amount | None:
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
    if value is None or (not currency and value < 100 and not _UNIT_RE.search(body)):
        return None  # a fraction of 원 ("1.2345k"), or "2" or "15" alone
    value, end = _counted(text, value, end)
    return _Amount(value, span_start, end)


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
        if not _NUMBER_RE.fullmatch(body):
            return None
        multiplier = ENGLISH_MULTIPLIERS[(english.group("word") or english.group("long")).lower()]
        end, currency = english.end(), True
    won = _WON_AFTER_RE.match(text, end)
    if won:
        end, currency = won.end(), True
    return end, multiplier, currency


def _is_something_else(text: str, start: int, end: int) -> bool:
    """A number without currency that a count word, a date or a phone number's signs, or a
    letter makes something else ("3개월", "010-1234", "5G")."""
    return (
        _is_month_or_count(text, end)
        or _looks_like_other_number(text, start, end)
        or bool(re.match(r"[a-z]", text[end : end + 1], re.IGNORECASE))
    )


def _value(body: str, multiplier: int) -> int | None:
    """The whole 원 the body says (times an English multiplier), or None."""
    try:
        value = (
            Decimal(amount_from_body(body)) if multiplier == 1 else _to_decimal(body) * multiplier
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
        fits = value in _BANKNOTES and counted.group("medium") != "동전"
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
    return before is None or not (before.isdigit() or before in _UNIT_CHARS + "원kK")


def find_amounts(text: str) -> list[Found]:
    """Every amount of money in the text, in order, each with its span in ``text``.

    Bare digits without 원 or a unit count too ("350000"), but month and count words that follow
    a number ("2달", "3개월", "4번") make it something else, so those are skipped; so are negative
    amounts ("-35만원"), foreign money ("$500", "500달러") and digit runs longer than any bill.
    """
    normalized = _normalize(text)
    found: list[Found] = []
    for amount in _find_amounts_in(normalized.text):
        start, end = normalized.span(amount.start, amount.end)
        found.append(Found(amount.value, start, end, text[start:end]))
    return found


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


def _is_month_or_count(text: str, end: int) -> bool:
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


def parse_amount(text: str) -> int:
    """The single amount in ``text`` in whole 원; ``ParseError`` when there is none or several."""
    normalized = _normalize(text).text
    amounts = _find_amounts_in(normalized)
    if not amounts:
        raise ParseError("no_amount", "no amount in the text")
    if len({item.value for item in amounts}) > 1:
        raise ParseError("several", "more than one amount in the text")
    if any(_is_range(normalized, item) for item in amounts):
        raise ParseError("range", "a range such as 10~20만원 needs one number")
    return amounts[0].value


def _is_range(text: str, amount: _Amount) -> bool:
    """Whether the amount is one end of a range: "10~20만원", "삼십~사십만원", "10만-20만"."""
    return bool(
        _AMOUNT_RANGE_BEFORE_RE.search(text[max(0, amount.start - 6) : amount.start])
        or _AMOUNT_RANGE_AFTER_RE.match(text, amount.end)
    )


# --- Months ------------------------------------------------------------------------------------

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
    rf"(?P<range>(?:(?<![0-9.,])[0-9]{{1,3}}|{_NATIVE_ALT}|(?<![a-z])(?:{_ENGLISH_ALT}))"
    rf"\s?(?:[~〜{_DASHES}]|to(?![a-z])|or(?![a-z])|에서|내지)\s?)?"
    rf"(?:(?P<years>{_YEAR_DIGITS}|일|한)\s?(?P<yearword>년)"
    rf"(?:(?P<yearhalf>\s?반)|\s?(?P<plusmonths>(?<![0-9])[0-9]{{1,2}})\s?{_MONTH_WORD})?"
    rf"|(?P<halfyear>반\s?년)"
    rf"|(?:(?P<digits>{_MONTH_DIGITS})\s?{_MONTH_WORD}"
    rf"|(?P<native>{_NATIVE_ALT})\s?{_DAL}"
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
            and _is_hangul(text[start])
            and _is_hangul(text[start - 1])
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
    normalized = _normalize(text)
    found: list[Found] = []
    for reading in _scan_months(normalized.text):
        if reading.ranged or reading.value is None:
            continue
        start, end = normalized.span(reading.start, reading.end)
        found.append(Found(reading.value, start, end, text[start:end]))
    return found


def parse_months(text: str) -> int:
    """The single month count in ``text``; ``ParseError`` when there is none, several or a range."""
    readings = _scan_months(_normalize(text).text)
    if any(reading.ranged for reading in readings):
        raise ParseError("range", "a range of months needs one number")
    months = [reading.value for reading in readings if reading.value is not None]
    if not months:
        reason = "fraction" if readings else "no_months"
        raise ParseError(reason, "no whole month count in the text")
    if len(set(months)) > 1:
        raise ParseError("several", "more than one month count in the text")
    return months[0]


# --- Writing amounts ---------------------------------------------------------------------------


def _with_commas(number: int) -> str:
    """``number`` with thousands separators, even past Python's limit on int-to-str conversion
    (4,300 digits), which raises ValueError; Decimal converts without that limit."""
    try:
        return f"{number:,}"
    except ValueError:
        return format(Decimal(number), ",")


def _group_text(number: int) -> str:
    """A number under 10,000 as a Korean speaker writes it beside a unit: 8천, 3,500, 2,345."""
    if number % 1000 == 0 and number:
        return f"{number // 1000}천"
    return f"{number:,}"


def format_won(amount: int) -> str:
    """Write whole 원 the way a Korean speaker says them: 8만 8천원, 12만 3,500원, 1억 5천만원.

    Amounts read from text never pass ``MAX_AMOUNT_DIGITS``, but any int is written without
    raising, however large.
    """
    amount = int(amount)
    if amount < 0:
        return "-" + format_won(-amount)
    if amount == 0:
        return "0원"
    eok, rest = divmod(amount, 100_000_000)
    man, won = divmod(rest, 10_000)
    parts: list[str] = []
    if eok:
        parts.append(f"{_with_commas(eok)}억")
    if man:
        parts.append(f"{_group_text(man)}만")
    if won:
        parts.append(_group_text(won))
    return " ".join(parts) + "원"


def format_months(months: int) -> str:
    return f"{int(months)}개월"
