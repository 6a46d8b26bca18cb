"""Reading every user message for figures and choices: the domain's custom slot mappings.

Rasa runs ``action_validate_slot_mappings`` after each user message. It hands the text to the
engine, which finds amounts, months, the carrier, goals and yes/no answers in any order, and sets
the contract's slots. Because it runs on every message, a person can tell several figures at
once, or correct one at any point, and is never asked again for what they already said.
"""

from __future__ import annotations

from typing import Any, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import FIGURE_LABELS, is_answer_attempt, latest_intent, utter
from negotiation.korean import josa
from negotiation.messages import has_message
from negotiation.money import format_months, format_won
from negotiation.scripts import carrier_name
from negotiation.understanding import AMOUNT_SLOTS, MONTH_SLOTS, read_message, says_not_known

UNREADABLE_RESPONSES = {
    **{slot: "unreadable_amount" for slot in AMOUNT_SLOTS},
    **{slot: "unreadable_months" for slot in MONTH_SLOTS},
    "carrier": "unreadable_carrier",
    "goals": "unreadable_goals",
    "service_suspended": "unreadable_choice",
    "welfare_status": "unreadable_choice",
    "recovery_expected": "unreadable_choice",
}


def display_value(slot: str, value: Any) -> str:
    """A slot value as the person would say it: 35만원, 2개월, KT."""
    if slot in AMOUNT_SLOTS:
        return format_won(int(value))
    if slot in MONTH_SLOTS:
        return format_months(int(value))
    if slot == "carrier":
        return carrier_name(value) or str(value)
    return str(value)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) \
            and not isinstance(old, bool) and not isinstance(new, bool):
        return float(old) == float(new)
    return old == new


class ActionReadFigures(Action):
    """The global custom slot mapping: every figure and choice in the latest message."""

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        # Forms run slot extraction again when they activate; the message was read already.
        if tracker.latest_action_name != "action_listen":
            return []
        text = tracker.latest_message.get("text") or ""
        if not text or text.startswith("/"):
            return []
        requested_slot = tracker.get_slot("requested_slot")
        intent = latest_intent(tracker)
        reading = read_message(text, requested_slot=requested_slot, intent=intent)

        events: List[EventType] = []
        for slot, value in reading.values.items():
            value = self._merge(slot, value, tracker.get_slot(slot), requested_slot)
            old = tracker.get_slot(slot)
            if old is not None and _same(old, value):
                continue
            if old is not None and slot in FIGURE_LABELS:
                self._acknowledge_correction(dispatcher, slot, old, value)
            events.append(SlotSet(slot, value))
            if slot == "recovery_expected" and value is False:
                events += [SlotSet("recovery_months", None), SlotSet("recovery_budget", None)]

        for slot, refusal in reading.refused.items():
            utter(dispatcher, f"figure_refused_{refusal.reason}", label=FIGURE_LABELS[slot],
                value=display_value(slot, refusal.value))

        if (requested_slot and not reading.values and not reading.refused
                and is_answer_attempt(intent, text) and requested_slot in UNREADABLE_RESPONSES):
            if says_not_known(text) and has_message(f"unknown_{requested_slot}"):
                # Not a misreading: the person does not know. Say where to find it instead.
                utter(dispatcher, f"unknown_{requested_slot}")
            else:
                utter(dispatcher, UNREADABLE_RESPONSES[requested_slot])
        return events

    @staticmethod
    def _merge(slot: str, value: Any, old: Any, requested_slot: Optional[str]) -> Any:
        """Goals told outside the goal question add to those chosen before."""
        if slot == "goals" and requested_slot != "goals" and old:
            return list(dict.fromkeys(list(old) + list(value)))
        return value

    @staticmethod
    def _acknowledge_correction(dispatcher: CollectingDispatcher, slot: str, old: Any,
                                new: Any) -> None:
        new_text = display_value(slot, new)
        utter(dispatcher, "figure_corrected", label=josa(FIGURE_LABELS[slot], "을"),
            old=display_value(slot, old), new=josa(new_text, "로"))

