"""Which figure an amount is: one test per class of misreading found by people who had not read
the code (issue: "Never a wrong number"), and properties that hold for any message."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation.confirmation import (
    FIGURE_ORDER,
    figures_message,
    named_figure,
    read_confirmation,
    read_role,
    summary_lines,
)
from negotiation.money import find_amounts
from negotiation.scripts import Situation
from negotiation.understanding import AMOUNT_SLOTS, read_message

# --- 요금 as the unpaid bill: the predicate decides, not the noun --------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("요금 28만원 밀린 거 때문에요", {"arrears_amount": 280_000}),
        ("폰 요금이 90만원 연체됐어요", {"arrears_amount": 900_000}),
        ("인터넷 요금 12만원 연체중이에요", {"arrears_amount": 120_000}),
        ("핸드폰비 미납된게 50만원이에요", {"arrears_amount": 500_000}),
        ("못 낸 통신비가 30만원이에요", {"arrears_amount": 300_000}),
    ],
)
def test_an_unpaid_bill_named_as_요금_is_the_arrears(text, expected):
    assert read_message(text).values == expected


@pytest.mark.parametrize(
    "text",
    [
        "요금 40만원 밀렸고 월 요금은 7만원이요",
        "요금 40만원 밀렸어요. 월 요금은 7만원이에요",
        "월 요금 7만원이고 밀린 건 40만원",
        "매달 7만원 나오는데 40만원 밀렸어요",
    ],
)
def test_two_amounts_each_take_their_own_clause(text):
    assert read_message(text).values == {"arrears_amount": 400_000, "monthly_bill": 70_000}


def test_a_rate_per_month_is_not_a_month_count():
    assert read_message("통신비가 한 달에 8만원인데 석 달 못 냈어요").values == {
        "months_overdue": 3,
        "monthly_bill": 80_000,
    }


# --- direct answers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, requested, expected",
    [
        ("3만원은 돼요", "lump_sum", {"lump_sum": 30_000}),
        ("3만원 가능해요", "lump_sum", {"lump_sum": 30_000}),
        ("10만원이요", "lump_sum", {"lump_sum": 100_000}),
        ("매달 10만원 낼 수 있어요", "lump_sum", {"monthly_budget": 100_000}),  # plainly the budget
        (
            "4만원 나오는데 10만원까지 가능해요",
            "monthly_bill",
            {"monthly_bill": 40_000, "monthly_budget": 100_000},
        ),
        ("요금까지 한 달에 3만원이 한계예요", "monthly_budget", {"monthly_budget": 30_000}),
        ("요금 포함 한 달 15만원이요", "monthly_budget", {"monthly_budget": 150_000}),
        (
            "요금은 5만원이고 15만원까지 낼 수 있어요",
            "monthly_budget",
            {"monthly_bill": 50_000, "monthly_budget": 150_000},
        ),
        ("0", "lump_sum", {"lump_sum": 0}),
        ("3", "months_overdue", {"months_overdue": 3}),
        ("이번 주엔 여유가 전혀 없어요", "lump_sum", {"lump_sum": 0}),
        ("지금은 없어", "lump_sum", {"lump_sum": 0}),
    ],
)
def test_a_figure_answers_the_question_unless_it_plainly_names_another(text, requested, expected):
    # The reader's rules alone (test_second_opinion.py: where the learned check disagrees).
    assert read_message(text, requested_slot=requested, check=False).values == expected


def test_an_answer_never_quietly_replaces_a_figure_given_for_another_question():
    # The budget is known; "5만원이요" answering the lump-sum question is the lump sum.
    reading = read_message("5만원이요", requested_slot="lump_sum", known={"monthly_budget": 150000})
    assert reading.values == {"lump_sum": 50_000}
    # A bare amount while the arrears are known is asked about, not stored over them.
    reading = read_message(
        "두 달이요 10만원", requested_slot="months_overdue", known={"arrears_amount": 350000}
    )
    assert "arrears_amount" not in reading.values and reading.ambiguous
    # The same figure said again is that figure, with nothing to ask.
    reading = read_message("35만원이요", known={"arrears_amount": 350000})
    assert reading.values == {"arrears_amount": 350_000} and not reading.ambiguous


def test_a_bare_month_count_does_not_replace_a_known_one():
    reading = read_message(
        "끊긴 지 한 달 됐어요", requested_slot="service_suspended", known={"months_overdue": 3}
    )
    assert reading.values == {"service_suspended": True}


# --- ambiguity is asked, never guessed ---------------------------------------------------------


@pytest.mark.parametrize("requested", [None, "carrier", "months_overdue"])
def test_요금_with_no_verb_while_the_situation_is_told_is_asked_about(requested):
    reading = read_message("요금 28만원이요", requested_slot=requested)
    assert reading.values.keys() <= {"carrier"}
    [ambiguity] = reading.ambiguous
    assert ambiguity.value == 280_000
    assert ambiguity.candidates == ("arrears_amount", "monthly_bill")


def test_after_the_plan_요금_is_the_monthly_bill():
    assert read_message("요금 6만원이요", after_plan=True).values == {"monthly_bill": 60_000}


# --- corrections inside one message -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("35만 원이요, 아 아니에요 38만 원이에요", 380_000),
        ("20만 좀 넘는데 정확히는 213,000원", 213_000),
        ("30만원 말고 33만원이요", 330_000),
    ],
)
def test_a_correction_inside_a_message_wins(text, value):
    assert read_message(text, requested_slot="arrears_amount").values == {"arrears_amount": value}


def test_a_budget_on_top_of_the_bill_is_marked_for_the_bill_to_be_added():
    reading = read_message(
        "요금은 요금대로 내고, 밀린 거에는 한 달에 6만 4천원 더 낼 수 있어요",
        requested_slot="monthly_budget",
    )
    assert reading.values == {"monthly_budget": 64_000}
    assert reading.on_top_of_bill == {"monthly_budget"}
    assert not read_message(
        "15만원까지 낼 수 있어요", requested_slot="monthly_budget"
    ).on_top_of_bill


# --- unknown stays unknown --------------------------------------------------------------------


@pytest.mark.parametrize("requested", ["service_suspended", "welfare_status", "recovery_expected"])
@pytest.mark.parametrize("text", ["모르겠어요", "모름", "잘 모르겠습니다", "idk", "글쎄요"])
def test_not_knowing_is_never_read_as_yes_or_no(requested, text):
    assert read_message(text, requested_slot=requested, intent="deny").values == {}


# --- choices in people's own words -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, goals",
    [
        ("한 달 요금 자체를 낮추고 싶어요", ["fee_adjustment"]),
        ("번호만 살려 주세요", ["keep_service"]),
        (
            "요금제를 더 싼 걸로 바꾸고, 정지만 안 됐으면 좋겠어요",
            ["fee_adjustment", "keep_service"],
        ),
        ("다시 쓰게만 해줘", ["keep_service"]),
        ("installment로", ["installment"]),
    ],
)
def test_goals_in_the_persons_own_words(text, goals):
    assert read_message(text, requested_slot="goals").values["goals"] == goals


@pytest.mark.parametrize(
    "text, suspended",
    [
        ("안끊겻어요", False),
        ("인터넷은 아직 나와", False),
        ("전화는 돼요", False),
        ("끊긴 지 한 달 됐어요", True),
        ("전화가 안 돼요", True),
    ],
)
def test_suspension_as_people_type_it(text, suspended):
    assert (
        read_message(text, requested_slot="service_suspended").values["service_suspended"]
        is suspended
    )


def test_talk_of_using_the_phone_outside_the_suspension_question_is_not_an_answer():
    reading = read_message(
        "요금을 좀 낮추고 싶어요. 너무 비싸게 쓰고 있는 것 같아서요", requested_slot="goals"
    )
    assert "service_suspended" not in reading.values


@pytest.mark.parametrize(
    "text, months",
    [
        ("다음 달에 아르바이트 시작해요", 1),
        ("응 다다음 달쯤", 2),
        ("남편이 반년 정도 지나면 다시 일할 수 있대요", 6),
        ("ㅇㅇ 담달 월급 오름", 1),
    ],
)
def test_a_recovery_in_the_persons_words(text, months):
    values = read_message(text, requested_slot="recovery_expected").values
    assert values["recovery_expected"] is True and values["recovery_months"] == months


# --- the confirmation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, answer",
    [
        ("네 맞아요", True),
        ("ㅇㅇ", True),
        ("마자", True),
        ("네 다 맞아요", True),
        ("고칠게요", False),
        ("아니요", False),
        ("틀렸어요", False),
        ("음", None),
        ("", None),
    ],
)
def test_reading_the_confirmation(text, answer):
    assert read_confirmation(text) is answer


@pytest.mark.parametrize(
    "text, slot",
    [
        ("미납액을 고칠게요", "arrears_amount"),
        ("밀린 기간을 고칠게요", "months_overdue"),
        ("월 예산이 틀렸어요", "monthly_budget"),
        ("한 번에 낼 금액을 고칠게요", "lump_sum"),
        ("복지 해당을 고칠게요", "welfare_status"),
        ("통신사가 달라요", "carrier"),
    ],
)
def test_the_figure_to_fix_is_named(text, slot):
    assert named_figure(text) == slot


def test_the_role_of_an_ambiguous_amount():
    both = ["arrears_amount", "monthly_bill"]
    assert read_role("네, 밀린 금액이에요", both) == "arrears_amount"
    assert read_role("아니요, 매달 나오는 요금이에요", both) == "monthly_bill"
    assert read_role("아니요", both) is None  # says what it is not: never guessed
    assert read_role("음", both) is None


def test_the_figures_message_follows_the_contract():
    situation = Situation(
        carrier="KT",
        arrears_amount=350_000,
        months_overdue=2,
        monthly_bill=55_000,
        monthly_budget=150_000,
        lump_sum=0,
        welfare_status="none",
        service_suspended=None,
    )
    message = figures_message(situation)
    assert message == {
        "type": "figures",
        "carrier": "KT",
        "arrears_amount": 350_000,
        "months_overdue": 2,
        "monthly_bill": 55_000,
        "monthly_budget": 150_000,
        "lump_sum": 0,
        "recovery_months": None,
        "recovery_budget": None,
        "welfare_status": "none",
        "service_suspended": None,
    }
    lines = summary_lines(situation)
    assert "미납액: 35만원" in lines and "회선 정지: 모름" in lines
    assert len(lines) == len(FIGURE_ORDER) - 1  # no recovery budget without a recovery


# --- properties -------------------------------------------------------------------------------

PIECES = [
    "요금",
    "밀린",
    "35만원",
    "5만 5천원",
    "매달",
    "낼 수 있어요",
    "두 달",
    "먼저",
    "한 번에",
    "없어요",
    "나와요",
    "KT",
    "아니",
    "정확히는",
    "12만원",
    "가능해요",
    "그때부터",
    "3개월 뒤",
    "연체",
    " ",
    ", ",
    "요금까지",
    "더",
    "0",
    "칠만원",
]


@settings(max_examples=3 * settings.default.max_examples, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=12),
    st.sampled_from([None, *AMOUNT_SLOTS, "months_overdue", "goals", "carrier"]),
)
def test_every_stored_amount_is_one_the_person_typed(pieces, requested):
    text = " ".join(pieces)
    reading = read_message(text, requested_slot=requested)
    typed = {found.value for found in find_amounts(text.lower())}
    for slot in AMOUNT_SLOTS:
        if slot in reading.values:
            assert reading.values[slot] in typed | {0}, (text, slot, reading.values)
            if reading.values[slot] == 0:
                assert slot == requested or 0 in typed
    for ambiguity in reading.ambiguous:
        assert ambiguity.value in typed and ambiguity.candidates


# --- totals, ranges and hesitations (classes found in the fresh held-out corpus) ---------------


@pytest.mark.parametrize(
    ("text", "requested", "expected"),
    [
        ("요금이 4만에 부가서비스 1만 해서 5만이요", "monthly_bill", {"monthly_bill": 50_000}),
        (
            "인터넷 2만2천, 가게 전화 1만1천, 폰 두 대 12만 해서 15만 3천원이요",
            "monthly_bill",
            {"monthly_bill": 153_000},
        ),
        (
            "제 월급에서 8만원, 남편이 5만원 보태줘서 13만원이요 요금 포함이요",
            "monthly_budget",
            {"monthly_budget": 130_000},
        ),
        ("한 6만원대요? 6만 5천원쯤일 거예요", "monthly_bill", {"monthly_bill": 65_000}),
        (
            "한 달에 십만원 안쪽으로 나오는데 구만원쯤 됩니더",
            "monthly_bill",
            {"monthly_bill": 90_000},
        ),
        ("10만원 이하로 낼 수 있어요", "monthly_budget", {"monthly_budget": 100_000}),
        ("네 달인가 다섯 달인가.. 다섯 달 맞다", "months_overdue", {"months_overdue": 5}),
    ],
)
def test_a_total_a_range_and_a_hesitation(text, requested, expected):
    assert read_message(text, requested_slot=requested).values == expected


@pytest.mark.parametrize(
    "text", ["outgoing calls blocked 됐어요", "전화 걸 수가 없어요", "발신이 막혔어요"]
)
def test_a_blocked_line_is_suspended(text):
    assert read_message(text, requested_slot="service_suspended").values == {
        "service_suspended": True
    }


@pytest.mark.parametrize(
    ("text", "requested", "expected"),
    [
        (
            "인터넷이 3만 3천원이고 폰 두 회선 합쳐서 10만 7천원이니까 한 달에 14만원이요",
            "monthly_bill",
            {"monthly_bill": 140_000},
        ),
        (
            "취업하면 한 달에 25만원은 낼 수 있을 것 같은데요",
            "recovery_budget",
            {"recovery_budget": 250_000},
        ),
        ("x", "welfare_status", {"welfare_status": "none"}),
        ("노인연금 받어라", "welfare_status", {"welfare_status": "basic_pension"}),
        ("글쎄요 없다고 보는 게 맞을 것 같아요", "lump_sum", {"lump_sum": 0}),
        (
            "아마 안 됐을 거예요 전화 오는 거 받았어요",
            "service_suspended",
            {"service_suspended": False},
        ),
    ],
)
def test_more_answers_as_people_give_them(text, requested, expected):
    assert read_message(text, requested_slot=requested).values == expected


@pytest.mark.parametrize(
    ("text", "requested", "expected"),
    [
        (
            "kt 3달 42만 정지됨",
            None,
            {
                "carrier": "KT",
                "months_overdue": 3,
                "arrears_amount": 420_000,
                "service_suspended": True,
            },
        ),
        (
            "3개월 밀렸고 총 24만원 KT 월요금 6만 한달 12만까지 가능",
            None,
            {
                "carrier": "KT",
                "months_overdue": 3,
                "arrears_amount": 240_000,
                "monthly_bill": 60_000,
                "monthly_budget": 120_000,
            },
        ),
        (
            "SKT 쓰는데 요금이 30만 아니 33만원 밀렸어요",
            None,
            {"carrier": "SKT", "arrears_amount": 330_000},
        ),
        ("9만원, 아 할인 받아서 8만 5천원이요", "monthly_bill", {"monthly_bill": 85_000}),
        (
            "KT요 밀린 게 25만원이고 한 달 요금은 6만원이에요",
            None,
            {"carrier": "KT", "arrears_amount": 250_000, "monthly_bill": 60_000},
        ),
        ("몰라요 아마아니요", "recovery_expected", {"recovery_expected": False}),
        (
            "정지요? 전화 되는 거 보니 아닌 것 같아요",
            "service_suspended",
            {"service_suspended": False},
        ),
        ("3만원.. 아니 그냥 없는 걸로 할게요", "lump_sum", {"lump_sum": 0}),
        ("끊긴거 푸는거요", "goals", {"goals": ["keep_service"]}),
    ],
)
def test_taken_back_figures_hedged_answers_and_several_figures_in_a_clause(
    text, requested, expected
):
    assert read_message(text, requested_slot=requested).values == expected


@pytest.mark.parametrize(
    ("text", "requested", "after_plan", "expected"),
    [
        (
            "요금이 7만원이 아니라 7만 5천원이고요",
            "figures_confirmed",
            False,
            {"monthly_bill": 75_000},
        ),
        ("아 월요금 5만 아니고 4만5천이야", None, True, {"monthly_bill": 45_000}),
        ("아 잠깐 지금 낼 수 있는거 5만 말고 10만이야", None, True, {"lump_sum": 100_000}),
    ],
)
def test_a_figure_taken_back_passes_its_role_to_the_one_that_replaces_it(
    text, requested, after_plan, expected
):
    known = {"monthly_bill": 70_000, "lump_sum": 50_000}
    assert (
        read_message(text, requested_slot=requested, known=known, after_plan=after_plan).values
        == expected
    )


@pytest.mark.parametrize(
    ("text", "requested", "expected"),
    [
        ("그게 뭐에요? 없는거같아요", "welfare_status", {"welfare_status": "none"}),
        ("현재는 불가능합니다", "lump_sum", {"lump_sum": 0}),
        ("이지모바일이요", "carrier", {"carrier": "MVNO"}),
    ],
)
def test_answers_from_the_final_unseen_corpus(text, requested, expected):
    assert read_message(text, requested_slot=requested).values == expected


@pytest.mark.parametrize(
    "text",
    [
        "요금 빼고 오만원 더는 낼 수 있겄소",  # dialect, 더는
        "요금 내고 만 원 더는 되제",
        "요금 말고 5만원 더",  # no verb at all
    ],
)
def test_a_budget_on_top_of_the_bill_in_other_words(text):
    reading = read_message(text, "monthly_budget")
    assert "monthly_budget" in reading.on_top_of_bill


@pytest.mark.parametrize(
    "text", ["시방은 만원 한 장도 없어라", "천 원도 없어요", "돈이 만원도 없어요"]
)
def test_not_even_an_amount_is_no_lump_sum(text):
    assert read_message(text, "lump_sum").values["lump_sum"] == 0


def test_what_includes_the_device_instalment_is_the_bill_not_the_budget():
    assert read_message(
        "할부 포함해서 한 달에 10만 5천원이요", "monthly_bill", check=False
    ).values == {"monthly_bill": 105000}
    assert read_message("요금 포함해서 14만원이요", "monthly_bill", check=False).values == {
        "monthly_budget": 140000
    }


def test_the_price_of_an_item_found_on_the_bill_is_not_a_figure():
    text = (
        "네 봤어요. 부가서비스가 두 개 가입돼 있는데 저는 가입한 적이 없어요. 매달 8,800원씩 나가요"
    )
    reading = read_message(text, "bill_checked")
    assert reading.values == {"bill_checked": "found_issue"} and not reading.ambiguous


def test_more_than_an_amount_told_unasked_is_left_for_the_question():
    # "90만원 넘게" is not the arrears: never stored as the bill (the first example), nor
    # as the arrears; the question then asks for the amount itself.
    assert read_message("폰 요금이 90만원 넘게 연체됐어요").values == {}
    # Answering the question, it is the best the person knows: the reader keeps it (the learned
    # second opinion may still ask "90만원은 미납액인가요?"; it never stores another figure).
    answered = read_message("90만원 넘어요", requested_slot="arrears_amount", check=False)
    assert answered.values == {"arrears_amount": 900_000}
    checked = read_message("90만원 넘어요", requested_slot="arrears_amount")
    assert checked.values in ({"arrears_amount": 900_000}, {})
    assert all(item.candidates[0] == "arrears_amount" for item in checked.ambiguous)


def test_more_than_an_amount_is_not_paid_is_the_budget():
    reading = read_message("한 달에 10만원 넘게는 못 내요", requested_slot="monthly_budget")
    assert reading.values == {"monthly_budget": 100_000}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 되다 right after an amount told unasked is "it comes to": the clause before names it.
        (
            "kt 폰요금 두달 밀렸어요ㅠㅠ 17만원쯤 돼요",
            {"carrier": "KT", "months_overdue": 2, "arrears_amount": 170_000},
        ),
        ("요금이 밀렸는데 다 합치면 35만원 돼요", {"arrears_amount": 350_000}),
        # … while "은 돼요", "까지 돼요" or a month still say what can be paid.
        ("10만원은 돼요", {"monthly_budget": 100_000}),
        ("KT예요 한 달에 10만원은 돼요", {"carrier": "KT", "monthly_budget": 100_000}),
    ],
)
def test_an_amount_that_comes_to_something_is_not_a_budget(text, expected):
    assert read_message(text, check=False).values == expected


@pytest.mark.parametrize(
    ("text", "requested", "expected"),
    [
        # Money owed *to* the person: 밀리다 there is not the bill.
        (
            "네 다음 달에 밀린 월급 들어와요",
            "recovery_expected",
            {"recovery_expected": True, "recovery_months": 1},
        ),
        ("월급이 밀려서 요금을 못 냈어요 두 달째요", None, {"months_overdue": 2}),
        # "다음 달" is a point in time, never a count of unpaid months.
        ("다음 달에 밀린 거 다 내려고요", None, {}),
    ],
)
def test_money_owed_to_the_person_and_next_month_are_not_the_arrears(text, requested, expected):
    assert read_message(text, requested_slot=requested).values == expected


@pytest.mark.parametrize(
    ("text", "requested", "known", "expected"),
    [
        # Another debt's, income's or rent's amount in the same sentence is not a plan figure.
        (
            "카드값도 80만원 밀려있고 폰요금은 18만 6천원 밀렸어요",
            "arrears_amount",
            {},
            {"arrears_amount": 186_000},
        ),
        ("월급 190 받는데 폰요금은 6만2천원 나와요", "monthly_bill", {}, {"monthly_bill": 62_000}),
        (
            "카드론이 매달 20만원씩 나가서... 폰에는 요금 포함 9만원이요",
            "monthly_budget",
            {},
            {"monthly_budget": 90_000},
        ),
        (
            "연금 33만원 받는데 전화비로는 요금까지 팔만원",
            "monthly_budget",
            {},
            {"monthly_budget": 80_000},
        ),
        (
            "은행빚 300만원 있고 폰은 15만원 밀렸어요",
            "arrears_amount",
            {},
            {"arrears_amount": 150_000},
        ),
        # … while the money they pay with is still what they can pay, and the bill's own debt
        # is the arrears.
        ("알바비로 한 달에 10만원까지요", "monthly_budget", {}, {"monthly_budget": 100_000}),
        ("폰 빚이 30만원이에요", "arrears_amount", {}, {"arrears_amount": 300_000}),
        ("밀린 빚 30만원", None, {}, {"arrears_amount": 300_000}),
        ("카드는 두 달째고 폰은 세 달이요", "months_overdue", {}, {"months_overdue": 3}),
        # A range, or a rough figure, before the figure they settle on.
        (
            "한 20만원에서 22만원 사이? 잠깐만요 고지서 보니 21만 6천원이네요",
            "arrears_amount",
            {},
            {"arrears_amount": 216_000},
        ),
        (
            "10만에서 12만... 음 11만원으로 할게요, 요금 포함이요",
            "monthly_budget",
            {},
            {"monthly_budget": 110_000},
        ),
        ("한 10~11만? 걍 10만으로 할게요", "monthly_budget", {}, {"monthly_budget": 100_000}),
        (
            "한 십오만원인가... 여기 종이 보니께 십오만 삼천원이래",
            "arrears_amount",
            {},
            {"arrears_amount": 153_000},
        ),
        # A range alone keeps its lower bound: never the higher sum as what they can pay.
        ("3만원에서 5만원 정도요", "lump_sum", {}, {"lump_sum": 30_000}),
        ("두달치 밀리고 이번달 것도 못냈으니까 세달", "months_overdue", {}, {"months_overdue": 3}),
        # The same figure said twice is one figure, not a second one to ask about.
        (
            "요금 포함 15만원, 아니 14만원이요. 14만원이 맞아요",
            "monthly_budget",
            {},
            {"monthly_budget": 140_000},
        ),
        (
            "밀린 거 전부, 45,000원이요",
            "lump_sum",
            {"arrears_amount": 45_000},
            {"lump_sum": 45_000},
        ),
    ],
)
def test_the_figure_among_other_money_ranges_and_second_thoughts(text, requested, known, expected):
    reading = read_message(text, requested_slot=requested, known=known)
    assert reading.values == expected
    assert reading.ambiguous == []


def test_an_amount_right_after_setting_the_bill_aside_is_on_top_of_it():
    reading = read_message("요금 외에 3만원이요", requested_slot="monthly_budget")
    assert reading.values == {"monthly_budget": 30_000}
    assert reading.on_top_of_bill == {"monthly_budget"}
    # Said of an earlier figure, then a total "with the bill": the total as said.
    total = "15만원이요. 아 근데 그게 요금 빼고예요. 요금 포함하면 22만원"
    assert read_message(total, requested_slot="monthly_budget").on_top_of_bill == set()


def test_two_figures_of_the_same_amount_are_both_kept_when_each_is_named():
    # Only an amount said again with nothing to name it is "the same figure again".
    reading = read_message(
        "월 5만원 나오고 5만원 먼저 낼게요", requested_slot="monthly_bill", check=False
    )
    assert reading.values == {"monthly_bill": 50_000, "lump_sum": 50_000}


# Classes found by the tenth writer's blind corpus (each with made-up sentences of its own).
@pytest.mark.parametrize(
    "text, known, expected",
    [
        ("요금 6만 2천원 내고 나서 3만원 더 드릴 수 있어요", {}, (62_000, 30_000)),
        ("요금 4만원 말고 5만원 더요", {}, (40_000, 50_000)),
        ("요금 7만원에 2만원 더요", {"monthly_bill": 70_000}, (70_000, 20_000)),
        ("요금 내구 삼만 원 더 낼 수 있어유", {"monthly_bill": 50_000}, (None, 30_000)),
    ],
)
def test_a_budget_beyond_the_bill_said_with_the_bills_own_amount(text, known, expected):
    bill, beyond = expected
    reading = read_message(text, "monthly_budget", known=known)
    assert reading.values["monthly_budget"] == beyond
    assert "monthly_budget" in reading.on_top_of_bill
    assert reading.values.get("monthly_bill", known.get("monthly_bill")) == bill or bill is None


def test_a_rate_times_a_count_is_followed_by_the_total():
    reading = read_message("한 달에 3만원씩 세 달, 9만 2천원이에요", "arrears_amount")
    assert reading.values["arrears_amount"] == 92_000


def test_other_money_as_the_means_is_not_a_figure_unless_it_is_what_can_be_paid():
    told = read_message("폰 요금이 두 달 밀렸어요. 딸이 용돈으로 매달 20만원 보내 줘요")
    assert 200_000 not in told.values.values()
    paid = read_message("연금으로 매달 8만원은 낼 수 있어요", "monthly_budget", check=False)
    assert paid.values == {"monthly_budget": 80_000}


def test_a_lump_sum_denied_or_named_as_일시금_is_nothing():
    reading = read_message("오늘 낼 2만원도 없어요. 일시금은 0원이에요", "figures_confirmed")
    assert reading.values.get("lump_sum") == 0 and not reading.ambiguous


def test_cheques_are_counted_like_notes():
    reading = read_message("50만원짜리 수표 한 장 있어요", "lump_sum")
    assert reading.values == {"lump_sum": 500_000}


def test_a_figure_from_next_month_is_not_a_recovery():
    reading = read_message(
        "원래 7만 5천원 나왔는데 요금제 바꿔서 다음 달부터는 3만 9천원이에요", "monthly_bill"
    )
    assert reading.values == {"monthly_bill": 39_000}
