"""Korean money and month expressions: parsing what people type, and writing amounts back.

People type amounts in every form: ``35만원``, ``삼십오만 원``, ``350,000원``, ``12만 3천 5백원``,
``1.5만원``, ``약 35만``, ``3만오천원``; glued to the words around them (``매달칠만원쯤``,
``요금이5만5천원이고``); in full-width digits (``３５만원``); in English or half in English
(``350,000 won``, ``KRW 50000``, ``₩50,000``, ``70k``, ``7만 won``). The parser reads them into
whole 원 or says why it could not; it never guesses. Month expressions (``두 달``, ``2개월``,
``석 달``, ``반년``, ``1년 반``, ``2 months``, ``a month``) are read the same way.

Messages are typed by anyone, so every pattern here runs in linear time on any input. Digit runs
are bounded: an amount never has more than ``MAX_AMOUNT_DIGITS`` digits, and a longer run is not
an amount at all (it is not read as a shorter amount either). Where a pattern repeats a group
(``12만 3천 5백``), nothing after the repetition can fail, so the regex engine never backtracks
into it; the long-text checks are done in Python on bounded slices.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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
# "구천구백구십구억 구천구백구십구만 구천구백구십구" has 22 numerals; a longer run is no amount.
_MAX_HANGUL_NUMERALS = 24

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
_DIGIT_PIECE = rf"{_NUMBER}(?:\s?(?:[십백천][만억]?|[만억]))?"
_DIGIT_PIECE_RE = re.compile(_DIGIT_PIECE)
_UNIT_RE = re.compile(f"[{_UNIT_CHARS}]")
_HANGUL_RUN = rf"[{_HANGUL_NUM_CHARS}]+(?:\s[{_HANGUL_NUM_CHARS}]+)*"
_HANGUL_RUN_RE = re.compile(_HANGUL_RUN)
# An amount is built on digits ("35만5천", "12만 3천 5백", "350,000", "1.5만"; "만 9천 8백", where
# 만 alone is 1만) or written in Hangul numerals ("삼십오만", "백이십만"). A Hangul part after a
# digit amount is read only as its lower places ("3만오천" is 35,000), so that a particle after
# a digit amount ("35만이요") is never read as the numeral 이.
AMOUNT_RE = re.compile(
    rf"(?P<digits>(?:(?<![0-9.,가-힣])[만억]\s?)?(?<![0-9.,])"
    rf"{_DIGIT_PIECE}(?:\s?{_DIGIT_PIECE})*)"
    rf"|(?P<hangul>{_HANGUL_RUN})"
)

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


def amount_from_body(body: str) -> int:
    """Read one amount body such as ``35만5천`` or ``백이십만`` into whole 원."""
    if len(body) > _MAX_BODY_LENGTH:
        raise ParseError("too_long", "longer than any amount")
    tokens = _tokenize_amount(body)
    if not tokens:
        raise ParseError("empty", "no number")
    total = Decimal(0)  # sum of completed 만/억 groups
    section = Decimal(0)  # below 만: sum of completed 십/백/천 parts
    current: Decimal | None = None  # the number waiting for its unit
    last_big: int | None = None
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


@dataclass(frozen=True)
class _Amount:
    """An amount read from the normalized text: its value and span there."""

    value: int
    start: int
    end: int


def _hangul_body(body: str, won: bool, following: str, lower_places: bool = False) -> str | None:
    """The part of a Hangul-numeral body that is money, or None when it is an ordinary word.

    Hangul numerals are ordinary syllables too ("이", "오", "천천히", "만약", "이만 할게요",
    "공원"), so they count as money only with a unit in them and 원 after them, or with a numeral
    and a 만/억 unit in them and nothing but a particle after; a bare numeral after the last unit
    without 원 is a particle ("삼십만이요" is 30만 followed by 이요). The ``lower_places`` of a
    digit amount ("12만" + "오천이요") may end on any unit.
    """
    compact = body.replace(" ", "")
    if not any(unit in compact for unit in _UNIT_CHARS):
        return None  # "구원", "사원", "공원", "영원": words, and no bill is 9원
    if won:
        return compact
    last_unit = max(compact.rfind(unit) for unit in (_UNIT_CHARS if lower_places else "만억"))
    trimmed = compact[: last_unit + 1]
    if last_unit < (0 if lower_places else 1) or trimmed in _ORDINARY_WORDS:
        return None
    rest = compact[last_unit + 1 :] + following
    if rest and _is_hangul(rest[0]) and not rest.startswith(_PARTICLES_AFTER_AMOUNT):
        return None
    if (trimmed + rest).startswith(_IDIOMS):
        return None
    return trimmed


def _read_hangul_from(
    text: str,
    chars: Sequence[tuple[int, str]],
    first: int,
    run_end: int,
    lower_places: bool = False,
) -> _Amount | None:
    """The amount that the Hangul numerals ``chars[first:]`` (positions in ``text``) spell, or
    None. ``run_end`` is where the run of numerals ends in ``text``."""
    body = "".join(char for _, char in chars[first:])
    won = _WON_AFTER_RE.match(text, run_end)
    money = _hangul_body(body, bool(won), text[run_end : run_end + 2], lower_places)
    if not money:
        return None
    start = chars[first][0]
    if won:
        end = won.end()
    else:
        end = chars[first + len(money) - 1][0] + 1
        if _is_month_or_count(text, end) or _FOREIGN_AFTER_RE.match(text, end):
            return None  # "오십만 명", "오만 달러"
    try:
        value = amount_from_body(money)
    except ParseError:
        return None
    return _Amount(value, start, end)


def _glued_word_tail(text: str, start: int, chars: Sequence[tuple[int, str]]) -> int:
    """How many of the numerals at ``start`` may end the word glued before them (0 or 1)."""
    if len(chars) < 2 or chars[1][0] != chars[0][0] + 1:
        return 0
    if chars[0][1] in _PARTICLE_NUMERALS and text[start - 1] not in _PARTICLE_ENDINGS:
        return 1
    if text[max(0, start - 3) : start + 1].endswith(_WORDS_ENDING_IN_A_NUMERAL):
        return 1
    return 0


def _read_hangul_amount(text: str, match: re.Match[str]) -> _Amount | None:
    """A run of Hangul numerals: the longest part of it that is money, when only one reading is
    possible.

    A run standing alone ("삼십오만 원") is read whole, or from a later word when the first is
    not part of it ("이 오만원": this, 50,000원). A run glued after a word ("매달칠만원") is read
    from its start, or one numeral later when that numeral may end the word ("요금이오만원");
    when both readings are amounts, the text is ambiguous and is not read.
    """
    start = match.start()
    if not _UNIT_RE.search(match.group()):
        return None  # "이", "오늘", "일일이": no unit, so never money (and the common case)
    chars = [(index, char) for index, char in enumerate(match.group(), start) if not char.isspace()]
    if len(chars) > _MAX_HANGUL_NUMERALS:
        return None
    word_starts = [0] + [i for i in range(1, len(chars)) if chars[i][0] != chars[i - 1][0] + 1]
    glued = start > 0 and _is_hangul(text[start - 1])
    if glued and len(word_starts) > 1:
        first_word = "".join(char for _, char in chars[: word_starts[1]])
        if not re.search("[만억]", first_word):
            # "요금이 백만원": the 이 glued to 요금 ends that word (a particle), and the space
            # after it ends it too; the amount is the next word, never "이 백만" (2,000,000).
            glued, word_starts = False, word_starts[1:]
    if glued:
        tail = _glued_word_tail(text, start, chars)
        readings = [
            reading
            for reading in (
                _read_hangul_from(text, chars, first, match.end())
                for first in ((0, tail) if tail else (0,))
            )
            if reading is not None
        ]
        if len({reading.value for reading in readings}) > 1:
            return None
        if readings:
            return readings[0]
        word_starts = word_starts[1:]
    for first in word_starts:
        reading = _read_hangul_from(text, chars, first, match.end())
        if reading is not None:
            return reading
    return None


def _lower_places_after(text: str, position: int) -> tuple[str, int, int, bool] | None:
    """Hangul numerals right after a digit amount ("3만" + "오천원"): their body, value, where
    they end and whether 원 follows; None when what follows is not a Hangul amount with a unit."""
    if position < len(text) and text[position] == " ":
        position += 1
    run = _HANGUL_RUN_RE.match(text, position)
    if not run or run.group()[0] in "만억":
        return None
    chars = [
        (index, char) for index, char in enumerate(run.group(), position) if not char.isspace()
    ]
    if len(chars) > _MAX_HANGUL_NUMERALS:
        return None
    reading = _read_hangul_from(text, chars, 0, run.end(), lower_places=True)
    if reading is None:
        return None
    won = _WON_AFTER_RE.match(text, run.end())
    body = text[position : run.end() if won else reading.end]
    return body, reading.value, reading.end, bool(won)


def _is_negative(text: str, start: int) -> bool:
    """A minus sign before the amount ("-35만원", "마이너스 35만원"); a dash after a number is a
    range or a phone number instead ("10-20만원", "010-1234")."""
    sign = _MINUS_BEFORE_RE.search(text[max(0, start - 8) : start])
    if not sign:
        return False
    before = sign.group("before")
    return before is None or not (before.isdigit() or before in _UNIT_CHARS + "원kK")


def _read_digit_amount(text: str, match: re.Match[str]) -> tuple[_Amount | None, int]:
    """An amount built on digits, and how far the text it took goes (read or not)."""
    start, end = match.span()
    if end - start > _MAX_BODY_LENGTH:
        return None, end
    if re.match(r"\s?[0-9]", text[end : end + 2]):
        return None, end  # followed by a digit run that is no number: "35만" + 30 digits
    if " " in text[start:end] and _is_month_or_count(text, end):
        # "35만 3개월": the last number is the count, the amount is what comes before it.
        pieces = [piece.span() for piece in _DIGIT_PIECE_RE.finditer(text, start, end)]
        if (
            len(pieces) > 1
            and pieces[-1][0] > pieces[-2][1]
            and not _UNIT_RE.search(text, pieces[-1][0], end)
        ):
            end = pieces[-2][1]
    body = text[start:end]
    if sum(char.isdigit() for char in body) > MAX_AMOUNT_DIGITS:
        return None, match.end()
    taken_end = match.end()

    prefix = _WON_BEFORE_RE.search(text[max(0, start - 6) : start])
    if (
        not prefix
        and len(body) <= 2
        and body.isdigit()
        and not _CURRENCY_OR_MULTIPLIER_AFTER_RE.match(text, end)
    ):
        return None, taken_end  # "2" or "15" alone is a count or a date (the common case)
    span_start = start - (len(prefix.group()) if prefix else 0)
    if _is_negative(text, span_start) or _FOREIGN_BEFORE_RE.search(text[max(0, start - 6) : start]):
        return None, taken_end
    if _FOREIGN_AFTER_RE.match(text, end):
        return None, taken_end

    multiplier = 1
    currency = bool(prefix)
    has_unit = any(unit in body for unit in _UNIT_CHARS)
    english = _MULTIPLIER_AFTER_RE.match(text, end)
    if english:
        if has_unit:
            return None, english.end()  # "7만k" says two different things
        multiplier = ENGLISH_MULTIPLIERS[(english.group("word") or english.group("long")).lower()]
        end = taken_end = english.end()
        currency = True
    won = _WON_AFTER_RE.match(text, end)
    if won:
        end = taken_end = won.end()
        currency = True
    elif not english and body[-1] in "만억":
        lower = _lower_places_after(text, end)
        if lower:
            lower_body, lower_value, lower_end, lower_won = lower
            if lower_value >= BIG_UNITS[body[-1]]:
                return None, lower_end  # "35만오만원" is no amount
            body, end, taken_end = body + lower_body, lower_end, lower_end
            currency = currency or lower_won

    if not currency and (
        _is_month_or_count(text, end)
        or _looks_like_other_number(text, start, end)
        or re.match(r"[a-z]", text[end : end + 1], re.IGNORECASE)
    ):
        return None, taken_end  # "3개월", "010-1234", "5G", "100GB": not money
    try:
        value = (
            Decimal(amount_from_body(body)) if multiplier == 1 else _to_decimal(body) * multiplier
        )
    except ParseError:
        return None, taken_end
    if value != value.to_integral_value():
        return None, taken_end  # "1.2345k"
    if not currency and value < 100 and not has_unit:
        return None, taken_end  # "2" or "15" alone is a count or a date, not money
    return _Amount(int(value), span_start, end), taken_end


def _find_amounts_in(text: str) -> list[_Amount]:
    found: list[_Amount] = []
    position = 0
    digit_amount_end = -1  # where the last digit amount's body ended
    while True:
        match = AMOUNT_RE.search(text, position)
        if not match:
            return found
        if match.group("digits") is not None:
            amount, position = _read_digit_amount(text, match)
            digit_amount_end = match.end()
        else:
            position = match.end()
            amount = (
                None
                if _follows_a_number(text, match, digit_amount_end)
                else _read_hangul_amount(text, match)
            )
            if amount is not None and _is_negative(text, amount.start):
                amount = None  # "마이너스 삼십오만원"
        if amount is not None:
            found.append(amount)


def _follows_a_number(text: str, match: re.Match[str], digit_amount_end: int) -> bool:
    """Hangul numerals that belong to the digits before them: a particle after a digit amount
    ("35만이요"), or the unit of a digit run that is no amount ("1"*30 + "만원")."""
    start = match.start()
    if start == digit_amount_end or (start and text[start - 1].isdigit()):
        return True
    return (
        start > 1
        and text[start - 1] == " "
        and text[start - 2].isdigit()
        and match.group()[0] in _UNIT_CHARS
    )


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

_NATIVE_ALT = "|".join(sorted(NATIVE_COUNTS, key=len, reverse=True))
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
