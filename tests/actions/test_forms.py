"""Form validation: dynamic recovery questions and asking again instead of being rejected."""

from actions.forms import ValidateGoalForm, ValidateInformationForm, ValidateSituationForm
from tests.actions.conftest import make_tracker as make_listening_tracker
from tests.actions.conftest import run_action, slot_events


def make_tracker(**arguments):
    """The tracker Rasa hands to validate_<form>: a copy that ends with the requested slot and
    the form's own ActionExecuted (rasa.core.actions.forms.FormAction._temporary_tracker)."""
    tracker = make_listening_tracker(**arguments)
    form = arguments["active_loop"]
    tracker.events += [
        {"event": "slot", "name": "requested_slot", "value": arguments.get("requested_slot")},
        {"event": "action", "name": form},
    ]
    # ...followed by the slot candidates read from the message, again.
    tracker.events += [
        {"event": "slot", "name": name, "value": value}
        for name, value in (arguments.get("set_this_turn") or {}).items()
    ]
    tracker.latest_action_name = form
    return tracker


# Every question of the information form answered, up to the recovery question.
BEFORE_THE_RECOVERY_QUESTION = {
    "bill_checked": "checked",
    "monthly_bill": 55000.0,
    "monthly_budget": 150000.0,
    "lump_sum": 0.0,
    "welfare_status": "none",
}


def test_recovery_details_are_skipped_when_none_is_expected(dispatcher, domain):
    tracker = make_tracker(
        slots=BEFORE_THE_RECOVERY_QUESTION,
        set_this_turn={"recovery_expected": False},
        text="없어요",
        intent="deny",
        requested_slot="recovery_expected",
        active_loop="information_form",
    )
    events = run_action(ValidateInformationForm(), dispatcher, tracker, domain)
    # Next: the figures confirmation, the form's last question (the contract's figures_confirmed).
    assert slot_events(events) == {
        "recovery_expected": False,
        "requested_slot": "figures_confirmed",
    }


def test_recovery_details_are_asked_when_expected(dispatcher, domain):
    tracker = make_tracker(
        slots={
            "monthly_bill": 55000.0,
            "monthly_budget": 150000.0,
            "lump_sum": 0.0,
            "welfare_status": "none",
        },
        set_this_turn={"recovery_expected": True},
        text="네",
        intent="affirm",
        requested_slot="recovery_expected",
        active_loop="information_form",
    )
    events = run_action(ValidateInformationForm(), dispatcher, tracker, domain)
    assert slot_events(events) == {"recovery_expected": True}  # Rasa asks recovery_months next


def test_an_unusable_answer_keeps_the_form_asking(dispatcher, domain):
    tracker = make_tracker(
        text="음 꽤 많아요",
        intent="inform",
        requested_slot="arrears_amount",
        active_loop="situation_form",
        slots={"carrier": "KT"},
    )
    events = run_action(ValidateSituationForm(), dispatcher, tracker, domain)
    assert slot_events(events) == {"arrears_amount": None}


def test_a_figure_for_another_form_keeps_the_form_asking(dispatcher, domain):
    tracker = make_tracker(
        set_this_turn={"monthly_budget": 120000},
        text="예산은 12만원이요",
        intent="inform",
        requested_slot="months_overdue",
        active_loop="situation_form",
    )
    events = run_action(ValidateSituationForm(), dispatcher, tracker, domain)
    assert slot_events(events) == {"months_overdue": None}


def test_a_question_lets_the_form_be_rejected(dispatcher, domain):
    tracker = make_tracker(
        text="상담원이 거절하면요?",
        intent="ask_agent_refuses",
        requested_slot="arrears_amount",
        active_loop="situation_form",
    )
    events = run_action(ValidateSituationForm(), dispatcher, tracker, domain)
    assert slot_events(events) == {}


def test_an_answered_question_passes_through(dispatcher, domain):
    tracker = make_tracker(
        set_this_turn={"arrears_amount": 350000},
        text="35만원",
        requested_slot="arrears_amount",
        active_loop="situation_form",
    )
    events = run_action(ValidateSituationForm(), dispatcher, tracker, domain)
    assert slot_events(events) == {"arrears_amount": 350000}


def test_a_figure_for_another_question_does_not_end_the_goal_form(dispatcher, domain):
    # "장애인이에요" when the goals were asked: the welfare status is kept by the figure reading,
    # and the goal question must be asked again rather than the form being rejected (which
    # would rewind the message away).
    tracker = make_tracker(
        set_this_turn={"welfare_status": "disabled"},
        text="장애인이에요",
        intent="inform",
        requested_slot="goals",
        active_loop="goal_form",
    )
    events = run_action(ValidateGoalForm(), dispatcher, tracker, domain)
    assert slot_events(events) == {"goals": None}


def test_after_a_detour_the_form_only_asks_again(dispatcher, domain):
    tracker = make_tracker(
        text="상담원이 거절하면요?",
        intent="ask_agent_refuses",
        requested_slot="goals",
        active_loop="goal_form",
    )
    # A detour's answer ran between the message and the form.
    tracker.events.insert(-2, {"event": "action", "name": "action_answer_question"})
    assert tracker.events[-1] == {"event": "action", "name": "goal_form"}
    events = run_action(ValidateGoalForm(), dispatcher, tracker, domain)
    assert slot_events(events) == {}


def test_a_recovery_skipped_this_turn_asks_nothing_more_about_it(dispatcher, domain):
    # "잘 모르겠어요" to "will your finances improve?": unknown stays unknown (never a "no"), and
    # the questions that would follow a yes (months, budget) are not asked after it.
    tracker = make_tracker(
        slots=BEFORE_THE_RECOVERY_QUESTION,
        set_this_turn={"skipped_slots": ["recovery_expected"]},
        text="잘 모르겠어요",
        intent="inform",
        requested_slot="recovery_expected",
        active_loop="information_form",
    )
    events = run_action(ValidateInformationForm(), dispatcher, tracker, domain)
    slots = slot_events(events)
    assert slots["requested_slot"] == "figures_confirmed"
    assert slots.get("recovery_expected") is None


def test_a_no_said_in_the_turn_that_skips_is_kept(dispatcher, domain):
    # Kept although the question is no longer required once answered: Rasa would otherwise
    # drop the value the reading set.
    tracker = make_tracker(
        slots={**BEFORE_THE_RECOVERY_QUESTION, "skipped_slots": ["recovery_expected"]},
        set_this_turn={"recovery_expected": False},
        text="기대 안 해요",
        intent="deny",
        requested_slot="recovery_expected",
        active_loop="information_form",
    )
    events = run_action(ValidateInformationForm(), dispatcher, tracker, domain)
    assert slot_events(events) == {
        "recovery_expected": False,
        "requested_slot": "figures_confirmed",
    }
