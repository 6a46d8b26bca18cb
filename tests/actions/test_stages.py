"""The stage actions: what each sends, in which order, filled with the person's figures."""

from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerQuestion
from actions.questions import QUESTION_ACTIONS
from actions.stages import (
    ActionBegin,
    ActionCarryOn,
    ActionConfirmAgreement,
    ActionFinishGoal,
    ActionFinishSituation,
    ActionProposePlan,
    ActionRephraseInForm,
    ActionStartOver,
    ActionUpdatePlan,
)
from tests.actions.conftest import (
    FULL_SITUATION,
    json_messages,
    make_tracker,
    run_action,
    slot_events,
    texts,
)

# 800,000원 owed with 30,000원 a month left after the bill: no plan fits in six months.
NO_PLAN_FITS = {
    **FULL_SITUATION,
    "arrears_amount": 800000.0,
    "monthly_bill": 60000.0,
    "monthly_budget": 90000.0,
    "stage": 5,
    "plan_shown": True,
}


def types(dispatcher):
    return [message["type"] for message in json_messages(dispatcher)]


def test_begin_enters_stages_one_and_two_in_order(dispatcher, domain):
    events = run_action(
        ActionBegin(), dispatcher, make_tracker(text="안녕하세요", intent="greet"), domain
    )
    assert types(dispatcher) == ["stage", "script", "stage"]
    stages = [m for m in json_messages(dispatcher) if m["type"] == "stage"]
    assert stages == [
        {"type": "stage", "stage": 1, "key": "open", "title": "상담 시작"},
        {"type": "stage", "stage": 2, "key": "situation", "title": "상황 설명"},
    ]
    assert json_messages(dispatcher)[1]["stage"] == 1
    assert slot_events(events) == {"stage": 2}
    assert "주민등록번호" in texts(dispatcher)[0]  # says up front what it never asks for


def test_the_terminal_gets_text_only(dispatcher, domain):
    tracker = make_tracker(text="안녕하세요", intent="greet", channel="cmdline")
    run_action(ActionBegin(), dispatcher, tracker, domain)
    assert json_messages(dispatcher) == []
    assert any("•" in text for text in texts(dispatcher))  # the script lines, as text


def test_finish_situation_explains_risks_with_sources(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 2}, latest_action_name="situation_form"
    )
    events = run_action(ActionFinishSituation(), dispatcher, tracker, domain)
    assert types(dispatcher) == ["script", "stage"]
    risk_text = texts(dispatcher)[0]
    assert "출처" in risk_text and "KT 약관" in risk_text
    assert "일반적으로 알려진 바로는" in risk_text  # the weak late-fee fact
    assert slot_events(events) == {"stage": 3}


def test_finish_goal_names_the_goals(dispatcher, domain):
    tracker = make_tracker(slots={**FULL_SITUATION, "stage": 3})
    run_action(ActionFinishGoal(), dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("고르신 목표는 분할 납부, 서비스 유지(정지 유예)예요.")
    assert types(dispatcher) == ["script", "stage"]


def test_proposal_sends_plan_alternatives_and_script(dispatcher, domain):
    tracker = make_tracker(slots={**FULL_SITUATION, "stage": 4})
    events = run_action(ActionProposePlan(), dispatcher, tracker, domain)
    assert types(dispatcher) == ["script", "stage", "installment_plan", "alternatives", "script"]
    plan = json_messages(dispatcher)[2]
    assert plan["feasible"] is True
    assert [option["kind"] for option in plan["options"]] == ["fastest", "even"]
    alternatives = json_messages(dispatcher)[3]["items"]
    assert alternatives[0] == {
        "id": "welfare_discount",
        "title": "복지 할인 신청",
        "monthly_saving": 33500,
        "source": alternatives[0]["source"],
    }
    script = json_messages(dispatcher)[4]
    assert script["stage"] == 5 and "35만원" in script["lines"][0]
    assert dispatcher.messages[-1]["buttons"][0]["title"] == "최대한 빨리 갚기 (4개월)"
    assert slot_events(events) == {
        "stage": 5,
        "plan_option": None,
        "plan_shown": True,
        "hedges_said": ["instalment_terms"],
    }
    # Said once per conversation: a second proposal (after a correction) does not repeat them.
    again = CollectingDispatcher()
    tracker = make_tracker(
        slots={
            **FULL_SITUATION,
            "stage": 5,
            "hedges_said": ["instalment_terms", "planning_horizon"],
        }
    )
    run_action(ActionProposePlan(), again, tracker, domain)
    assert not any("기준을 따로 공개하지 않고" in text for text in texts(again))
    assert any("기준을 따로 공개하지 않고" in text for text in texts(dispatcher))


def test_proposal_that_does_not_fit_puts_bill_lowering_first(dispatcher, domain):
    tracker = make_tracker(slots={**FULL_SITUATION, "monthly_budget": 80000.0, "stage": 4})
    run_action(ActionProposePlan(), dispatcher, tracker, domain)
    plan = next(m for m in json_messages(dispatcher) if m["type"] == "installment_plan")
    assert plan["feasible"] is False and plan["shortfall"] == 34000
    assert any("매달 3만 4천원이 모자라요" in text for text in texts(dispatcher))
    # The proposal is what the person can pay (2만 5천원 a month), never the six-month plan.
    assert [option["kind"] for option in plan["options"]] == ["even"]  # what six months would take
    assert any("2만 5천원씩" in text and "걸려요" in text for text in texts(dispatcher))
    script = [m for m in json_messages(dispatcher) if m["type"] == "script"][-1]
    assert any("2만 5천원씩" in line for line in script["lines"])
    assert not any("5만 9천원" in line for line in script["lines"])
    assert dispatcher.messages[-1]["buttons"][0]["title"] == "네, 이걸로 할게요"
    items = next(m for m in json_messages(dispatcher) if m["type"] == "alternatives")["items"]
    assert [item["id"] for item in items[:4]] == [
        "welfare_discount",
        "selective_contract",
        "plan_downgrade",
        "micropayment_block",
    ]
    # 회선·부가서비스 정리 is told in words (its id is not one the contract names).
    assert any("회선·부가서비스 정리" in text for text in texts(dispatcher))


def test_nothing_to_plan_when_the_lump_sum_covers_the_arrears(dispatcher, domain):
    tracker = make_tracker(slots={**FULL_SITUATION, "lump_sum": 400000.0, "stage": 4})
    run_action(ActionProposePlan(), dispatcher, tracker, domain)
    assert "installment_plan" not in types(dispatcher)
    assert any("모두 갚을 수 있어요" in text for text in texts(dispatcher))


def test_agreement_uses_the_chosen_option(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 5, "plan_shown": True, "plan_option": "even"},
        intent="choose_option",
        text="매달 고르게 나눠 갚기로 할게요",
    )
    events = run_action(ActionConfirmAgreement(), dispatcher, tracker, domain)
    assert types(dispatcher) == ["stage", "agreement", "script"]
    agreement = json_messages(dispatcher)[1]
    assert agreement["option"] == {
        "kind": "even",
        "months": 4,
        "payments": [88000, 88000, 87000, 87000],
    }
    assert not any("약속하지" in line for line in agreement["checklist"])
    assert agreement["carrier"] == "KT" and agreement["arrears_amount"] == 350000
    assert any("접수 번호" in line for line in agreement["checklist"])
    assert texts(dispatcher)[0] == (
        "좋아요. KT 상담원에게 밀린 35만원을 4개월에 걸쳐, 요금과 별도로 처음 2개월은 "
        "8만 8천원씩, 마지막 2개월은 8만 7천원씩 내겠다고 제안하시면 돼요."
    )
    assert slot_events(events) == {"stage": 6, "plan_option": "even"}


def test_agreeing_without_naming_an_option_takes_the_first(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 5, "plan_shown": True}, intent="affirm", text="네"
    )
    run_action(ActionConfirmAgreement(), dispatcher, tracker, domain)
    agreement = next(m for m in json_messages(dispatcher) if m["type"] == "agreement")
    assert agreement["option"]["kind"] == "fastest"


def test_a_number_is_the_place_in_the_options_shown(dispatcher, domain):
    # A budget that does not cover the arrears in six months: the only option proposed is what
    # the person can pay, so "1번" means that one, whatever kind the slot still holds.
    tight = {**NO_PLAN_FITS, "plan_option": "fastest"}
    tracker = make_tracker(slots=tight, intent="choose_option", text="1번")
    run_action(ActionConfirmAgreement(), dispatcher, tracker, domain)
    agreement = next(m for m in json_messages(dispatcher) if m["type"] == "agreement")
    assert agreement["option"]["kind"] == "within_budget"
    assert max(agreement["option"]["payments"]) <= 30000
    # The warning comes first in the checklist, and in its text.
    assert "약속하지 마세요" in agreement["checklist"][0]
    assert any(agreement["checklist"][0] in text for text in texts(dispatcher))

    second = CollectingDispatcher()
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 5, "plan_shown": True, "plan_option": "even"},
        intent="choose_option",
        text="2번이요",
    )
    run_action(ActionConfirmAgreement(), second, tracker, domain)
    assert (
        next(m for m in json_messages(second) if m["type"] == "agreement")["option"]["kind"]
        == "even"
    )

    third = CollectingDispatcher()
    tracker = make_tracker(
        slots={**tight, "plan_option": "step_up"}, intent="choose_option", text="3번"
    )
    events = run_action(ActionConfirmAgreement(), third, tracker, domain)
    assert "agreement" not in types(third) and slot_events(events) == {"plan_option": None}


def test_an_option_not_in_the_plan_is_asked_again(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 5, "plan_shown": True, "plan_option": "step_up"},
        intent="choose_option",
    )
    events = run_action(ActionConfirmAgreement(), dispatcher, tracker, domain)
    assert "agreement" not in types(dispatcher)
    # Says why the step-up plan is missing (no recovery told) and what to say to get one.
    assert "형편이 언제 얼마나 나아질지" in texts(dispatcher)[0]
    assert slot_events(events) == {"plan_option": None}


def test_update_plan_after_a_correction_sends_a_new_plan_without_a_stage(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 6, "plan_shown": True},
        set_this_turn={"arrears_amount": 300000.0},
        intent="correct",
    )
    run_action(ActionUpdatePlan(), dispatcher, tracker, domain)
    assert "stage" not in types(dispatcher)
    plan = next(m for m in json_messages(dispatcher) if m["type"] == "installment_plan")
    assert plan["arrears_amount"] == 300000


def test_update_plan_with_figures_missing_goes_back_to_the_questions(dispatcher, domain):
    tracker = make_tracker(slots={"carrier": "KT", "stage": 4})
    events = run_action(ActionUpdatePlan(), dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "information_form", "timestamp": None}]


def test_start_over_forgets_everything_and_begins_again(dispatcher, domain):
    events = run_action(ActionStartOver(), dispatcher, make_tracker(intent="start_over"), domain)
    # A new session as well: the SQL store then loads the conversation from here on.
    assert [event["event"] for event in events] == ["restart", "session_started", "followup"]
    assert events[2]["name"] == "action_begin"
    assert "처음부터" in texts(dispatcher)[0]


def test_what_came_before_starting_over_is_not_this_conversation():
    from actions.common import said_in_conversation, situation_from_tracker

    tracker = make_tracker(text="제 휴대폰 요금이 밀렸어요", intent="inform")
    tracker.events[:0] = [
        {"event": "user", "text": "어머니 휴대폰 요금이 밀려서 대신 여쭤봐요"},
        {"event": "bot", "text": "어머니 대신 알아봐 주시는군요."},
        {"event": "restart"},
        {"event": "session_started"},
    ]
    assert not situation_from_tracker(tracker).for_family
    assert not said_in_conversation(tracker, "어머니 대신 알아봐 주시는군요.")
    del tracker.events[2:4]  # the same conversation without the start-over
    assert situation_from_tracker(tracker).for_family
    assert said_in_conversation(tracker, "어머니 대신 알아봐 주시는군요.")


def test_a_yes_or_no_before_stage_1_begins_the_coaching(dispatcher, domain):
    events = run_action(
        ActionCarryOn(), dispatcher, make_tracker(text="몰라", intent="deny"), domain
    )
    assert [(event["event"], event["name"]) for event in events] == [("followup", "action_begin")]
    assert texts(dispatcher) == []


def test_a_yes_or_no_after_the_plan_hears_what_can_be_done_next(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 6, "plan_shown": True}, text="ㅇㅇ", intent="affirm"
    )
    assert run_action(ActionCarryOn(), dispatcher, tracker, domain) == []
    [reply] = texts(dispatcher)
    assert "월 예산은 12만원이에요" in reply and "처음부터 다시" in reply


def test_an_unclear_message_in_a_form_is_explained_once(dispatcher, domain):
    quiet_tracker = make_tracker(text="??", intent="nlu_fallback", requested_slot="months_overdue")
    quiet_tracker.events.append(
        {"event": "bot", "text": "죄송해요, 몇 달인지 정확히 읽지 못했어요."}
    )
    run_action(ActionRephraseInForm(), dispatcher, quiet_tracker, domain)
    assert dispatcher.messages == []  # the figure reading has explained already

    tracker = make_tracker(text="??", intent="nlu_fallback", requested_slot="goals")
    run_action(ActionRephraseInForm(), dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("죄송해요, 무슨 뜻인지 잘 모르겠어요")


def test_every_question_carries_an_example_or_buttons(dispatcher, domain):
    assert len(QUESTION_ACTIONS) == 14
    for action_class in QUESTION_ACTIONS:
        messages = CollectingDispatcher()
        run_action(action_class(), messages, make_tracker(), domain)
        message = messages.messages[0]
        assert "예:" in message["text"] or message.get("buttons"), action_class().name()
    form_slots = {slot for form in domain["forms"].values() for slot in form["required_slots"]}
    assert {action().name() for action in QUESTION_ACTIONS} == {
        f"action_ask_{slot}" for slot in form_slots
    }


def test_every_question_intent_has_an_answer(dispatcher, domain):
    question_intents = [
        intent
        for intent in domain["intents"]
        if isinstance(intent, str) and (intent.startswith("ask_") or intent == "bot_challenge")
    ]
    assert len(question_intents) == 11
    for intent in question_intents:
        messages = CollectingDispatcher()
        run_action(ActionAnswerQuestion(), messages, make_tracker(intent=intent), domain)
        assert messages.messages[0]["text"], intent


def test_every_question_intent_is_a_detour_for_the_forms(domain):
    from actions.common import DETOUR_INTENTS

    intents = {intent for intent in domain["intents"] if isinstance(intent, str)}
    question_intents = {
        intent for intent in intents if intent.startswith("ask_") or intent == "bot_challenge"
    }
    assert question_intents <= DETOUR_INTENTS <= intents


def test_the_web_chat_gets_cards_instead_of_repeated_lists(dispatcher, domain):
    tracker = make_tracker(slots={**FULL_SITUATION, "stage": 4}, channel="socketio")
    run_action(ActionProposePlan(), dispatcher, tracker, domain)
    assert "installment_plan" in types(dispatcher) and "script" in types(dispatcher)
    all_text = "\n".join(texts(dispatcher))
    assert "가능할까요?" not in all_text  # the script lines are in the script card only
    assert "최대한 빨리 갚기: 4개월" not in all_text  # the options are in the plan card
    assert "복지 할인 신청:" in all_text  # alternatives keep their explanations as text


def test_a_correction_without_a_new_figure_asks_which_one(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 5, "plan_shown": True},
        intent="correct",
        text="잘못 말했어요",
    )
    events = run_action(ActionUpdatePlan(), dispatcher, tracker, domain)
    assert events == [] and json_messages(dispatcher) == []
    assert "어떤 숫자를 고칠까요?" in texts(dispatcher)[0]


def test_figures_set_this_turn_are_found_past_other_events(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 6, "plan_shown": True},
        set_this_turn={"arrears_amount": 300000.0},
        intent="correct",
    )
    tracker.events.append({"event": "user_featurization", "use_text_for_featurization": False})
    run_action(ActionUpdatePlan(), dispatcher, tracker, domain)
    assert "installment_plan" in types(dispatcher)


def test_the_core_fallback_never_undoes_what_the_person_said(dispatcher, domain):
    from actions.stages import ActionDefaultFallback

    # After the plan, a correction that no rule fitted: the plan follows it, nothing is reverted.
    tracker = make_tracker(
        slots={**FULL_SITUATION, "plan_shown": True, "stage": 6},
        text="아 근데 밀린거 두달치였음",
        intent="start_coaching",
        set_this_turn={"months_overdue": 2},
    )
    events = run_action(ActionDefaultFallback(), dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "action_update_plan", "timestamp": None}]
    assert not any(event.get("event") == "rewind" for event in events)

    # Figures told before anything else begin the coaching.
    tracker = make_tracker(
        text="유플 두달 밀렸는데",
        intent="nlu_fallback",
        set_this_turn={"carrier": "LGU+", "months_overdue": 2},
    )
    events = run_action(ActionDefaultFallback(), dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "action_begin", "timestamp": None}]

    # Nothing told: ask to rephrase, and return to the form that was asking.
    tracker = make_tracker(
        text="흠", intent="nlu_fallback", requested_slot="goals", active_loop="goal_form"
    )
    events = run_action(ActionDefaultFallback(), dispatcher, tracker, domain)
    assert texts(dispatcher)[-1].startswith("죄송해요")
    assert events == [{"event": "followup", "name": "goal_form", "timestamp": None}]


def test_a_plan_unchanged_twice_is_not_said_twice_in_the_same_words(dispatcher, domain):
    from actions.stages import ActionUpdatePlan
    from negotiation.messages import say

    slots = {**FULL_SITUATION, "stage": 6, "plan_shown": True}
    tracker = make_tracker(slots=slots, text="요금 낮추는 쪽으로 할게요", intent="inform")
    run_action(ActionUpdatePlan(), dispatcher, tracker, domain)
    first = texts(dispatcher)[-1]
    assert first == say("plan_unchanged")["text"]
    assert dispatcher.messages[-1]["buttons"]

    again = make_tracker(slots=slots, text="요금 낮추는 쪽으로 할게요", intent="inform")
    again.events[:0] = [
        {"event": "user", "text": "요금 낮추는 쪽으로 할게요", "parse_data": {}},
        {"event": "bot", "text": first},
    ]
    run_action(ActionUpdatePlan(), dispatcher, again, domain)
    assert texts(dispatcher)[-1] != first and dispatcher.messages[-1]["buttons"]


def test_a_feasible_plan_is_never_called_unworkable_on_the_web_chat(dispatcher, domain):
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 4, "recovery_expected": False, "figures_confirmed": True},
        channel="socketio",
    )
    run_action(ActionProposePlan(), dispatcher, tracker, domain)
    [plan] = [
        message for message in json_messages(dispatcher) if message["type"] == "installment_plan"
    ]
    assert plan["feasible"] is True
    assert not any("어려워요" in text or "부족해요" in text for text in texts(dispatcher))


def test_the_third_unchanged_reply_moves_on(dispatcher, domain):
    from actions.stages import ActionUpdatePlan
    from negotiation.messages import say

    # A lump sum covers everything: one option only, so the third time it is taken as agreed.
    slots = {**FULL_SITUATION, "stage": 6, "plan_shown": True, "lump_sum": 350000.0}
    tracker = make_tracker(slots=slots, text="요금 낮추는 쪽으로 할게요", intent="inform")
    tracker.events[:0] = [
        {"event": "user", "text": "요금 낮추는 쪽으로 할게요", "parse_data": {}},
        {"event": "bot", "text": say("plan_unchanged_again")["text"]},
    ]
    events = run_action(ActionUpdatePlan(), dispatcher, tracker, domain)
    assert texts(dispatcher)[-1] == say("plan_taken_as_agreed")["text"]
    assert events == [{"event": "followup", "name": "action_confirm_agreement", "timestamp": None}]


def test_nothing_left_after_the_bill_proposes_no_payment(dispatcher, domain):
    no_room = {**FULL_SITUATION, "monthly_budget": 55000.0}
    run_action(ActionProposePlan(), dispatcher, make_tracker(slots={**no_room, "stage": 4}), domain)
    said = " ".join(texts(dispatcher))
    assert "밀린 돈에 쓸 여유가 없어요" in said and "정지 유예" in said
    script = [m for m in json_messages(dispatcher) if m["type"] == "script"][-1]
    assert not any("씩" in line for line in script["lines"])
    assert dispatcher.messages[-1]["buttons"] == [
        {"title": "네, 이렇게 요청할게요", "payload": "네 이걸로 할게요"}
    ]

    agreed = CollectingDispatcher()
    tracker = make_tracker(
        slots={**no_room, "stage": 5, "plan_shown": True}, intent="affirm", text="네 이걸로 할게요"
    )
    events = run_action(ActionConfirmAgreement(), agreed, tracker, domain)
    agreement = next(m for m in json_messages(agreed) if m["type"] == "agreement")
    assert agreement["option"] is None and "약속하지 말고" in agreement["checklist"][0]
    assert "요금을 낮출 방법과 회선 정지 유예를 요청하세요" in texts(agreed)[0]
    assert slot_events(events) == {"stage": 6, "plan_option": None}


def _decisions(channel: str, slots: dict, domain) -> dict:
    """What the coach decided for these figures, as told on ``channel``: whether the plan fits,
    the amounts it proposes, and the warnings said at the agreement."""
    proposal = CollectingDispatcher()
    run_action(
        ActionProposePlan(),
        proposal,
        make_tracker(slots={**slots, "stage": 4}, channel=channel),
        domain,
    )
    agreement = CollectingDispatcher()
    tracker = make_tracker(
        slots={**slots, "stage": 5, "plan_shown": True}, intent="affirm", text="네", channel=channel
    )
    run_action(ActionConfirmAgreement(), agreement, tracker, domain)
    plan = next(m for m in json_messages(proposal) if m["type"] == "installment_plan")
    agreed = next(m for m in json_messages(agreement) if m["type"] == "agreement")
    return {
        "feasible": plan["feasible"],
        "unworkable_said": any("다 갚기 어려워요" in text for text in texts(proposal)),
        "proposed": agreed["option"],
        "warnings": [line for line in agreed["checklist"] if "약속하지" in line],
        "warnings_said": all(
            any(line in text for text in texts(agreement))
            for line in agreed["checklist"]
            if "약속하지" in line
        ),
    }


def test_the_web_chat_and_rest_decide_the_same(domain):
    feasible = _decisions("rest", FULL_SITUATION, domain)
    assert feasible == _decisions("socketio", FULL_SITUATION, domain)
    assert feasible["feasible"] and not feasible["unworkable_said"] and not feasible["warnings"]

    tight = {**FULL_SITUATION, "monthly_budget": 80000.0}
    infeasible = _decisions("rest", tight, domain)
    assert infeasible == _decisions("socketio", tight, domain)
    assert not infeasible["feasible"] and infeasible["unworkable_said"]
    assert infeasible["proposed"]["kind"] == "within_budget"
    assert infeasible["warnings"] and infeasible["warnings_said"]


def test_an_action_that_fails_still_answers_the_person(dispatcher, domain, monkeypatch, caplog):
    import actions.stages

    typed = "35만원 secret text"  # what the person typed, carried by the exception

    def broken(situation):
        raise ValueError(typed)

    monkeypatch.setattr(actions.stages, "proposal_for", broken)
    tracker = make_tracker(slots={**FULL_SITUATION, "stage": 4}, text="네 맞아요 35만원")
    events = run_action(ActionProposePlan(), dispatcher, tracker, domain)
    assert events == []
    assert "방금 말씀을 제대로 처리하지 못했어요" in texts(dispatcher)[-1]
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "action_propose_plan failed with ValueError" in logged
    assert "secret text" not in logged and "35만원" not in logged


def test_every_action_is_guarded():
    from rasa_sdk import Action

    import actions.answers
    import actions.extraction
    import actions.forms
    import actions.questions

    modules = [
        actions.answers,
        actions.extraction,
        actions.forms,
        actions.questions,
        actions.stages,
    ]
    for module in modules:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Action)
                and value.__module__ == module.__name__
                and "run" in value.__dict__
            ):
                assert getattr(value.run, "__wrapped_by_guard__", False), value


def test_a_choice_the_classifier_took_for_a_no_goes_to_the_agreement(dispatcher, domain):
    from actions.stages import ActionAskWhatToChange

    recovering = {
        **FULL_SITUATION,
        "stage": 5,
        "plan_shown": True,
        "monthly_budget": 70000.0,
        "recovery_expected": True,
        "recovery_months": 1.0,
        "recovery_budget": 90000.0,
    }
    tracker = make_tracker(
        slots=recovering, text="다음 달부터 더 내는 걸로 하겠습니다", intent="deny"
    )
    events = run_action(ActionAskWhatToChange(), dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "action_confirm_agreement", "timestamp": None}]
    assert texts(dispatcher) == []


def test_a_no_to_the_proposal_asks_what_to_change(dispatcher, domain):
    from actions.stages import ActionAskWhatToChange
    from negotiation.messages import say

    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 5, "plan_shown": True}, text="아니요", intent="deny"
    )
    assert run_action(ActionAskWhatToChange(), dispatcher, tracker, domain) == []
    assert texts(dispatcher) == [say("ask_what_to_change")["text"]]


def test_saying_one_will_do_a_single_proposal_agrees_to_it(dispatcher, domain):
    # Nothing left after the bill: one thing to propose, and "신청해 볼게요" is a yes to it.
    no_room = {**FULL_SITUATION, "stage": 5, "plan_shown": True, "monthly_budget": 55000.0}
    tracker = make_tracker(
        slots=no_room, text="복지 할인부터 신청해볼게유", intent="ask_welfare_discount"
    )
    events = run_action(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "action_confirm_agreement", "timestamp": None}]


def test_saying_one_will_do_it_with_several_options_still_asks_which(dispatcher, domain):
    # Several options: "그렇게 할게요" does not say which one, so it is not taken as a choice.
    several = {**FULL_SITUATION, "stage": 5, "plan_shown": True}
    tracker = make_tracker(slots=several, text="그렇게 해 볼게요", intent="ask_how_to_negotiate")
    assert run_action(ActionAnswerQuestion(), dispatcher, tracker, domain) == []


def test_what_can_be_done_next_is_never_said_three_times(dispatcher, domain):
    from negotiation.messages import say

    slots = {**FULL_SITUATION, "stage": 5, "plan_shown": True}
    tracker = make_tracker(slots=slots, text="음", intent="affirm")
    tracker.events[:0] = [
        {"event": "user", "text": "음", "parse_data": {}},
        {"event": "bot", "text": say("what_next")["text"]},
    ]
    run_action(ActionCarryOn(), dispatcher, tracker, domain)
    [reply] = dispatcher.messages
    assert reply["text"] == say("plan_choose_by_number")["text"]
    assert len(reply["buttons"]) >= 2  # the options themselves, to press

    after_agreement = make_tracker(slots={**slots, "stage": 6}, text="음", intent="affirm")
    after_agreement.events[:0] = tracker.events[:2]
    again = CollectingDispatcher()
    run_action(ActionCarryOn(), again, after_agreement, domain)
    assert again.messages[0]["text"] == say("what_next_again")["text"]
    assert again.messages[0]["buttons"]


def test_a_choice_taken_for_a_question_gets_no_answer_it_did_not_ask_for(dispatcher, domain):
    recovering = {
        **FULL_SITUATION,
        "stage": 5,
        "plan_shown": True,
        "recovery_expected": True,
        "recovery_months": 3.0,
        "recovery_budget": 250000.0,
    }
    tracker = make_tracker(slots=recovering, text="취업하고 나서 내는 걸로요", intent="ask_privacy")
    events = run_action(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "action_confirm_agreement", "timestamp": None}]
    assert texts(dispatcher) == []


def test_the_same_answer_is_not_given_twice_in_a_row(dispatcher, domain):
    from negotiation.messages import say

    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 6, "plan_shown": True},
        text="복지 할인 어떻게 받아요?",
        intent="ask_welfare_discount",
    )
    tracker.events[:0] = [
        {"event": "user", "text": "복지 할인 어떻게 받아요?", "parse_data": {}},
        {"event": "bot", "text": say("answer_ask_welfare_discount")["text"]},
    ]
    run_action(ActionAnswerQuestion(), dispatcher, tracker, domain)
    [reply] = dispatcher.messages
    assert reply["text"] == say("answer_already_given")["text"] and reply["buttons"]


def test_please_rephrase_is_never_said_twice_in_a_row(dispatcher, domain):
    from actions.stages import ActionHandleUnclear
    from negotiation.messages import say

    slots = {**FULL_SITUATION, "stage": 5, "plan_shown": True}
    tracker = make_tracker(slots=slots, text="흠 글쎄", intent="nlu_fallback")
    tracker.events[:0] = [
        {"event": "user", "text": "흠 글쎄", "parse_data": {}},
        {"event": "bot", "text": say("rephrase")["text"]},
    ]
    run_action(ActionHandleUnclear(), dispatcher, tracker, domain)
    [reply] = dispatcher.messages
    assert reply["text"] != say("rephrase")["text"] and reply["buttons"]


def test_a_schedule_named_that_pays_the_same_as_one_shown_is_said_to(dispatcher, domain):
    from negotiation.messages import say

    # The recovery comes when the arrears are nearly paid: the step-up pays what the fastest
    # pays, so only the fastest is shown; asking for "나중에 더 내는 걸로" agrees to it, saying so.
    slots = {
        **FULL_SITUATION,
        "stage": 5,
        "plan_shown": True,
        "arrears_amount": 135000.0,
        "monthly_bill": 55000.0,
        "monthly_budget": 90000.0,
        "recovery_expected": True,
        "recovery_months": 3.0,
        "recovery_budget": 130000.0,
        "plan_option": "step_up",
    }
    tracker = make_tracker(slots=slots, text="나중에 더 내는 걸로 할게요", intent="choose_option")
    run_action(ActionConfirmAgreement(), dispatcher, tracker, domain)
    said = texts(dispatcher)
    opening = say("option_same_as_shown", wanted="", shown="")["text"].split("'")[0]
    assert said[0].startswith(opening), said


def test_a_family_line_said_earlier_shapes_the_lines_to_say(dispatcher, domain):
    from actions.common import situation_from_tracker

    tracker = make_tracker(slots={**FULL_SITUATION, "stage": 4}, text="네", intent="affirm")
    assert situation_from_tracker(tracker).for_family is False
    tracker.events[:0] = [{"event": "user", "text": "아버지 명의 KT 휴대폰이 정지됐어요"}]
    assert situation_from_tracker(tracker).for_family is True


def test_choosing_the_six_month_plan_that_does_not_fit_is_said_plainly(dispatcher, domain):
    # 800,000 over six months needs 134,000 a month; 30,000 is left after the bill. The six-month
    # plan was shown only to say what it would take: the agreement is what they can pay, and
    # the coach says so instead of agreeing to "6개월" in silence.
    tight = NO_PLAN_FITS
    tracker = make_tracker(
        slots=tight, intent="choose_option", text="보여주신 6개월짜리로 해볼게요"
    )
    run_action(ActionConfirmAgreement(), dispatcher, tracker, domain)
    said = texts(dispatcher)[0]
    assert said.startswith("6개월에 나눠 내려면 매달 13만 4천원이 필요한데")
    assert "3만원이에요" in said and "27개월(2년 3개월)에 나눠" in said
    agreement = next(m for m in json_messages(dispatcher) if m["type"] == "agreement")
    assert agreement["option"]["kind"] == "within_budget"
    assert max(agreement["option"]["payments"]) <= 30000

    plain = CollectingDispatcher()  # "1번" names no six-month plan: nothing to explain
    run_action(ActionConfirmAgreement(), plain, make_tracker(slots=tight, text="1번"), domain)
    assert not any(text.startswith("6개월에 나눠") for text in texts(plain))


def test_lowering_the_bill_is_the_agreement_when_nothing_is_left_after_it(dispatcher, domain):
    # "그럼 요금 낮추는 쪽으로 얘기해 볼게요" is what a no-room proposal asks for.
    no_room = {**FULL_SITUATION, "stage": 5, "plan_shown": True, "monthly_budget": 55000.0}
    text = "그럼 요금 낮추는 쪽으로 얘기해 볼게요"
    tracker = make_tracker(slots=no_room, text=text, intent="inform")
    events = run_action(ActionUpdatePlan(), dispatcher, tracker, domain)
    assert events == [{"event": "followup", "name": "action_confirm_agreement", "timestamp": None}]
    # With a plan to choose from, the same words still turn away from it.
    several = {**FULL_SITUATION, "stage": 5, "plan_shown": True}
    tracker = make_tracker(slots=several, text=text, intent="inform")
    assert run_action(ActionUpdatePlan(), CollectingDispatcher(), tracker, domain) == []


def test_a_question_about_the_credit_record_gets_the_credit_facts(dispatcher, domain):
    tracker = make_tracker(text="신용불량자 되는 건 아니죠?", intent="ask_consequences")
    run_action(ActionAnswerQuestion(), dispatcher, tracker, domain)
    answer = texts(dispatcher)[0]
    assert answer.startswith("걱정되시죠.")
    assert (
        "신용평가회사나 은행에는 넘어가지 않는다" in answer and "(출처: MBN 뉴스 3235081)" in answer
    )
    other = CollectingDispatcher()  # what happens next in general: the general answer
    tracker = make_tracker(text="계속 안 내면 어떻게 돼요?", intent="ask_consequences")
    run_action(ActionAnswerQuestion(), other, tracker, domain)
    assert texts(other)[0].startswith("요금이 계속 밀리면")


def test_the_credit_answer_leaves_out_what_does_not_concern_the_person(dispatcher, domain):
    # 32만원 over four months: the 30-day grace for 10만–30만원 is not theirs.
    slots = {**FULL_SITUATION, "arrears_amount": 320000.0, "months_overdue": 4.0}
    tracker = make_tracker(
        slots=slots, text="신용불량자 되는 건 아니죠?", intent="ask_consequences"
    )
    run_action(ActionAnswerQuestion(), dispatcher, tracker, domain)
    answer = texts(dispatcher)[0]
    assert "30일 안에 갚을 경우" not in answer
    assert "서울보증보험" in answer and "KAIT" in answer


def test_lines_given_with_a_figure_since_corrected_are_given_again(dispatcher, domain):
    # "오늘 바로 10만원은 먼저 낼 수 있어요" was said before "5만원이에요": the stage-4 lines come
    # again with 5만원; the stage-2 lines, which hold none of these figures, do not.
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 5, "plan_shown": True},
        set_this_turn={"lump_sum": 50000.0},
        intent="correct",
    )
    run_action(ActionUpdatePlan(), dispatcher, tracker, domain)
    said = texts(dispatcher)
    again = [text for text in said if text.startswith("바뀐 숫자로 다시 정리했어요")]
    assert len(again) == 1 and "5만원은 먼저 한 번에 낼 수 있어요" in again[0]
    assert not any(text.startswith("바뀐 숫자로 상황 설명도") for text in said)
    scripts_sent = [m["stage"] for m in json_messages(dispatcher) if m["type"] == "script"]
    assert scripts_sent[0] == 4

    arrears = CollectingDispatcher()
    tracker = make_tracker(
        slots={**FULL_SITUATION, "stage": 5, "plan_shown": True},
        set_this_turn={"arrears_amount": 300000.0},
        intent="correct",
    )
    run_action(ActionUpdatePlan(), arrears, tracker, domain)
    situation_again = [t for t in texts(arrears) if t.startswith("바뀐 숫자로 상황 설명도")]
    assert len(situation_again) == 1 and "30만원" in situation_again[0]
