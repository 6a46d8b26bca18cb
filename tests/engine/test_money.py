"""Korean money and month expressions: a table of what people type, round trips, refusals."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from negotiation.money import (
    ParseError,
    find_amounts,
    find_months,
    format_won,
    parse_amount,
    parse_months,
)

AMOUNTS = [
    ("35만원", 350_000),
    ("35만 원", 350_000),
    ("삼십오만 원", 350_000),
    ("350,000원", 350_000),
    ("35만5천원", 355_000),
    ("12만 3천 5백원", 123_500),
    ("약 35만", 350_000),
    ("십만", 100_000),
    ("백이십만원", 1_200_000),
    ("1.5만원", 15_000),
    ("350000", 350_000),
    ("350000원", 350_000),
    ("35 만원", 350_000),
    ("35만원이요", 350_000),
    ("35만원 정도요", 350_000),
    ("35만원쯤", 350_000),
    ("한 35만원", 350_000),
    ("대략 40만원", 400_000),
    ("5만 5천원", 55_000),
    ("5만5천원", 55_000),
    ("오만 오천원", 55_000),
    ("55,000원", 55_000),
    ("8만 8천원", 88_000),
    ("12만 3,500원", 123_500),
    ("1억원", 100_000_000),
    ("1억 5천만원", 150_000_000),
    ("1억 2,345만 6,789원", 123_456_789),
    ("천원", 1_000),
    ("오천원", 5_000),
    ("만 원", 10_000),
    ("만원", 10_000),
    ("일만원", 10_000),
    ("이만 원", 20_000),
    ("삼만원", 30_000),
    ("사십만원", 400_000),
    ("구십구만원", 990_000),
    ("백만원", 1_000_000),
    ("천만원", 10_000_000),
    ("이백오십만원", 2_500_000),
    ("칠만 오천원", 75_000),
    ("3천500원", 3_500),
    ("3천 5백원", 3_500),
    ("2만원씩", 20_000),
    ("10만원까지", 100_000),
    ("15만원밖에", 150_000),
    ("7만원이에요", 70_000),
    ("20만원은", 200_000),
    ("미납금35만원", 350_000),
    ("미납액은 47만 8천원입니다", 478_000),
    ("0.5만원", 5_000),
    ("2.5만원", 25_000),
    ("1,200,000원", 1_200_000),
    ("120만원", 1_200_000),
    ("삼십만이요", 300_000),
    ("약 백만", 1_000_000),
    ("십오만원", 150_000),
    ("육만원", 60_000),
    ("팔만 팔천원", 88_000),
    ("4만 9천원", 49_000),
    ("9,900원", 9_900),
    ("9900원", 9_900),
    ("100원", 100),
    ("500원", 500),
    ("오백원", 500),
    ("2만 500원", 20_500),
    ("3십만원", 300_000),
    ("35만원요", 350_000),
    ("월 15만원", 150_000),
    ("한 달에 12만원", 120_000),
    ("35만원 밀렸어요", 350_000),
    ("약35만원", 350_000),
    ("이십만 원 정도", 200_000),
    ("오십만원쯤", 500_000),
    ("1만원", 10_000),
    ("만오천원", 15_000),
    ("삼만 오천 원", 35_000),
    ("25만 원이요", 250_000),
    ("60만원이고", 600_000),
    ("18만원 밀렸어요", 180_000),
    ("10만원 정도는", 100_000),
    # one amount, whatever script each of its places is written in
    ("십오만 6천원", 156_000),
    ("15만 육천원", 156_000),
    ("삼십만 5천 원", 305_000),
    ("일만5천원", 15_000),
    ("오천 3백원", 5_300),
    ("칠만 오천이요", 75_000),
    ("0만원", 0),
]

MONTHS = [
    ("두 달", 2),
    ("2달", 2),
    ("2개월", 2),
    ("두달째", 2),
    ("석 달", 3),
    ("세 달", 3),
    ("반년", 6),
    ("반 년", 6),
    ("한 달", 1),
    ("한달", 1),
    ("1개월", 1),
    ("3개월째예요", 3),
    ("넉 달", 4),
    ("네 달", 4),
    ("다섯 달", 5),
    ("여섯 달", 6),
    ("열두 달", 12),
    ("1년", 12),
    ("일년", 12),
    ("삼개월", 3),
    ("육개월", 6),
    ("12개월", 12),
    ("두 달 밀렸어요", 2),
    ("석달째 못 냈어요", 3),
    ("3개월 뒤에", 3),
    ("10개월", 10),
    ("열 달", 10),
    ("4달", 4),
]


@pytest.mark.parametrize("text, expected", AMOUNTS)
def test_reads_amounts_as_people_type_them(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text, expected", MONTHS)
def test_reads_month_counts(text, expected):
    assert parse_months(text) == expected


def test_the_table_is_large_enough_to_mean_something():
    assert len(AMOUNTS) + len(MONTHS) >= 80


@pytest.mark.parametrize(
    "text",
    [
        "",
        "모르겠어요",
        "천천히 할게요",
        "만약에 안 되면요",
        "이만 할게요",
        "만들어 주세요",
        "2달",
        "3개월",
        "010-1234-5678",
        "2024년 3월",
        "25일",
        "10%",
        "오늘",
        "이거요",
        "10~20만원",
        "10만원에서 20만원 사이",
        "35만원이랑 5만원",
    ],
)
def test_refuses_text_without_exactly_one_amount(text):
    with pytest.raises(ParseError):
        parse_amount(text)


@pytest.mark.parametrize(
    "text", ["두세 달", "2~3개월", "한두 달", "1.5개월", "몰라요", "서너 달", "두 달이나 세 달"]
)
def test_refuses_month_text_that_needs_a_guess(text):
    with pytest.raises(ParseError):
        parse_months(text)


def test_refusal_says_why():
    with pytest.raises(ParseError) as raised:
        parse_amount("10~20만원")
    assert raised.value.reason in {"range", "several"}
    with pytest.raises(ParseError) as raised:
        parse_amount("없어요")
    assert raised.value.reason == "no_amount"


@pytest.mark.parametrize(
    "amount, text",
    [
        (88_000, "8만 8천원"),
        (123_500, "12만 3,500원"),
        (350_000, "35만원"),
        (1_200_000, "120만원"),
        (65_500, "6만 5,500원"),
        (500, "500원"),
        (5_000, "5천원"),
        (0, "0원"),
        (100_000_000, "1억원"),
        (150_000_000, "1억 5천만원"),
        (123_456_789, "1억 2,345만 6,789원"),
        (10_000, "1만원"),
        (20_500, "2만 500원"),
    ],
)
def test_formats_amounts_the_way_they_are_said(amount, text):
    assert format_won(amount) == text


@given(st.integers(min_value=0, max_value=9_999_999_999))
@example(0)
@example(10**9)
def test_formatted_amounts_read_back_to_the_same_number(amount):
    assert parse_amount(format_won(amount)) == amount


@given(st.integers(min_value=0, max_value=9_999_999_999))
@example(0)
@example(10**9)
def test_plain_digits_with_commas_read_back(amount):
    assert parse_amount(f"{amount:,}원") == amount


def test_finds_every_amount_with_its_span():
    text = "매달 5만5천원 나오고 35만원 밀렸어요"
    found = find_amounts(text)
    assert [item.value for item in found] == [55_000, 350_000]
    assert [text[item.start : item.end] for item in found] == ["5만5천원", "35만원"]


def test_month_spans_point_into_the_text():
    text = "요금이 두 달 밀렸고 3개월 뒤에 나아져요"
    found = find_months(text)
    assert [(item.value, text[item.start : item.end]) for item in found] == [
        (2, "두 달"),
        (3, "3개월"),
    ]
