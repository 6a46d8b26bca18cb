"""The figures confirmation, questions about an unclear amount, goals said in passing, and no
question asked three times in the same words: actions over real trackers."""

from typing import Any

from rasa_sdk import Tracker

from actions.extraction import ActionReadFigures
from actions.questions import QUESTION_ACTIONS, AskForFiguresConfirmed
from tests.actions.conftest import (
    FULL_SITUATION,
    json_messages,
    make_tracker,
    run_action,
    slot_events,
    texts,
)

ASK = {action().name(): action for action in QUESTION_ACTIONS}
BEFORE_THE_PLAN = {**FULL_SITUATION, "recovery_expected": False, "stage": 4}


def read(dispatcher, domain, **arguments):
    return slot_events(
        run_action(ActionReadFigures(), dispatcher, make_tracker(**arguments), domain)
    )


def ask(slot, dispatcher, domain, tracker):
    return run_action(ASK[f"action_ask_{slot}"](), dispatcher, tracker, domain)


def asked_before(
    slot: str, times: int, text: str, slots: dict[str, Any] | None = None, intent: str = "inform"
) -> Tracker:
    """A tracker in which the coach has asked for ``slot`` ``times`` times in a row (the form
    sets requested_slot each time it asks), and the person's latest reply is ``text``."""
    events: list[dict[str, Any]] = [{"event": "slot", "name": "requested_slot", "value": "carrier"}]
    parse = {"text": "??", "intent": {"name": "inform", "confidence": 0.9}, "entities": []}
    for _ in range(times):
        events += [
            {"event": "slot", "name": "requested_slot", "value": slot},
            {"event": "action", "name": "action_listen"},
            {"event": "user", "text": "??", "parse_data": parse},
        ]
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    events[-1] = {"event": "user", "text": text, "parse_data": latest}
    all_slots = {"stage": 4, "requested_slot": slot, **(slots or {})}
    return Tracker(
        sender_id="t",
        slots=all_slots,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": "information_form"},
        latest_action_name="action_listen",
    )


# --- the confirmation -------------------------------------------------------------------------


def test_the_confirmation_shows_every_figure_with_buttons(dispatcher, domain):
    tracker = make_tracker(slots=BEFORE_THE_PLAN, requested_slot="figures_confirmed")
    run_action(AskForFiguresConfirmed(), dispatcher, tracker, domain)
    [text] = texts(dispatcher)
    assert "미납액: 35만원" in text and "매달 요금: 5만 5천원" in text and "월 예산" in text
    assert [button["title"] for button in dispatcher.messages[0]["buttons"]] == [
        "맞아요",
        "고칠게요",
    ]
    [figures] = json_messages(dispatcher)
    assert figures["type"] == "figures" and figures["arrears_amount"] == 350000
    assert figures["service_suspended"] is False and figures["recovery_months"] is None


def test_yes_confirms_and_a_correction_does_not(dispatcher, domain):
    assert read(
        dispatcher,
        domain,
        text="네 맞아요",
        intent="affirm",
        slots=BEFORE_THE_PLAN,
        requested_slot="figures_confirmed",
    ) == {"figures_confirmed": True}
    events = read(
        dispatcher,
        domain,
        text="네 근데 미납액은 30만원이에요",
        intent="affirm",
        slots=BEFORE_THE_PLAN,
        requested_slot="figures_confirmed",
    )
    assert events == {"arrears_amount": 300000}  # changed, so shown again before any plan
    assert texts(dispatcher) == ["미납액을 35만원에서 30만원으로 바꿨어요."]


def test_naming_a_figure_to_fix_asks_for_its_new_value(dispatcher, domain):
    events = read(
        dispatcher,
        domain,
        text="미납액을 고칠게요",
        intent="deny",
        slots=BEFORE_THE_PLAN,
        requested_slot="figures_confirmed",
    )
    assert events == {
        "pending_figure": {"value": None, "candidates": ["arrears_amount"], "misses": 0}
    }
    tracker = make_tracker(slots={**BEFORE_THE_PLAN, **events}, requested_slot="figures_confirmed")
    run_action(AskForFiguresConfirmed(), dispatcher, tracker, domain)
    assert texts(dispatcher) == ["미납액을 어떻게 고칠까요? 지금은 35만원으로 적어 두었어요."]


def test_the_new_value_of_the_figure_being_fixed(dispatcher, domain):
    pending = {"value": None, "candidates": ["arrears_amount"], "misses": 0}
    events = read(
        dispatcher,
        domain,
        text="42만원이에요",
        slots={**BEFORE_THE_PLAN, "pending_figure": pending},
        requested_slot="figures_confirmed",
    )
    assert events == {"pending_figure": None, "arrears_amount": 420000}


def test_not_knowing_an_optional_figure_being_fixed_makes_it_unknown(dispatcher, domain):
    pending = {"value": None, "candidates": ["welfare_status"], "misses": 0}
    events = read(
        dispatcher,
        domain,
        text="잘 모르겠어요",
        intent="deny",
        slots={**BEFORE_THE_PLAN, "welfare_status": "none", "pending_figure": pending},
        requested_slot="figures_confirmed",
    )
    assert events["welfare_status"] is None and events["skipped_slots"] == ["welfare_status"]
    assert len(texts(dispatcher)) == 1  # one explanation, not two


def test_a_plain_no_asks_which_figure(dispatcher, domain):
    tracker = asked_before("figures_confirmed", 2, "고칠게요", slots=BEFORE_THE_PLAN, intent="deny")
    run_action(AskForFiguresConfirmed(), dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert "어떤 숫자를 고칠까요" in message["text"]
    assert "미납액" in [button["title"] for button in message["buttons"]]


def test_a_skipped_plan_figure_is_asked_for_at_the_confirmation(dispatcher, domain):
    slots = {**BEFORE_THE_PLAN, "monthly_budget": None, "skipped_slots": ["monthly_budget"]}
    events = run_action(
        AskForFiguresConfirmed(),
        dispatcher,
        make_tracker(slots=slots, requested_slot="figures_confirmed"),
        domain,
    )
    assert "월 예산(요금 포함)이 꼭 필요해요" in texts(dispatcher)[0]
    assert slot_events(events)["pending_figure"]["candidates"] == ["monthly_budget"]


# --- an amount whose role is unclear ------------------------------------------------------------


def test_an_unclear_amount_is_asked_about_not_stored(dispatcher, domain):
    events = read(dispatcher, domain, text="KT 요금 28만원이요", requested_slot=None)
    assert events == {
        "carrier": "KT",
        "pending_figure": {
            "value": 280000,
            "candidates": ["arrears_amount", "monthly_bill"],
            "misses": 0,
        },
    }
    question = make_tracker(slots=events, requested_slot="arrears_amount")
    dispatcher.messages.clear()
    ask("arrears_amount", dispatcher, domain, question)
    [message] = dispatcher.messages
    assert message["text"] == "확인할게요. 28만원은 미납액인가요?"
    assert [button["title"] for button in message["buttons"]] == [
        "네, 밀린 금액이에요",
        "아니요, 매달 나오는 요금이에요",
    ]


def test_the_answer_about_an_unclear_amount(dispatcher, domain):
    pending = {"value": 280000, "candidates": ["arrears_amount", "monthly_bill"], "misses": 0}
    assert read(
        dispatcher,
        domain,
        text="네, 밀린 금액이에요",
        intent="affirm",
        slots={"pending_figure": pending},
        requested_slot="arrears_amount",
    ) == {"pending_figure": None, "arrears_amount": 280000}
    assert read(
        dispatcher,
        domain,
        text="아니요, 매달 나오는 요금이에요",
        intent="deny",
        slots={"pending_figure": pending},
        requested_slot="arrears_amount",
    ) == {"pending_figure": None, "monthly_bill": 280000}
    # A bare no says what it is not: the amount is dropped, never assigned by elimination.
    events = read(
        dispatcher,
        domain,
        text="아니요",
        intent="deny",
        slots={"pending_figure": pending},
        requested_slot="arrears_amount",
    )
    assert events == {"pending_figure": None}


# --- budgets beyond the bill ------------------------------------------------------------------


def test_a_budget_beyond_the_bill_is_added_to_it_and_said_back(dispatcher, domain):
    events = read(
        dispatcher,
        domain,
        text="요금은 요금대로 내고, 밀린 거에는 한 달에 6만 4천원 더 낼 수 있어요",
        slots={"monthly_bill": 55000.0},
        requested_slot="monthly_budget",
    )
    assert events == {"monthly_budget": 119000}
    assert "11만 9천원으로 적을게요" in texts(dispatcher)[0]


# --- never the same question three times ---------------------------------------------------------


def test_the_third_time_a_question_is_easier(dispatcher, domain):
    ask("monthly_bill", dispatcher, domain, asked_before("monthly_bill", 2, "??"))
    second = texts(dispatcher)[-1]
    ask("monthly_bill", dispatcher, domain, asked_before("monthly_bill", 3, "??"))
    third = texts(dispatcher)[-1]
    assert second != third and "대략" in third


def test_a_question_answered_on_the_way_is_not_a_miss_but_never_repeated_a_third_time(
    dispatcher, domain
):
    tracker = asked_before("lump_sum", 3, "음 그게")
    for event in tracker.events[:-1]:
        if event["event"] == "user":
            event["parse_data"] = {**event["parse_data"], "intent": {"name": "ask_privacy"}}
    # The third time the person reads it, the question is easier, even though the earlier
    # turns were their own questions...
    ask("lump_sum", dispatcher, domain, tracker)
    assert texts(dispatcher)[-1].startswith("지금 바로 낼 수 있는 돈이 없으면")
    # ...but those turns were not misses: nothing is skipped on their account.
    events = slot_events(run_action(ActionReadFigures(), dispatcher, tracker, domain))
    assert "skipped_slots" not in events


def test_an_optional_question_missed_three_times_is_skipped(dispatcher, domain):
    events = slot_events(
        run_action(ActionReadFigures(), dispatcher, asked_before("lump_sum", 3, "음 그게"), domain)
    )
    assert events == {"skipped_slots": ["lump_sum"]}
    assert "넘어갈게요" in texts(dispatcher)[0]


# --- goals said in passing ----------------------------------------------------------------------


def test_goals_said_in_passing_wait_for_the_goal_question(dispatcher, domain):
    events = read(dispatcher, domain, text="KT인데 번호만 살려주세요", requested_slot="carrier")
    assert events == {"carrier": "KT", "goals_mentioned": ["keep_service"]}
    dispatcher.messages.clear()
    ask("goals", dispatcher, domain, make_tracker(slots=events, requested_slot="goals"))
    assert "앞에서 서비스 유지(정지 유예)를 원하신다고 하셨죠" in texts(dispatcher)[0]


def test_the_goal_question_adds_to_the_goals_said_in_passing(dispatcher, domain):
    mentioned = {"goals_mentioned": ["keep_service"]}
    assert read(
        dispatcher, domain, text="나눠서도 내고 싶어요", slots=mentioned, requested_slot="goals"
    ) == {"goals": ["installment", "keep_service"]}
    assert read(dispatcher, domain, text="그것만요", slots=mentioned, requested_slot="goals") == {
        "goals": ["keep_service"]
    }
