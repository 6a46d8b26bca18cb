"""Real rasa_sdk trackers and dispatchers for the action tests, with the real domain."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    with open(ROOT / "domain.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str = "inform",
    requested_slot: str | None = None,
    active_loop: str | None = None,
    latest_action_name: str = "action_listen",
    channel: str = "rest",
    set_this_turn: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker right after the user said ``text``; ``set_this_turn`` are slots set since."""
    all_slots: dict[str, Any] = {"stage": 0, "requested_slot": requested_slot}
    all_slots.update(slots or {})
    all_slots.update(set_this_turn or {})
    latest_message = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": []}
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest_message, "input_channel": channel},
    ]
    events += [
        {"event": "slot", "name": name, "value": value}
        for name, value in (set_this_turn or {}).items()
    ]
    return Tracker(
        sender_id="test",
        slots=all_slots,
        latest_message=latest_message,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name=latest_action_name,
    )


def json_messages(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    return [message["custom"] for message in dispatcher.messages if message.get("custom")]


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["text"] for message in dispatcher.messages if message.get("text")]


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


FULL_SITUATION = {
    "carrier": "KT",
    "arrears_amount": 350000.0,
    "months_overdue": 2.0,
    "service_suspended": False,
    "goals": ["installment", "keep_service"],
    "monthly_bill": 55000.0,
    "monthly_budget": 150000.0,
    "lump_sum": 0.0,
    "welfare_status": "livelihood",
    "recovery_expected": False,
}


def run_action(
    action, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[dict[str, Any]]:
    """Run an action's coroutine to completion, as the action server would."""
    return asyncio.run(action.run(dispatcher, tracker, domain))
