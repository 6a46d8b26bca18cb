"""Corrections that converge: no question of a correction is asked a third time.

A correction is a short exchange: the figures confirmation ([맞아요] [고칠게요]), "어떤 숫자를
고칠까요?", "미납액을 어떻게 고칠까요?" — or, after the plan, "어떤 숫자를 고칠까요?" and the new
value. A reply that changes nothing (the same value read again, or none) must not bring the same
question back: the coach says what it read and asks for the number alone, with an example in
digits; the third time it offers buttons; after that it keeps the figure and goes on.

How often each question was asked is counted from the tracker's events, as the other "asked how
often" helpers are (actions/common.py): the coach's own messages since a figure last changed or
the figures were last confirmed. A change begins a new correction, so a figure fixed and then
another one is asked about afresh. Which question comes next is decided by the engine
(negotiation/confirmation.py); the wording is in negotiation/data/messages.yml.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    SKIPPABLE_SLOTS,
    conversation_events,
    figure_label,
    situation_from_tracker,
    utter,
)
from negotiation.confirmation import (
    AMOUNT_FIGURES,
    CONFIRMATION_QUESTIONS,
    FIGURE_ORDER,
    MISSING_QUESTIONS,
    MONTH_FIGURES,
    MOST_TIMES_ASKED,
    VALUE_QUESTIONS,
    digits_example,
    display,
    next_confirmation_question,
    next_missing_question,
    next_value_question,
    value_kind,
)
from negotiation.data import load
from negotiation.korean import josa
from negotiation.messages import say
from negotiation.money import find_amounts, find_months

# The figures a plan cannot be made without: asked for at the confirmation when missing.
REQUIRED_FIGURES = ("arrears_amount", "monthly_bill", "monthly_budget")
# The particle each question puts after the figure's name ("미납액을 어떻게 고칠까요?").
LABEL_PARTICLES = {
    "ask_figure_to_fix": "을",
    "figure_same_value": "은",
    "figure_value_again": "은",
    "figure_value_buttons": "을",
    "figure_pick_again": "은",
    "ask_missing_figure": "이",
    "figure_missing_again": "이",
    "figure_still_missing": "을",
}
# After the plan, "which figure?" and then the figures as buttons.
AFTER_PLAN_QUESTIONS = ("which_figure_to_change", "pick_figure_to_change")


# --- counting ---------------------------------------------------------------------------------


def correction_events(tracker: Tracker) -> list[dict[str, Any]]:
    """The events of the correction under way: from the person's message in which a figure last
    changed (or the figures were confirmed) to now; the whole conversation if neither happened."""
    events = conversation_events(tracker)
    for index in range(len(events) - 1, -1, -1):
        if _begins_a_correction(events[index]):
            for start in range(index, -1, -1):
                if events[start].get("event") == "user":
                    return events[start:]
            return events
    return events


def _begins_a_correction(event: dict[str, Any]) -> bool:
    if event.get("event") != "slot":
        return False
    name, value = event.get("name"), event.get("value")
    if name == "figures_confirmed":
        return value is True
    # A figure told, or skipped (set to None with skipped_slots); a form's "asked again" resets
    # its question's slot to None, which tells nothing.
    return (name in FIGURE_ORDER and value is not None) or name == "skipped_slots"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=256)
def _pattern(key: str, fixed: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Message ``key`` as a pattern: the ``fixed`` placeholders filled, every other one any text
    (whitespace is left out on both sides: a list a card shows may be left out of the text)."""
    template = str(load("messages")["messages"][key][0]["text"])
    values = dict(fixed)
    parts: list[str] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(_squash(literal)))
        if field is not None:
            parts.append(re.escape(_squash(values[field])) if field in values else ".*?")
    return re.compile("".join(parts), re.DOTALL)


def times_said(tracker: Tracker, key: str, **fixed: str) -> int:
    """How often the coach said message ``key`` (with the ``fixed`` values) in this correction."""
    pattern = _pattern(key, tuple(sorted(fixed.items())))
    return sum(
        1
        for event in correction_events(tracker)
        if event.get("event") == "bot"
        and event.get("text")
        and pattern.fullmatch(_squash(str(event["text"])))
    )


def said_this_turn(tracker: Tracker, key: str) -> bool:
    """Whether an earlier action of this turn already said message ``key``."""
    pattern = _pattern(key, ())
    for event in reversed(conversation_events(tracker)):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and pattern.fullmatch(_squash(str(event.get("text") or ""))):
            return True
    return False


def _counts(tracker: Tracker, keys: tuple[str, ...], slot: str | None = None) -> dict[str, int]:
    counts = {}
    for key in keys:
        fixed = {}
        if slot is not None and key in LABEL_PARTICLES:
            fixed["label"] = josa(figure_label(slot), LABEL_PARTICLES[key])
        counts[key] = times_said(tracker, key, **fixed)
    return counts


# --- the new value of one figure --------------------------------------------------------------


def restated(tracker: Tracker, slot: str) -> bool:
    """Whether the person's latest message gives ``slot`` the value it already has."""
    current = tracker.get_slot(slot)
    if current is None or isinstance(current, bool):
        return False
    text = str(tracker.latest_message.get("text") or "")
    found = find_months(text) if slot in MONTH_FIGURES else find_amounts(text)
    return any(float(item.value) == float(current) for item in found)


def ask_for_value(
    dispatcher: CollectingDispatcher, tracker: Tracker, slot: str
) -> tuple[bool, list[EventType]]:
    """Ask for the new value of ``slot`` (the figure being fixed), never the same way a third
    time; whether a question was asked, and the events. When every way was tried, the figure is
    kept as it is and ``pending_figure`` cleared (a figure the plan needs stays asked for)."""
    current = tracker.get_slot(slot)
    label = figure_label(slot)
    if current is None and slot in REQUIRED_FIGURES:
        key = next_missing_question(_counts(tracker, MISSING_QUESTIONS, slot))
        example = digits_example(slot, None)
        if key is None:
            utter(dispatcher, "figure_still_missing", label=josa(label, "을"))
        else:
            utter(dispatcher, key, label=josa(label, "이"), example=example)
        return True, []
    key = next_value_question(
        _counts(tracker, VALUE_QUESTIONS, slot), slot, restated(tracker, slot)
    )
    shown = display(slot, current)
    if key is None:
        utter(dispatcher, "figure_kept", label=josa(label, "은"), value=josa(shown, "으로"))
        return False, [SlotSet("pending_figure", None)]
    values: dict[str, Any] = {"label": josa(label, LABEL_PARTICLES[key])}
    buttons: list[dict[str, str]] | None = None
    if key == "ask_figure_to_fix":
        values["current"] = josa(shown, "으로")  # "1개월로", "35만원으로"
    elif key == "figure_pick_again":
        values["current"] = josa(shown, "으로")
        buttons = _choice_buttons(slot)
    else:
        values.update(
            kind=value_kind(slot),
            current=josa(shown, "으로"),
            current_yes=josa(shown, "이"),
            example=digits_example(slot, current),
        )
        if key == "figure_value_buttons":
            buttons = keep_buttons(slot, shown)
    utter(dispatcher, key, buttons=buttons, **values)
    return True, []


def value_question_left(tracker: Tracker, slot: str) -> bool:
    """Whether the new value of ``slot`` may still be asked for in this correction."""
    if tracker.get_slot(slot) is None and slot in REQUIRED_FIGURES:
        return True  # the plan needs it: asked for until it comes
    counts = _counts(tracker, VALUE_QUESTIONS, slot)
    return next_value_question(counts, slot, restated=False) is not None


def keep_buttons(slot: str, shown: str) -> list[dict[str, str]]:
    """The figure as it is, as a [맞아요] button; a way to skip a figure one may not know."""
    buttons = [{"title": f"{josa(shown, '이')} 맞아요", "payload": "맞아요"}]
    if slot in SKIPPABLE_SLOTS:
        buttons.append({"title": "모름(건너뛰기)", "payload": "건너뛸게요"})
    return buttons


def _choice_buttons(slot: str) -> list[dict[str, str]]:
    """The question's own buttons (통신사, 정지, 복지), and one to keep the figure as it is."""
    question = say(f"ask_{slot}") if f"ask_{slot}" in load("messages")["messages"] else {}
    buttons = [dict(button) for button in question.get("buttons") or []]
    return [*buttons, {"title": "그대로 둘게요", "payload": "그대로 둘게요"}]


# --- which figure ------------------------------------------------------------------------------


def fix_buttons(situation: Any, with_yes: bool = False) -> list[dict[str, str]]:
    """A button for each figure shown ("미납액" says "미납액을 고칠게요"); first [맞아요]."""
    shown = [
        slot
        for slot in FIGURE_ORDER
        if slot not in ("recovery_months", "recovery_budget")
        or situation.recovery_months is not None
    ]
    buttons = [
        {"title": figure_label(slot), "payload": f"{josa(figure_label(slot), '을')} 고칠게요"}
        for slot in shown
    ]
    return ([{"title": "맞아요", "payload": "맞아요"}] if with_yes else []) + buttons


def confirmation_question(tracker: Tracker, wanted: str) -> str | None:
    """The figures summary or "어떤 숫자를 고칠까요?" (``wanted``), unless asked twice already in
    this correction: then [맞아요] and the figures as buttons; None when that was asked twice."""
    return next_confirmation_question(_counts(tracker, CONFIRMATION_QUESTIONS), wanted)


def question_after_plan(tracker: Tracker) -> str | None:
    """After the plan, "어떤 숫자를 고칠까요?", then the figures as buttons, each at most twice
    while nothing changes; None after that (the plan stands, and its options are offered)."""
    counts = _counts(tracker, AFTER_PLAN_QUESTIONS)
    for key in AFTER_PLAN_QUESTIONS:
        if counts[key] < MOST_TIMES_ASKED:
            return key
    return None


def ask_which_figure_after_plan(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """After the plan, "어떤 숫자를 고칠까요?" (then the figures as buttons), never a third time;
    whether it was asked."""
    key = question_after_plan(tracker)
    if key is None:
        return False
    buttons = (
        None if key == "which_figure_to_change" else fix_buttons(situation_from_tracker(tracker))
    )
    utter(dispatcher, key, buttons=buttons)
    return True


def plan_can_be_made(tracker: Tracker) -> bool:
    """Whether every figure the plan needs is known (the confirmation may then say yes)."""
    return all(tracker.get_slot(slot) is not None for slot in REQUIRED_FIGURES)


def amount_candidates(situation: Any) -> list[str]:
    """The figures a bare amount at the confirmation may be: every amount shown there."""
    return [
        slot
        for slot in AMOUNT_FIGURES
        if slot != "recovery_budget" or situation.recovery_months is not None
    ]
