"""Replies at the figures confirmation and while a figure is fixed, and which question of a
correction comes next (negotiation/confirmation.py): corrections that converge."""

import pytest

from negotiation.confirmation import (
    digits_example,
    keeps_the_figure,
    next_confirmation_question,
    next_missing_question,
    next_value_question,
    read_confirmation,
    read_role,
    restated_figure,
)


@pytest.mark.parametrize(
    "text",
    [
        "다 맞아요",
        "고칠 거 없어요",
        "고칠 게 없어요",
        "틀린 건 하나도 없어요",
        "아 맞네요",
        "아니요, 다 맞아요",
        "바꿀 거 없어요",
        "모두 맞습니다",
        "네 맞아요",
        "확인했어요",
        "어 맞아",
    ],
)
def test_nothing_to_fix_is_a_yes(text):
    assert read_confirmation(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "미납액 빼고 다 맞아요",
        "아니 미납액이 틀렸어요, 다른 건 다 맞아요",
        "다 맞는 건 아니에요",
        "고칠게요",
        "미납액을 고칠게요",
        "안 맞아요",
    ],
)
def test_something_to_fix_is_a_no(text):
    assert read_confirmation(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "어떻게 하면 돼요?",  # 어 + 떻게, not "어"
        "예산이 좀 애매해요",  # 예 + 산, not "예"
        "콜센터에 물어볼게요",
        "그래서요",
        "정확히는 잘 모르겠는데 좀 더 많아요",
        "확인해 볼게요",
        "맞는데 연체료가 붙었어요",  # right, but
    ],
)
def test_words_that_begin_like_a_yes_are_not_one(text):
    assert read_confirmation(text) is None


@pytest.mark.parametrize(
    ("text", "keeps"),
    [
        ("맞아요", True),
        ("아 맞네요", True),
        ("그대로 둘게요", True),
        ("다 맞아요", True),
        ("고칠 거 없어요", True),
        ("네 맞는데요", True),
        ("네", False),  # "네" to "미납액을 어떻게 고칠까요?" says nothing of the figure
        ("응", False),
        ("맞는데 연체료가 붙었어요", False),
        ("고칠게요", False),
    ],
)
def test_what_keeps_the_figure_being_fixed(text, keeps):
    assert keeps_the_figure(text) is keeps


def test_a_yes_to_which_of_several_figures_an_amount_is_picks_none():
    several = ["arrears_amount", "monthly_bill", "monthly_budget"]
    assert read_role("네", several, "affirm") is None
    assert read_role("네", several[:2], "affirm") == "arrears_amount"


# --- which question comes next ------------------------------------------------------------------


def test_the_new_value_is_asked_three_ways_then_the_figure_is_kept():
    asked: dict[str, int] = {}
    order = []
    while (key := next_value_question(asked, "arrears_amount", restated=False)) is not None:
        order.append(key)
        asked[key] = asked.get(key, 0) + 1
    assert order == ["ask_figure_to_fix", "figure_value_again", "figure_value_buttons"]


def test_the_same_value_said_again_skips_the_first_question():
    assert next_value_question({}, "arrears_amount", restated=True) == "figure_same_value"
    asked = {"ask_figure_to_fix": 1}
    assert next_value_question(asked, "arrears_amount", restated=True) == "figure_same_value"
    asked = {"ask_figure_to_fix": 1, "figure_same_value": 1}
    assert next_value_question(asked, "arrears_amount", restated=True) == "figure_value_buttons"


def test_a_figure_that_is_not_a_number_is_asked_with_its_buttons_at_most_twice():
    asked: dict[str, int] = {}
    order = []
    while (key := next_value_question(asked, "carrier", restated=False)) is not None:
        order.append(key)
        asked[key] = asked.get(key, 0) + 1
    assert order == ["ask_figure_to_fix", "figure_pick_again", "figure_pick_again"]


def test_no_confirmation_question_is_asked_a_third_time():
    for wanted in ("ask_figures_confirmed", "which_figure_to_fix"):
        asked: dict[str, int] = {}
        order = []
        while (key := next_confirmation_question(asked, wanted)) is not None:
            order.append(key)
            asked[key] = asked.get(key, 0) + 1
        assert order == [wanted, wanted, "confirm_or_pick_figure", "confirm_or_pick_figure"]


def test_a_missing_figure_is_asked_then_asked_with_digits():
    assert next_missing_question({}) == "ask_missing_figure"
    assert next_missing_question({"ask_missing_figure": 1}) == "figure_missing_again"
    assert next_missing_question({"ask_missing_figure": 1, "figure_missing_again": 2}) is None


def test_the_digits_example_is_never_the_figure_held():
    assert digits_example("arrears_amount", 380000.0) == "385000"
    assert digits_example("arrears_amount", 385000.0) == "420000"
    assert digits_example("months_overdue", None) == "3"


def test_a_figure_said_again_with_the_value_it_has():
    known = {"arrears_amount": 380000.0, "monthly_bill": 55000.0, "monthly_budget": 150000.0}
    assert restated_figure({"arrears_amount": 380000}, [380000], known) == "arrears_amount"
    assert restated_figure({}, [380000], known) == "arrears_amount"
    assert restated_figure({}, [385000], known) is None
    # The same amount for two figures: which one is not said.
    both = {**known, "monthly_bill": 150000.0}
    assert restated_figure({}, [150000], both) is None


def test_a_request_is_not_a_figure_said_to_differ():
    assert read_confirmation("요금 낮춰달라는 것부터 말해볼게요") is None
    assert read_confirmation("금액이 달라요") is False
