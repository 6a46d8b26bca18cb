"""An NLU component that keeps the classifier from ending or erasing a conversation by mistake.

DIET ranks intents by likeness, and a sentence about starting a new job ("일 시작하고 더 내는
걸로요") looks like "start over" to it; "요금 내면 끝이에요" looks like a goodbye. Those two intents
wipe the person's figures or take leave in the middle of a question, so here they stand only when
the message itself has a word that says so (``negotiation.understanding.says_start_over`` /
``says_goodbye``); otherwise the next intent in the ranking takes their place, with its own
confidence, and the FallbackClassifier after this component judges it as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from negotiation.understanding import says_goodbye, says_start_over

NEEDS_ITS_WORD: dict[str, Callable[[str], bool]] = {
    "start_over": says_start_over,
    "goodbye": says_goodbye,
}


def guarded_intent(text: str, ranking: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first intent of the ranking that the message's own words allow."""
    for candidate in ranking:
        check = NEEDS_ITS_WORD.get(candidate.get(INTENT_NAME_KEY) or "")
        if check is None or check(text):
            return candidate
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentGuard(GraphComponent):
    """Demotes start_over and goodbye when the message has no word for them."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) not in NEEDS_ITS_WORD:
                continue
            text = message.get(TEXT) or ""
            ranking = list(message.get(INTENT_RANKING_KEY) or [])
            chosen = guarded_intent(text, ranking)
            if chosen is None or chosen.get(INTENT_NAME_KEY) == intent.get(INTENT_NAME_KEY):
                continue
            message.set(INTENT, dict(chosen), add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [chosen] + [entry for entry in ranking if entry is not chosen],
                add_to_output=True,
            )
        return messages
