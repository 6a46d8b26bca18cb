"""The forms' questions: ``action_ask_<slot>`` for every slot a form asks for.

Rasa's forms look for ``action_ask_<slot>`` before ``utter_ask_<slot>``; asking through an action
keeps the questions' wording in negotiation/data/messages.yml beside the rest of what the coach
says, and lets a question fit the moment:

- an amount whose role is unclear is asked about first ("28만원은 밀린 금액인가요?"), and a figure
  the person wants to fix is asked for by name;
- a question asked twice without an answer is not asked a third time in the same words: the
  third time is an easier one (``easier_<slot>``: buttons, "대략이라도 괜찮아요", a way to skip);
- before the plan, ``figures_confirmed`` shows every figure and asks whether they are right.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    bullet_list,
    figure_label,
    send_structured,
    situation_from_tracker,
    slots_set_this_turn,
    times_asked,
    utter,
)
from actions.corrections import (
    REQUIRED_FIGURES,
    ask_for_value,
    ask_which_figure_after_plan,
    confirmation_question,
    fix_buttons,
    said_this_turn,
)
from actions.guard import guard_actions
from negotiation.confirmation import (
    FIGURE_ORDER,
    figures_message,
    read_confirmation,
    role_buttons,
    summary_lines,
)
from negotiation.korean import josa
from negotiation.messages import has_message
from negotiation.money import format_won
from negotiation.scripts import goal_labels

ASKED_SLOTS = (
    "carrier",
    "arrears_amount",
    "months_overdue",
    "service_suspended",
    "goals",
    "bill_checked",
    "monthly_bill",
    "monthly_budget",
    "lump_sum",
    "welfare_status",
    "recovery_expected",
    "recovery_months",
    "recovery_budget",
    "figures_confirmed",
)


def ask_about_pending(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> tuple[bool, list[EventType]]:
    """Ask about ``pending_figure`` if there is one: whether a question was asked, and the events
    (a figure being fixed that was asked for every way is kept, and ``pending_figure`` cleared)."""
    pending: dict[str, Any] | None = tracker.get_slot("pending_figure")
    if not pending or not pending.get("candidates"):
        return False, []
    candidates = [str(slot) for slot in pending["candidates"]]
    if pending.get("value") is None:
        # The figure being fixed: its new value, never asked the same way a third time.
        return ask_for_value(dispatcher, tracker, candidates[0])
    amount = josa(format_won(int(pending["value"])), "은")
    if len(candidates) == 2:
        utter(
            dispatcher,
            "ask_amount_role_two",
            amount=amount,
            role=figure_label(candidates[0]),
            buttons=_yes_no_role_buttons(candidates),
        )
    else:
        utter(dispatcher, "ask_amount_role", amount=amount, buttons=role_buttons(candidates))
    return True, []


def _yes_no_role_buttons(candidates: list[str]) -> list[dict[str, str]]:
    first, second = role_buttons(candidates)
    return [
        {"title": f"네, {first['title']}", "payload": f"네, {first['payload']}"},
        {"title": f"아니요, {second['title']}", "payload": f"아니요, {second['payload']}"},
    ]


class AskForSlot(Action, ABC):
    """Ask the question for ``slot`` (set by each subclass)."""

    slot: str = ""

    @abstractmethod
    def name(self) -> str:
        """``action_ask_<slot>``."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        asked, events = ask_about_pending(dispatcher, tracker)
        if asked:
            return events
        mentioned = tracker.get_slot("goals_mentioned")
        if self.slot == "goals" and mentioned and times_asked(tracker, self.slot) < 3:
            labels = ", ".join(goal_labels(mentioned))
            utter(dispatcher, "ask_goals_mentioned", goals=josa(labels, "을"))
            return events
        # Asked twice already without an answer: an easier question, never the same one again.
        # (This question is counted already: the form set requested_slot before asking.)
        # Every time counts here, a question answered on the way too: the person would read
        # the same words a third time.
        if times_asked(tracker, self.slot, count_detours=True) >= 3 and has_message(
            f"easier_{self.slot}"
        ):
            utter(dispatcher, f"easier_{self.slot}")
        else:
            utter(dispatcher, f"ask_{self.slot}")
        return events


class AskForFiguresConfirmed(AskForSlot):
    """Stage 4's last step: every figure the plan will use, and "맞아요 / 고칠게요".

    While nothing changes, neither the figures nor "어떤 숫자를 고칠까요?" is asked a third time:
    then one question with [맞아요] and a button for each figure (actions/corrections.py).
    """

    slot = "figures_confirmed"

    def name(self) -> str:
        return "action_ask_figures_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        asked, events = ask_about_pending(dispatcher, tracker)
        if asked:
            return events
        situation = situation_from_tracker(tracker)
        missing = [slot for slot in REQUIRED_FIGURES if getattr(situation, slot) is None]
        if missing:
            # Skipped earlier: the plan cannot be made without it, so ask for it by name (and,
            # should nothing come, another way: actions/corrections.py).
            slot = missing[0]
            pending = {"value": None, "candidates": [slot], "misses": 0}
            ask_for_value(dispatcher, tracker, slot)
            return [*events, SlotSet("pending_figure", pending)]
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        corrected = any(slot in FIGURE_ORDER for slot in slots_set_this_turn(tracker))
        wanted = "ask_figures_confirmed"
        if (
            times_asked(tracker, self.slot) > 1
            and not corrected
            and read_confirmation(text, intent) is False
        ):
            wanted = "which_figure_to_fix"  # "고칠게요" without saying what: which figure?
        # A corrected figure is always shown with the others (a new correction begins).
        if not corrected and any(
            said_this_turn(tracker, waiting)
            for waiting in ("figures_waiting", "figures_waiting_again")
        ):
            return events  # every way of asking was tried: the coach waits for a yes, unasked
        key = (
            wanted if corrected else confirmation_question(tracker, wanted)
        ) or "confirm_or_pick_figure"  # only after questions of the person's own
        if key == "which_figure_to_fix":
            utter(dispatcher, key, buttons=fix_buttons(situation))
        elif key == "confirm_or_pick_figure":
            utter(dispatcher, key, buttons=fix_buttons(situation, with_yes=True))
        else:
            utter(dispatcher, key, figures=bullet_list(summary_lines(situation), tracker))
            send_structured(dispatcher, tracker, figures_message(situation))
        return events


class AskPendingFigure(Action):
    """After the plan, an amount whose role was unclear: ask which figure it is (the plan follows
    the answer), or the new value of the figure being fixed. A separate action, so that "네" to
    this question is never taken as agreeing to the plan."""

    def name(self) -> str:
        return "action_ask_pending_figure"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        asked, events = ask_about_pending(dispatcher, tracker)
        if asked or events:
            return events  # asked, or the figure kept as it is (said so)
        if not ask_which_figure_after_plan(dispatcher, tracker):
            utter(dispatcher, "what_next_again")
        return []


def _question_action(slot: str) -> type[AskForSlot]:
    class_name = "AskFor" + "".join(part.title() for part in slot.split("_"))
    return type(
        class_name,
        (AskForSlot,),
        {
            "slot": slot,
            "name": lambda self: f"action_ask_{self.slot}",
            "__doc__": f"Ask for `{slot}`.",
        },
    )


QUESTION_ACTIONS = [
    _question_action(slot) for slot in ASKED_SLOTS if slot != "figures_confirmed"
] + [AskForFiguresConfirmed]


guard_actions(globals())
