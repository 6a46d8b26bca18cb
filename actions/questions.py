"""The forms' questions: ``action_ask_<slot>`` for every slot a form asks for.

Rasa's forms look for ``action_ask_<slot>`` before ``utter_ask_<slot>``; asking through an action
keeps the questions' wording in negotiation/data/messages.yml beside the rest of what the coach
says, with the example answer each question carries.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text, Type

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import utter

ASKED_SLOTS = ("carrier", "arrears_amount", "months_overdue", "service_suspended", "goals",
               "monthly_bill", "monthly_budget", "lump_sum", "welfare_status",
               "recovery_expected", "recovery_months", "recovery_budget")


class AskForSlot(Action, ABC):
    """Ask the question for ``slot`` (set by each subclass)."""

    slot: str = ""

    @abstractmethod
    def name(self) -> Text:
        """``action_ask_<slot>``."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        utter(dispatcher, f"ask_{self.slot}")
        return []


def _question_action(slot: str) -> Type[AskForSlot]:
    class_name = "AskFor" + "".join(part.title() for part in slot.split("_"))
    return type(class_name, (AskForSlot,), {
        "slot": slot, "name": lambda self: f"action_ask_{self.slot}",
        "__doc__": f"Ask for `{slot}`."})


QUESTION_ACTIONS = [_question_action(slot) for slot in ASKED_SLOTS]
