"""Amounts and months as people really type them: glued to words, hedged, in full-width digits,
in English; what must not be read; and hostile input (long digit runs, minus signs), which must
be read in linear time and never as a smaller amount."""

import contextlib
import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from negotiation.money import (
    MAX_AMOUNT_DIGITS,
    Found,
    ParseError,
    find_amounts,
    find_months,
    format_won,
    parse_amount,
    parse_months,
)


def only_amount(text):
    """The single amount found in ``text``, as (value, the exact text of its span)."""
    found = find_amounts(text)
    assert len(found) == 1, (text, found)
    item = found[0]
    assert text[item.start : item.end] == item.text
    return item.value, item.text


def only_months(text):
    found = find_months(text)
    assert len(found) == 1, (text, found)
    item = found[0]
    assert text[item.start : item.end] == item.text
    return item.value, item.text


# --- Glued to the words around them ------------------------------------------------------------

GLUED = [
    ("매달칠만원쯤", 70_000, "칠만원"),
    ("매달칠만원쯤내는데두달치밀렸어", 70_000, "칠만원"),
    ("월7만원", 70_000, "7만원"),
    ("한달에10만", 100_000, "10만"),
    ("35만원밀렸어요", 350_000, "35만원"),
    ("요금이5만5천원이고", 55_000, "5만5천원"),
    ("총십오만원", 150_000, "십오만원"),
    ("매달오만오천원쯤", 55_000, "오만오천원"),
    ("약삼십오만원", 350_000, "삼십오만원"),
    ("요금이오만원이에요", 50_000, "오만원"),
    ("요금이이만원", 20_000, "이만원"),
    ("요금이삼만원", 30_000, "삼만원"),
    ("내일오만원 낼게요", 50_000, "오만원"),
    ("매달사만원", 40_000, "사만원"),
    ("요금만오만원", 50_000, "오만원"),
    ("한달에이만원", 20_000, "이만원"),
    ("kt35만원", 350_000, "35만원"),
    ("미납35만원인데", 350_000, "35만원"),
    # a digit amount with its lower places in Hangul numerals
    ("3만오천원", 35_000, "3만오천원"),
    ("35만 이천원", 352_000, "35만 이천원"),
    ("1억 오천만원", 150_000_000, "1억 오천만원"),
    ("12만오천이요", 125_000, "12만오천"),
    # and Hangul numerals with their lower places in digits
    ("요금은십오만6천원이고", 156_000, "십오만6천원"),
    ("총일만5천원", 15_000, "일만5천원"),
    ("요금이 삼십만 5천 원이에요", 305_000, "삼십만 5천 원"),
    # 만 alone before digits is 1만; 마넌 is how 만원 is often typed
    ("만 9천 8백원이요", 19_800, "만 9천 8백원"),
    ("만9천원", 19_000, "만9천원"),
    ("삼십마넌", 300_000, "삼십마넌"),
    ("5마넌", 50_000, "5마넌"),
    # the amount ends where the count or the sentence begins
    ("35만 3개월 밀렸어요", 350_000, "35만"),
    ("미납액은 35만.", 350_000, "35만"),
    ("통신사에서 5만원 내래요", 50_000, "5만원"),
    ("35만 불가능해요", 350_000, "35만"),
]


@pytest.mark.parametrize("text, value, span", GLUED)
def test_reads_amounts_glued_to_words(text, value, span):
    assert only_amount(text) == (value, span)
    assert parse_amount(text) == value


NOT_MONEY = [
    # numerals that are ordinary words
    "이만 할게요",
    "만약에 안 되면요",
    "천천히 해도 돼요",
    "일이 많아서요",
    "이만큼만 할게요",
    "만만치 않아요",
    "오만하다",
    "천만에요",
    "천만다행이에요",
    "일만 하고 있어요",
    "백만장자",
    "공원에 갔어요",
    "영원히",
    "구원",
    "사원증",
    "일일이",
    "삼삼오오",
    "이십대예요",
    "기억이 안 나요",
    "오십만 명",
    "이거요",
    # glued numerals whose split is ambiguous: 요금이 만원 or 요금 이만원?
    "요금이만원",
    "요금이십만원",
    "미납액이십오만원",
    "통신사십만원",
    "친구십만원",
    # digits that are no amount
    "35만오만원",
    "35만 20000원",
    "3,5만원",
    "0.00001만",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_words_made_of_numerals_are_not_money(text):
    assert find_amounts(text) == []
    with pytest.raises(ParseError):
        parse_amount(text)


# --- Hedges: the value is the number said -------------------------------------------------------

HEDGED = [
    "한 35만원",
    "한35만원",
    "35만원쯤",
    "35만원 정도",
    "35만 정도요",
    "35만원가량",
    "35만가량",
    "약 35만원",
    "약35만",
    "대략 35만원",
    "대략35만원",
    "거의 35만원",
    "35만원 넘게",
    "35만원 조금 넘게",
    "35만 조금 넘게요",
    "35만 남짓",
    "삼십오만원쯤",
    "삼십오만쯤",
    "삼십오만 정도",
    "삼십오만가량",
    "삼십오만넘게",
    "한 삼십오만원",
    "거의 삼십오만원",
    "한 350,000원",
    "대략 350k",
]


@pytest.mark.parametrize("text", HEDGED)
def test_a_hedge_does_not_change_the_amount(text):
    assert parse_amount(text) == 350_000


# --- Full-width digits and signs -----------------------------------------------------------------

FULL_WIDTH = [
    ("３５만원", 350_000, "３５만원"),
    ("３５０，０００원", 350_000, "３５０，０００원"),
    ("요금이３５만원이요", 350_000, "３５만원"),
    ("１２만\u3000３천원", 123_000, "１２만\u3000３천원"),
    ("￦５０，０００", 50_000, "￦５０，０００"),
    ("３．５만원", 35_000, "３．５만원"),
    ("ｋｒｗ５００００", 50_000, "ｋｒｗ５００００"),
]


@pytest.mark.parametrize("text, value, span", FULL_WIDTH)
def test_reads_full_width_digits_with_spans_in_the_original(text, value, span):
    assert only_amount(text) == (value, span)


def test_spans_point_into_the_original_where_normalizing_changes_lengths():
    # NFKC writes ㈜ as three characters; spans still count the original's characters.
    text = "㈜케이티 ３５만원, ２개월"
    (amount,) = find_amounts(text)
    (months,) = find_months(text)
    assert (amount.start, amount.end, amount.text) == (5, 9, "３５만원")
    assert (months.start, months.end, months.text) == (11, 14, "２개월")


# --- English and mixed ---------------------------------------------------------------------------

ENGLISH = [
    ("350,000 won", 350_000, "350,000 won"),
    ("350000won", 350_000, "350000won"),
    ("KRW 50000", 50_000, "KRW 50000"),
    ("krw50000", 50_000, "krw50000"),
    ("50000 KRW", 50_000, "50000 KRW"),
    ("₩50,000", 50_000, "₩50,000"),
    ("₩ 50,000", 50_000, "₩ 50,000"),
    ("50,000₩", 50_000, "50,000₩"),
    ("70k", 70_000, "70k"),
    ("70K", 70_000, "70K"),
    ("7.5k", 7_500, "7.5k"),
    ("70k won", 70_000, "70k won"),
    ("70k원", 70_000, "70k원"),
    ("7만 won", 70_000, "7만 won"),
    ("1.5만", 15_000, "1.5만"),
    ("100 thousand won", 100_000, "100 thousand won"),
    ("1.5 million won", 1_500_000, "1.5 million won"),
    ("I owe 350,000 won", 350_000, "350,000 won"),
    ("skt 2 months overdue 35만원", 350_000, "35만원"),
    ("\\35,000", 35_000, "\\35,000"),
    ("about 300k", 300_000, "300k"),
    ("150k total", 150_000, "150k"),
]


@pytest.mark.parametrize("text, value, span", ENGLISH)
def test_reads_english_and_mixed_amounts(text, value, span):
    assert only_amount(text) == (value, span)


@pytest.mark.parametrize(
    "text",
    [
        "70kg",
        "70km",
        "5G",
        "100GB",
        "$500",
        "500$",
        "USD 500",
        "500 dollars",
        "500달러",
        "500불이요",
        "5만엔",
        "7만k",
        "1.2345k",
        "2 months",
        "300 days",
    ],
)
def test_other_units_and_foreign_money_are_not_won(text):
    assert find_amounts(text) == []


# --- Signs, ranges and digit runs longer than any bill --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "-35만원",
        "- 35만원",
        "\u221235만원",
        "－３５만원",
        "마이너스 35만원",
        "마이너스35만",
        "잔액 -35만원",
        "-₩50,000",
        "마이너스 삼십오만원",
    ],
)
def test_a_negative_amount_is_not_read(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "1" * (MAX_AMOUNT_DIGITS + 1),
        "1" * (MAX_AMOUNT_DIGITS + 1) + "원",
        "1" * 25 + "만원",
        "1" * 25 + " 만원",
        "1" * 30 + "k",
        "35만" + "1" * 30,
        "1" * 30 + "오만원",
        "1" * 100_000,
    ],
)
def test_a_digit_run_longer_than_any_bill_is_not_read_at_all(text):
    assert find_amounts(text) == []


def test_the_longest_digit_run_still_reads():
    assert parse_amount("9" * MAX_AMOUNT_DIGITS + "원") == int("9" * MAX_AMOUNT_DIGITS)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("10-20만원", "range"),
        ("10 - 20만원", "range"),
        ("10에서 20만원", "range"),
        ("삼십~사십만원", "range"),
        ("10～20만원", "range"),
        ("50 to 70k", "range"),
        ("-35만원", "no_amount"),
    ],
)
def test_ranges_and_signs_say_why(text, reason):
    with pytest.raises(ParseError) as raised:
        parse_amount(text)
    assert raised.value.reason == reason


def test_a_phone_number_is_not_a_range():
    assert parse_amount("010-1234-5678로 연락 주시고 35만원이요") == 350_000


# --- Months --------------------------------------------------------------------------------------

MONTHS_TYPED = [
    ("2 months", 2, "2 months"),
    ("2months", 2, "2months"),
    ("2 month", 2, "2 month"),
    ("two months", 2, "two months"),
    ("Two Months", 2, "Two Months"),
    ("a month", 1, "a month"),
    ("one month", 1, "one month"),
    ("3 mo", 3, "3 mo"),
    ("3mo", 3, "3mo"),
    ("3 mos", 3, "3 mos"),
    ("3 mths", 3, "3 mths"),
    ("twelve months", 12, "twelve months"),
    ("a year", 12, "a year"),
    ("1 year", 12, "1 year"),
    ("2 yrs", 24, "2 yrs"),
    ("1.5 years", 18, "1.5 years"),
    ("a year and a half", 18, "a year and a half"),
    ("half a year", 6, "half a year"),
    ("like 4 months", 4, "4 months"),
    ("lg u+ 요금 3 months 밀렸음", 3, "3 months"),
    ("6개월째", 6, "6개월"),
    ("두달째", 2, "두달"),
    ("2달째", 2, "2달"),
    ("석달", 3, "석달"),
    ("넉 달", 4, "넉 달"),
    ("반 년", 6, "반 년"),
    ("반년", 6, "반년"),
    ("1년 반", 18, "1년 반"),
    ("일 년 반", 18, "일 년 반"),
    ("1.5년", 18, "1.5년"),
    ("0.5년", 6, "0.5년"),
    ("1년 6개월", 18, "1년 6개월"),
    ("2년", 24, "2년"),
    ("2년도 넘게 밀렸어요", 24, "2년"),
    ("２개월", 2, "２개월"),
    ("６개월째", 6, "６개월"),
    ("kt인데두달밀려서35만원나왔어", 2, "두달"),
    ("밀린지석달째", 3, "석달"),
    ("벌써세달째예요", 3, "세달"),
    ("두 달 반납을 못 했어요", 2, "두 달"),
]


@pytest.mark.parametrize("text, months, span", MONTHS_TYPED)
def test_reads_month_counts_as_people_type_them(text, months, span):
    assert only_months(text) == (months, span)
    assert parse_months(text) == months


@pytest.mark.parametrize(
    "text, reason",
    [
        ("한 달 반", "fraction"),
        ("두 달 반째", "fraction"),
        ("석 달 반", "fraction"),
        ("한달반", "fraction"),
        ("1.5개월", "fraction"),
        ("1.5 months", "fraction"),
        ("1.3년", "fraction"),
        ("2~3개월", "range"),
        ("2-3 months", "range"),
        ("2 to 3 months", "range"),
        ("2 or 3 months", "range"),
        ("2에서 3개월", "range"),
        ("두세 달", "range"),
        ("a couple of months", "no_months"),
        ("a few months", "no_months"),
        ("500달러", "no_months"),
        ("2024년 3월", "no_months"),
        ("24년 3월", "no_months"),
        ("24년도", "no_months"),
        ("1년도 안 됐어요", "no_months"),
        ("1" * 30 + "개월", "no_months"),
        ("이세 달", "no_months"),
        ("네 달리 방법이 없어요", "no_months"),
        ("달력", "no_months"),
        ("someone months ago", "no_months"),
    ],
)
def test_month_text_that_needs_a_guess_is_refused_with_a_reason(text, reason):
    assert find_months(text) == []
    with pytest.raises(ParseError) as raised:
        parse_months(text)
    assert raised.value.reason == reason


# --- Hostile input: linear time ------------------------------------------------------------------

HOSTILE = {
    "digits": lambda size: "1" * size,
    "digits then 개월": lambda size: "1" * (size - 2) + "개월",
    "digits then 만원": lambda size: "1" * (size - 2) + "만원",
    "1만 repeated": lambda size: "1만" * (size // 2),
    "일만 repeated": lambda size: "일만" * (size // 2),
    "1, repeated": lambda size: "1," * (size // 2),
    "1 and space repeated": lambda size: "1 " * (size // 2),
    "full-width digits": lambda size: "１" * size,
    "Hangul numerals": lambda size: "칠" * size,
    "한 repeated": lambda size: "한" * size,
    "a sentence repeated": lambda size: ("35만원 두 달 2 months 70k " * size)[:size],
}


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_hostile_input_is_read_in_linear_time(shape):
    """A complexity guard, not a benchmark: each takes well under 0.1 s; a quadratic pattern
    (the month pattern took 354 s on 100,000 digits) fails already on the 10,000-character text."""
    for size in (10_000, 100_000):
        text = HOSTILE[shape](size)
        for reader in (find_amounts, find_months, _parse_amount_quietly, _parse_months_quietly):
            started = time.perf_counter()
            reader(text)
            elapsed = time.perf_counter() - started
            assert elapsed < 1.0, (shape, size, reader.__name__, elapsed)


def _parse_amount_quietly(text):
    with contextlib.suppress(ParseError):
        parse_amount(text)


def _parse_months_quietly(text):
    with contextlib.suppress(ParseError):
        parse_months(text)


def test_format_won_writes_any_int_past_pythons_digit_limit():
    # 4,993 digits of 억, past the 4,300 digits Python converts to str by default.
    assert format_won(10**5000) == "1" + ",000" * 1664 + "억원"
    assert format_won(-(10**5000)).startswith("-1,000,000")
    assert format_won(10**5000 + 88_000).endswith("억 8만 8천원")
    assert format_won(7**20_000).endswith("원")


# --- Properties ----------------------------------------------------------------------------------

FULL_WIDTH_TABLE = str.maketrans("0123456789,", "０１２３４５６７８９，")


@given(st.integers(min_value=0, max_value=10**9))
@example(0)
@example(10**9)
def test_full_width_amounts_read_back(amount):
    assert parse_amount(f"{amount:,}원".translate(FULL_WIDTH_TABLE)) == amount


PREFIXES = [
    "",
    "매달",
    "월 ",
    "월",
    "요금이",
    "밀린 돈 ",
    "미납액은",
    "약 ",
    "약",
    "한 ",
    "대략",
    "거의 ",
    "kt ",
    "총 ",
]
SUFFIXES = ["", "이요", "쯤", " 정도", "밀렸어요", " 넘게", "가량", "이고", "씩", "!", " 조금 넘게"]


@given(
    st.integers(min_value=1, max_value=10**9), st.sampled_from(PREFIXES), st.sampled_from(SUFFIXES)
)
def test_an_amount_reads_the_same_whatever_words_are_glued_around_it(amount, prefix, suffix):
    written = format_won(amount)
    text = prefix + written + suffix
    assert find_amounts(text) == [Found(amount, len(prefix), len(prefix) + len(written), written)]


TYPED_CHARACTERS = st.lists(
    st.sampled_from(
        [
            *list(
                "0123456789,.~- 만억천백십원일이삼사오육칠팔구영공달개월년반째kwonKRW₩$"
                "마이너스한두세네석넉약쯤정도요금매０１２３，．"
            ),
            "months",
            "a ",
            "won",
            "마넌",
            "㈜",
            "\u3000",
        ]
    ),
    max_size=40,
).map("".join)


@given(TYPED_CHARACTERS)
def test_any_text_reads_without_error_and_with_exact_spans(text):
    for item in find_amounts(text):
        assert text[item.start : item.end] == item.text
        assert 0 <= item.value < 10 ** (MAX_AMOUNT_DIGITS + 8)
    for item in find_months(text):
        assert text[item.start : item.end] == item.text
        assert item.value >= 0


@given(
    st.integers(min_value=MAX_AMOUNT_DIGITS + 1, max_value=80),
    st.sampled_from(["", "원", "만원", " 만원", "k", "억", "개월", " won"]),
    st.sampled_from("123456789"),
)
def test_a_long_digit_run_is_never_read_as_a_shorter_amount(length, suffix, digit):
    text = digit * length + suffix
    assert find_amounts(text) == []
    assert find_months(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("요금이 백만원 넘게 밀렸어요", 1_000_000), ("요금이 삼십만 원이에요", 300_000)],
)
def test_a_particle_glued_to_a_word_is_not_a_numeral_of_the_amount_after_it(text, value):
    # "요금이 백만원" once read as "이 백만" = 2,000,000: a wrong number.
    assert [found.value for found in find_amounts(text)] == [value]
