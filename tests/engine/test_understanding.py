"""Reading figures and choices from whole messages, with and without the question asked."""

import ast
from pathlib import Path

import pytest

from negotiation.understanding import (
    find_carrier,
    find_option_position,
    find_suspension,
    read_message,
)

ENGINE = Path(__file__).resolve().parents[2] / "negotiation"


@pytest.mark.parametrize(
    "text, requested, expected",
    [
        (
            "SKT인데 35만원 밀렸고 매달 5만5천원 나와요",
            None,
            {"carrier": "SKT", "arrears_amount": 350_000, "monthly_bill": 55_000},
        ),
        (
            "KT 쓰는데 요금 두 달 밀려서 미납금이 삼십오만 원이에요",
            None,
            {"carrier": "KT", "months_overdue": 2, "arrears_amount": 350_000},
        ),
        ("35만원", "arrears_amount", {"arrears_amount": 350_000}),
        ("15만원", "monthly_budget", {"monthly_budget": 150_000}),
        ("한달에 15만원 정도 가능해요", "monthly_bill", {"monthly_budget": 150_000}),
        (
            "요금은 5만원이고 한 달에 12만원까지 낼 수 있어요",
            "monthly_bill",
            {"monthly_bill": 50_000, "monthly_budget": 120_000},
        ),
        ("10만원은 지금 바로 낼 수 있어요", "lump_sum", {"lump_sum": 100_000}),
        ("없어요", "lump_sum", {"lump_sum": 0}),
        ("돈 없음", "lump_sum", {"lump_sum": 0}),
        ("당장 낼 돈은 없어요ㅠ", "lump_sum", {"lump_sum": 0}),
        ("여유가 하나도 없어요", "lump_sum", {"lump_sum": 0}),
        ("한 푼도 못 내요", "lump_sum", {"lump_sum": 0}),
        # "No money" answers only the lump-sum question: a budget is never guessed as zero.
        ("돈 없음", "monthly_budget", {}),
        (
            "3개월 뒤부터는 월 25만원 낼 수 있어요",
            "recovery_expected",
            {"recovery_months": 3, "recovery_budget": 250_000, "recovery_expected": True},
        ),
        (
            "지금은 월 10만원, 3개월 뒤부터는 20만원 낼 수 있어요",
            "monthly_budget",
            {
                "monthly_budget": 100_000,
                "recovery_months": 3,
                "recovery_budget": 200_000,
                "recovery_expected": True,
            },
        ),
        ("두달째 못 냈어요", "months_overdue", {"months_overdue": 2}),
        ("석 달이요", "months_overdue", {"months_overdue": 3}),
        ("이번 달이 처음이에요", "months_overdue", {"months_overdue": 1}),
        ("4달", "recovery_months", {"recovery_months": 4, "recovery_expected": True}),
        ("분할납부랑 정지 유예 하고 싶어요", "goals", {"goals": ["installment", "keep_service"]}),
        ("다요", "goals", {"goals": ["installment", "fee_adjustment", "keep_service"]}),
        ("다!", "goals", {"goals": ["installment", "fee_adjustment", "keep_service"]}),
        ("합니다", "goals", {}),  # a verb ending, not "all of them"
        ("정지만 풀어주세요", "goals", {"goals": ["keep_service"]}),
        # A wish about the future says nothing about whether the line is suspended now.
        ("안 끊기게 해주세요", "goals", {"goals": ["keep_service"]}),
        ("요금 할인이요", "goals", {"goals": ["fee_adjustment"]}),
        ("기초생활수급자예요", "welfare_status", {"welfare_status": "livelihood"}),
        ("차상위예요", "welfare_status", {"welfare_status": "near_poverty"}),
        ("주거급여 받고 있어요", "welfare_status", {"welfare_status": "housing_education"}),
        ("해당 없어요", "welfare_status", {"welfare_status": "none"}),
        ("네 정지됐어요", "service_suspended", {"service_suspended": True}),
        ("아직 안 됐어요", "service_suspended", {"service_suspended": False}),
        ("아니요 아직 쓸 수 있어요", "service_suspended", {"service_suspended": False}),
        ("균등하게 할게요", None, {"plan_option": "even"}),
        ("최대한 빨리 갚기로 할게요", None, {"plan_option": "fastest"}),
        ("처음엔 적게, 나중에 늘려 갚기로 할게요", None, {"plan_option": "step_up"}),
        ("알뜰폰이에요 헬로모바일", "carrier", {"carrier": "MVNO"}),
    ],
)
def test_reads_what_the_message_says(text, requested, expected):
    assert read_message(text, requested_slot=requested).values == expected


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("네", "affirm", True),
        ("아니요", "deny", False),
        ("ㅇㅇ", None, True),
        ("아뇨", None, False),
    ],
)
def test_yes_and_no_answer_the_suspension_question(text, intent, expected):
    reading = read_message(text, requested_slot="service_suspended", intent=intent)
    assert reading.values == {"service_suspended": expected}


@pytest.mark.parametrize(
    "text, suspended",
    [
        # A negation before the verb wins over the verb itself: "안끊김" is not "끊김".
        ("ㄴㄴ 아직 안끊김", False),
        ("안 끊겼어요", False),
        ("아직 안 막혔어요", False),
        ("정지는 아니에요", False),
        ("정지 안 됨", False),
        ("아직 잘 터져요", False),
        ("정지됨", True),
        ("정지 먹음", True),
        ("발신이 막혔어요", True),
        ("끊김ㅠ", True),
        ("안 터져요", True),
    ],
)
def test_suspension_as_people_type_it(text, suspended):
    assert find_suspension(text) is suspended


@pytest.mark.parametrize(
    "text, position",
    [
        ("1번", 1),
        ("첫 번째 거요", 1),
        ("두번째꺼로 할게요", 2),
        ("2번이요", 2),
        ("세 번째", 3),
        ("빨리 갚는 걸로요", None),
        ("네", None),
    ],
)
def test_option_positions(text, position):
    assert find_option_position(text) == position


def test_a_bare_yes_answers_nothing_when_nothing_was_asked():
    assert read_message("네", requested_slot=None, intent="affirm").values == {}


def test_figures_outside_the_limits_are_refused_with_a_reason():
    reading = read_message("미납액 3억원", requested_slot="arrears_amount")
    assert reading.values == {}
    assert reading.refused["arrears_amount"].reason == "too_large"
    assert reading.refused["arrears_amount"].value == 300_000_000


def test_zero_arrears_is_refused():
    reading = read_message("0원", requested_slot="arrears_amount")
    assert reading.refused["arrears_amount"].reason == "too_small"


def test_nothing_readable_gives_nothing():
    reading = read_message("음 글쎄요 잘 모르겠네요", requested_slot="arrears_amount")
    assert reading.values == {} and reading.refused == {}


def test_a_bare_amount_with_no_question_is_what_is_owed():
    assert read_message("30만원이에요").values == {"arrears_amount": 300_000}


def test_a_goal_outside_the_question_needs_a_wish():
    assert read_message("정지 안 되게 해주세요").values == {"goals": ["keep_service"]}
    assert "goals" not in read_message("정지됐어요").values


@pytest.mark.parametrize(
    "text, carrier",
    [
        ("SKT", "SKT"),
        ("에스케이", "SKT"),
        ("sk텔레콤", "SKT"),
        ("티월드 앱에서 봤어요", "SKT"),
        ("KT", "KT"),
        ("케이티", "KT"),
        ("케티요", "KT"),
        ("올레", "KT"),
        ("LG U+", "LGU+"),
        ("엘지", "LGU+"),
        ("엘쥐", "LGU+"),
        ("유플러스", "LGU+"),
        ("lgu+", "LGU+"),
        ("알뜰폰", "MVNO"),
        ("KT엠모바일", "MVNO"),
        ("SK세븐모바일", "MVNO"),
        ("U+유모바일", "MVNO"),
        ("리브엠", "MVNO"),
        ("토스모바일", "MVNO"),
    ],
)
def test_carrier_names_and_brands(text, carrier):
    assert find_carrier(text) == carrier


@pytest.mark.parametrize("text", ["ask me", "desk", "그냥요", "요금이 밀렸어요"])
def test_no_carrier_where_none_is_named(text):
    assert find_carrier(text) is None


def test_the_engine_imports_no_rasa():
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] in {"rasa", "rasa_sdk"} for name in names), path
