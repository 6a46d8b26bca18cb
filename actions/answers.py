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

from actions.common import (
    answer_question,
    latest_intent,
    names_an_option,
    said_just_before,
    utter,
)
from actions.guard import guard_actions
from negotiation.messages import keys, say
from negotiation.understanding import asks_something, side_question


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        key = f"answer_{latest_intent(tracker)}"
        key = key if key in keys() else "answer_ask_how_to_negotiate"
        text = tracker.latest_message.get("text") or ""
        topic = side_question(text)
        if topic is not None:
            # "신용불량자 되나요?": the credit facts, not the whole timeline; "가족들이 알게
            # 되나요?": who hears of it, whatever the classifier ranked first.
            key = topic
        chosen = names_an_option(tracker)
        if chosen and not asks_something(text):
            # "취업하고 나서 내는 걸로요", taken by the classifier for a question: the choice only.
            return [FollowupAction("action_confirm_agreement")]
        if said_just_before(tracker, say(key, items="")["text"]):  # its first sentence
            # The same answer twice in a row helps nobody: say what else can be done instead.
            utter(dispatcher, "answer_already_given")
        else:
            answer_question(dispatcher, tracker, key)
        if chosen:
            # "둘이 총액은 같은 거죠? 그럼 고르게 나눠서요": answered, and the choice is kept.
            return [FollowupAction("action_confirm_agreement")]
        return []


guard_actions(globals())
