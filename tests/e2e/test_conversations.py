"""Complete Korean conversations with the real Rasa server and action server over REST.

Every conversation must pass through the six stages in order, and every structured message must
follow ../shared/spec/contract.md; the stored slots are read back through the HTTP API.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.contract import (
    check_agreement,
    check_alternatives,
    check_installment_plan,
    check_script,
    check_stage,
)


@dataclass
class Scenario:
    name: str
    messages: list[str]
    slots: dict[str, Any]
    feasible: bool | None = True
    option: str | None = None  # the kind agreed on at stage 6
    plan_kinds: list[str] = field(default_factory=list)


SCENARIOS = [
    Scenario(
        "KT, one answer at a time, even plan chosen by name",
        [
            "안녕하세요",
            "KT요",
            "35만원 밀렸어요",
            "두 달이요",
            "아니요 아직 쓸 수 있어요",
            "분할 납부랑 정지 유예요",
            "확인했는데 이상 없어요",
            "매달 5만 5천원 나와요",
            "15만원",
            "없어요",
            "기초생활수급자예요",
            "아니요 없어요",
            "네 맞아요",
            "매달 고르게 나눠 갚기로 할게요",
        ],
        {
            "carrier": "KT",
            "arrears_amount": 350000,
            "months_overdue": 2,
            "monthly_bill": 55000,
            "monthly_budget": 150000,
            "lump_sum": 0,
            "welfare_status": "livelihood",
            "service_suspended": False,
            "goals": ["installment", "keep_service"],
            "recovery_months": None,
            "recovery_budget": None,
        },
        option="even",
        plan_kinds=["fastest", "even"],
    ),
    Scenario(
        "SKT, the whole situation in the first message, agreeing with yes",
        [
            "SKT인데 요금 두 달 밀려서 42만원이에요",
            "네 정지됐어요",
            "전부 다요",
            "네 봤어요",
            "요금은 6만원이고 한 달에 16만원까지 낼 수 있어요",
            "5만원은 오늘 바로 낼 수 있어요",
            "해당 없어요",
            "없어요",
            "네 맞아요",
            "네 좋아요",
        ],
        {
            "carrier": "SKT",
            "arrears_amount": 420000,
            "months_overdue": 2,
            "monthly_bill": 60000,
            "monthly_budget": 160000,
            "lump_sum": 50000,
            "welfare_status": "none",
            "service_suspended": True,
            "goals": ["installment", "fee_adjustment", "keep_service"],
        },
        option="fastest",
        plan_kinds=["fastest", "even"],
    ),
    Scenario(
        "LG U+, a budget that does not cover six months",
        [
            "안녕하세요",
            "엘지 유플러스요",
            "80만원이요",
            "3개월째예요",
            "네",
            "나눠서 내고 싶어요",
            "아직 못 봤어요",
            "월 요금 6만원이요",
            "한 달에 9만원밖에 안 돼요",
            "없어요",
            "차상위예요",
            "없어요",
            "네 맞아요",
            "네",
        ],
        {
            "carrier": "LGU+",
            "arrears_amount": 800000,
            "months_overdue": 3,
            "monthly_bill": 60000,
            "monthly_budget": 90000,
            "welfare_status": "near_poverty",
        },
        feasible=False,
        option="within_budget",
        plan_kinds=["even"],
    ),
    Scenario(
        "An MVNO brand, finances improving in two months (step-up plan)",
        [
            "안녕하세요",
            "헬로모바일 알뜰폰이에요",
            "60만원",
            "석 달 됐어요",
            "아직 정지는 안 됐어요",
            "분할 납부요",
            "모르는 항목이 있어요",
            "5만 5천원",
            "8만원",
            "없어요",
            "해당 없어요",
            "2달 뒤부터 월 25만원 낼 수 있어요",
            "네 맞아요",
            "네 그걸로 할게요",
        ],
        {
            "carrier": "MVNO",
            "arrears_amount": 600000,
            "months_overdue": 3,
            "monthly_bill": 55000,
            "monthly_budget": 80000,
            "recovery_expected": True,
            "recovery_months": 2,
            "recovery_budget": 250000,
        },
        option="step_up",
        plan_kinds=["step_up"],
    ),
    Scenario(
        "Figures in Hangul numerals, the first option by number",
        [
            "안녕하세요",
            "케이티요",
            "삼십오만 원",
            "석 달",
            "아니요",
            "분할 납부요",
            "봤어요",
            "오만 오천원",
            "십오만원",
            "없어요",
            "해당 없어요",
            "없어요",
            "네 맞아요",
            "1번이요",
        ],
        {
            "carrier": "KT",
            "arrears_amount": 350000,
            "months_overdue": 3,
            "monthly_bill": 55000,
            "monthly_budget": 150000,
        },
        option="fastest",
        plan_kinds=["fastest", "even"],
    ),
    Scenario(
        "A lump sum that covers everything",
        [
            "안녕하세요",
            "SKT",
            "12만원이요",
            "한 달이요",
            "아니요",
            "정지 유예요",
            "확인했어요",
            "4만원",
            "10만원",
            "15만원은 한 번에 낼 수 있어요",
            "해당 없어요",
            "없어요",
            "네 맞아요",
            "네",
        ],
        {"carrier": "SKT", "arrears_amount": 120000, "lump_sum": 150000},
        feasible=None,
        option="lump_sum",
    ),
    Scenario(
        "Amounts with commas, basic pension",
        [
            "안녕하세요",
            "KT",
            "350,000원",
            "2개월",
            "아니요",
            "요금 할인이요",
            "네",
            "55,000원",
            "150,000원",
            "없어요",
            "기초연금 받아요",
            "없어요",
            "네 맞아요",
            "두 번째 걸로",
        ],
        {
            "arrears_amount": 350000,
            "monthly_bill": 55000,
            "monthly_budget": 150000,
            "welfare_status": "basic_pension",
            "goals": ["fee_adjustment"],
        },
        option="even",
        plan_kinds=["fastest", "even"],
    ),
    Scenario(
        "Typed the way people chat: no spaces, shorthand, 반말",
        [
            "ㅎㅇ",
            "skt임",
            "35만원밀림",
            "두달째ㅠㅠ",
            "ㄴㄴ 아직 안끊김",
            "분납이요",
            "ㅇㅇ 봄",
            "요금 한달에 6만",
            "월12만까지 가능",
            "돈 없음",
            "복지 해당없음",
            "ㄴㄴ",
            "ㅇㅇ 맞아",
            "ㅇㅇ",
        ],
        {
            "carrier": "SKT",
            "arrears_amount": 350000,
            "months_overdue": 2,
            "service_suspended": False,
            "goals": ["installment"],
            "monthly_bill": 60000,
            "monthly_budget": 120000,
            "lump_sum": 0,
            "welfare_status": "none",
            "recovery_expected": False,
        },
        option="fastest",
        plan_kinds=["fastest", "even"],
    ),
    Scenario(
        "A correction during the figures",
        [
            "안녕하세요",
            "KT요",
            "35만원",
            "두 달",
            "아니요",
            "분할 납부요",
            "확인했어요",
            "5만원",
            "아 잘못 말했어요 미납액은 30만원이에요",
            "15만원",
            "없어요",
            "해당 없어요",
            "없어요",
            "네 맞아요",
            "네",
        ],
        {"arrears_amount": 300000, "monthly_bill": 50000, "monthly_budget": 150000},
        option="fastest",
        plan_kinds=["fastest", "even"],
    ),
    Scenario(
        "Declining the proposal and lowering the budget",
        [
            "안녕하세요",
            "SKT요",
            "50만원",
            "두 달",
            "네",
            "분할 납부요",
            "확인했어요",
            "5만원",
            "20만원",
            "없어요",
            "해당 없어요",
            "없어요",
            "네 맞아요",
            "아니요 그건 어려워요",
            "월 예산은 15만원으로 고칠게요",
            "네 그걸로 해요",
        ],
        {"arrears_amount": 500000, "monthly_budget": 150000},
        option="fastest",
        plan_kinds=["fastest", "even"],
    ),
    Scenario(
        "A question, help and an out-of-scope message on the way",
        [
            "안녕하세요",
            "상담원이 거절하면 어떡해요?",
            "KT요",
            "도와주세요",
            "25만원",
            "오늘 날씨 어때",
            "한 달",
            "아니요",
            "분할 납부요",
            "확인했어요",
            "4만원",
            "10만원",
            "없어요",
            "해당 없어요",
            "없어요",
            "네 맞아요",
            "네",
        ],
        {"carrier": "KT", "arrears_amount": 250000, "months_overdue": 1},
        option="fastest",
        plan_kinds=["fastest", "even"],
    ),
    Scenario(
        "Starting over half way",
        [
            "안녕하세요",
            "KT요",
            "35만원",
            "처음부터 다시 할래요",
            "SKT요",
            "20만원",
            "한 달",
            "아니요",
            "분할 납부요",
            "확인했어요",
            "3만원",
            "8만원",
            "없어요",
            "해당 없어요",
            "없어요",
            "네 맞아요",
            "네",
        ],
        {"carrier": "SKT", "arrears_amount": 200000, "months_overdue": 1, "monthly_bill": 30000},
        option="fastest",
        plan_kinds=["fastest", "even"],
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[scenario.name for scenario in SCENARIOS])
def test_complete_conversation(conversation, scenario):
    restart_at = (
        scenario.messages.index("처음부터 다시 할래요")
        if "처음부터 다시 할래요" in scenario.messages
        else None
    )
    for index, message in enumerate(scenario.messages):
        if index == restart_at:
            conversation.replies.clear()  # a new conversation starts here
        replies = conversation.say(message)
        assert replies, f"no reply to {message!r}"

    stages = conversation.custom("stage")
    for stage in stages:
        check_stage(stage)
    assert [stage["stage"] for stage in stages] == [1, 2, 3, 4, 5, 6]

    slots = conversation.slots()
    for name, value in scenario.slots.items():
        assert slots[name] == value, (name, slots[name])

    plans = conversation.custom("installment_plan")
    plan = plans[-1] if plans else None
    if scenario.feasible is None:
        assert plan is None
    else:
        check_installment_plan(plan, slots.get("recovery_months"), slots.get("recovery_budget"))
        assert plan["feasible"] is scenario.feasible
        assert [option["kind"] for option in plan["options"]] == scenario.plan_kinds
        assert plan["arrears_amount"] == slots["arrears_amount"]
        assert plan["monthly_budget"] == slots["monthly_budget"]

    alternatives = conversation.custom("alternatives")
    assert alternatives
    check_alternatives(
        alternatives[-1],
        slots["welfare_status"],
        plan["feasible"] if plan else True,
        int(slots["monthly_bill"]),
    )

    scripts = conversation.custom("script")
    for script in scripts:
        check_script(script)
    assert {1, 2, 3, 4, 5, 6} <= {script["stage"] for script in scripts}

    agreements = conversation.custom("agreement")
    assert len(agreements) == 1
    check_agreement(agreements[0], plan, slots.get("recovery_budget"))
    assert agreements[0]["option"]["kind"] == scenario.option
    assert agreements[0]["carrier"] == slots["carrier"]
