"""Risk timeline, alternatives, scripts, messages and the sources behind every fact."""

import re
import string

import pytest

from negotiation import advice, alternatives, messages, risk, scripts
from negotiation.data import load
from negotiation.korean import josa
from negotiation.planner import plan_installments
from negotiation.scripts import Situation

FULL = Situation(
    carrier="KT",
    arrears_amount=350_000,
    months_overdue=2,
    monthly_bill=55_000,
    monthly_budget=150_000,
    lump_sum=0,
    goals=["installment", "keep_service"],
    welfare_status="livelihood",
    service_suspended=True,
)


def test_every_fact_has_a_source_and_a_date():
    facts = load("facts")
    for key, fact in facts["facts"].items():
        assert fact["source"], key
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fact["checked"]), key
        # The hedge is added where the fact is said (fragments.weak_fact), never twice.
        assert "일반적으로 알려진 바" not in fact["text"], key


def test_every_timeline_step_names_a_fact_and_always_says_when():
    facts = load("facts")
    for entry in facts["timeline"]:
        assert entry["fact"] in facts["facts"], entry["fact"]
        assert "if" not in entry["when"][-1], f"{entry['fact']}: the last `when` needs no `if`"


def test_every_catalogue_item_has_a_date_and_the_contract_ids():
    items = load("alternatives")["items"]
    assert {item["id"] for item in items} == {
        "welfare_discount",
        "selective_contract",
        "plan_downgrade",
        "micropayment_block",
        "line_cleanup",
        "billing_date_change",
        "debt_adjustment",
        "dispute_mediation",
    }
    for item in items:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["checked"]), item["id"]
        assert item["monthly_saving"] is None or item["source"], item["id"]


def test_timeline_for_a_kt_customer_not_yet_suspended():
    steps = risk.risk_timeline("KT", 2, 350_000, False)
    keys = [step.key for step in steps]
    assert keys[:2] == ["notice_before_suspension", "suspension_triggers"]
    assert "suspension_length_kt" in keys and "suspension_length_skt" not in keys
    assert "credit_record" in keys
    assert all(step.source for step in steps)
    weak = [step for step in steps if step.weak]
    lines = scripts.risk_lines(steps)
    assert weak
    for step, line in zip(steps, lines, strict=True):
        assert ("일반적으로 알려진 바로는" in line) == step.weak, line


def test_timeline_for_a_suspended_line_skips_the_notice():
    keys = [step.key for step in risk.risk_timeline("SKT", 3, 90_000, True)]
    assert "notice_before_suspension" not in keys
    assert "suspension_length_skt" in keys
    assert "credit_record" not in keys  # under 10만원


def test_small_arrears_get_the_thirty_day_credit_grace():
    keys = [step.key for step in risk.risk_timeline("LGU+", 1, 150_000, False)]
    assert "credit_grace" in keys


@pytest.mark.parametrize("months", [2, 4, None])
def test_the_thirty_day_grace_is_not_shown_to_someone_longer_or_unknown_overdue(months):
    keys = [step.key for step in risk.risk_timeline("KT", months, 150_000, False)]
    assert "credit_grace" not in keys


@pytest.mark.parametrize("carrier", ["LGU+", "MVNO"])
def test_skt_and_kt_terms_are_not_shown_to_other_carriers(carrier):
    steps = risk.risk_timeline(carrier, 2, 350_000, False)
    keys = [step.key for step in steps]
    assert not {"suspension_triggers", "suspension_length_skt", "suspension_length_kt"} & set(keys)
    assert "suspension_terms_unpublished" in keys
    assert not any("77,000" in step.text for step in steps)


def test_skt_terms_are_not_shown_to_kt_and_the_reverse():
    assert "suspension_length_skt" not in [s.key for s in risk.risk_timeline("KT", 2, 1, False)]
    assert "suspension_length_kt" not in [s.key for s in risk.risk_timeline("SKT", 2, 1, False)]


def test_an_unknown_figure_never_meets_a_condition():
    keys = [step.key for step in risk.risk_timeline("KT", None, None, None)]
    assert not {"kait_list", "credit_record", "credit_grace", "old_small_debt"} & set(keys)
    # A line whose suspension is unknown may still be suspended later: the triggers concern them.
    assert "suspension_triggers" in keys


def test_old_small_debts_at_the_three_carriers_only():
    assert "old_small_debt" in [s.key for s in risk.risk_timeline("SKT", 40, 200_000, True)]
    assert "old_small_debt" not in [s.key for s in risk.risk_timeline("MVNO", 40, 200_000, True)]
    assert "old_small_debt" not in [s.key for s in risk.risk_timeline("SKT", 40, 400_000, True)]


@pytest.mark.parametrize(
    "status, saving",
    [
        ("livelihood", 33_500),
        ("housing_education", 21_500),
        ("near_poverty", 21_500),
        ("basic_pension", 11_000),
        ("disabled", None),
        ("veteran", None),
    ],
)
def test_welfare_discount_caps_per_status(status, saving):
    items = alternatives.build_alternatives(status, feasible=True)
    welfare = next(item for item in items if item.id == "welfare_discount")
    assert welfare.monthly_saving == saving
    # With an ordinary bill the cap is what the person sees.
    items = alternatives.build_alternatives(status, feasible=True, monthly_bill=55_000)
    welfare = next(item for item in items if item.id == "welfare_discount")
    assert welfare.monthly_saving == saving


@pytest.mark.parametrize(
    "status, bill, saving, exact",
    [
        ("livelihood", 10_000, 10_000, False),  # never more than the bill
        # The rule's base, then its share of the rest (facts.md §4): 11,000 + 35% of 4,000.
        ("housing_education", 15_000, 12_400, False),
        ("livelihood", 30_000, 28_000, False),  # 26,000 + 50% of 4,000, not the whole bill
        ("basic_pension", 18_000, 9_000, True),  # 50% under 22,000원
        ("basic_pension", 40_000, 11_000, True),
        ("disabled", 40_000, None, False),  # only a weak percentage is known
    ],
)
def test_a_discount_never_saves_more_than_the_bill(status, bill, saving, exact):
    assert alternatives.welfare_saving(status, bill) == (saving, exact)


def test_no_welfare_item_without_a_status():
    for status in (None, "none"):
        ids = [item.id for item in alternatives.build_alternatives(status, feasible=True)]
        assert "welfare_discount" not in ids


def test_bill_lowering_items_come_first_when_the_plan_does_not_fit():
    items = alternatives.build_alternatives("livelihood", feasible=False, shortfall=30_000)
    lowering = [item.lowers_bill for item in items]
    assert lowering == sorted(lowering, reverse=True)
    assert items[0].id == "welfare_discount"
    assert alternatives.covered_by_savings(items, 30_000)
    assert not alternatives.covered_by_savings(items, 40_000)


def test_alternatives_message_shape():
    message = alternatives.to_message(alternatives.build_alternatives("basic_pension", True))
    assert message["type"] == "alternatives"
    assert set(message["items"][0]) == {"id", "title", "monthly_saving", "source"}


def test_stage_messages_follow_the_contract():
    assert [scripts.stage_message(n)["key"] for n in range(1, 7)] == [
        "open",
        "situation",
        "goal",
        "information",
        "proposal",
        "agreement",
    ]
    assert scripts.stage_message(3) == {
        "type": "stage",
        "stage": 3,
        "key": "goal",
        "title": "목표 정하기",
    }


@pytest.mark.parametrize("stage", range(1, 7))
def test_scripts_have_two_to_four_lines_and_a_refusal_line(stage):
    plan = plan_installments(350_000, 55_000, 150_000)
    lines = scripts.stage_lines(stage, FULL, plan, plan.options[0], "feasible")
    assert 3 <= len(lines) <= 6  # two to four lines to say, plus one for when the agent says no
    assert all("{" not in line for line in lines)


def test_stage_five_lines_carry_the_persons_figures():
    plan = plan_installments(350_000, 55_000, 150_000)
    lines = scripts.stage_lines(5, FULL, plan, plan.options[0], "feasible")
    assert "35만원" in lines[0] and "4개월" in lines[0] and "9만 5천원" in lines[0]


def test_lines_whose_figures_are_unknown_are_left_out():
    lines = scripts.stage_lines(2, Situation())
    assert all("{" not in line for line in lines)
    assert not any("미납액이" in line for line in lines)


def test_agreement_message_and_checklist():
    proposal = advice.make_proposal(FULL, 6)
    message = advice.agreement_message(proposal, proposal.plan.option("even"))
    assert message["type"] == "agreement" and message["carrier"] == "KT"
    assert message["option"] == {
        "kind": "even",
        "months": 4,
        "payments": [88_000, 88_000, 87_000, 87_000],
    }
    assert any("8만 8천원" in line for line in message["checklist"])
    assert advice.warnings(proposal, proposal.plan.option("even")) == []


def test_the_checklist_fits_the_person():
    option = plan_installments(350_000, 55_000, 150_000).option("even")
    suspended_on_welfare = scripts.checklist(FULL, option, "feasible")
    assert any("정지" in line and "확인" in line for line in suspended_on_welfare)
    assert any("할인" in line for line in suspended_on_welfare)
    # Not suspended, no wish to keep the line, no discount sought: neither item concerns them.
    plain = Situation(
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
    plain_checklist = scripts.checklist(plain, option, "feasible")
    assert not any("정지 유예" in line or "할인" in line for line in plain_checklist)
    assert len(plain_checklist) == len(suspended_on_welfare) - 2
    assert any("8만 8천원" in line for line in plain_checklist)


def test_payment_descriptions_read_naturally():
    assert (
        scripts.describe_payments([95_000, 95_000, 95_000, 65_000])
        == "처음 3개월은 9만 5천원씩, 마지막 달은 6만 5천원"
    )
    assert scripts.describe_payments([50_000, 50_000]) == "매달 5만원씩"
    # A step-up plan with nothing left at first pays the bill only in those months, not "0원씩".
    assert (
        scripts.describe_payments([0, 0, 60_000, 40_000])
        == "처음 2개월은 밀린 돈을 내지 않고, 다음 달은 6만원, 마지막 달은 4만원"
    )
    assert scripts.describe_duration(4) == "4개월"
    assert scripts.describe_duration(27) == "27개월(2년 3개월)"
    assert scripts.describe_duration(24) == "24개월(2년)"


def test_every_message_template_is_complete():
    for key in messages.keys():  # noqa: SIM118 - negotiation.messages.keys(), a function
        entry = load("messages")["messages"][key][0]
        fields = {name for _, name, _, _ in string.Formatter().parse(entry["text"]) if name}
        filled = messages.say(key, **{name: "X" for name in fields})
        assert "{" not in filled["text"], key


@pytest.mark.parametrize(
    "word, particle, expected",
    [
        ("미납액", "을", "미납액을"),
        ("밀린 기간", "을", "밀린 기간을"),
        ("통신사", "을", "통신사를"),
        ("KT", "로", "KT로"),
        ("알뜰폰", "로", "알뜰폰으로"),
        ("35만원", "로", "35만원으로"),
        ("2개월", "로", "2개월로"),
        ("매달 요금", "은", "매달 요금은"),
        ("고객센터", "이", "고객센터가"),
    ],
)
def test_particles_follow_the_word(word, particle, expected):
    assert josa(word, particle) == expected


def test_a_family_member_speaking_for_the_subscriber_says_so():
    own = Situation(carrier="KT", welfare_status="near_poverty")
    for_mother = Situation(carrier="KT", welfare_status="near_poverty", for_family=True)
    assert not any("가족인데" in line for line in scripts.stage_lines(1, own))
    assert any("가족인데" in line for line in scripts.stage_lines(1, for_mother))
    # The welfare status is the subscriber's, not the caller's.
    assert any(line.startswith("제가 차상위") for line in scripts.stage_lines(4, own))
    said = scripts.stage_lines(4, for_mother)
    assert any(line.startswith("가입자가 차상위") for line in said)
    assert not any(line.startswith("제가 차상위") for line in said)
