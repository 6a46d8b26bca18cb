"""Amounts of money in what people type, and amounts written back.

People type amounts in every form: ``35만원``, ``삼십오만 원``, ``350,000원``, ``12만 3천 5백원``,
``1.5만원``, ``약 35만``, ``3만오천원``; half in digits and half in Hangul numerals (``십오만
6천원``, ``일만5천원``), which is still one amount; as notes counted (``만원짜리 세 장``); glued
to the words around them (``매달칠만원쯤``, ``요금이5만5천원이고``); in full-width digits
(``３５만원``); in English or half in English (``350,000 won``, ``KRW 50000``, ``₩50,000``,
``70k``, ``7만 won``). The parser reads them into whole 원 or says why it could not; it never
guesses.

The reading is in three parts. This module finds each run of numerals in a message and decides
which part of it is the amount, where Hangul numerals may be syllables of the words around them
(``요금이 백만원``, ``이 오만원``, ``천천히``). What that part says is read by the numeral grammar
(:mod:`negotiation.numerals`); whether it is money, and how much, by what stands around it
(:mod:`negotiation.amount_context`). Month counts (``두 달``, ``반년``) are read by
:mod:`negotiation.months`, and are importable from here too, as are ``Found`` and
``ParseError``, so that callers need one import for every figure they read.

Messages are typed by anyone, so every pattern here runs in linear time on any input. Digit runs
are bounded: an amount never has more than ``MAX_AMOUNT_DIGITS`` digits, and a longer run is not
an amount at all (it is not read as a shorter amount either). Where a pattern repeats a group
(``12만 3천 5백``), nothing after the repetition can fail, so the regex engine never backtracks
into it; the long-text checks are done in Python on bounded slices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from negotiation.amount_context import (
    PARTICLES_AFTER_AMOUNT,
    WON_AFTER_RE,
    Amount,
    is_a_bare_small_number,
    is_month_or_count,
    is_range,
    read_body,
)
from negotiation.months import find_months, format_months, parse_months
from negotiation.numerals import (
    HANGUL_NUM_CHARS,
    MAX_AMOUNT_DIGITS,
    MAX_BODY_LENGTH,
    NUMBER,
    UNIT_CHARS,
    UNIT_RE,
    Found,
    ParseError,
    is_hangul,
    normalize_with_origin,
)

# What the rest of the project imports from here; the names from other modules are re-exported.
__all__ = [
    "MAX_AMOUNT_DIGITS",
    "Found",
    "ParseError",
    "find_amounts",
    "find_months",
    "format_months",
    "format_won",
    "parse_amount",
    "parse_months",
]

# An amount is one run of numerals however each of its places is written: in digits ("35만",
# "3,500", "1.5만", "2십만"), in Hangul numerals ("삼십오만", "오천") or in both ("십오만 6천",
# "15만 육천", "일만5천", "만 9천 8백"), with at most one space between its parts. A part is a
# number with its unit ("35만", "3천") or a word of Hangul numerals ("십오만"). One grammar
# reads what a run says (``numerals.amount_from_body``), whatever script each part is in;
# which parts of the run are money is decided by ``_read_run``. Anything else ends a run (원,
# 에, 이랑, 하고), so amounts joined by a word stay two amounts.
_DIGIT_PART = rf"(?<![0-9.,]){NUMBER}(?:\s?(?:[십백천][만억]?|[만억]))?"
_HANGUL_PART = rf"[{HANGUL_NUM_CHARS}]+"
_PART_RE = re.compile(rf"(?P<digits>{_DIGIT_PART})|(?P<hangul>{_HANGUL_PART})")
_AMOUNT_RE = re.compile(
    rf"(?:{_DIGIT_PART}|{_HANGUL_PART})(?:\s?(?:{_DIGIT_PART}|{_HANGUL_PART}))*"
)
# A run with neither a digit nor a unit ("이", "오늘", "일일이") is never money.
_MONEY_CHAR_RE = re.compile(f"[0-9{UNIT_CHARS}]")
_DIGIT_AFTER_RE = re.compile(r"\s?[0-9]")

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


class _Part(NamedTuple):
    """One part of a run of numerals, by its span in the normalized text: a number with its unit
    ("35만", "3,500", "2십만") or a word of Hangul numerals ("십오만")."""

    start: int
    end: int
    hangul: bool


def find_amounts(text: str) -> list[Found]:
    """Every amount of money in the text, in order, each with its span in ``text``.

    Bare digits without 원 or a unit count too ("350000"), but month and count words that follow
    a number ("2달", "3개월", "4번") make it something else, so those are skipped; so are negative
    amounts ("-35만원"), foreign money ("$500", "500달러") and digit runs longer than any bill.
    """
    normalized = normalize_with_origin(text)
    found: list[Found] = []
    for amount in _find_amounts_in(normalized.text):
        start, end = normalized.span(amount.start, amount.end)
        found.append(Found(amount.value, start, end, text[start:end]))
    return found


def parse_amount(text: str) -> int:
    """The single amount in ``text`` in whole 원; ``ParseError`` when there is none or several."""
    normalized = normalize_with_origin(text).text
    amounts = _find_amounts_in(normalized)
    if not amounts:
        raise ParseError("no_amount", "no amount in the text")
    if len({item.value for item in amounts}) > 1:
        raise ParseError("several", "more than one amount in the text")
    if any(is_range(normalized, item) for item in amounts):
        raise ParseError("range", "a range such as 10~20만원 needs one number")
    return amounts[0].value


# --- Runs of numerals, and which part of each is the amount ------------------------------------


def _find_amounts_in(text: str) -> list[Amount]:
    found: list[Amount] = []
    position = 0
    while run := _AMOUNT_RE.search(text, position):
        amount = _read_run(text, run)
        position = run.end()
        if amount is not None:
            found.append(amount)
            position = max(position, amount.end)
    return found


def _read_run(text: str, run: re.Match[str]) -> Amount | None:
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
        end - start > MAX_BODY_LENGTH
        or not _MONEY_CHAR_RE.search(run.group())
        or is_a_bare_small_number(text, start, end)
        or _follows_a_number(text, start)
        or bool(_DIGIT_AFTER_RE.match(text, end))
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
        and text[start] in UNIT_CHARS
    )


def _parts(text: str, run: re.Match[str]) -> list[_Part]:
    return [
        _Part(part.start(), part.end(), part.lastgroup == "hangul")
        for part in _PART_RE.finditer(text, run.start(), run.end())
    ]


def _is_glued_to_a_word(text: str, part: _Part) -> bool:
    return part.hangul and part.start > 0 and is_hangul(text[part.start - 1])


def _ends_the_word_before(text: str, parts: Sequence[_Part]) -> bool:
    """Whether Hangul numerals glued after a word, with a space after them, end that word: they
    have no unit (the particle 이, the 일 of 매일) or they are the particle 만 (only)."""
    if len(parts) < 2 or not text[parts[1].start - 1].isspace():
        return False
    first = parts[0]
    if not UNIT_RE.search(text, first.start, first.end):
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


def _read_from_first_word(text: str, parts: list[_Part]) -> Amount | None:
    """The amount the parts spell from the first part that begins one. A Hangul word without a
    unit before an amount is another word ("이 오만원", "일일이 5만원"); a number or a word with a
    unit that cannot be read with the rest makes the run unreadable ("35만 5만원"), rather than
    read as a smaller amount after it."""
    for first, part in enumerate(parts):
        reading = _read_parts(text, parts[first:])
        if reading is not None or not part.hangul or UNIT_RE.search(text, part.start, part.end):
            return reading
    return None


def _read_parts(text: str, parts: list[_Part]) -> Amount | None:
    """The amount that ``parts`` spell from the first of them, or None."""
    if parts and not WON_AFTER_RE.match(text, parts[-1].end):
        parts = _without_the_words_after(text, parts)
    if not parts:
        return None
    start, end = parts[0].start, parts[-1].end
    if all(part.hangul for part in parts) and not _hangul_numerals_are_money(text, start, end):
        return None
    return read_body(text, start, end)


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
        unit_end = max(text.rfind(unit, last.start, last.end) for unit in UNIT_CHARS) + 1
        if unit_end and not _continues_a_word(text, unit_end):
            parts[-1] = _Part(last.start, unit_end, True)
            break
        parts.pop()
    if (
        len(parts) > 1
        and not parts[-1].hangul
        and text[parts[-1].start - 1].isspace()
        and not UNIT_RE.search(text, parts[-1].start, parts[-1].end)
        and is_month_or_count(text, parts[-1].end)
    ):
        parts.pop()
    return parts


def _continues_a_word(text: str, position: int) -> bool:
    """Whether the Hangul numerals before ``position`` are syllables of a longer word: what
    follows them is a syllable other than a particle or a hedge ("천천히", "만약", "이만큼")."""
    rest = text[position : position + 4]
    return bool(rest) and is_hangul(rest[0]) and not rest.startswith(PARTICLES_AFTER_AMOUNT)


def _hangul_numerals_are_money(text: str, start: int, end: int) -> bool:
    """Hangul numerals are ordinary syllables too ("이", "오", "천천히", "만약", "이만 할게요",
    "공원"), so they count as money only with a unit in them and 원 after them, or with a numeral
    before a 만 or 억 in them and nothing but a particle after ("삼십만이요"; not "오천", which
    may be a place, nor "이만" or "일만", which are words)."""
    compact = re.sub(r"\s", "", text[start:end])
    if not UNIT_RE.search(compact):
        return False  # "구원", "사원", "공원", "영원": words, and no bill is 9원
    if WON_AFTER_RE.match(text, end):
        return True
    return (
        bool(re.search("[만억]", compact[1:]))
        and compact not in _ORDINARY_WORDS
        and not text.startswith(_IDIOMS, start)
    )


# --- Writing amounts back ----------------------------------------------------------------------


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
