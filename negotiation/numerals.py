"""The numbers inside Korean money and month expressions, and the ground their readers share.

What a run of numerals *says*, whatever script each of its places is written in: digits
(``35만``, ``3,500``, ``1.5만``), Hangul numerals (``삼십오만``, ``오천``) or both (``십오만 6천``,
``일만5천``), read by one grammar of Korean place notation (``amount_from_body``, ``_Places``)
into whole 원, or refused with the reason (``ParseError``) rather than guessed. Native numerals
that count things (``세 장``, ``두 달``) are here too, because notes and months are both counted
with them.

Whether a run in a message is money at all, and which part of it, is decided around it
(:mod:`negotiation.money`, :mod:`negotiation.amount_context`); month counts are read by
:mod:`negotiation.months`. Both read the text through ``normalize_with_origin``, so that every
span they report points into what the person typed, and report what they read as ``Found``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# --- What a reading gives ----------------------------------------------------------------------


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


# --- Text as typed and as read -----------------------------------------------------------------


@dataclass(frozen=True)
class Normalized:
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


def normalize_with_origin(text: str) -> Normalized:
    """``text`` as the patterns read it, with the way back to what was typed."""
    if unicodedata.is_normalized("NFKC", text):
        return Normalized(_respell(text), range(len(text)))
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        # Character by character, so that each output character knows where it came from.
        piece = unicodedata.normalize("NFKC", char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return Normalized(_respell("".join(pieces)), origin)


def _respell(text: str) -> str:
    for spelling, standard in _SPELLINGS:
        text = text.replace(spelling, standard)
    return text


def is_hangul(char: str) -> bool:
    """Whether ``char`` is a Hangul syllable (a numeral glued to one may belong to a word)."""
    return "가" <= char <= "힣"


# --- Numerals and their places -----------------------------------------------------------------

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

# No phone bill has 20 digits; a longer digit run is an account or card number, or an attack.
MAX_AMOUNT_DIGITS = 20
# An amount body (digits, units and the spaces between them) is never longer than this:
# "1억 2,345만 6,789" has 16 characters. A longer run is not an amount, and it is never parsed.
MAX_BODY_LENGTH = 48

HANGUL_NUM_CHARS = "영공일이삼사오육륙칠팔구십백천만억"
UNIT_CHARS = "십백천만억"
DASHES = r"\-−–—"  # for character classes: hyphen-minus, minus sign, en and em dash
# A number: "350,000" (groups of three), "350000" or "1.5". The lookahead makes a longer run
# ("1"*30, "1234,567", "2024.06.01") fail as a whole instead of matching a piece of it.
NUMBER = (
    rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}}){{1,6}}|[0-9]{{1,{MAX_AMOUNT_DIGITS}}})"
    r"(?:\.[0-9]{1,8})?(?![0-9]|[.,][0-9])"
)
NUMBER_RE = re.compile(NUMBER)
UNIT_RE = re.compile(f"[{UNIT_CHARS}]")

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

# The counts as a pattern's alternatives, longest first, so that the longest count that fits
# is the one read ("열두", not "열").
NATIVE_ALT = "|".join(sorted(NATIVE_COUNTS, key=len, reverse=True))


def to_decimal(token: str) -> Decimal:
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
        number = NUMBER_RE.match(body, position)
        if number:
            tokens.append(to_decimal(number.group(0)))
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
# body is at most MAX_BODY_LENGTH characters, so the cache stays small.
@functools.lru_cache(maxsize=4096)
def amount_from_body(body: str) -> int:
    """Read one amount body such as ``35만5천``, ``백이십만`` or ``십오만 6천`` into whole 원."""
    if len(body) > MAX_BODY_LENGTH:
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
