"""channels/speedups.py: the action server's answers are checked as strictly as Rasa does."""

import pytest
from jsonschema import ValidationError
from jsonschema import validate as rasa_way
from rasa.core.actions.action import RemoteAction

import channels.guard  # noqa: F401  (installs the speed-up, as the Rasa server does)
from channels.speedups import validate_action_result

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
