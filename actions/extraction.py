"""Reading every user message for figures and choices: the domain's custom slot mappings.

Rasa runs ``action_validate_slot_mappings`` after each user message. It hands the text to the
engine, which finds amounts, months, the carrier, goals and yes/no answers in any order, and sets
the contract's slots. Because it runs on every message, a person can tell several figures at
once, or correct one at any point, and is never asked again for what they already said.

What it does not settle it leaves for a question rather than a guess: an amount whose role is
unclear becomes ``pending_figure`` (the next question asks about it), and an optional question
the person cannot answer is skipped (``skipped_slots``) rather than asked again and again.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    DETOUR_INTENTS,
    FIGURE_SLOTS,
    SKIPPABLE_SLOTS,
    answer_question,
    figure_label,
    is_answer_attempt,
    latest_intent,
    said_in_conversation,
    times_asked,
    utter,
)
from actions.guard import guard_actions
from negotiation.confirmation import display, named_figure, read_confirmation, read_role
from negotiation.korean import josa
from negotiation.messages import has_message, say
from negotiation.money import find_amounts, format_won
from negotiation.understanding import (
    AMOUNT_SLOTS,
    MONTH_SLOTS,
    Reading,
    read_message,
    says_not_known,
    side_question,
    sounds_discouraged,
    wants_to_skip,
)

UNREADABLE_RESPONSES = {
    **{slot: "unreadable_amount" for slot in AMOUNT_SLOTS},
    **{slot: "unreadable_months" for slot in MONTH_SLOTS},
    "carrier": "unreadable_carrier",
    "goals": "unreadable_goals",
    "service_suspended": "unreadable_choice",
    "welfare_status": "unreadable_choice",
    "recovery_expected": "unreadable_choice",
    "bill_checked": "unreadable_choice",
    "figures_confirmed": "unreadable_confirmation",
}
GOAL_ORDER = ("installment", "fee_adjustment", "keep_service")
# "그것만요", "네 그거면 돼요": the goals mentioned before are all.
KEEP_MENTIONED = re.compile(
    r"그것만|그거만|그거면|그것뿐|그대로|그게\s?다|그거\s?하나|^(네|응|ㅇㅇ|예|맞아|맞아요|넵)|"
    r"없어|됐어|충분|괜찮"
)
# After this many questions that went unanswered, an optional question is skipped.
MISSES_BEFORE_SKIP = 3


def _same(old: Any, new: Any) -> bool:
    if (
        isinstance(old, (int, float))
        and isinstance(new, (int, float))
        and not isinstance(old, bool)
        and not isinstance(new, bool)
    ):
        return float(old) == float(new)
    return old == new


class ActionReadFigures(Action):
    """The global custom slot mapping: every figure and choice in the latest message."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        # Forms run slot extraction again when they activate; the message was read already.
        if tracker.latest_action_name != "action_listen":
            return []
        text = tracker.latest_message.get("text") or ""
        if not text or text.startswith("/"):
            return []
        return MessageReader(dispatcher, tracker, text).read()


class MessageReader:
    """One message, read against what the coach asked and what it knows already."""

    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> None:
        self.dispatcher = dispatcher
        self.tracker = tracker
        self.text = text
        self.intent = latest_intent(tracker)
        self.requested: str | None = tracker.get_slot("requested_slot")
        self.pending: dict[str, Any] | None = tracker.get_slot("pending_figure") or None
        self.events: list[EventType] = []

    # --- the question this message answers ------------------------------------------------

    def asked(self) -> str | None:
        """The question the message answers: a figure being fixed, else the form's question."""
        if self.pending and self.pending.get("value") is None and self.pending.get("candidates"):
            return str(self.pending["candidates"][0])
        return self.requested

    def read(self) -> list[EventType]:
        asked = self.asked()
        known = {
            slot: self.tracker.get_slot(slot)
            for slot in FIGURE_SLOTS
            if self.tracker.get_slot(slot) is not None
        }
        reading = read_message(
            self.text,
            requested_slot=asked,
            intent=self.intent,
            known=known,
            after_plan=bool(self.tracker.get_slot("plan_shown")),
        )

        settled = False
        if self.pending and self.pending.get("value") is not None:
            settled = self._settle_pending_amount(reading)
        elif self.pending:
            self._settle_figure_to_fix(reading)
            settled = True

        self._add_the_bill(reading)
        self._goals_in_passing(reading)
        if sounds_discouraged(self.text) and not said_in_conversation(
            self.tracker, say("acknowledge_discouraged")["text"]
        ):
            # "늙은이가 나아질 게 뭐 있나요": heard, once, before the next question.
            utter(self.dispatcher, "acknowledge_discouraged")
        self._question_in_passing()
        changed = self._store(reading)
        self._refuse(reading)
        self._hold_ambiguous(reading)

        if asked == "figures_confirmed" and not self.pending:
            self._read_confirmation(changed)
        elif (
            asked
            and not settled
            and asked != "figures_confirmed"
            and asked not in reading.values
            and not reading.refused
            and not reading.ambiguous
            and not (reading.values and not reading.unknown)
        ):
            self._unanswered(asked, reading)
        return self.events

    def _question_in_passing(self) -> None:
        """ "12만원이요. 근데 신용불량자 되는 건 아니죠?": the question is answered before the
        coach's next one, once. A message the classifier took for the question itself is
        answered by the rules instead."""
        key = side_question(self.text)
        if (
            key is not None
            and self.intent not in DETOUR_INTENTS
            and not said_in_conversation(self.tracker, say(key, items="")["text"])
        ):
            answer_question(self.dispatcher, self.tracker, key)

    # --- storing what was read -------------------------------------------------------------

    def _store(self, reading: Reading) -> list[str]:
        """Set every slot the message states; say so where it replaces an earlier figure."""
        changed: list[str] = []
        for slot, value in reading.values.items():
            old = self.tracker.get_slot(slot)
            value = self._merge(slot, value, old)
            if old is not None and _same(old, value):
                continue
            if old is not None and slot in FIGURE_SLOTS:
                utter(
                    self.dispatcher,
                    "figure_corrected",
                    label=josa(figure_label(slot), "을"),
                    old=display(slot, old),
                    new=josa(display(slot, value), "로"),
                )
            self.events.append(SlotSet(slot, value))
            changed.append(slot)
            if slot == "recovery_expected" and value is False:
                self.events += [SlotSet("recovery_months", None), SlotSet("recovery_budget", None)]
            if slot == "bill_checked" and has_message(f"bill_check_{value}"):
                # What to look for on the bill, or the dispute route for a charge that is wrong.
                utter(self.dispatcher, f"bill_check_{value}")
        return changed

    def _add_the_bill(self, reading: Reading) -> None:
        """A budget said on top of the bill becomes the budget with the bill (the contract's),
        said back to the person so that they can check it."""
        for slot in sorted(reading.on_top_of_bill):
            if slot not in reading.values:
                continue
            bill = reading.values.get("monthly_bill", self.tracker.get_slot("monthly_bill"))
            extra = int(reading.values.pop(slot))
            if bill is None:
                if extra == 0:  # "요금만 낼 수 있어요" before the bill is known
                    utter(self.dispatcher, "budget_only_unknown_bill")
                else:
                    utter(self.dispatcher, "budget_beyond_unknown_bill", extra=format_won(extra))
                continue
            total = extra + int(bill)
            reading.values[slot] = total
            if extra == 0:
                utter(self.dispatcher, "budget_only_the_bill", bill=josa(format_won(total), "으로"))
                continue
            utter(
                self.dispatcher,
                "budget_beyond_bill",
                bill=format_won(int(bill)),
                extra=josa(format_won(extra), "을"),
                total=josa(format_won(total), "으로"),
            )

    def _merge(self, slot: str, value: Any, old: Any) -> Any:
        """Goals told outside the goal question add to those chosen before; with the goal
        question, to those mentioned in passing."""
        if slot == "goals" and self.requested != "goals" and old:
            return list(dict.fromkeys(list(old) + list(value)))
        if slot == "goals" and self.requested == "goals":
            mentioned = self.tracker.get_slot("goals_mentioned") or []
            return [goal for goal in GOAL_ORDER if goal in set(mentioned) | set(value)]
        return value

    def _goals_in_passing(self, reading: Reading) -> None:
        """Goals said before the goal question wait for it; "그것만요" to it keeps them."""
        mentioned = list(self.tracker.get_slot("goals_mentioned") or [])
        if (
            self.requested == "goals"
            and "goals" not in reading.values
            and mentioned
            and KEEP_MENTIONED.search(self.text.lower())
        ):
            reading.values["goals"] = mentioned
        elif (
            "goals" in reading.values
            and self.requested != "goals"
            and self.tracker.get_slot("goals") is None
        ):
            goals = reading.values.pop("goals")
            self.events.append(
                SlotSet(
                    "goals_mentioned",
                    [goal for goal in GOAL_ORDER if goal in set(mentioned) | set(goals)],
                )
            )

    def _refuse(self, reading: Reading) -> None:
        for slot, refusal in reading.refused.items():
            utter(
                self.dispatcher,
                f"figure_refused_{refusal.reason}",
                label=figure_label(slot),
                value=display(slot, refusal.value),
            )

    def _hold_ambiguous(self, reading: Reading) -> None:
        """Keep the first amount whose role is unclear; the next question asks about it."""
        still_pending = (
            self.pending
            and self.pending.get("value") is not None
            and not any(event.get("name") == "pending_figure" for event in self.events)
        )
        if reading.ambiguous and not still_pending:
            first = reading.ambiguous[0]
            self.events.append(
                SlotSet(
                    "pending_figure",
                    {"value": first.value, "candidates": list(first.candidates), "misses": 0},
                )
            )

    # --- questions about one figure -----------------------------------------------------------

    def _settle_pending_amount(self, reading: Reading) -> bool:
        """The reply to "28만원은 밀린 금액인가요?"; whether it settled the question."""
        assert self.pending is not None
        candidates = [str(slot) for slot in self.pending["candidates"]]
        if find_amounts(self.text) and any(slot in AMOUNT_SLOTS for slot in reading.values):
            # They told the figures anew ("아니요, 밀린 건 35만원이에요"): that settles it.
            self.events.append(SlotSet("pending_figure", None))
            return True
        role = read_role(self.text, candidates, self.intent)
        # The reply answers "which figure is it?", not the form's own question: its "아니요" is
        # not "no lump sum", its "네" not "suspended".
        if self.requested is not None and self.requested != role:
            reading.values.pop(self.requested, None)
        if role is not None:
            reading.values[role] = int(self.pending["value"])
            self.events.append(SlotSet("pending_figure", None))
            return True
        misses = int(self.pending.get("misses", 0)) + 1
        if read_confirmation(self.text, self.intent) is False or misses >= 2:
            # Asked twice without an answer: leave that amount out rather than ask a third time.
            utter(
                self.dispatcher,
                "pending_figure_dropped",
                value=josa(display("arrears_amount", self.pending["value"]), "은"),
            )
            self.events.append(SlotSet("pending_figure", None))
            return True
        self.events.append(SlotSet("pending_figure", {**self.pending, "misses": misses}))
        return True

    def _settle_figure_to_fix(self, reading: Reading) -> None:
        """The reply to "미납액을 얼마로 고칠까요?": the new value, or nothing to change."""
        assert self.pending is not None
        slot = str(self.pending["candidates"][0])
        self.events.append(SlotSet("pending_figure", None))
        if slot in reading.values or reading.refused:
            return
        if slot in SKIPPABLE_SLOTS and says_not_known(self.text):
            # "모르겠어요" to "how should I fix it?": unknown, then, not the value shown.
            self.events.append(SlotSet(slot, None))
            self._skip(slot, f"skipped_{slot}")
        else:
            utter(
                self.dispatcher,
                "figure_kept",
                label=josa(figure_label(slot), "은"),
                value=display(slot, self.tracker.get_slot(slot)),
            )

    # --- the figures confirmation ------------------------------------------------------------

    def _read_confirmation(self, changed: list[str]) -> None:
        if changed:
            return  # corrected: the figures are shown again and confirmed anew
        answer = read_confirmation(self.text, self.intent)
        named = named_figure(self.text)
        if answer is True:
            self.events.append(SlotSet("figures_confirmed", True))
        elif named is not None:
            self.events.append(
                SlotSet("pending_figure", {"value": None, "candidates": [named], "misses": 0})
            )
        elif answer is None and is_answer_attempt(self.intent, self.text):
            utter(self.dispatcher, "unreadable_confirmation")

    # --- nothing read ------------------------------------------------------------------------

    def _unanswered(self, asked: str, reading: Reading) -> None:
        """The message answered nothing the coach could use: explain, skip, or ask again."""
        not_known = says_not_known(self.text) or asked in reading.unknown
        if (
            not (not_known or is_answer_attempt(self.intent, self.text))
            or asked not in UNREADABLE_RESPONSES
        ):
            return
        if asked in SKIPPABLE_SLOTS and (not_known or wants_to_skip(self.text)):
            self._skip(asked, f"skipped_{asked}")
            return
        if times_asked(self.tracker, asked) >= MISSES_BEFORE_SKIP:
            self._skip(asked, "skipped_after_misses", label=josa(figure_label(asked), "은"))
            return
        if not_known and has_message(f"unknown_{asked}"):
            # Not a misreading: the person does not know. Say where to find it instead.
            utter(self.dispatcher, f"unknown_{asked}")
        else:
            utter(self.dispatcher, UNREADABLE_RESPONSES[asked])

    def _skip(self, slot: str, message: str, **values: Any) -> None:
        skipped = list(self.tracker.get_slot("skipped_slots") or [])
        # Unknown stays unknown (a skipped recovery is not a "no"); the form leaves out the
        # questions that would follow it (actions/forms.py).
        self.events.append(SlotSet("skipped_slots", list(dict.fromkeys([*skipped, slot]))))
        utter(self.dispatcher, message, **values)


guard_actions(globals())
