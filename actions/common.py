"""Helpers shared by the actions: reading the tracker into the engine's terms, and sending."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from negotiation.data import max_months
from negotiation.messages import say
from negotiation.planner import InstallmentPlan, plan_installments
from negotiation.scripts import Situation

# Intents that step aside from the coach's question (a question of their own, help, leaving):
# the rules answer them and the form asks its question again. Any other reply inside a form is
# taken as an attempt to answer, even when the classifier was unsure (nlu_fallback).
DETOUR_INTENTS = {"greet", "thank", "goodbye", "help", "start_over", "out_of_scope",
                  "bot_challenge", "ask_how_to_negotiate", "ask_goal_types", "ask_preparation",
                  "ask_agent_refuses", "ask_consequences", "ask_privacy", "ask_welfare_discount",
                  "ask_debt_adjustment", "ask_customer_centre", "ask_dispute"}
# Channels that show text only: structured messages would reach them as raw JSON.
TEXT_ONLY_CHANNELS = {"cmdline"}
# Channels that draw the structured messages as cards (the web chat): their text messages leave
# out the lists the cards already show. REST clients get both, as the contract describes.
CARD_CHANNELS = {"socketio"}

FIGURE_LABELS = {
    "arrears_amount": "미납액",
    "monthly_bill": "매달 요금",
    "monthly_budget": "월 예산",
    "lump_sum": "한 번에 낼 금액",
    "recovery_budget": "형편이 나아진 뒤의 월 예산",
    "months_overdue": "밀린 기간",
    "recovery_months": "형편이 나아질 때까지의 기간",
    "carrier": "통신사",
}


def _int_or_none(value: Any) -> Optional[int]:
    return None if value is None else int(round(float(value)))


def situation_from_tracker(tracker: Tracker) -> Situation:
    """The engine's view of everything the person has told the coach so far."""
    slot = tracker.get_slot
    return Situation(
        carrier=slot("carrier"),
        arrears_amount=_int_or_none(slot("arrears_amount")),
        months_overdue=_int_or_none(slot("months_overdue")),
        monthly_bill=_int_or_none(slot("monthly_bill")),
        monthly_budget=_int_or_none(slot("monthly_budget")),
        lump_sum=_int_or_none(slot("lump_sum")),
        recovery_months=_int_or_none(slot("recovery_months")) if slot("recovery_expected") else None,
        recovery_budget=_int_or_none(slot("recovery_budget")) if slot("recovery_expected") else None,
        goals=list(slot("goals") or []),
        welfare_status=slot("welfare_status"),
        service_suspended=slot("service_suspended"),
    )


PLAN_FIGURES = ("arrears_amount", "monthly_bill", "monthly_budget", "lump_sum")


def missing_plan_figures(situation: Situation) -> List[str]:
    return [name for name in PLAN_FIGURES if getattr(situation, name) is None]


def plan_for(situation: Situation) -> Optional[InstallmentPlan]:
    """The instalment plan for the person's figures (None when the lump sum covers it all)."""
    return plan_installments(
        arrears_amount=situation.arrears_amount, monthly_bill=situation.monthly_bill,
        monthly_budget=situation.monthly_budget, lump_sum=situation.lump_sum or 0,
        max_months=max_months(), recovery_months=situation.recovery_months,
        recovery_budget=situation.recovery_budget)


def send_structured(dispatcher: CollectingDispatcher, tracker: Tracker,
                    message: Dict[str, Any]) -> None:
    """Send a contract message to every channel that can draw it (not the terminal)."""
    if tracker.get_latest_input_channel() in TEXT_ONLY_CHANNELS:
        return
    dispatcher.utter_message(json_message=message)


def bullet_list(lines: Iterable[str], tracker: Optional[Tracker] = None) -> str:
    """Lines as a bulleted list; empty where a card on the person's screen shows them."""
    if tracker is not None and shows_cards(tracker):
        return ""
    return "\n".join(f"• {line}" for line in lines)


def shows_cards(tracker: Tracker) -> bool:
    return tracker.get_latest_input_channel() in CARD_CHANNELS


def is_answer_attempt(intent: Optional[str], text: Optional[str]) -> bool:
    """Whether the message tries to answer the coach's question (rather than ask or leave)."""
    return intent not in DETOUR_INTENTS or any(char.isdigit() for char in (text or ""))


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def utter(dispatcher: CollectingDispatcher, key: str,
          buttons: Optional[List[Dict[str, str]]] = None, **values: Any) -> None:
    """Send the message ``key`` from negotiation/data/messages.yml, filled with ``values``."""
    message = say(key, **values)
    message["text"] = message["text"].strip()
    if buttons is not None:
        message["buttons"] = buttons
    dispatcher.utter_message(**message)


def events_since_the_person(tracker: Tracker) -> List[Dict[str, Any]]:
    """The events after the person's latest message, oldest first (all events if none)."""
    for index in range(len(tracker.events) - 1, -1, -1):
        if tracker.events[index].get("event") == "user":
            return tracker.events[index + 1:]
    return list(tracker.events)


def slots_set_this_turn(tracker: Tracker) -> Dict[str, Any]:
    """Slots set since the person's latest message (by the figure reading, usually).

    Unlike ``Tracker.slots_to_validate``, which only sees slot events at the very end of the
    tracker, this looks past the other events Rasa logs after a message.
    """
    # Later events win: the dict keeps the last value set for each slot.
    return {event["name"]: event.get("value") for event in events_since_the_person(tracker)
            if event.get("event") == "slot"}
