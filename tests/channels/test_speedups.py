"""channels/speedups.py: the action server's answers are checked as strictly as Rasa does, and
every event finds the class Rasa's own lookup finds."""

import pytest
from jsonschema import ValidationError
from jsonschema import validate as rasa_way
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

import channels.guard  # noqa: F401  (installs the speed-up, as the Rasa server does)
from channels.speedups import RASA_RESOLVE_BY_TYPE, resolve_event_type, validate_action_result

GOOD = {
    "events": [{"event": "slot", "name": "carrier", "value": "KT"}],
    "responses": [{"text": "안녕하세요"}],
}
BAD = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"responses": ["not an object"]},
    ["not an object"],
]


def test_the_speed_up_is_installed():
    assert RemoteAction._validate_action_result is validate_action_result


def test_a_valid_answer_passes_as_before():
    rasa_way(GOOD, RemoteAction.action_response_format_spec())
    assert RemoteAction._validate_action_result(RemoteAction.__new__(RemoteAction), GOOD)


@pytest.mark.parametrize("answer", BAD)
def test_an_invalid_answer_is_refused_as_before(answer):
    with pytest.raises(ValidationError):
        rasa_way(answer, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction._validate_action_result(RemoteAction.__new__(RemoteAction), answer)


def test_the_validator_is_built_once():
    # The point of the speed-up (its effect is measured by make bench, never here).
    from channels.speedups import action_result_validator

    assert action_result_validator() is action_result_validator()


def test_the_event_class_table_is_installed():
    assert Event.resolve_by_type is resolve_event_type


def test_every_event_name_finds_the_class_rasa_finds():
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "slot", "session_started", "restart", "action"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is RASA_RESOLVE_BY_TYPE(name), name


def test_stored_events_read_back_as_before():
    stored = (UserUttered("35만원", {"name": "inform"}), SlotSet("lump_sum", 0), SessionStarted())
    for event in stored:
        assert Event.from_parameters(event.as_dict()) == event


def test_unknown_names_are_left_to_rasa():
    assert Event.resolve_by_type("topic") is None  # Rasa's backwards compatibility
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")


def test_an_event_class_defined_later_is_found():
    class LaterEvent(SessionStarted):
        type_name = "later_event_for_this_test"

    assert Event.resolve_by_type("later_event_for_this_test") is LaterEvent
