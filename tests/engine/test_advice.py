"""What the coach proposes (negotiation/advice.py): never a promise the person cannot keep.

The property tests draw any figures a person could give and read every line of stages 5 and 6
and the agreement as the person would: no amount in them asks for more in a month than the
person said they can pay, whatever the case.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation import advice, scripts
from negotiation.alternatives import welfare_saving
from negotiation.money import find_amounts
from negotiation.scripts import Situation
from tests.contract import check_installment_plan

WELFARE = [
    None,
    "none",
    "livelihood",
    "housing_education",
    "near_poverty",
    "basic_pension",
    "disabled",
    "veteran",
]


def situation(**figures) -> Situation:
    base = dict(
        carrier="KT",
        arrears_amount=350_000,
        months_overdue=2,
        monthly_bill=55_000,
        monthly_budget=150_000,
        lump_sum=0,
        goals=["installment"],
        welfare_status="none",
        service_suspended=False,
    )
    base.update(figures)
    return Situation(**base)


def test_a_plan_that_fits_offers_its_options():
    proposal = advice.make_proposal(situation(), 6)
    assert proposal.case == advice.FEASIBLE
    assert [option.kind for option in proposal.choices] == ["fastest", "even"]


def test_a_plan_that_does_not_fit_proposes_what_the_person_can_pay():
    # 9만 5천원 to spare against 120만원 owed: six months would need 20만원 a month.
    proposal = advice.make_proposal(
        situation(arrears_amount=1_200_000, monthly_bill=55_000, monthly_budget=150_000), 6
    )
    assert proposal.case == advice.WITHIN_BUDGET
    (within,) = proposal.choices
    assert within.kind == "within_budget"
    assert within.payments == [95_000] * 12 + [60_000]
    assert sum(within.payments) == 1_200_000
    lines = advice.script_message(proposal, 5)["lines"]
    text = " ".join(lines)
    assert "9만 5천원씩" in text and "13개월" in text
    # The even plan over six months (20만원 a month) is never proposed.
    assert 200_000 not in [found.value for found in find_amounts(text)]
    agreement = advice.agreement_message(proposal, within)
    assert agreement["option"]["kind"] == "within_budget"
    assert set(agreement) == {"type", "carrier", "arrears_amount", "option", "checklist"}
    # The warning travels inside the agreement, first in its checklist.
    warning = agreement["checklist"][0]
    assert warning == advice.warnings(proposal, within)[0]
    assert "13개월" in warning and "6개월" in warning and "약속하지 마세요" in warning


def test_the_plan_message_keeps_the_contract():
    proposal = advice.make_proposal(situation(arrears_amount=1_200_000), 6)
    message = advice.plan_message(proposal)
    assert message["feasible"] is False
    assert [option["kind"] for option in message["options"]] == ["even"]
    assert message["options"][0]["months"] == 6
    check_installment_plan(message)  # exactly the contract's keys and invariants


def test_nothing_left_after_the_bill_proposes_no_payment():
    proposal = advice.make_proposal(situation(monthly_bill=80_000, monthly_budget=80_000), 6)
    assert proposal.case == advice.NO_ROOM
    assert proposal.choices == ()
    choice = advice.choose(proposal, None, None)
    assert choice.available and choice.option is None
    agreement = advice.agreement_message(proposal, None)
    assert agreement["option"] is None
    assert "정지 유예" in agreement["checklist"][0] and "약속하지 말고" in agreement["checklist"][0]
    stage_five = " ".join(advice.script_message(proposal, 5)["lines"])
    assert "요금을 낮출" in stage_five and "정지를 미뤄" in stage_five
    stage_six = " ".join(advice.script_message(proposal, 6)["lines"])
    assert "나눠 내기로" not in stage_six
    assert not any("씩" in line for line in agreement["checklist"])


def test_a_lump_sum_that_covers_everything_is_one_payment_today():
    proposal = advice.make_proposal(situation(lump_sum=400_000), 6)
    assert proposal.case == advice.PAID_AT_ONCE
    (today,) = proposal.choices
    assert today.payments == [350_000]
    stage_six = " ".join(advice.script_message(proposal, 6, today)["lines"])
    assert "한 번에" in stage_six and "나눠 내기로" not in stage_six and "1개월" not in stage_six
    assert advice.warnings(proposal, today) == []


def test_a_schedule_that_steps_down_is_not_called_a_step_up():
    # 5만원 to spare for two months, then only 3만원: the later payments are the smaller ones.
    proposal = advice.make_proposal(
        situation(
            arrears_amount=160_000,
            monthly_bill=50_000,
            monthly_budget=100_000,
            recovery_months=2,
            recovery_budget=80_000,
        ),
        6,
    )
    step = next(option for option in proposal.choices if option.kind == "step_up")
    assert step.payments[0] > step.payments[2]
    assert proposal.label(step) == "처음엔 많이, 나중에 줄여 갚기"


def test_a_step_up_with_nothing_left_at_first_never_says_zero_won():
    proposal = advice.make_proposal(
        situation(
            arrears_amount=200_000,
            monthly_bill=50_000,
            monthly_budget=50_000,
            recovery_months=2,
            recovery_budget=150_000,
        ),
        6,
    )
    assert proposal.case == advice.FEASIBLE
    (step,) = proposal.choices
    assert step.payments[:2] == [0, 0]
    assert proposal.label(step) == "처음엔 적게, 나중에 늘려 갚기"
    texts = (
        advice.script_message(proposal, 5)["lines"]
        + advice.script_message(proposal, 6, step)["lines"]
    )
    texts += advice.agreement_message(proposal, step)["checklist"]
    assert not any(re.search(r"(?<![\d,만천])0원", text) for text in texts), texts


def test_hedges_are_said_once():
    # A plan longer than the coach's horizon: both hedges, the horizon named as its own.
    proposal = advice.make_proposal(situation(arrears_amount=1_200_000), 6)
    first = advice.hedges_to_say(proposal, [])
    assert [key for key, _ in first] == ["instalment_terms", "planning_horizon"]
    assert "일반적으로 알려진 바로는" in first[0][1]
    assert "6개월" in first[1][1] and "통신사가 정한 기한이 아니라" in first[1][1]
    assert advice.hedges_to_say(proposal, [key for key, _ in first]) == []
    # A four-month plan never mentions six months.
    short = advice.make_proposal(situation(), 6)
    assert [key for key, _ in advice.hedges_to_say(short, [])] == ["instalment_terms"]


def test_a_computable_discount_gives_a_second_schedule():
    proposal = advice.make_proposal(
        situation(
            welfare_status="basic_pension",
            arrears_amount=400_000,
            monthly_bill=40_000,
            monthly_budget=100_000,
        ),
        6,
    )
    items = advice.alternatives_for(proposal)
    discounted = advice.with_discount(proposal, items)
    assert discounted is not None and discounted.saving == 11_000
    assert discounted.proposal.situation.monthly_bill == 29_000
    assert discounted.proposal.first_choice.payments[0] == 71_000


def test_no_second_schedule_where_the_discount_is_only_a_cap():
    proposal = advice.make_proposal(situation(welfare_status="livelihood"), 6)
    assert advice.with_discount(proposal, advice.alternatives_for(proposal)) is None


def test_bill_lowering_comes_first_when_nothing_fits():
    proposal = advice.make_proposal(situation(arrears_amount=1_200_000), 6)
    items = advice.alternatives_for(proposal)
    lowering = [item.lowers_bill for item in items]
    assert lowering == sorted(lowering, reverse=True)
    assert "line_cleanup" in [item.id for item in items]


@pytest.mark.parametrize(
    "position, kind, expected",
    [(1, None, "fastest"), (2, None, "even"), (None, "even", "even"), (None, None, "fastest")],
)
def test_choosing_by_place_or_kind(position, kind, expected):
    proposal = advice.make_proposal(situation(), 6)
    choice = advice.choose(proposal, kind, position)
    assert choice.available and choice.option.kind == expected


def test_an_option_not_offered_is_not_available():
    proposal = advice.make_proposal(situation(), 6)
    assert not advice.choose(proposal, "step_up", None).available
    assert not advice.choose(proposal, None, 3).available


figures = st.fixed_dictionaries(
    {
        "arrears_amount": st.integers(1, 5_000_000),
        "monthly_bill": st.integers(0, 300_000),
        "monthly_budget": st.integers(0, 600_000),
        "lump_sum": st.integers(0, 2_000_000),
        "recovery": st.one_of(st.none(), st.tuples(st.integers(1, 12), st.integers(0, 800_000))),
        "welfare_status": st.sampled_from(WELFARE),
        "service_suspended": st.sampled_from([True, False, None]),
        "goals": st.lists(
            st.sampled_from(["installment", "fee_adjustment", "keep_service"]), unique=True
        ),
        "carrier": st.sampled_from(["SKT", "KT", "LGU+", "MVNO"]),
        "months_overdue": st.one_of(st.none(), st.integers(0, 48)),
        "max_months": st.integers(1, 12),
    }
)


def _situation(drawn: dict) -> Situation:
    recovery = drawn["recovery"]
    return Situation(
        carrier=drawn["carrier"],
        arrears_amount=drawn["arrears_amount"],
        months_overdue=drawn["months_overdue"],
        monthly_bill=drawn["monthly_bill"],
        monthly_budget=drawn["monthly_budget"],
        lump_sum=drawn["lump_sum"],
        recovery_months=recovery[0] if recovery else None,
        recovery_budget=recovery[1] if recovery else None,
        goals=drawn["goals"],
        welfare_status=drawn["welfare_status"],
        service_suspended=drawn["service_suspended"],
    )


def _persons_own_figures(person: Situation) -> set[int]:
    """Amounts a line may repeat because the person said them (owed, bill, budget…)."""
    own = {
        person.arrears_amount,
        person.monthly_bill,
        person.monthly_budget,
        person.lump_sum,
        person.recovery_budget,
    }
    if person.arrears_amount is not None and person.lump_sum is not None:
        own.add(person.arrears_amount - person.lump_sum)
    return {value for value in own if value is not None}


@settings(max_examples=4 * settings.default.max_examples, deadline=None)
@given(figures)
def test_no_line_ever_asks_for_more_than_the_person_can_pay(drawn):
    person = _situation(drawn)
    proposal = advice.make_proposal(person, drawn["max_months"])
    most = max(proposal.capacity, proposal.highest_payment_allowed(10_000))

    for option in proposal.choices if proposal.case != advice.PAID_AT_ONCE else ():
        assert sum(option.payments) == proposal.plan.remaining
        for month, payment in enumerate(option.payments, start=1):
            assert 0 <= payment <= max(proposal.highest_payment_allowed(month), 0), (month, option)

    chosen = [None] if not proposal.choices else list(proposal.choices)
    for option in chosen:
        agreement = advice.agreement_message(proposal, option)
        if option is None:
            assert agreement["option"] is None and advice.warnings(proposal, None)
        lines = (
            advice.script_message(proposal, 5)["lines"]
            + advice.script_message(proposal, 6, option)["lines"]
            + agreement["checklist"]
        )
        own = _persons_own_figures(person)
        budgets = max(person.monthly_budget or 0, person.recovery_budget or 0)
        for line in lines:
            assert "{" not in line, line
            # "요금까지 합쳐 …": what leaves the account each month, bill included (within the
            # budget); "(밀린 돈만: …)" and every other amount: towards the arrears.
            totals, _, arrears_part = line.partition("(밀린 돈만:")
            if "요금까지 합쳐" in totals:
                for found in find_amounts(totals):
                    assert found.value in own or found.value <= budgets, (line, found)
                line = arrears_part
            for found in find_amounts(line):
                if found.value in own:
                    continue
                assert found.value <= max(most, 0), (line, found)
            assert not re.search(r"(?<![\d,])0원씩", line), line


@settings(max_examples=3 * settings.default.max_examples, deadline=None)
@given(figures)
def test_no_saving_exceeds_the_bill_and_every_saving_is_at_most(drawn):
    person = _situation(drawn)
    proposal = advice.make_proposal(person, drawn["max_months"])
    items = advice.alternatives_for(proposal)
    for item in items:
        if item.monthly_saving is not None:
            assert 0 <= item.monthly_saving <= person.monthly_bill, item
    lines = scripts.alternative_lines(items)
    for item, line in zip(items, lines, strict=True):
        if item.monthly_saving:
            assert "최대" in line, line
    saving, _ = welfare_saving(person.welfare_status, person.monthly_bill)
    assert saving is None or saving <= person.monthly_bill


@settings(max_examples=3 * settings.default.max_examples, deadline=None)
@given(figures)
def test_the_stage_two_lines_never_guess_the_suspension(drawn):
    person = _situation(drawn)
    lines = " ".join(scripts.stage_lines(2, person))
    if person.service_suspended is not False:
        assert "아직 정지되지는" not in lines
    if person.service_suspended is not True:
        assert "정지된 상태" not in lines


def test_a_charge_not_recognised_puts_the_dispute_route_first():
    proposal = advice.make_proposal(situation(bill_checked="found_issue"), 6)
    ids = [item.id for item in advice.alternatives_for(proposal)]
    assert ids[:2] == ["dispute_mediation", "micropayment_block"]
    assert any("모르는 항목" in line for line in advice.script_message(proposal, 5)["lines"])


def test_a_charge_not_recognised_keeps_bill_lowering_first_when_nothing_fits():
    person = situation(arrears_amount=1_200_000, bill_checked="found_issue")
    items = advice.alternatives_for(advice.make_proposal(person, 6))
    lowering = [item.lowers_bill for item in items]
    assert lowering == sorted(lowering, reverse=True)  # the contract's order holds
    assert items[0].id == "micropayment_block"
    assert next(item.id for item in items if not item.lowers_bill) == "dispute_mediation"


def test_an_old_small_debt_is_asked_about_before_any_repayment():
    from negotiation import risk

    person = situation(carrier="SKT", arrears_amount=200_000, months_overdue=40)
    lines = " ".join(scripts.stage_lines(2, person))
    assert "갚아야 하는 대상인지" in lines
    steps = {step.key: step for step in risk.risk_timeline("SKT", 40, 200_000, True)}
    assert "old_small_debt" in steps and "suspension_length_skt" not in steps
    assert steps["termination"].when == "이미 해당될 수 있어요"
    assert "MBN머니" in steps["old_small_debt"].source


def test_one_payment_is_this_month_and_offered_once():
    proposal = advice.make_proposal(situation(arrears_amount=80_000), 6)
    assert [option.kind for option in proposal.choices] == ["fastest"]  # even is the same
    lines = advice.script_message(proposal, 5)["lines"]
    assert any("이번 달 요금과 함께 한 번에" in line for line in lines)
    assert not any("1개월" in line or "다음 달" in line for line in lines)


def test_the_checklist_gives_the_monthly_total_with_the_bill():
    proposal = advice.make_proposal(situation(), 6)
    checklist = advice.agreement_message(proposal, proposal.first_choice)["checklist"]
    total = next(line for line in checklist if "요금까지 합쳐" in line)
    assert "15만원" in total and "9만 5천원" in total  # 9만 5천원 + the 5만 5천원 bill


def test_welfare_wording_fits_the_status_and_the_carrier():
    disabled = advice.alternatives_for(
        advice.make_proposal(situation(welfare_status="disabled"), 6)
    )
    line = scripts.alternative_lines([disabled[0]])[0]
    assert "일반적으로 알려진 바로는 장애인은" in line and "35%" in line and "oldee.kr" in line
    mvno = advice.alternatives_for(
        advice.make_proposal(situation(carrier="MVNO", welfare_status="livelihood"), 6)
    )
    assert "가입한 회사도 이 감면을 적용하는지" in mvno[0].explanation
    assert "MBN" not in (mvno[0].source or "")  # the 기초연금 source is not theirs


def test_a_step_up_that_pays_what_fastest_pays_is_neither_offered_twice_nor_refused():
    # The budget after the recovery leaves no more than now: the step-up plan is the fastest one.
    person = situation(
        arrears_amount=70_000,
        monthly_bill=15_000,
        monthly_budget=40_000,
        recovery_months=2,
        recovery_budget=60_000,
    )
    proposal = advice.make_proposal(person, 6)
    kinds = [option.kind for option in proposal.choices]
    assert "step_up" not in kinds or "fastest" not in kinds
    lines = advice.script_message(proposal, 5)["lines"]
    assert not any("그 뒤로는" in line and "방법도" in line for line in lines)
    choice = advice.choose(proposal, "step_up", None)
    assert choice.available and choice.option.payments == proposal.choices[0].payments


def test_a_lump_sum_above_the_arrears_is_never_told_to_the_agent():
    person = situation(lump_sum=400_000)  # owes 35만원
    lines = " ".join(scripts.stage_lines(4, person))
    assert "35만원을 한 번에 모두 낼 수 있어요" in lines and "40만원" not in lines
    partial = " ".join(scripts.stage_lines(4, situation(lump_sum=100_000)))
    # Never "오늘": the person may pay it on payday, a day the coach was not told.
    assert "10만원은 먼저 한 번에 낼 수 있어요" in partial and "오늘" not in partial


@pytest.mark.parametrize(
    "text, kind",
    [
        ("일 시작하고 더 내는 걸로요", "step_up"),
        ("다음 달부터 더 내는 걸로 하겠습니다", "step_up"),
        ("제가 낼 수 있는 만큼으로 해볼게요", "within_budget"),
        ("그럼 오늘 바로 다 낼게요", "lump_sum"),
    ],
)
def test_options_chosen_in_the_persons_own_words(text, kind):
    from negotiation.understanding import find_option

    assert find_option(text) == kind


def test_what_i_can_pay_with_a_plan_that_fits_is_its_first_option():
    proposal = advice.make_proposal(situation(), 6)
    choice = advice.choose(proposal, "within_budget", None)
    assert choice.available and choice.option.kind == "fastest"


def test_fastest_is_named_for_todays_budget_when_stepping_up_finishes_sooner():
    # 150,000 at 40,000 a month takes 4 months; 40,000 now and 130,000 from month 2 takes 3.
    sooner = advice.make_proposal(
        situation(
            arrears_amount=150_000,
            monthly_bill=85_000,
            monthly_budget=125_000,
            recovery_months=1,
            recovery_budget=215_000,
        ),
        6,
    )
    months = {choice.kind: choice.months for choice in sooner.choices}
    assert months["step_up"] < months["fastest"]
    assert sooner.step_up_sooner
    fastest = next(choice for choice in sooner.choices if choice.kind == "fastest")
    assert sooner.label(fastest) == "지금 예산으로 최대한 빨리 갚기"
    # Without a recovery, "최대한 빨리" is simply true.
    plain = advice.make_proposal(situation(), 6)
    assert not plain.step_up_sooner
    assert plain.label(plain.choices[0]) == "최대한 빨리 갚기"


def test_the_network_carriers_contract_discount_is_not_offered_to_an_mvno_user():
    def ids(carrier: str) -> list[str]:
        proposal = advice.make_proposal(situation(carrier=carrier), 6)
        return [item.id for item in advice.alternatives_for(proposal)]

    assert "selective_contract" in ids("KT")
    assert "selective_contract" not in ids("MVNO")
    assert "plan_downgrade" in ids("MVNO")


def test_home_internet_gets_neither_the_mobile_terms_nor_mobile_only_alternatives():
    from negotiation.risk import risk_timeline

    mobile = {step.key for step in risk_timeline("KT", 2, 350_000, False)}
    internet = {step.key for step in risk_timeline("KT", 2, 350_000, False, internet_only=True)}
    assert {"suspension_triggers", "suspension_length_kt"} <= mobile
    assert not {"suspension_triggers", "suspension_length_kt"} & internet
    assert "suspension_terms_unpublished" in internet  # their terms are not known: ask

    proposal = advice.make_proposal(situation(internet_only=True), 6)
    ids = [item.id for item in advice.alternatives_for(proposal)]
    assert "selective_contract" not in ids and "micropayment_block" not in ids
    downgrade = next(
        item for item in advice.alternatives_for(proposal) if item.id == "plan_downgrade"
    )
    assert "인터넷 상품" in downgrade.explanation and "데이터" not in downgrade.explanation
    # The numbers known are the mobile centres: not given for home internet.
    assert "114" in scripts.customer_centre_line("KT")
    assert "114" not in scripts.customer_centre_line("KT", internet_only=True)

    keep = situation(internet_only=True, goals=["keep_service"])
    lines = scripts.stage_lines(3, keep)
    assert any(line.startswith("인터넷은 생활에 꼭 필요해서") for line in lines)
    assert not any("연락을 받아야 해서" in line for line in lines)


def test_lines_about_the_suspension_fit_whether_the_line_is_suspended():
    not_yet = situation(carrier="SKT", goals=["installment", "keep_service"])
    proposal = advice.make_proposal(not_yet, 6)
    lines = scripts.stage_lines(5, not_yet, proposal.plan, case=proposal.case)
    deferring = [line for line in lines if "정지를 미뤄" in line]
    assert len(deferring) == 1  # once, not twice in a row
    assert not any("풀어 주" in line for line in lines)  # nothing to lift yet

    suspended = situation(service_suspended=True, goals=["keep_service"])
    proposal = advice.make_proposal(suspended, 6)
    lines = scripts.stage_lines(5, suspended, proposal.plan, case=proposal.case)
    assert any("정지를 풀어 주실" in line for line in lines)
    assert scripts.goal_labels(["keep_service"], suspended=True) == ["서비스 유지(정지 해제)"]
    assert scripts.goal_labels(["keep_service"], suspended=False) == ["서비스 유지(정지 유예)"]


def test_a_family_member_does_not_apologise_as_the_subscriber():
    lines = scripts.stage_lines(2, situation(for_family=True))
    assert any(line.startswith("가족이 사정이 어려워서") for line in lines)
    assert not any(line.startswith("사정이 어려워서") for line in lines)
