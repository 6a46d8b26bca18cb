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
    names_an_option,
    said_in_conversation,
    said_just_before,
    situation_from_tracker,
    times_asked,
    utter,
)
from actions.corrections import (
    REQUIRED_FIGURES,
    amount_candidates,
    confirmation_question,
    plan_can_be_made,
    times_said,
    value_question_left,
)
from actions.guard import guard_actions
from negotiation.confirmation import (
    FIGURE_ORDER,
    display,
    keeps_the_figure,
    named_figure,
    read_confirmation,
    read_role,
    restated_figure,
)
from negotiation.korean import josa
from negotiation.messages import has_message, say
from negotiation.money import find_amounts, find_months, format_won
from negotiation.understanding import (
    AMOUNT_SLOTS,
    MONTH_SLOTS,
    Reading,
    commits_to_lowering_the_bill,
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
        self.kept = False  # the figure being fixed is right after all ("맞아요")

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
        fixing = bool(self.pending and self.pending.get("value") is None)
        after_plan = bool(self.tracker.get_slot("plan_shown"))
        reading = read_message(
            self.text,
            requested_slot=asked,
            intent=self.intent,
            known=known,
            # "미납액을 어떻게 고칠까요?" after the plan asked for that figure: an amount alone
            # answers it, as it would before the plan.
            after_plan=after_plan and not fixing,
        )
        if after_plan and fixing:
            reading.values.pop("goals", None)  # after the plan, options are chosen, not goals

        settled = False
        if self.pending and self.pending.get("value") is not None:
            settled = self._settle_pending_amount(reading)
        elif fixing:
            self._keep_when_confirmed(reading)
            settled = True

        self._add_the_bill(reading)
        self._goals_in_passing(reading)
        if sounds_discouraged(self.text) and not said_in_conversation(
            self.tracker, say("acknowledge_discouraged")["text"]
        ):
            # "늙은이가 나아질 게 뭐 있나요": heard, once, before the next question.
            utter(self.dispatcher, "acknowledge_discouraged")
        self._question_in_passing()
        self._restated_in_a_correction(reading, asked)
        changed = self._store(reading)
        self._refuse(reading)
        self._hold_ambiguous(reading)
        if fixing:
            self._settle_figure_to_fix(reading, changed)

        if asked == "figures_confirmed" and not self.pending:
            self._read_confirmation(changed, reading)
        elif asked is None and not self.pending and self.tracker.get_slot("plan_shown"):
            self._correction_after_plan(reading, changed)
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
        # The amount asked about stays the question until it is settled (or dropped after two
        # misses): an unclear amount in the reply must not ask it again from the start.
        updated = [event for event in self.events if event.get("name") == "pending_figure"]
        if updated:
            still_pending = bool(updated[-1].get("value") and updated[-1]["value"].get("value"))
        else:
            still_pending = bool(self.pending and self.pending.get("value") is not None)
        if reading.ambiguous and not still_pending:
            first = reading.ambiguous[0]
            self.events.append(
                SlotSet(
                    "pending_figure",
                    {"value": first.value, "candidates": list(first.candidates), "misses": 0},
                )
            )

    def _restated_in_a_correction(self, reading: Reading, asked: str | None) -> None:
        """At the confirmation or after the plan, an unclear amount that is the value one of its
        possible figures has already ("38만원이라고 했는데 사실 좀 더 돼요" while the arrears are
        38만원) is that figure said again: nothing new, not an amount to ask about."""
        if self.pending or not (
            asked == "figures_confirmed" or (asked is None and self.tracker.get_slot("plan_shown"))
        ):
            return
        for ambiguity in list(reading.ambiguous):
            held = [
                slot
                for slot in ambiguity.candidates
                if _same(self.tracker.get_slot(slot), ambiguity.value)
            ]
            if len(held) == 1:
                reading.ambiguous.remove(ambiguity)
                reading.values.setdefault(held[0], ambiguity.value)

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

    def _keep_when_confirmed(self, reading: Reading) -> None:
        """ "맞아요", "그대로 둘게요", "다 맞아요" to "미납액을 어떻게 고칠까요?": the figure is
        right after all. Never read as a new value of it ("맞아요" is not "yes, suspended", nor
        "고칠 거 없어요" a lump sum of nothing)."""
        assert self.pending is not None
        slot = str(self.pending["candidates"][0])
        current = self.tracker.get_slot(slot)
        numbers = find_amounts(self.text) or find_months(self.text)
        read = reading.values.get(slot)
        self.kept = (
            keeps_the_figure(self.text, self.intent)
            and (current is not None or slot not in REQUIRED_FIGURES)
            and (not numbers or (read is not None and _same(current, read)))
        )
        if self.kept:
            reading.values.pop(slot, None)
        # "38만원 아니라니까요" while the arrears are 38만원: the figure being fixed, said again
        # with the value it has (nothing new), not an amount to ask about.
        for ambiguity in list(reading.ambiguous):
            if slot in ambiguity.candidates and _same(current, ambiguity.value):
                reading.ambiguous.remove(ambiguity)
                reading.values.setdefault(slot, ambiguity.value)

    def _settle_figure_to_fix(self, reading: Reading, changed: list[str]) -> None:
        """The reply to "미납액을 어떻게 고칠까요?": a new value, the figure as it is, or nothing
        new. Nothing new (the same value read again, none, a value refused) leaves the question
        open: it is asked again another way, never the same (actions/corrections.py)."""
        assert self.pending is not None
        slot = str(self.pending["candidates"][0])
        if any(event.get("name") == "pending_figure" for event in self.events):
            return  # another amount to ask about first
        current = self.tracker.get_slot(slot)
        if any(name in FIGURE_ORDER for name in changed):
            self.events.append(SlotSet("pending_figure", None))  # told: the figures follow
            return
        if slot in SKIPPABLE_SLOTS and (says_not_known(self.text) or wants_to_skip(self.text)):
            # "모르겠어요" to "how should I fix it?": unknown, then, not the value shown.
            self.events += [SlotSet("pending_figure", None), SlotSet(slot, None)]
            self._skip(slot, f"skipped_{slot}")
            return
        if self.kept or (current is not None and wants_to_skip(self.text)):
            self.events.append(SlotSet("pending_figure", None))
            utter(
                self.dispatcher,
                "figure_kept",
                label=josa(figure_label(slot), "은"),
                value=josa(display(slot, current), "으로"),
            )
            if (
                self.kept
                and self.requested == "figures_confirmed"
                and plan_can_be_made(self.tracker)
            ):
                # "다 맞아요" while a figure was being fixed: the figures are right; the plan.
                self.events.append(SlotSet("figures_confirmed", True))
            return
        if names_an_option(self.tracker):
            self.events.append(SlotSet("pending_figure", None))  # after the plan, a choice
            return
        other = named_figure(self.text, [name for name in FIGURE_ORDER if name != slot])
        if other is not None and named_figure(self.text, [slot]) is None:
            # "아, 미납액 말고 월 예산이요": that figure instead.
            self.events.append(
                SlotSet("pending_figure", {"value": None, "candidates": [other], "misses": 0})
            )

    # --- the figures confirmation ------------------------------------------------------------

    def _read_confirmation(self, changed: list[str], reading: Reading) -> None:
        if changed:
            return  # corrected: the figures are shown again and confirmed anew
        answer = read_confirmation(self.text, self.intent)
        situation = situation_from_tracker(self.tracker)
        amounts = [found.value for found in find_amounts(self.text)]
        again = named_figure(self.text) or restated_figure(reading.values, amounts, self._known())
        if again is not None and not value_question_left(self.tracker, again):
            again = None  # asked for every way already: kept as it is, and not asked again
        if answer is True:
            self.events.append(SlotSet("figures_confirmed", True))
        elif again is not None:
            # "미납액이 틀렸어요", or "38만원 아니고요" when 38만원 is the arrears: its new value.
            self.events.append(
                SlotSet("pending_figure", {"value": None, "candidates": [again], "misses": 0})
            )
        elif len(amounts) == 1 and not reading.values and not reading.refused:
            # "385000" alone: which figure it is, with a button for each.
            pending = {"value": amounts[0], "candidates": amount_candidates(situation), "misses": 0}
            self.events.append(SlotSet("pending_figure", pending))
        elif is_answer_attempt(self.intent, self.text):
            self._nothing_to_read_at_the_confirmation(answer)

    def _nothing_to_read_at_the_confirmation(self, answer: bool | None) -> None:
        """A reply to the confirmation that neither confirms nor names a figure: said once what
        to press; when every way of asking was tried twice, the plan (which can be corrected)."""
        wanted = "which_figure_to_fix" if answer is False else "ask_figures_confirmed"
        upcoming = confirmation_question(self.tracker, wanted)
        if upcoming is None and plan_can_be_made(self.tracker):
            # Every way of asking was tried twice. The plan is made only after a yes (the
            # contract), so the coach stops asking and says how to go on, in other words each time.
            waited = times_said(self.tracker, "figures_waiting")
            utter(self.dispatcher, "figures_waiting" if not waited else "figures_waiting_again")
        elif (
            answer is None
            and upcoming != "confirm_or_pick_figure"  # that question says what to press itself
            and not times_said(self.tracker, "unreadable_confirmation")
        ):
            utter(self.dispatcher, "unreadable_confirmation")

    def _known(self) -> dict[str, Any]:
        return {slot: self.tracker.get_slot(slot) for slot in FIGURE_ORDER}

    # --- a correction after the plan -------------------------------------------------------------

    def _correction_after_plan(self, reading: Reading, changed: list[str]) -> None:
        """ "미납액이 틀렸어요", "미납액 잘못 말했어요 38만원이에요" (the value it has already)
        after the plan: that figure's new value is asked for (actions/corrections.py), rather
        than "어떤 숫자를 고칠까요?" again."""
        if any(name in FIGURE_ORDER for name in changed) or reading.ambiguous:
            return
        if self.intent in DETOUR_INTENTS or any(
            event.get("name") == "pending_figure" for event in self.events
        ):
            return
        answer = read_confirmation(self.text, self.intent)
        if (
            answer is True
            or names_an_option(self.tracker)
            or commits_to_lowering_the_bill(self.text)  # "요금 낮춰달라는 것부터 말해볼게요"
        ):
            return
        amounts = [found.value for found in find_amounts(self.text)]
        slot = named_figure(self.text) or restated_figure(reading.values, amounts, self._known())
        if slot is None or not value_question_left(self.tracker, slot):
            return
        asked_which = any(
            said_just_before(self.tracker, say(key)["text"])
            for key in ("which_figure_to_change", "pick_figure_to_change", "ask_what_to_change")
        )
        if answer is False or self.intent == "correct" or asked_which:
            self.events.append(
                SlotSet("pending_figure", {"value": None, "candidates": [slot], "misses": 0})
            )

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
