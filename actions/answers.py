"""Answers to the questions people ask along the way (how to negotiate, what to prepare, ...).

Every question intent has its answer in negotiation/data/messages.yml as ``answer_<intent>``, so
one action serves them all and adding a question needs no code.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_intent, names_an_option, utter
from actions.guard import guard_actions
from negotiation.messages import keys


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        key = f"answer_{latest_intent(tracker)}"
        utter(dispatcher, key if key in keys() else "answer_ask_how_to_negotiate")
        if names_an_option(tracker):
            # "둘이 총액은 같은 거죠? 그럼 고르게 나눠서요": answered, and the choice is kept.
            return [FollowupAction("action_confirm_agreement")]
        return []


guard_actions(globals())
