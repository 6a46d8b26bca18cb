"""One amount is one span, however each of its places is written: in digits, in Hangul numerals
or in both ("십오만 6천원", "15만 육천원", "일만5천원"), with or without spaces, commas and 원,
in the middle of a sentence. Amounts joined by a word ("에", "이랑", "하고") stay apart, and
notes and coins counted as people say them ("만원짜리 세 장") are what they make together."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from negotiation.money import Found, find_amounts, parse_amount

HANGUL_DIGITS = "영일이삼사오육칠팔구"
PLACES = ((1000, "천"), (100, "백"), (10, "십"))


@st.composite
def written_places(draw, number):
    """``number`` (1 to 9,999) as a person may write it: each of 천, 백 and 십 in digits ("5천"),
    in Hangul numerals ("오천", "천" or "일천" for one) or, from one place down, the rest as one
    number ("5,678", "678"); with or without a space between the parts."""
    parts = []
    rest = number
    for place, unit in (*PLACES, (1, "")):
        if draw(st.booleans()) and rest:
            # The places from here down as one number, with thousands commas or without.
            parts.append(f"{rest:,}" if draw(st.booleans()) else str(rest))
            break
        digit, rest = divmod(rest, place)
        if not digit:
            continue
        if draw(st.booleans()):
            parts.append(f"{digit}{unit}")
        elif digit == 1 and unit:
            parts.append(draw(st.sampled_from(["", "일"])) + unit)
        else:
            parts.append(HANGUL_DIGITS[digit] + unit)
    written = parts[0]
    for part in parts[1:]:
        written += draw(st.sampled_from(["", " "])) + part
    return written


@st.composite
def written_amounts(draw):
    """An amount of 1 to 99,999,999원 and how it is written: as one number ("12,345,678"), or
    as the 만 places and the places below them, each written its own way ("1,234만 5천6백78",
    "천이백삼십사만 오천육백칠십팔", "십오만 6천"); 원 after it or not, when it reads without."""
    # The 만 places and the places below them drawn apart, so that both are often large.
    man = draw(st.integers(min_value=0, max_value=9_999))
    below = draw(st.integers(min_value=0 if man else 1, max_value=9_999))
    amount = man * 10_000 + below
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        written = f"{amount:,}" if draw(st.booleans()) else str(amount)
    else:
        written = ""
        if man:
            coefficient = "" if man == 1 and draw(st.booleans()) else draw(written_places(man))
            # Only digits may stand apart from their unit ("35 만"): a Hangul numeral alone
            # before a space may be a word ("이 만원": this, or 2만원?).
            space = draw(st.sampled_from(["", " "])) if coefficient[-1:].isdigit() else ""
            written = f"{coefficient}{space}만"
        if below:
            lower = draw(written_places(below))
            written += (draw(st.sampled_from(["", " "])) if written else "") + lower
    if not any(char.isdigit() or char in "십백천만" for char in written):
        written = str(amount)  # "오원", "구원": Hangul numerals without a unit are words
    if draw(st.booleans()) or not reads_without_won(written, amount):
        written += draw(st.sampled_from(["원", " 원"]))
    return amount, written


def reads_without_won(written, amount):
    """Whether the amount is money without 원 after it, by the rules the parser keeps: digits
    make money ("350000", "5천", "십오만 6천") unless a bare number under 100 ("15", a count or
    a date); Hangul numerals alone need a numeral before 만 ("삼십오만"; not "오천" or "만 오천")
    and are not the words "이만" and "일만". A Hangul numeral after the last unit without 원 is
    a particle ("삼십만이요")."""
    if written[-1] in HANGUL_DIGITS:
        return False
    if any(char.isdigit() for char in written):
        return amount >= 100 or any(unit in written for unit in "십백천만")
    compact = written.replace(" ", "")
    return "만" in compact[1:] and compact not in ("이만", "일만")


# Words around the amount; none of them ends in a numeral that could be a part of it.
BEFORE = [
    "",
    "매달 ",
    "지금 ",
    "총 ",
    "요금은 ",
    "요금이 ",  # 이 is the particle of 요금, not the numeral 2
    "매일 ",
    "통신사 미납액은 ",
    "밀린 돈이 ",
    "한 달에 ",
    "음.. 아마 ",
    "KT 요금 ",
    "폰비는",  # glued after a particle
    "미납금은",
    "한 달에",
    "(",
    "대략 ",
]
AFTER = [
    "",
    " 밀렸어요",
    " 나와요",
    "이요",
    "요",
    "쯤",
    " 정도요",
    "씩 낼게요",
    "까지는 돼요",
    "은 있어요",
    "이고 두 달 밀렸어요",
    ".",
    "!",
    ")",
    "가량 돼요",
]


@settings(max_examples=5 * settings.default.max_examples, deadline=None)
@given(written_amounts(), st.sampled_from(BEFORE), st.sampled_from(AFTER))
@example((156_000, "십오만 6천원"), "", "")
@example((156_000, "십오만6천"), "요금은 ", " 밀렸어요")
@example((305_000, "삼십만 5천 원"), "", "")
@example((156_000, "15만 육천원"), "", "")
@example((15_000, "일만5천원"), "", "")
@example((15_000, "일만 5천원"), "", "")
@example((15_000, "만 오천원"), "", "")
@example((123_500, "십이만 3천 5백원"), "", "")
@example((123_500, "12만 삼천 5백원"), "", "")
@example((120_000, "십2만원"), "", "")
@example((3_500, "삼천5백원"), "", "")
@example((3_500, "3천오백원"), "", "")
@example((5_300, "오천 3백원"), "", "")
@example((1_500, "천 5백원"), "", "")
@example((1_500_000, "백 5십만원"), "", "")
@example((203_500, "이십만 3,500원"), "", "")
@example((35_000, "삼만 5천원"), "", "이요")
@example((305_000, "삼십만 오천"), "", "이요")
@example((75_000, "칠만 오천"), "", ", 석 달")
@example((22_000, "이만이천"), "", "")
@example((12_345_678, "천이백삼십사만 5,678원"), "요금이 ", "")
@example((10_000, "만원"), "폰비는", "")
def test_one_amount_is_one_span_however_its_parts_are_written(written_amount, before, after):
    amount, written = written_amount
    text = before + written + after
    start = len(before)
    assert find_amounts(text) == [Found(amount, start, start + len(written), written)], text
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    "text, amounts",
    [
        ("10만원에 5천원", [("10만원", 100_000), ("5천원", 5_000)]),
        ("10만 원에 5천원", [("10만 원", 100_000), ("5천원", 5_000)]),
        ("10만원이랑 5천원", [("10만원", 100_000), ("5천원", 5_000)]),
        ("10만이랑 5천원", [("10만", 100_000), ("5천원", 5_000)]),
        ("10만원하고 5천원", [("10만원", 100_000), ("5천원", 5_000)]),
        ("십만 원이랑 오천 원", [("십만 원", 100_000), ("오천 원", 5_000)]),
        ("요금 7만원에 밀린 돈 5만 5천원", [("7만원", 70_000), ("5만 5천원", 55_000)]),
        ("6천원 십오만원", [("6천원", 6_000), ("십오만원", 150_000)]),
    ],
)
def test_amounts_joined_by_a_word_stay_two_amounts(text, amounts):
    assert [(found.text, found.value) for found in find_amounts(text)] == amounts


@pytest.mark.parametrize(
    "text, amounts",
    [
        ("만원짜리 세 장", [("만원짜리 세 장", 30_000)]),
        ("오만원권 두 장", [("오만원권 두 장", 100_000)]),
        ("5만원권 2장이요", [("5만원권 2장", 100_000)]),
        ("만원 한 장도 없어요", [("만원 한 장", 10_000)]),
        ("천원짜리세장", [("천원짜리세장", 3_000)]),
        (
            "천원짜리 다섯 장이랑 오백원 동전 두 개",
            [("천원짜리 다섯 장", 5_000), ("오백원 동전 두 개", 1_000)],
        ),
        ("백원짜리 열 개", [("백원짜리 열 개", 1_000)]),
        # Not a note or a coin: things of that price, and the amount said is the price.
        ("3만원짜리 두 개", [("3만원", 30_000)]),
        ("만원짜리 두 개", [("만원", 10_000)]),
        ("오백원 지폐 두 장", [("오백원", 500)]),
        ("오백원권 두 개", [("오백원", 500)]),
        # 개월 is months, not coins; without 원 nothing is counted.
        ("만원 두 개월", [("만원", 10_000)]),
        ("5만 두 장", [("5만", 50_000)]),
    ],
)
def test_notes_and_coins_counted_are_what_they_make(text, amounts):
    assert [(found.text, found.value) for found in find_amounts(text)] == amounts


@pytest.mark.parametrize(
    "text",
    [
        # A number that cannot be read with the rest is not skipped to read a smaller amount.
        "35만 20000원",
        "35만 5만원",
        "오만 삼만원",
        "3만 만원",
        # Places that do not descend.
        "오백삼천원",
        "삼천 오천원",
        # Glued after a word, two readings: "요금 이천오백원" or "요금이 천오백원"?
        "요금이천 오백원",
        "요금만9천원",
    ],
)
def test_a_run_that_reads_two_ways_or_none_is_not_read(text):
    assert find_amounts(text) == []
