"""action_validate_slot_mappings: every figure in a message, corrections and refusals."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.extraction import ActionReadFigures
from tests.actions.conftest import make_tracker, run_action, slot_events, texts


def run(dispatcher, domain, **tracker_arguments):
    tracker = make_tracker(**tracker_arguments)
    return run_action(ActionReadFigures(), dispatcher, tracker, domain)


def test_reads_several_figures_from_one_message(dispatcher, domain):
    events = run(
        dispatcher, domain, text="SKT인데 35만원 밀렸고 두 달째예요", requested_slot="carrier"
    )
    assert slot_events(events) == {"carrier": "SKT", "arrears_amount": 350000, "months_overdue": 2}
    assert texts(dispatcher) == []


def test_a_changed_figure_is_acknowledged(dispatcher, domain):
    events = run(
        dispatcher,
        domain,
        text="아 잘못 말했어요, 미납액은 30만원이에요",
        intent="correct",
        slots={"arrears_amount": 350000.0},
    )
    assert slot_events(events) == {"arrears_amount": 300000}
    assert texts(dispatcher) == ["미납액을 35만원에서 30만원으로 바꿨어요."]


def test_a_changed_carrier_is_acknowledged_with_the_right_particle(dispatcher, domain):
    run(
        dispatcher,
        domain,
        text="KT가 아니라 알뜰폰이에요",
        intent="correct",
        slots={"carrier": "KT"},
    )
    assert texts(dispatcher) == ["통신사를 KT에서 알뜰폰으로 바꿨어요."]


def test_the_same_figure_again_changes_nothing(dispatcher, domain):
    events = run(
        dispatcher,
        domain,
        text="35만원이요",
        requested_slot=None,
        slots={"arrears_amount": 350000.0},
    )
    assert events == [] and texts(dispatcher) == []


def test_absurd_figures_are_refused_with_a_reason(dispatcher, domain):
    events = run(dispatcher, domain, text="3억원이요", requested_slot="arrears_amount")
    assert slot_events(events) == {}
    assert texts(dispatcher) == [
        "말씀하신 미납액(3억원)이 너무 커 보여요. "
        "혹시 0이 더 들어가지 않았는지 확인하고 다시 알려 주세요."
    ]


def test_an_unreadable_answer_gets_an_example(dispatcher, domain):
    events = run(dispatcher, domain, text="음 꽤 많아요", requested_slot="arrears_amount")
    assert events == []
    assert "35만원" in texts(dispatcher)[0]


@pytest.mark.parametrize(
    "text, requested_slot, hint",
    [
        ("얼마인지 정확히 모르겠어요", "arrears_amount", "통신사 앱"),
        ("잘 몰라요", "monthly_bill", "지난 청구서"),
        ("글쎄요", "monthly_budget", "생활비"),
        ("어딘지 모르겠어요", "carrier", "청구서나 미납 안내 문자"),
    ],
)
def test_not_knowing_a_figure_gets_where_to_find_it(dispatcher, domain, text, requested_slot, hint):
    events = run(dispatcher, domain, text=text, intent="inform", requested_slot=requested_slot)
    assert events == []
    [reply] = texts(dispatcher)
    assert hint in reply and "읽지 못했어요" not in reply


@pytest.mark.parametrize(
    "text, requested_slot",
    [
        ("기억이 안 나요", "months_overdue"),
        ("모름", "service_suspended"),
        ("idk", "welfare_status"),
        ("잘 모르겠어요", "lump_sum"),
        ("건너뛸게요", "recovery_expected"),
    ],
)
def test_not_knowing_an_optional_answer_leaves_it_unknown_and_moves_on(
    dispatcher, domain, text, requested_slot
):
    events = run(dispatcher, domain, text=text, intent="inform", requested_slot=requested_slot)
    slots = slot_events(events)
    assert slots["skipped_slots"] == [requested_slot]
    assert slots.get(requested_slot) in (None, False)  # recovery_expected: no recovery planned
    [reply] = texts(dispatcher)
    assert reply.startswith("괜찮아요")


def test_a_question_instead_of_an_answer_is_left_to_the_rules(dispatcher, domain):
    events = run(
        dispatcher,
        domain,
        text="상담원이 거절하면 어떡해요?",
        intent="ask_agent_refuses",
        requested_slot="arrears_amount",
    )
    assert events == [] and texts(dispatcher) == []


def test_reads_each_message_once(dispatcher, domain):
    # Forms run slot extraction again when they activate, after another action.
    events = run(
        dispatcher,
        domain,
        text="35만원",
        latest_action_name="action_begin",
        requested_slot="arrears_amount",
    )
    assert events == []


def test_goals_told_later_are_added(dispatcher, domain):
    events = run(
        dispatcher, domain, text="요금 할인도 받고 싶어요", slots={"goals": ["installment"]}
    )
    assert slot_events(events) == {"goals": ["installment", "fee_adjustment"]}


def test_no_recovery_clears_its_details(dispatcher, domain):
    events = run(
        dispatcher, domain, text="아니요 없어요", intent="deny", requested_slot="recovery_expected"
    )
    assert slot_events(events) == {
        "recovery_expected": False,
        "recovery_months": None,
        "recovery_budget": None,
    }


def test_button_payloads_with_a_slash_are_not_read(dispatcher, domain):
    assert run(dispatcher, domain, text="/restart", requested_slot="arrears_amount") == []


@pytest.mark.parametrize(
    "text, value, says",
    [
        ("확인했는데 이상 없어요", "checked", None),
        ("아직 못 봤어요", "not_yet", "소액결제"),
        ("모르는 항목이 있어요", "found_issue", "통신분쟁조정위원회"),
        ("소액결제가 이상하게 많이 나왔어요", "found_issue", "통신분쟁조정위원회"),
    ],
)
def test_the_itemised_bill_answer_says_what_to_look_for(dispatcher, domain, text, value, says):
    tracker = make_tracker(text=text, requested_slot="bill_checked", active_loop="information_form")
    events = run_action(ActionReadFigures(), dispatcher, tracker, domain)
    assert slot_events(events) == {"bill_checked": value}
    if says:
        assert any(says in message for message in texts(dispatcher))
    else:
        assert texts(dispatcher) == []


def test_hopelessness_is_heard_once(dispatcher, domain):
    from negotiation.messages import say

    heard = say("acknowledge_discouraged")["text"]
    text = "늙은이가 나아질 게 뭐 있나요"
    events = run(dispatcher, domain, text=text, requested_slot="recovery_expected")
    assert slot_events(events)["recovery_expected"] is False
    assert dispatcher.messages[0]["text"] == heard
    # Said once in a conversation: not again the next time.
    again = CollectingDispatcher()
    tracker = make_tracker(text="막막해요", requested_slot="lump_sum")
    tracker.events[:0] = [{"event": "bot", "text": heard}]
    run_action(ActionReadFigures(), again, tracker, domain)
    assert heard not in [message.get("text") for message in again.messages]


def test_a_question_in_passing_is_answered_once_with_its_sources(dispatcher, domain):
    text = "요금 포함 12만원이요. 근데 신용불량자 되는 건 아니죠?"
    events = run(dispatcher, domain, text=text, requested_slot="monthly_budget", slots={"stage": 4})
    assert slot_events(events) == {"monthly_budget": 120000}
    answer = texts(dispatcher)[0]
    assert answer.startswith("걱정되시죠. 통신 요금이 밀렸다고 곧바로 신용불량자가 되는 건")
    assert answer.count("(출처: ") == 3  # KAIT's list, the SGI record, the 30-day grace

    # Once: the answer already given is not repeated at the next question asked in passing.
    from rasa_sdk.executor import CollectingDispatcher

    tracker = make_tracker(text=text, requested_slot="monthly_budget", slots={"stage": 4})
    tracker.events.insert(0, {"event": "bot", "text": answer})
    again = CollectingDispatcher()
    run_action(ActionReadFigures(), again, tracker, domain)
    assert texts(again) == []


def test_a_question_the_classifier_took_as_such_is_left_to_the_rules(dispatcher, domain):
    run(
        dispatcher,
        domain,
        text="신용점수에 영향이 있나요?",
        intent="ask_consequences",
        requested_slot="monthly_budget",
    )
    assert texts(dispatcher) == []


def test_a_no_to_which_figure_it_is_does_not_answer_the_forms_question(dispatcher, domain):
    # "14만원은 어떤 금액인가요?" asked while the form waits for the lump sum: "아니요, 그 금액이
    # 아니에요" drops the amount; it is not "no lump sum".
    events = run(
        dispatcher,
        domain,
        text="아니요, 그 금액이 아니에요",
        intent="deny",
        requested_slot="lump_sum",
        slots={
            "stage": 4,
            "pending_figure": {
                "value": 140000,
                "candidates": ["arrears_amount", "monthly_bill", "lump_sum"],
            },
        },
    )
    assert "lump_sum" not in slot_events(events)
    assert slot_events(events).get("pending_figure", "unset") is None
