"""The NLU guard: start_over and goodbye stand only with a word that says so."""

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from korean_nlp.intent_guard import IntentGuard


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={TEXT: text, INTENT: dict(entries[0]), INTENT_RANKING_KEY: entries})


def guard(message: Message) -> Message:
    [processed] = IntentGuard().process([message])
    return processed


def test_a_new_job_is_not_a_new_conversation():
    message = guard(
        classified("일 시작하고 더 내는 걸로요", [("start_over", 0.9), ("choose_option", 0.08)])
    )
    assert message.get(INTENT) == {"name": "choose_option", "confidence": 0.08}
    # The ranking keeps every intent, the chosen one first (the FallbackClassifier reads it).
    assert [entry["name"] for entry in message.get(INTENT_RANKING_KEY)] == [
        "choose_option",
        "start_over",
    ]


def test_little_at_first_is_not_starting_over():
    # "처음엔 쪼매 내다가 …" chooses the step-up plan; only "처음부터", "처음으로" begin again.
    text = "처음엔 쪼매 내다가 두 달 뒤부터 마이 내는 걸로 하입시더"
    message = guard(classified(text, [("start_over", 0.7), ("choose_option", 0.2)]))
    assert message.get(INTENT)["name"] == "choose_option"


def test_a_budget_that_ends_with_the_bill_is_not_a_goodbye():
    message = guard(
        classified("요금 내믄 끝이유, 더는 못 내유", [("goodbye", 0.96), ("inform", 0.02)])
    )
    assert message.get(INTENT)["name"] == "inform"


def test_the_words_themselves_keep_the_intent():
    for text, intent in [
        ("처음부터 다시 할래요", "start_over"),
        ("감사합니다 수고하세요", "goodbye"),
    ]:
        message = guard(classified(text, [(intent, 0.9), ("inform", 0.05)]))
        assert message.get(INTENT)["name"] == intent


def test_other_intents_pass_untouched():
    message = guard(classified("35만원이요", [("inform", 0.9), ("start_over", 0.05)]))
    assert message.get(INTENT) == {"name": "inform", "confidence": 0.9}
