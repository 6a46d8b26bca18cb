"""The trained choice reader (negotiation/choices.py) on answers it was not trained on.

The table below was written separately from data/choices.yml (2026-11-28) and is checked not to
repeat it: no sentence here is a near copy (difflib ratio >= 0.9, spaces and punctuation removed)
of a training sentence. Each question must read at least 90% of its rows right, where "right"
for a row whose answer is None means the reader declines. Rows tagged "neg" (negations) and
"unk" (the person does not know) must never be read confidently wrong: the reader may decline,
but it may not turn "정지 안 됐어요" into a yes or "모르겠어요" into a no.

The rows came in two batches. The first was read once, its misses showed gaps in the reader's
cue words and negation rules, and those were fixed (never by adding these sentences to the
training file). The second batch, marked below, was written after those fixes and read once
without further changes, so it is the fairer estimate of accuracy on new wording.
"""

from __future__ import annotations

import difflib
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiation.choices import (
    GOALS,
    QUESTIONS,
    THRESHOLD,
    UNKNOWN,
    ChoiceReading,
    ChoiceValue,
    read_choice,
    train,
    training_sentences,
)

INST, F, K = "installment", "fee_adjustment", "keep_service"
ALL = [INST, F, K]

# (text, expected value or None, tag): tag "neg" marks a negation, "unk" a "don't know".
Row = tuple[str, ChoiceValue | None, str]
HELD_OUT: dict[str, list[Row]] = {
    "goals": [
        ("한 달 요금 자체를 낮추고 싶어요", [F], ""),
        ("번호만 살려 주세요", [K], ""),
        ("요금 낮추는 건 말고 나눠서만 내고 싶어요", [INST], "neg"),
        ("몇 번에 걸쳐서 갚으면 안 될까요", [INST], "neg"),
        ("3개월 정도로 쪼개 주세요", [INST], ""),
        ("할부 되나요? 그걸로 하고 싶어요", [INST], ""),
        ("분할납부 원해요", [INST], ""),
        ("요금제 좀 내려 주세요 너무 비싸요", [F], ""),
        ("매달 빠져나가는 통신비가 부담이라 줄였으면 해요", [F], ""),
        ("할인 받는 쪽으로 하고 싶어요", [F], ""),
        ("더 싼 요금제 없나요 그걸로 바꿀래요", [F], "neg"),
        ("폰 끊기면 알바도 못 구해요 제발 안 끊기게요", [K], "neg"),
        ("정지 좀 풀어 줬으면 좋겠어요", [K], ""),
        ("회선은 꼭 유지하고 싶습니다", [K], ""),
        ("전화만 계속 쓸 수 있으면 돼요", [K], ""),
        ("밀린 건 할부로, 앞으로 요금은 싸게요", [INST, F], ""),
        ("분할이랑 정지 유예 두 가지요", [INST, K], ""),
        ("할인이랑 번호 유지요", [F, K], ""),
        ("세 개 전부 해 주세요", ALL, ""),
        ("다 할래요ㅎㅎ", ALL, ""),
        ("셋 다 할게요 그냥", ALL, ""),
        ("모두 원해요ㅠ", ALL, ""),
        ("할인은 필요 없어요 나눠 내기만 할게요", [INST], "neg"),
        ("정지 유예 말고 요금 조정으로 해 주세요", [F], "neg"),
        ("분할은 안 해도 되고 정지만 막아 주세요", [K], "neg"),
        ("요금 깎는 건 괜찮고 쪼개서 낼게요", [INST], "neg"),
        ("분할 납부하면 신용에 문제 생겨요?", None, ""),
        ("잘 모르겠어요 뭐가 나은지", None, "unk"),
        ("ㅋㅋㅋㅋ", None, ""),
        ("아 네", None, ""),
        ("둘 중 하나만 고르라면요?", None, ""),
        ("다 됐나요?", None, ""),
        # Written after the cue fixes and read once, unchanged (see the module docstring).
        ("한 번에 갚긴 무리라 여러 차례로 갚게 해 주세요", [INST], ""),
        ("통신요금 인하 요청할게요", [F], ""),
        ("이용 정지만큼은 피하고 싶어요", [K], ""),
        ("분납+요금할인", [INST, F], ""),
        ("끊기지 않게 해 주시고 나눠 낼 수 있게도 해 주세요", [INST, K], "neg"),
        ("3가지 다 해당돼요", ALL, ""),
        ("전부 다 골라요", ALL, ""),
        ("정지 유예는 안 해도 돼요 요금제만 바꿀래요", [F], "neg"),
        ("분할 싫고 요금 할인만요", [F], "neg"),
        ("할인이든 뭐든 상관없고 폰만 안 끊기면 돼요", [K], "neg"),
        ("매달 나누어서 납부하겠습니다", [INST], ""),
        ("요금제 다운시켜 주세요", [F], ""),
        ("휴대폰 해지 안 되게 막아 주세요", [K], "neg"),
        ("뭐부터 하면 돼요?", None, ""),
        ("정지 유예하면 나중에 한꺼번에 내야 돼요?", None, ""),
        ("그래서요?", None, ""),
    ],
    "service_suspended": [
        ("네 벌써 정지 먹었어요ㅠ", True, ""),
        ("통화가 안 돼요 정지된 듯", True, "neg"),
        ("발신이 안 돼요", True, "neg"),
        ("어제 문자 오고 바로 끊김", True, ""),
        ("ㅇㅇ 정지 상태임", True, ""),
        ("yes 막혔어요", True, ""),
        ("폰이 지금 안 터져요", True, "neg"),
        ("데이터 끊겨서 와이파이 잡고 있어요", True, ""),
        ("아직은 멀쩡하게 써요", False, ""),
        ("아뇨 전화 잘 돼요", False, ""),
        ("아직 안 막혔어요ㅎㅎ", False, "neg"),
        ("끊기진 않았어요 아직", False, "neg"),
        ("정지 예정 문자만 왔어요", False, ""),
        ("지금은 정상 사용 중입니다", False, ""),
        ("ㄴㄴ 아직 됨", False, ""),
        ("no, 아직 쓸 만해요", False, ""),
        ("정지되진 않았는데 곧 될 것 같아요", False, "neg"),
        ("정지까진 안 갔어요", False, "neg"),
        ("확인은 안 해 봤는데요", UNKNOWN, "unk"),
        ("글쎄요 잘 모르겠네", UNKNOWN, "unk"),
        ("정지된 건지 아닌지 몰라요", UNKNOWN, "unk"),
        ("끊겼는지 모르겠어요 확인해볼게요", UNKNOWN, "unk"),
        ("몰라ㅠㅠ 앱 안 들어가 봤어", UNKNOWN, "unk"),
        ("정확히는 기억 안 나요", UNKNOWN, "unk"),
        ("그건 잘 모르겠는데 요금이 밀린 건 맞아요", UNKNOWN, "unk"),
        ("아직 몰라요", UNKNOWN, "unk"),
        ("정지됐나? 잘 모르겠음", UNKNOWN, "unk"),
        ("정지되면 복구하는 데 며칠 걸려요?", None, ""),
        ("정지 안 되게 하려면 어떻게 해요", None, "neg"),
        ("ㅎㅇ", None, ""),
        # Written after the cue fixes and read once, unchanged (see the module docstring).
        ("오늘 아침부터 먹통이에요ㅠ", True, ""),
        ("발신 정지 먹음", True, ""),
        ("문자도 전화도 다 막힘", True, ""),
        ("정지 풀어야 돼요 지금 못 써서", True, "neg"),
        ("아니요 잘 쓰고 있어요", False, ""),
        ("아직 통화는 돼요", False, ""),
        ("정지는 안 당했어요 아직은", False, "neg"),
        ("끊긴 건 아니에요", False, "neg"),
        ("안 끊겼는데 곧 끊긴대요", False, "neg"),
        ("잘 모르겠어요 폰을 안 켜 봐서", UNKNOWN, "unk"),
        ("정지 여부 확인을 못 했네요", UNKNOWN, "unk"),
        ("끊겼을 수도 있어요 모르겠어요", UNKNOWN, "unk"),
        ("음 기억이 잘 안 나네요", UNKNOWN, "unk"),
        ("정지되면 어떡하죠", None, ""),
        ("그게 무슨 차이예요", None, ""),
    ],
    "welfare_status": [
        ("기초생활수급 받는 중이에요", "livelihood", ""),
        ("생계급여 받는 사람이에요", "livelihood", ""),
        ("의료급여 대상자예요", "livelihood", ""),
        ("수급자입니당", "livelihood", ""),
        ("주거급여 지원 대상이라 월세 도움 받아요", "housing_education", ""),
        ("애들 교육급여 받는 가정이에요", "housing_education", ""),
        ("저희는 차상위 가구예요", "near_poverty", ""),
        ("차상위 증명서 떼 놨어요", "near_poverty", ""),
        ("기초연금 받아서 생활해요", "basic_pension", ""),
        ("매달 기초연금 나오는 노인입니다", "basic_pension", ""),
        ("장애 2급이에요", "disabled", ""),
        ("복지카드 있는 장애인입니다", "disabled", ""),
        ("몸이 불편해서 장애 등록했어요", "disabled", ""),
        ("보훈 혜택 받는 유공자예요", "veteran", ""),
        ("국가유공자 가족이 아니라 본인이에요", "veteran", "neg"),
        ("해당되는 거 하나도 없어요", "none", "neg"),
        ("전부 해당 없음", "none", "neg"),
        ("장애인 아닙니다", "none", "neg"),
        ("수급자 같은 건 아니에요", "none", "neg"),
        ("그런 건 없고 그냥 직장인이에요", "none", "neg"),
        ("기초연금 받을 나이 아니에요", "none", "neg"),
        ("수급자인지 아닌지 확실하지 않아요", UNKNOWN, "unk"),
        ("저도 그게 궁금해요 모르겠어요", UNKNOWN, "unk"),
        ("따로 확인해 본 적은 없어요", UNKNOWN, "unk"),
        ("장애 등급 있는지 잘 모르겠네요", UNKNOWN, "unk"),
        ("뭐에 해당하는지 몰라요", UNKNOWN, "unk"),
        ("장애인 할인 받으려면 뭐 필요해요?", None, ""),
        ("수급자 되면 요금이 얼마나 빠져요?", None, ""),
        ("생계가 막막해서 그래요", None, ""),
        # Written after the cue fixes and read once, unchanged (see the module docstring).
        ("기초수급 대상자입니다", "livelihood", ""),
        ("의료급여 받고 살아요", "livelihood", ""),
        ("주거급여 받는 세입자예요", "housing_education", ""),
        ("차상위라고 들었어요", "near_poverty", ""),
        ("기초연금 수급 노인이에요", "basic_pension", ""),
        ("청각장애 있습니다", "disabled", ""),
        ("지체장애인이라 복지카드 있어요", "disabled", ""),
        ("참전 유공자예요 월남전", "veteran", ""),
        ("아무 혜택도 없어요", "none", "neg"),
        ("수급자도 차상위도 아니에요", "none", "neg"),
        ("전 그냥 평범한 직장인이라 없어요", "none", "neg"),
        ("해당되는 게 있는지 모르겠네요", UNKNOWN, "unk"),
        ("주민센터 가서 물어봐야 할 것 같아요 잘 몰라서", UNKNOWN, "unk"),
        ("장애 판정 받을 수 있는지 잘 몰라요", UNKNOWN, "unk"),
        ("장애인 할인 되나요?", None, ""),
    ],
    "yes_no": [
        ("넵 맞아요", True, ""),
        ("네 맞게 적으셨어요", True, ""),
        ("숫자 전부 정확합니다", True, ""),
        ("틀린 데 하나도 없어요", True, "neg"),
        ("오케 그대로 가요", True, ""),
        ("ㅇㅇ 그렇게 해줘", True, ""),
        ("월급 오르면 좀 괜찮아질 거 같아요", True, ""),
        ("다음 달에 취직해서 여유 생겨요", True, ""),
        ("네 3월부터는 나아져요", True, ""),
        ("yes 맞음", True, ""),
        ("이상 없네요", True, "neg"),
        ("아니 미납액이 좀 달라요", False, ""),
        ("하나 잘못 들어갔어요", False, ""),
        ("나아질 일은 없을 거예요", False, "neg"),
        ("당분간 형편 안 좋아요", False, "neg"),
        ("아니요 계속 어려울 것 같아요", False, ""),
        ("ㄴㄴ 틀림", False, ""),
        ("별로 안 맞는 거 같아요", False, "neg"),
        ("딱히 나아질 것 같지는 않아요", False, "neg"),
        ("그건 저도 잘 모르겠어요", UNKNOWN, "unk"),
        ("취직이 될지 안 될지 몰라서요", UNKNOWN, "unk"),
        ("확실하게는 말 못 하겠어요", UNKNOWN, "unk"),
        ("아직 정해진 게 없어서 모르겠어요", UNKNOWN, "unk"),
        ("숫자가 맞는지 헷갈려요", UNKNOWN, "unk"),
        ("음… 저는 잘 모르겠는데요", UNKNOWN, "unk"),
        ("계산 다시 해 줄 수 있나요?", None, ""),
        ("잠깐 통화 좀 하고 올게요", None, ""),
        # Written after the cue fixes and read once, unchanged (see the module docstring).
        ("예 그렇습니다", True, ""),
        ("넹 다 맞아용", True, ""),
        ("내년 초에 취업 예정이라 나아질 거예요", True, ""),
        ("보험 만기 환급금 들어오면 여유 있어요", True, ""),
        ("숫자 틀린 거 없습니다", True, "neg"),
        ("아니요 월 예산이 달라요", False, ""),
        ("틀렸어요 요금은 6만원이에요", False, ""),
        ("아니 당분간 나아질 게 없어요", False, "neg"),
        ("형편이 좋아질 것 같지 않아요ㅠ", False, "neg"),
        ("전혀 안 맞아요", False, "neg"),
        ("모르겠어요ㅠ 상황 봐야 알 듯", UNKNOWN, "unk"),
        ("일자리가 구해질지 아직 몰라요", UNKNOWN, "unk"),
        ("글쎄요 장담은 못 하겠네요", UNKNOWN, "unk"),
        ("질문 하나 해도 돼요?", None, ""),
    ],
    "none_amount": [
        ("이번 주엔 여유가 전혀 없어요", True, "neg"),
        ("지금 돈이 없어서 못 내요", True, "neg"),
        ("0원입니다", True, ""),
        ("없어용ㅠ", True, "neg"),
        ("한 푼도 없음", True, "neg"),
        ("당장 먼저 낼 돈은 없네요", True, "neg"),
        ("지금은 일시불로 못 내요", True, "neg"),
        ("통장에 돈이 하나도 없어요 ㅠㅠ", True, "neg"),
        ("nope 없어요", True, "neg"),
        ("지금 당장 낼 수 있는 돈은 없습니다", True, "neg"),
        ("3만원은 바로 낼 수 있어요", None, ""),
        ("조금 있긴 있어요", None, ""),
        ("완전 없는 건 아니고 몇 만원 있어요", None, "neg"),
        ("잘 모르겠어요 통장을 봐야 해서", None, "unk"),
        ("월급날 되면 낼 수 있어요", None, ""),
        ("한 10만원 정도요", None, ""),
        # Written after the cue fixes and read once, unchanged (see the module docstring).
        ("지금은 낼 게 없어요", True, "neg"),
        ("돈 한 푼 없어요ㅠ", True, "neg"),
        ("먼저 넣을 돈이 없네요", True, "neg"),
        ("0원이에요 진짜 없어요", True, "neg"),
        ("목돈은 하나도 없습니다", True, "neg"),
        ("일시불은 불가능해요", True, ""),
        ("5만원은 먼저 넣을게요", None, ""),
        ("조금이라도 있긴 한데 얼마 안 돼요", None, "neg"),
        ("모르겠어요 계좌 확인해 봐야 해요", None, "unk"),
        ("없진 않아요 한 2만원?", None, "neg"),
        ("다음 주 월급 받으면 10만원 가능해요", None, ""),
    ],
}

GIBBERISH = [
    "ㅁㄴㅇㄹㅁㄴㅇㄹ",
    "asdfjkl;",
    "ㅋㅋㅋㅋㅋㅋㅋ",
    "...",
    "!!!",
    "ㅏㅓㅗㅜ",
    "뷁뷁",
    "zzz",
    "1234",
    "ㄱㄱㄱ?",
    "😀😀",
    "@@",
]
OFF_TOPIC = [
    "오늘 저녁 뭐 먹을까요",
    "날씨가 많이 춥네요",
    "고객센터 몇 시에 열어요?",
    "이 챗봇 누가 만들었어요?",
    "영화 추천해 주세요",
    "제 말 듣고 있어요?",
]


def _squash(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text.lower())


def _same(value: ChoiceValue | None, expected: ChoiceValue | None) -> bool:
    if expected is None or value is None:
        return value is None and expected is None
    if expected is UNKNOWN or value is UNKNOWN:
        return value is expected
    return value == expected


def _value(reading: ChoiceReading | None) -> ChoiceValue | None:
    return None if reading is None else reading.value


def test_no_held_out_sentence_is_a_near_copy_of_a_training_sentence() -> None:
    trained = {
        _squash(sentence)
        for labels in training_sentences().values()
        for block in labels.values()
        for sentence in block
    }
    copies = []
    for question, rows in HELD_OUT.items():
        for text, _, _ in rows:
            squashed = _squash(text)
            for sentence in trained:
                matcher = difflib.SequenceMatcher(None, squashed, sentence)
                if (
                    matcher.real_quick_ratio() >= 0.9
                    and matcher.quick_ratio() >= 0.9
                    and matcher.ratio() >= 0.9
                ):
                    copies.append((question, text, sentence))
    assert copies == []


@pytest.mark.parametrize("question", QUESTIONS)
def test_held_out_accuracy_is_at_least_ninety_percent(question: str) -> None:
    rows = HELD_OUT[question]
    wrong = [
        (text, _value(read_choice(question, text)), expected)
        for text, expected, _ in rows
        if not _same(_value(read_choice(question, text)), expected)
    ]
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= 0.9, (accuracy, wrong)


@pytest.mark.parametrize("question", QUESTIONS)
def test_negations_and_dont_knows_are_never_read_confidently_wrong(question: str) -> None:
    confident_wrong = []
    for text, expected, tag in HELD_OUT[question]:
        if not tag:
            continue
        value = _value(read_choice(question, text))
        if value is not None and not _same(value, expected):
            confident_wrong.append((text, value, expected))
    assert confident_wrong == []


@pytest.mark.parametrize(
    "text, question, expected",
    [
        # The examples the keyword tables missed, and the negations named in the design. These are
        # not part of the held-out table: "정지 됐어요" is the training sentence "정지됐어요" with a
        # space, and the near-copy check would rightly refuse it there.
        ("한 달 요금 자체를 낮추고 싶어요", "goals", [F]),
        ("번호만 살려 주세요", "goals", [K]),
        ("이번 주엔 여유가 전혀 없어요", "none_amount", True),
        ("정지 안 됐어요", "service_suspended", False),
        ("정지 됐어요", "service_suspended", True),
        ("요금 낮추는 건 말고 나눠서만 내고 싶어요", "goals", [INST]),
    ],
)
def test_the_examples_of_the_design(text: str, question: str, expected: ChoiceValue) -> None:
    assert _value(read_choice(question, text)) == expected


@pytest.mark.parametrize("question", ["service_suspended", "welfare_status", "yes_no"])
@pytest.mark.parametrize("text", ["모르겠어요", "확인 안 해봤어요", "글쎄요"])
def test_dont_know_stays_unknown(question: str, text: str) -> None:
    assert _value(read_choice(question, text)) is UNKNOWN


@pytest.mark.parametrize("question", ["goals", "none_amount"])
@pytest.mark.parametrize("text", ["모르겠어요", "확인 안 해봤어요", "글쎄요"])
def test_dont_know_is_no_choice_and_no_zero(question: str, text: str) -> None:
    assert read_choice(question, text) is None


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("text", GIBBERISH + OFF_TOPIC)
def test_gibberish_and_off_topic_are_not_read(question: str, text: str) -> None:
    assert read_choice(question, text) is None


def test_readings_are_at_least_as_sure_as_the_threshold() -> None:
    for question, rows in HELD_OUT.items():
        for text, _, _ in rows:
            reading = read_choice(question, text)
            assert reading is None or THRESHOLD <= reading.confidence <= 1.0


def test_goals_come_in_the_contract_order_without_repeats() -> None:
    for text, _, _ in HELD_OUT["goals"]:
        reading = read_choice("goals", text)
        if reading is not None:
            assert isinstance(reading.value, list) and reading.value
            assert reading.value == [goal for goal in GOALS if goal in reading.value]


def test_unknown_is_neither_true_nor_false() -> None:
    with pytest.raises(TypeError):
        bool(UNKNOWN)
    assert UNKNOWN is not True and UNKNOWN is not False and UNKNOWN != False  # noqa: E712


def test_an_unknown_question_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        read_choice("carrier", "KT요")


def test_a_long_message_is_not_read_as_a_choice() -> None:
    assert read_choice("yes_no", "네 " * 400) is None


def test_every_value_has_at_least_forty_training_sentences() -> None:
    sentences = training_sentences()
    for question, labels in sentences.items():
        for label, block in labels.items():
            if "+" not in label:  # goal combinations add to the single goals' own forty
                assert len(block) >= 40, (question, label, len(block))


def test_training_from_the_yaml_gives_a_reader_for_every_question() -> None:
    # (Its speed is measured in `make bench`, never in a timed test: a busy machine would fail it.)
    models = train(training_sentences())
    assert set(models.single) | {"goals"} >= set(HELD_OUT)
    for question, table in HELD_OUT.items():
        for text, _, _ in table[:3]:
            read_choice(question, text)  # answers, or None: never an error


ODD_TEXT = st.one_of(
    st.text(max_size=2000),
    st.text(alphabet=st.characters(min_codepoint=0x1100, max_codepoint=0x11FF), max_size=200),
    st.text(alphabet=st.characters(min_codepoint=0x3130, max_codepoint=0x318F), max_size=200),
    st.text(alphabet="안못않없아니말고빼는은지 모르겠정됐?!ㅠㅋ.", max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\u200b",
            "\ufeff",
            "\u202e정지",
            "e\u0301",
            "한",
            "🙏" * 2000,
            "안" * 2000,
            "없" * 301,
            "\n\n\n",
            "\t다요\t",
        ]
    ),
)


@settings(
    max_examples=3 * settings.default.max_examples,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(question=st.sampled_from(QUESTIONS), text=ODD_TEXT)
def test_never_raises_and_returns_in_bounded_time(question: str, text: str) -> None:
    read_choice("goals", "warm-up")
    # The best of three runs: a slow input is slow every time, a busy machine only now and then.
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        reading = read_choice(question, text)
        timings.append(time.perf_counter() - started)
    assert min(timings) < 0.05, timings
    assert reading is None or THRESHOLD <= reading.confidence <= 1.0
