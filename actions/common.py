"""Helpers shared by the actions: reading the tracker into the engine's terms, and sending."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from negotiation import scripts
from negotiation.advice import NO_ROOM, Proposal, make_proposal
from negotiation.confirmation import FIGURE_ORDER, label
from negotiation.data import max_months
from negotiation.messages import say
from negotiation.risk import concerns
from negotiation.scripts import Situation
from negotiation.understanding import (
    commits_to_it,
    commits_to_lowering_the_bill,
    find_option,
    find_option_position,
    internet_only,
    speaks_for_family,
)

# Intents that step aside from the coach's question (a question of their own, help, leaving):
# the rules answer them and the form asks its question again. Any other reply inside a form is
# taken as an attempt to answer, even when the classifier was unsure (nlu_fallback).
DETOUR_INTENTS = {
    "greet",
    "thank",
    "goodbye",
    "help",
    "start_over",
    "out_of_scope",
    "bot_challenge",
    "ask_how_to_negotiate",
    "ask_goal_types",
    "ask_preparation",
    "ask_agent_refuses",
    "ask_consequences",
    "ask_privacy",
    "ask_welfare_discount",
    "ask_debt_adjustment",
    "ask_customer_centre",
    "ask_dispute",
}
# Channels that show text only: structured messages would reach them as raw JSON.
TEXT_ONLY_CHANNELS = {"cmdline"}
# Channels that draw the structured messages as cards (the web chat): their text messages leave
# out the lists the cards already show. REST clients get both, as the contract describes.
CARD_CHANNELS = {"socketio"}

# The figures (and the carrier) that a correction names back to the person.
FIGURE_SLOTS = (
    "carrier",
    "arrears_amount",
    "months_overdue",
    "monthly_bill",
    "monthly_budget",
    "lump_sum",
    "recovery_months",
    "recovery_budget",
)
# Questions a person may not know the answer to; "모르겠어요" leaves them unknown and moves on.
SKIPPABLE_SLOTS = (
    "bill_checked",
    "months_overdue",
    "service_suspended",
    "lump_sum",
    "welfare_status",
    "recovery_expected",
    "recovery_months",
    "recovery_budget",
)


# Events after which nothing earlier belongs to the person's current conversation: "처음부터
# 다시" (action_start_over logs both) and a new session after a long pause.
CONVERSATION_RESETS = ("restart", "session_started")


def conversation_events(tracker: Tracker) -> list[dict[str, Any]]:
    """The events since the conversation last began again, oldest first.

    Rasa's tracker keeps what came before a restart (the SQL store even returns it until the
    next session starts), but a person who started over told the coach nothing yet: who they
    speak for, which questions they were asked, what the coach said.
    """
    events = tracker.events
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") in CONVERSATION_RESETS:
            return list(events[index + 1 :])
    return list(events)


def figure_label(slot: str) -> str:
    """How a figure is named to the person ("미납액"), from negotiation/data/wording.yml."""
    return label(slot) if slot in FIGURE_ORDER else slot


def times_asked(tracker: Tracker, slot: str, count_detours: bool = False) -> int:
    """How many of the person's recent turns ended with the coach asking for ``slot``, in a row.

    Rasa's forms run ``action_ask_<slot>`` inside the form action, so the tracker has no event
    of the question itself; each time a form asks, though, it sets ``requested_slot``. A turn
    that began with the person's own question or a request for help does not count: the coach
    asked again because it answered them, not because it misunderstood (unless
    ``count_detours``: the person still read the same question again).
    """
    count = 0
    turn: list[dict[str, Any]] = []
    for event in reversed(conversation_events(tracker)):
        if event.get("event") != "user":
            turn.append(event)
            continue
        verdict = _asked_in_turn(turn, slot)
        if verdict is False:
            return count
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if verdict and (count_detours or intent not in DETOUR_INTENTS):
            count += 1
        turn = []
    verdict = _asked_in_turn(turn, slot)
    return count + (1 if verdict else 0)


def _asked_in_turn(events: list[dict[str, Any]], slot: str) -> bool | None:
    """True when the turn asked for ``slot``, False when it asked for another, else None."""
    requested = [
        event.get("value")
        for event in events
        if event.get("event") == "slot" and event.get("name") == "requested_slot"
    ]
    if slot in requested:
        return True
    if any(value is not None for value in requested):
        return False
    return None


def _int_or_none(value: Any) -> int | None:
    return None if value is None else round(float(value))


def situation_from_tracker(tracker: Tracker) -> Situation:
    """The engine's view of everything the person has told the coach so far."""
    slot = tracker.get_slot
    said = [
        str(event.get("text") or "")
        for event in conversation_events(tracker)
        if event.get("event") == "user"
    ]
    return Situation(
        carrier=slot("carrier"),
        arrears_amount=_int_or_none(slot("arrears_amount")),
        months_overdue=_int_or_none(slot("months_overdue")),
        monthly_bill=_int_or_none(slot("monthly_bill")),
        monthly_budget=_int_or_none(slot("monthly_budget")),
        lump_sum=_int_or_none(slot("lump_sum")),
        recovery_months=_int_or_none(slot("recovery_months"))
        if slot("recovery_expected")
        else None,
        recovery_budget=_int_or_none(slot("recovery_budget"))
        if slot("recovery_expected")
        else None,
        goals=list(slot("goals") or []),
        welfare_status=slot("welfare_status"),
        service_suspended=slot("service_suspended"),
        bill_checked=slot("bill_checked"),
        for_family=any(speaks_for_family(text) for text in said),
        internet_only=slot("carrier") != "MVNO" and internet_only(said),
    )


PLAN_FIGURES = ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum")


def missing_plan_figures(situation: Situation) -> list[str]:
    return [name for name in PLAN_FIGURES if getattr(situation, name) is None]


def proposal_for(situation: Situation) -> Proposal:
    """What the coach proposes for the person's figures (negotiation/advice.py decides)."""
    return make_proposal(situation, max_months())


def send_structured(
    dispatcher: CollectingDispatcher, tracker: Tracker, message: dict[str, Any]
) -> None:
    """Send a contract message to every channel that can draw it (not the terminal)."""
    if tracker.get_latest_input_channel() in TEXT_ONLY_CHANNELS:
        return
    dispatcher.utter_message(json_message=message)


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker, key: str) -> None:
    """Send the answer ``key``; the credit answer is filled with the facts that concern the
    person (all of them, each stating its own condition, while the amount is not known yet)."""
    if key != "answer_credit":
        utter(dispatcher, key)
        return
    situation = situation_from_tracker(tracker)
    person = scripts.person_of(situation)
    keys = [
        key
        for key in scripts.CREDIT_FACTS
        if situation.arrears_amount is None or concerns(key, person)
    ] or list(scripts.CREDIT_FACTS)
    utter(dispatcher, "answer_credit", items=bullet_list(scripts.fact_lines(keys)))


def bullet_list(lines: Iterable[str], tracker: Tracker | None = None) -> str:
    """Lines as a bulleted list; empty where a card on the person's screen shows them."""
    if tracker is not None and shows_cards(tracker):
        return ""
    return "\n".join(f"• {line}" for line in lines)


def shows_cards(tracker: Tracker) -> bool:
    return tracker.get_latest_input_channel() in CARD_CHANNELS


def is_answer_attempt(intent: str | None, text: str | None) -> bool:
    """Whether the message tries to answer the coach's question (rather than ask or leave)."""
    return intent not in DETOUR_INTENTS or any(char.isdigit() for char in (text or ""))


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def utter(
    dispatcher: CollectingDispatcher,
    key: str,
    buttons: list[dict[str, str]] | None = None,
    **values: Any,
) -> None:
    """Send the message ``key`` from negotiation/data/messages.yml, filled with ``values``."""
    message = say(key, **values)
    # A list left empty (a card shows it) must not leave a blank line: Rasa's socket.io channel
    # splits a text at blank lines into separate bubbles.
    message["text"] = re.sub(r"\n\s*\n", "\n", message["text"]).strip()
    if buttons is not None:
        message["buttons"] = buttons
    dispatcher.utter_message(**message)


def events_since_the_person(tracker: Tracker) -> list[dict[str, Any]]:
    """The events after the person's latest message, oldest first (the whole conversation if
    none)."""
    events = conversation_events(tracker)
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "user":
            return events[index + 1 :]
    return events


def slots_set_this_turn(tracker: Tracker) -> dict[str, Any]:
    """Slots set since the person's latest message (by the figure reading, usually).

    Unlike ``Tracker.slots_to_validate``, which only sees slot events at the very end of the
    tracker, this looks past the other events Rasa logs after a message.
    """
    # Later events win: the dict keeps the last value set for each slot.
    return {
        event["name"]: event.get("value")
        for event in events_since_the_person(tracker)
        if event.get("event") == "slot"
    }


def _begins_as(said: Any, text: str) -> bool:
    """Whether a bot text is message ``text`` (by its first sentence: messages with figures
    differ after it)."""
    return str(said or "").startswith(text.split(".")[0])


def said_just_before(tracker: Tracker, text: str) -> bool:
    """Whether the coach's last text before the person's latest message was ``text``."""
    seen_user = False
    for event in reversed(conversation_events(tracker)):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and event.get("event") == "bot" and event.get("text"):
            return _begins_as(event["text"], text)
    return False


def said_in_conversation(tracker: Tracker, text: str) -> bool:
    """Whether the coach has said ``text`` at any point of the conversation."""
    return any(
        event.get("event") == "bot" and _begins_as(event.get("text"), text)
        for event in conversation_events(tracker)
    )


def names_an_option(tracker: Tracker) -> bool:
    """After the plan: whether the latest message picks one of the options shown, or, where
    only one was proposed, says the person will do it ("복지 할인부터 신청해 볼게요")."""
    if not tracker.get_slot("plan_shown"):
        return False
    text = tracker.latest_message.get("text") or ""
    if find_option(text) is not None or find_option_position(text) is not None:
        return True
    lowering = commits_to_lowering_the_bill(text)
    committing = commits_to_it(text)
    if not (lowering or committing):
        return False
    proposal = _current_proposal(tracker)
    if proposal is None:
        return False
    if lowering and proposal.case == NO_ROOM:
        return True  # what a proposal with no room asks for is a lower bill and a deferral
    # One thing to propose: a yes needs no choice.
    return committing and len(proposal.choices) <= 1


def _current_proposal(tracker: Tracker) -> Proposal | None:
    """The proposal for the figures told, once every figure the plan needs is known."""
    situation = situation_from_tracker(tracker)
    if missing_plan_figures(situation):
        return None
    return proposal_for(situation)
