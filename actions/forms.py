"""Form validation: one base for every form that asks the person for figures.

The figures themselves are read and checked by ``action_validate_slot_mappings`` (see
extraction.py), so these actions decide only two things: which slots a form still needs (the
recovery questions only when the person expects their finances to improve), and whether a reply
that answered nothing was an attempt to answer. An attempt keeps the form going, so the question
is asked again after the explanation; anything else (a question, "처음부터") is left to the rules.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import events_since_the_person, is_answer_attempt, latest_intent
from actions.guard import guard_actions

RECOVERY_DETAIL_SLOTS = ("recovery_months", "recovery_budget")


class CoachFormValidation(FormValidationAction):
    """Shared behaviour of the coach's forms."""

    @abstractmethod
    def name(self) -> str:
        """``validate_<form name>``."""

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """The form's slots, less the questions the person could not answer (skipped)."""
        skipped = set(tracker.get_slot("skipped_slots") or [])
        return [slot for slot in domain_slots if slot not in skipped]

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        # Values arrive already validated by action_validate_slot_mappings; keep those that
        # belong to this form. Not only the required ones: a question skipped in this very turn
        # is no longer required, yet what skipping it means ("형편이 나아지는 건 없는 것으로")
        # must be kept, or Rasa drops it and the slot stays unknown.
        mine = set(self.domain_slots(domain))
        return [
            SlotSet(slot, value)
            for slot, value in tracker.slots_to_validate().items()
            if slot in mine
        ]

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        events = await super().run(dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot")
        answered = any(
            event.get("event") == "slot" and event.get("name") != "requested_slot"
            for event in events
        )
        if (
            requested
            and not answered
            and self._replies_to_the_question(tracker)
            and (
                tracker.slots_to_validate()
                or is_answer_attempt(latest_intent(tracker), tracker.latest_message.get("text"))
            )
        ):
            # An answer we could not use (or a figure for another question): ask again rather
            # than let the form be rejected.
            events.append(SlotSet(requested, None))
        return events

    def _replies_to_the_question(self, tracker: Tracker) -> bool:
        """Whether the form is judging the person's reply to its question.

        Rasa validates on a copy of the tracker that ends with the form's own ActionExecuted, so
        ``latest_action_name`` is the form here, never ``action_listen``. Walk back instead: a
        user message reached before any other action means this is a reply; another action (a
        detour's answer, "please rephrase") means the form is only asking again.
        """
        form_name = self.name()[len("validate_") :]
        return all(
            event.get("name") in (form_name, "action_validate_slot_mappings")
            for event in events_since_the_person(tracker)
            if event.get("event") == "action"
        )


class ValidateSituationForm(CoachFormValidation):
    def name(self) -> str:
        return "validate_situation_form"


class ValidateGoalForm(CoachFormValidation):
    def name(self) -> str:
        return "validate_goal_form"


class ValidateInformationForm(CoachFormValidation):
    def name(self) -> str:
        return "validate_information_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slots = await super().required_slots(domain_slots, dispatcher, tracker, domain)
        skipped = tracker.get_slot("skipped_slots") or []
        if (
            tracker.get_slot("recovery_expected") is False
            or "recovery_expected" in skipped
            or any(slot in RECOVERY_DETAIL_SLOTS for slot in skipped)
        ):
            return [slot for slot in slots if slot not in RECOVERY_DETAIL_SLOTS]
        return slots


guard_actions(globals())
