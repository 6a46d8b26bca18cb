"""The six stages of the negotiation, as thin actions over the engine.

Each action finishes one stage (its lines to say, filled with the person's figures) and enters the
next (the contract's ``stage`` message and a short introduction). Which action runs when is decided
by the rules and stories in data/; the ``stage`` slot only keeps every stage message to once per
conversation, in order.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, Restarted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    bullet_list,
    events_since_the_person,
    missing_plan_figures,
    names_an_option,
    proposal_for,
    said_just_before,
    send_structured,
    shows_cards,
    situation_from_tracker,
    slots_set_this_turn,
    utter,
)
from actions.corrections import ask_which_figure_after_plan
from actions.guard import guard_actions
from negotiation import advice, scripts
from negotiation import alternatives as alternatives_catalogue
from negotiation.confirmation import FIGURE_ORDER, read_confirmation
from negotiation.korean import josa
from negotiation.messages import say
from negotiation.money import find_months, format_won
from negotiation.planner import InstallmentPlan, PlanOption
from negotiation.risk import reminder, risk_timeline_of
from negotiation.scripts import Situation
from negotiation.understanding import find_option_position


def enter_stage(
    dispatcher: CollectingDispatcher, tracker: Tracker, stage: int, entered: int | None = None
) -> list[EventType]:
    """Send the ``stage`` message unless the conversation is already at or past ``stage``."""
    current = int(entered if entered is not None else (tracker.get_slot("stage") or 0))
    if current >= stage:
        return []
    send_structured(dispatcher, tracker, scripts.stage_message(stage))
    return [SlotSet("stage", stage)]


def send_script(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    response: str,
    stage: int,
    situation: Situation,
    plan: InstallmentPlan | None = None,
    option: PlanOption | None = None,
    **values: Any,
) -> None:
    """The stage's polite lines, as text for every channel and as a ``script`` message."""
    message = scripts.script_message(stage, situation, plan, option)
    utter(dispatcher, response, lines=bullet_list(message["lines"], tracker), **values)
    send_structured(dispatcher, tracker, message)


class ActionBegin(Action):
    """Stage 1 (how to open the call), then into stage 2 (telling the situation)."""

    def name(self) -> str:
        return "action_begin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        situation = situation_from_tracker(tracker)
        events = enter_stage(dispatcher, tracker, 1)
        utter(dispatcher, "welcome")
        send_script(dispatcher, tracker, "open_script", 1, situation)
        events += enter_stage(dispatcher, tracker, 2, entered=1)
        utter(dispatcher, "situation_intro")
        return events


class ActionFinishSituation(Action):
    """End of stage 2: what may happen if the bill stays unpaid, and how to explain it."""

    def name(self) -> str:
        return "action_finish_situation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        situation = situation_from_tracker(tracker)
        steps = risk_timeline_of(scripts.person_of(situation))
        utter(
            dispatcher,
            "risk_timeline",
            items=bullet_list(scripts.risk_lines(steps)),
            reminder=reminder(),
        )
        send_script(dispatcher, tracker, "situation_script", 2, situation)
        events = enter_stage(dispatcher, tracker, 3)
        utter(dispatcher, "goal_intro")
        return events


class ActionFinishGoal(Action):
    """End of stage 3: how to ask for the chosen goals; then into stage 4 (the figures)."""

    def name(self) -> str:
        return "action_finish_goal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        situation = situation_from_tracker(tracker)
        labels = scripts.goal_labels(situation.goals, situation.service_suspended)
        goals = josa(", ".join(labels), "이에요")
        send_script(dispatcher, tracker, "goal_script", 3, situation, goals=goals)
        events = enter_stage(dispatcher, tracker, 4)
        utter(dispatcher, "information_intro")
        return events


def propose(
    dispatcher: CollectingDispatcher, tracker: Tracker, situation: Situation
) -> list[EventType]:
    """Stage 5's content, as negotiation/advice.py decides it: the plan (or what the person can
    pay, or a request to lower the bill), the alternatives, the lines to say, and the question.
    Hedges the conversation has not heard yet come once, where they first matter."""
    proposal = proposal_for(situation)
    plan = proposal.plan
    capacity = format_won(max(proposal.capacity, 0))
    if proposal.case == advice.PAID_AT_ONCE:
        utter(
            dispatcher,
            "plan_nothing_left",
            lump_sum=format_won(situation.lump_sum or 0),
            arrears=format_won(situation.arrears_amount),
            confirm="정지 해제를 확인받으세요"
            if situation.service_suspended
            else "납부 확인 문자를 받아 두세요",
        )
    elif proposal.case == advice.FEASIBLE:
        if any(option.kind == "step_up" for option in proposal.choices):
            utter(
                dispatcher,
                "proposal_intro_recovery",
                capacity=capacity,
                recovery_months=scripts.describe_duration(int(situation.recovery_months or 0)),
                later=format_won(
                    max(int(situation.recovery_budget or 0) - int(situation.monthly_bill or 0), 0)
                ),
            )
        else:
            utter(dispatcher, "proposal_intro", capacity=capacity)
        # The web chat's plan card lists the options; other channels get them as text.
        for option in [] if shows_cards(tracker) else proposal.choices:
            if option.months == 1:
                utter(
                    dispatcher,
                    "plan_option_once",
                    label=proposal.label(option),
                    amount=josa(format_won(option.payments[0]), "을"),
                )
                continue
            utter(
                dispatcher,
                "plan_option",
                label=proposal.label(option),
                months=scripts.describe_duration(option.months),
                schedule=scripts.describe_payments(option.payments),
            )
    elif proposal.case == advice.WITHIN_BUDGET:
        assert plan is not None and proposal.first_choice is not None
        within = proposal.first_choice
        utter(
            dispatcher,
            "plan_within_budget",
            max_months=plan.max_months,
            needed=josa(format_won(plan.shortfall + proposal.capacity), "이"),
            capacity=capacity,
            shortfall=josa(format_won(plan.shortfall), "이"),
            schedule=scripts.describe_payments(within.payments),
            months=josa(scripts.describe_duration(within.months), "이"),
        )
    elif proposal.capacity > 0:
        # Something is left now, but the budget drops below the bill after the recovery date.
        utter(
            dispatcher,
            "plan_no_room_later",
            recovery_months=scripts.describe_duration(int(situation.recovery_months or 0)),
            recovery_budget=format_won(int(situation.recovery_budget or 0)),
            bill=format_won(situation.monthly_bill),
        )
    else:
        utter(
            dispatcher,
            "plan_no_room",
            bill=format_won(situation.monthly_bill),
            budget=format_won(situation.monthly_budget),
            compared="과 같아서"
            if situation.monthly_bill == situation.monthly_budget
            else "보다 많아서",
        )
        if situation.lump_sum:
            utter(
                dispatcher,
                "plan_no_room_lump_sum",
                lump_sum=josa(format_won(situation.lump_sum), "은"),
            )
    message = advice.plan_message(proposal)
    if message is not None:
        send_structured(dispatcher, tracker, message)

    said = list(tracker.get_slot("hedges_said") or [])
    for key, text in advice.hedges_to_say(proposal, said):
        dispatcher.utter_message(text=text)
        said.append(key)

    items = advice.alternatives_for(proposal)
    _send_alternatives(dispatcher, tracker, items, plan.shortfall if plan else 0)
    _tell_discounted(dispatcher, advice.with_discount(proposal, items))
    script = advice.script_message(proposal, 5)
    utter(dispatcher, "proposal_script", lines=bullet_list(script["lines"], tracker))
    send_structured(dispatcher, tracker, script)
    _ask_for_option(dispatcher, proposal)
    return [
        SlotSet("plan_option", None),
        SlotSet("plan_shown", True),
        SlotSet("hedges_said", said),
    ]


def _tell_discounted(
    dispatcher: CollectingDispatcher, discounted: advice.Discounted | None
) -> None:
    """The schedule with a discount the bill alone decides, offered as what to ask for later."""
    if discounted is None:
        return
    lowered = discounted.proposal
    option = lowered.first_choice
    values = {
        "saving": josa(format_won(discounted.saving), "이"),
        "bill": format_won(int(lowered.situation.monthly_bill or 0)),
    }
    if lowered.case == advice.FEASIBLE and option is not None:
        utter(
            dispatcher,
            "plan_with_discount",
            months=scripts.describe_duration(option.months),
            schedule=scripts.describe_payments(option.payments),
            **values,
        )
    elif lowered.case == advice.WITHIN_BUDGET and option is not None:
        utter(
            dispatcher,
            "plan_with_discount_longer",
            schedule=scripts.describe_payments(option.payments),
            months=josa(scripts.describe_duration(option.months), "이"),
            **values,
        )


def _send_alternatives(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    items: list[alternatives_catalogue.Alternative],
    shortfall: int,
) -> None:
    # Kept as text on every channel: the explanations (how to apply, where) are not in the card.
    utter(dispatcher, "alternatives", items=bullet_list(scripts.alternative_lines(items)))
    if alternatives_catalogue.covered_by_savings(items, shortfall):
        utter(
            dispatcher,
            "alternatives_cover_shortfall",
            saving=format_won(alternatives_catalogue.known_savings(items)),
            shortfall=josa(format_won(shortfall), "을"),
        )
    send_structured(dispatcher, tracker, alternatives_catalogue.to_message(items))


def _asks_about_a_figure(tracker: Tracker) -> list[EventType]:
    """After the plan, whatever the classifier made of the message: a figure it changed brings
    the new plan, and a figure it left to ask about (an amount whose role is unclear, a figure
    named to be fixed: "미납액이 틀렸어요") its question."""
    if not tracker.get_slot("plan_shown"):
        return []
    told = slots_set_this_turn(tracker)
    if tracker.get_slot("pending_figure") and "pending_figure" in told:
        return [FollowupAction("action_ask_pending_figure")]
    if any(slot in FIGURE_ORDER for slot in told):
        return [FollowupAction("action_update_plan")]
    return []


def _said_last(tracker: Tracker, key: str) -> bool:
    """Whether the coach's last text before the person's latest message was message ``key``."""
    return said_just_before(tracker, say(key)["text"])


def _option_buttons(proposal: advice.Proposal) -> list[dict[str, str]]:
    if len(proposal.choices) == 1:
        return [{"title": "네, 이걸로 할게요", "payload": "네 이걸로 할게요"}]
    if not proposal.choices:
        return [{"title": "네, 이렇게 요청할게요", "payload": "네 이걸로 할게요"}]
    return [
        {
            "title": f"{proposal.label(option)} ({scripts.describe_duration(option.months)})",
            "payload": f"{scripts.option_label(option.kind)}로 할게요",
        }
        for option in proposal.choices
    ]


def _ask_for_option(dispatcher: CollectingDispatcher, proposal: advice.Proposal) -> None:
    key = {
        advice.WITHIN_BUDGET: "ask_within_budget",
        advice.NO_ROOM: "ask_no_room",
    }.get(
        proposal.case, "ask_plan_option" if len(proposal.choices) > 1 else "ask_plan_option_single"
    )
    utter(dispatcher, key, buttons=_option_buttons(proposal))


class ActionProposePlan(Action):
    """End of stage 4 (the figures to tell the agent), then stage 5: the proposal."""

    def name(self) -> str:
        return "action_propose_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        situation = situation_from_tracker(tracker)
        send_script(dispatcher, tracker, "information_script", 4, situation)
        events = enter_stage(dispatcher, tracker, 5)
        return events + propose(dispatcher, tracker, situation)


class ActionUpdatePlan(Action):
    """After a correction (or any figure told outside a form): the plan follows the figures."""

    def name(self) -> str:
        return "action_update_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        situation = situation_from_tracker(tracker)
        if int(tracker.get_slot("stage") or 0) < 5 or missing_plan_figures(situation):
            utter(dispatcher, "plan_needs_figures")
            return [FollowupAction(_next_step(tracker))]
        changed = set(slots_set_this_turn(tracker)) - {
            "pending_figure",
            "requested_slot",
            "plan_option",
        }
        if tracker.get_slot("pending_figure") and not changed:
            return [FollowupAction("action_ask_pending_figure")]
        if not changed and names_an_option(tracker):
            return [FollowupAction("action_confirm_agreement")]  # "fastest로", "첫번째꺼"
        if not changed:
            return _plan_unchanged(dispatcher, tracker, situation)
        # The lines given earlier with the old figure would now tell the agent something else
        # ("오늘 10만원은 먼저 낼 수 있어요" after "5만원이에요"): they are given again.
        if changed & SITUATION_SCRIPT_FIGURES:
            send_script(dispatcher, tracker, "situation_script_updated", 2, situation)
        if changed & INFORMATION_SCRIPT_FIGURES:
            send_script(dispatcher, tracker, "information_script_updated", 4, situation)
        return propose(dispatcher, tracker, situation)


def _plan_unchanged(
    dispatcher: CollectingDispatcher, tracker: Tracker, situation: Situation
) -> list[EventType]:
    """Nothing new and no option named: "잘못 말했어요" alone asks which figure (never a third
    time); otherwise the plan stands, and its options are offered as buttons."""
    if read_confirmation(
        tracker.latest_message.get("text") or ""
    ) is False and ask_which_figure_after_plan(dispatcher, tracker):
        return []
    proposal = proposal_for(situation)
    # Never the same words again: the second time points at the buttons; the third time a plan
    # with one option is taken as agreed (there is nothing to choose), and with several the
    # person is asked for just a number.
    if _said_last(tracker, "plan_unchanged_again"):
        if len(proposal.choices) <= 1:
            utter(dispatcher, "plan_taken_as_agreed")
            return [FollowupAction("action_confirm_agreement")]
        utter(dispatcher, "plan_choose_by_number", buttons=_option_buttons(proposal))
        return []
    key = "plan_unchanged_again" if _said_last(tracker, "plan_unchanged") else "plan_unchanged"
    utter(dispatcher, key, buttons=_option_buttons(proposal))
    return []


# The figures the stage 2 and stage 4 lines are filled with (negotiation/data/wording.yml): the
# situation's, and every other figure of the confirmation but the carrier.
SITUATION_SCRIPT_FIGURES = {"arrears_amount", "months_overdue", "service_suspended"}
INFORMATION_SCRIPT_FIGURES = set(FIGURE_ORDER) - SITUATION_SCRIPT_FIGURES - {"carrier"}


def _asks_for_the_max_months_plan(text: str, wanted: str | None, max_months: int) -> bool:
    """Whether a choice names the plan over ``max_months`` (or the even plan, its kind)."""
    return wanted in ("even", "fastest") or any(
        found.value == max_months for found in find_months(text)
    )


def _next_step(tracker: Tracker) -> str:
    """Where to pick the conversation up when a figure arrives before the plan exists."""
    stage = int(tracker.get_slot("stage") or 0)
    if stage < 2:
        return "action_begin"
    if stage < 3:
        return "situation_form"
    if stage < 4:
        return "goal_form"
    return "information_form"


class ActionConfirmAgreement(Action):
    """Stage 6: the option the person chose, summed up with a checklist and closing lines."""

    def name(self) -> str:
        return "action_confirm_agreement"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        situation = situation_from_tracker(tracker)
        missing = missing_plan_figures(situation)
        if missing or int(tracker.get_slot("stage") or 0) < 5:
            utter(dispatcher, "plan_needs_figures")
            return [FollowupAction(_next_step(tracker))]

        proposal = proposal_for(situation)
        text = tracker.latest_message.get("text") or ""
        wanted = tracker.get_slot("plan_option")
        choice = advice.choose(proposal, wanted, find_option_position(text))
        if not choice.available:
            if _said_last(tracker, "option_unavailable") or _said_last(
                tracker, "option_unavailable_step_up"
            ):
                # Never the same words twice in a row: the second time, just a number.
                utter(dispatcher, "plan_choose_by_number", buttons=_option_buttons(proposal))
                return [SlotSet("plan_option", None)]
            recovery_unknown = situation.recovery_months is None
            reason = (
                "option_unavailable_step_up"
                if wanted == "step_up" and recovery_unknown
                else "option_unavailable"
            )
            utter(dispatcher, reason)
            _ask_for_option(dispatcher, proposal)
            return [SlotSet("plan_option", None)]

        option = choice.option
        if (
            proposal.case == advice.WITHIN_BUDGET
            and option is not None
            and proposal.plan is not None
            and _asks_for_the_max_months_plan(text, wanted, proposal.plan.max_months)
        ):
            # "보여주신 6개월짜리로 할게요": that plan was shown only to say what it would take.
            # Agree to it silently and the person may promise the agent what they cannot pay.
            utter(
                dispatcher,
                "within_budget_not_max_months",
                max_months=proposal.plan.max_months,
                needed=josa(format_won(proposal.plan.shortfall + proposal.capacity), "이"),
                capacity=format_won(proposal.capacity),
                months=scripts.describe_duration(option.months) + "에",
            )
        elif (
            option is not None
            and wanted in ("fastest", "even", "step_up")
            and option.kind != wanted
            and proposal.case == advice.FEASIBLE
        ):
            # "나중에 더 내는 걸로" where that schedule pays exactly what another one does: say
            # so, rather than agree to a name the plan does not show.
            utter(
                dispatcher,
                "option_same_as_shown",
                wanted=scripts.option_label(wanted, proposal.step_down),
                shown=proposal.label(option),
            )
        events = enter_stage(dispatcher, tracker, 6)
        _summarise_agreement(dispatcher, proposal, option)
        agreement = advice.agreement_message(proposal, option)
        send_structured(dispatcher, tracker, agreement)
        script = advice.script_message(proposal, 6, option)
        utter(dispatcher, "agreement_script", lines=bullet_list(script["lines"], tracker))
        send_structured(dispatcher, tracker, script)
        if shows_cards(tracker):
            # The card shows the checklist, so its text leaves the list out; a warning is still
            # said in words, never only as a line on a card.
            for warning in advice.warnings(proposal, option):
                dispatcher.utter_message(text=warning)
        utter(
            dispatcher,
            "agreement_checklist",
            items=bullet_list(agreement["checklist"], tracker),
            centre=scripts.customer_centre_line(situation.carrier, situation.internet_only),
        )
        utter(dispatcher, "agreement_goodbye")
        return [*events, SlotSet("plan_option", option.kind if option else None)]


def _summarise_agreement(
    dispatcher: CollectingDispatcher, proposal: advice.Proposal, option: PlanOption | None
) -> None:
    situation = proposal.situation
    plan = proposal.plan
    carrier = scripts.carrier_company(situation.carrier)
    if proposal.case == advice.PAID_AT_ONCE:
        utter(
            dispatcher,
            "agreement_summary_lump_sum",
            carrier=carrier,
            arrears=josa(format_won(situation.arrears_amount), "을"),
        )
        return
    assert plan is not None
    if option is None:
        utter(dispatcher, "agreement_summary_no_room", carrier=carrier)
        if plan.lump_sum:
            utter(
                dispatcher, "plan_no_room_lump_sum", lump_sum=josa(format_won(plan.lump_sum), "은")
            )
        return
    if option.months == 1 and not plan.lump_sum:
        utter(
            dispatcher,
            "agreement_summary_next_month",
            carrier=carrier,
            remaining=josa(format_won(plan.remaining), "을"),
        )
        return
    utter(
        dispatcher,
        "agreement_summary_with_lump_sum" if plan.lump_sum else "agreement_summary",
        carrier=carrier,
        lump_sum=josa(format_won(plan.lump_sum), "을"),
        remaining=josa(format_won(plan.remaining), "을"),
        months=scripts.describe_duration(option.months),
        schedule=scripts.describe_payments(option.payments),
    )


class ActionStartOver(Action):
    """Forget everything and begin again at stage 1.

    Besides restarting the dialogue, this starts a new session: Rasa's SQL tracker store loads
    only the latest session, so the stored conversation read on every later turn (and sent to the
    action server on every call) begins here again instead of growing with every start-over
    (docs/benchmarks.md, "one long conversation"). The earlier sessions stay stored.
    """

    def name(self) -> str:
        return "action_start_over"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        utter(dispatcher, "start_over")
        return [Restarted(), SessionStarted(), FollowupAction("action_begin")]


class ActionCarryOn(Action):
    """A yes or no when the coach had asked nothing: never leave it unanswered.

    Before the coaching has begun (a first "몰라", or "네" after a question answered at the very
    start) it begins stage 1; after the plan it says what can be done next.
    """

    def name(self) -> str:
        return "action_carry_on"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not tracker.get_slot("stage"):  # 0 before stage 1
            return [FollowupAction("action_begin")]
        if asking := _asks_about_a_figure(tracker):
            return asking
        if names_an_option(tracker) and int(tracker.get_slot("stage") or 0) == 5:
            # "다음 달부터 더 내는 걸로 하겠습니다", which the classifier took for a no.
            return [FollowupAction("action_confirm_agreement")]
        if not (_said_last(tracker, "what_next") or _said_last(tracker, "ask_what_to_change")):
            utter(dispatcher, "what_next")
        else:
            _offer_an_easier_way(dispatcher, tracker)  # never the same words a third time
        return []


def _offer_an_easier_way(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """After a reply the coach could not use twice: the choice itself as buttons while a plan
    waits for one, otherwise a short list of what can be done, as buttons."""
    situation = situation_from_tracker(tracker)
    if (
        int(tracker.get_slot("stage") or 0) == 5
        and tracker.get_slot("plan_shown")
        and not missing_plan_figures(situation)
    ):
        proposal = proposal_for(situation)
        key = "plan_choose_by_number" if len(proposal.choices) > 1 else "plan_unchanged_again"
        if not _said_last(tracker, key):
            utter(dispatcher, key, buttons=_option_buttons(proposal))
            return
    utter(dispatcher, "what_next_again")


class ActionAskWhatToChange(Action):
    """ "아니요" to the proposal: ask which figure to change, unless the message picks an option
    in words the classifier took for a no ("다음 달부터 더 내는 걸로 하겠습니다")."""

    def name(self) -> str:
        return "action_ask_what_to_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if asking := _asks_about_a_figure(tracker):
            return asking  # "아니요, 미납액이 틀렸어요": its new value
        if names_an_option(tracker):
            return [FollowupAction("action_confirm_agreement")]
        utter(dispatcher, "ask_what_to_change")
        return []


class ActionHandleUnclear(Action):
    """A message the classifier could not place, or one outside the coach's scope, outside the
    forms. After the plan it may still pick an option in the person's own words ("even으로",
    "첫번째꺼", "보여주신 걸로 할게요"): that goes to the agreement. Otherwise the coach says what
    it can do, or asks to rephrase."""

    def name(self) -> str:
        return "action_handle_unclear"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if asking := _asks_about_a_figure(tracker):
            return asking
        if names_an_option(tracker):
            return [FollowupAction("action_confirm_agreement")]
        if not tracker.get_slot("stage"):
            # A first message the classifier could not place ("유플 두달 밀렸는데 얼마인지는
            # 몰라", "할머니 휴대폰 요금 때문에 왔어요"): the person came for this; begin.
            return [FollowupAction("action_begin")]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "out_of_scope":
            dispatcher.utter_message(response="utter_out_of_scope")
        elif _said_last(tracker, "rephrase"):
            _offer_an_easier_way(dispatcher, tracker)  # "다르게 말해 주세요" only once in a row
        else:
            utter(dispatcher, "rephrase")
        return []


class ActionDefaultFallback(Action):
    """Rasa's core fallback, overridden: when no rule or story fits what the person said, their
    message is still not undone.

    Rasa's own ``action_default_fallback`` reverts the person's turn, which drops the figures read
    from it; a correction already acknowledged ("밀린 기간을 3개월에서 2개월로 바꿨어요") would
    silently vanish. Here the turn stays, and the coach goes on from what the message told: a new
    plan after a changed figure, the agreement after a chosen option, the first stage after
    figures told first, the pending question inside a form; otherwise a request to rephrase.
    """

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        told = set(slots_set_this_turn(tracker)) - {"requested_slot"}
        if asking := _asks_about_a_figure(tracker):
            return asking
        if tracker.get_slot("plan_shown"):
            if names_an_option(tracker) and not told - {"plan_option"}:
                return [FollowupAction("action_confirm_agreement")]
            if told:
                return [FollowupAction("action_update_plan")]
        elif not tracker.get_slot("stage") and told:
            return [FollowupAction("action_begin")]
        active_loop = (tracker.active_loop or {}).get("name")
        if not any(event.get("event") == "bot" for event in events_since_the_person(tracker)):
            utter(dispatcher, "rephrase")
        if active_loop:
            return [FollowupAction(active_loop)]
        return []


class ActionRephraseInForm(Action):
    """An unclear message inside a form: ask to rephrase, unless the figure reading has already
    said what it could not read (one explanation, not two). The form then asks again."""

    def name(self) -> str:
        return "action_rephrase_in_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not any(
            event.get("event") == "bot" and (event.get("text") or event.get("data"))
            for event in events_since_the_person(tracker)
        ):
            utter(dispatcher, "rephrase")
        return []


guard_actions(globals())
