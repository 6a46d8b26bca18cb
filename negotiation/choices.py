"""A small trained reader for the person's choices, for when the keyword tables miss.

People answer the coach's choice questions in their own words ("한 달 요금 자체를 낮추고 싶어요",
"번호만 살려 주세요", "이번 주엔 여유가 전혀 없어요"). The cue tables in
:mod:`negotiation.understanding` cannot list every wording, and a miss makes the coach ask the
same question again. :func:`read_choice` reads such answers with small logistic-regression
models trained, at first use, on the hand-written sentences in ``data/choices.yml``.

Why this model, in pure Python:

* Korean glues particles and endings to words and people drop spaces ("정지안됐어요"), so
  character 2-4-grams of the text without spaces see the same stems whatever the spacing and
  survive typos; no tokenizer is needed. Cue groups (:data:`CUE_GROUPS`) add one feature per
  kind of word ("a word for splitting the payment", "a word for the line being cut"), so that a
  wording never seen in training still shares features with sentences of the same meaning.
* Logistic regression rather than naive Bayes: with one yes/no model per goal, naive Bayes let
  any common feature count for the smaller class ("asdf" came out as all three goals); logistic
  regression weighs a feature by what it tells apart, and unseen text falls to the biases
  ("other", "not this goal"), i.e. to no reading.
* Training takes well under a second (a few epochs of SGD over about 1,400 sentences), so the
  models are rebuilt from the YAML at first use, never shipped as a binary: a sentence added to
  the YAML is learned on the next start. A call takes about 0.1 ms. Kiwi is not needed: it takes
  over a second to load, and the negation rules below work on characters.

Negation is not left to chance. Before n-grams are taken, the negated part of the sentence is
marked, and its n-grams and cue features become different features from the plain ones
("정지 안 됐어요" does not share "됐어요" with "정지됐어요"):

* 안/못 + verb, and "-지 않/못": the verb and the word it acts on ("정지 안 됐어요",
  "끊기지 않았어요"); the negator itself becomes one token, and a feature joins it to its verb;
* X 없어요 / X 아니에요: the noun phrase X ("장애는 없어요", "틀린 거 없어요",
  "기초연금 받을 나이 아니에요");
* X 말고 / X 빼고 / X는 필요 없고 / X는 상관없고 / X보다는: X is set aside (a mark of its own, so
  that "정지는 상관없고" is not read like "정지 안 되게"); X가 아니라 / X는 아니고: X is denied;
* X인지 모르겠어요: X is only wondered about ("정지됐는지 모르겠어요" is "don't know", never
  "suspended").

Answers that mean "I don't know" stay :data:`UNKNOWN`; a reading below :data:`THRESHOLD` is
``None``, so the coach asks again instead of guessing. Each question also has an ``other`` class
(questions back, small talk, a different figure), so off-topic text and gibberish are not read.
"""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from negotiation.data import load
from negotiation.learning import Features, LogisticRegression
from negotiation.negation import NEGATOR, UNKNOWN_CUE, Words, mark
from negotiation.text import normalise_for_choices as normalise

# --- The public API -------------------------------------------------------------------------


class Unknown(enum.Enum):
    """The person says they do not know ("모르겠어요", "확인 안 해봤어요", "글쎄요").

    It is neither yes nor no, so it refuses to be used as a truth value: ``if value:`` on it
    raises ``TypeError`` instead of silently reading "don't know" as "no". Compare with
    ``value is UNKNOWN``.
    """

    UNKNOWN = "unknown"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN is neither yes nor no: test it with `is UNKNOWN`")

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown.UNKNOWN

ChoiceValue = bool | str | list[str] | Unknown
"""goals: a list of goal names; service_suspended and yes_no: True, False or UNKNOWN;
welfare_status: a status name or UNKNOWN; none_amount: True."""


@dataclass(frozen=True)
class ChoiceReading:
    """What the reader took the answer to mean, and how sure it is (0.5-1.0, above the
    threshold: readings below it are never returned)."""

    value: ChoiceValue
    confidence: float


QUESTIONS: tuple[str, ...] = (
    "goals",
    "service_suspended",
    "welfare_status",
    "yes_no",
    "none_amount",
)
GOALS: tuple[str, ...] = ("installment", "fee_adjustment", "keep_service")
WELFARE_STATUSES: tuple[str, ...] = (
    "livelihood",
    "housing_education",
    "near_poverty",
    "basic_pension",
    "disabled",
    "veteran",
    "none",
)

# A reading must be at least this sure to be returned. Chosen by 5-fold cross-validation over
# data/choices.yml: at 0.8, 2% of the readings returned were wrong (18 of 887) and 93% of the
# answers that have a value were read; at 0.9 the wrong ones fell only to 12 while a further 4%
# of right readings were lost. The held-out figures are in tests/engine/test_choices.py.
THRESHOLD = 0.8

# Longer messages are not short answers to a choice question; reading a story for a yes or no
# would be a guess. The limit also bounds the time of a call.
MAX_CHARS = 300

# How much a cue group's feature counts beside the n-grams.
CUE_WEIGHT = 2


def read_choice(question: str, text: str) -> ChoiceReading | None:
    """The answer ``text`` gives to the choice ``question``, or None when it is not sure.

    ``question`` is one of :data:`QUESTIONS` (anything else is a programming error and raises
    ``ValueError``). Never raises on any text. None means: not readable as an answer to this
    question with confidence at least :data:`THRESHOLD`, so ask again.
    """
    if question not in QUESTIONS:
        raise ValueError(f"unknown choice question: {question!r}")
    normalised = normalise(text)
    if not normalised or len(normalised) > MAX_CHARS:
        return None
    features = extract_features(normalised)
    models = _models()
    if question == "goals":
        return _read_goals(models.goals, features)
    model = models.single[question]
    label, confidence = model.best(features)
    if confidence < THRESHOLD or label == OTHER:
        return None
    return ChoiceReading(_LABEL_VALUES[question][label], round(confidence, 4))


# --- Reading goals (one binary classifier per goal) -----------------------------------------


def _read_goals(
    models: Mapping[str, LogisticRegression], features: Features
) -> ChoiceReading | None:
    """Goals are several at once: each goal has its own yes/no classifier. The reading holds
    the goals said yes to; its confidence is that of the least sure of the three decisions, so
    one doubtful goal makes the whole answer doubtful."""
    chosen: list[str] = []
    confidence = 1.0
    for goal in GOALS:
        probability = models[goal].probability(YES, features)
        if probability >= 0.5:
            chosen.append(goal)
        confidence = min(confidence, max(probability, 1.0 - probability))
    if not chosen or confidence < THRESHOLD:
        return None
    return ChoiceReading(chosen, round(confidence, 4))


# --- Features -------------------------------------------------------------------------------

# Cue groups: words that mean the same thing for a question. Each match becomes one feature,
# named by its group and carrying the mark of where it stands ("안 맞아요" gives ¬C:agree), so a
# wording never seen in training still shares a feature with the sentences of its meaning. The
# model learns how much each group counts, and for which answer.
CUE_GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "answer_yes",
            r"^(네|넵|넹|넴|예|응|웅|ㅇㅇ|ㅇㅋ|ㅇㅇㅇ|오케|오키|ok|okay|yes|yep|yeah|그럼|당연|물론|콜|좋아|좋습)",
        ),
        ("answer_no", r"^(아니|아뇨|아니요|아니오|ㄴㄴ|노노|no|nope|놉|싫|ㄴ$)"),
        ("agree", r"맞아|맞습|맞음|맞는|맞네|맞고|정확|그대로|옳|correct|right"),
        ("wrong", r"틀|잘못|다르|달라|다른|수정|고쳐|고치|바꿔|바꿀|wrong"),
        (
            "better",
            r"나아|좋아지|좋아질|좋아져|괜찮아지|괜찮아질|괜찮아져|풀리|풀려|취업|일\s?시작|"
            r"월급|복직|알바|수입|들어오|생기|늘어|갚을\s?수\s?있|여유가\s?생",
        ),
        (
            "hard",
            r"힘들|어렵|어려워|어려울|계속\s?이럴|막막|빠듯|여전|나빠|그대로일|안\s?좋|안\s?풀|못\s?벌",
        ),
        (
            "question",
            r"뭐|뭔|무슨|어떻게|어떡|몇\s?(살|시|단계)|언제|왜|어디|누구|려면|뜻|차이|얼마나|"
            r"[?]$|what|how|why",
        ),
        # A wish or a request: "…하고 싶어요", "…해 주세요", "…면 안 될까요".
        (
            "want",
            r"싶|원해|원합|원함|할래|할게|하겠|해\s?주|해줘|줬으면|주세요|부탁|희망|바래|바랍|"
            r"으면\s?(좋겠|해요)|었으면|았으면|였으면|안\s?될까|그걸로|으로\s?해|로\s?해",
        ),
        (
            "goal_installment",
            r"분할|분납|분활|나눠|나누|나눔|할부|쪼개|조금씩|천천히|여러\s?번|여러\s?달|"
            r"개월로|달로|걸쳐|split|installment",
        ),
        (
            "goal_fee",
            r"요금제|할인|감면|깎|싼|싸게|싸지|저렴|낮추|낮춰|낮출|낮게|내려(?!고|\s?고)|내리|줄이|줄여|줄일|줄였|"
            r"줄인|줄어|인하|절약|아끼|"
            r"다운|기본료|조정|fee|bill|discount|cheap",
        ),
        # Keeping the line is asked for in two ways: wanting it kept ("유지", "살려 주세요") or
        # denying the bad event ("안 끊기게", "정지 안 되게"). Apart, ¬cut_event reads as keep
        # while ¬keep_want ("정지 유예는 필요 없어요") reads as not keep.
        (
            "keep_want",
            r"유지|살려|살리|유예|계속\s?(쓰|써|쓸|이용|사용)|풀어|풀고|해제|연결|keep|쓰게|"
            r"쓸\s?수\s?있게|미뤄|미루|늦춰|늦추|막아|막고|막기|지키|지켜",
        ),
        ("cut_event", r"정지|끊|해지|막히|막혀|없어지|먹통"),
        (
            "all",
            r"^다($|요|다|[ㅇㅋ!~.ㅎ])|^다\s(요|해|할|하고|원|필요|골|선택|신청)|"
            r"^(전부|모두|셋|세\s?(개|가지)|3\s?(개|가지)(?!월)|all|every)|전부|모두|"
            r"셋\s?다|(?<!\d)(개|가지)\s?(다|모두|전부)|다\s?(요|해|할래|원|필요|하고\s?싶)",
        ),
        ("both", r"둘\s?다|두\s?(개|가지)"),
        # "X 아니고 Y예요": something else follows the denial, so the answer is Y, not "none".
        ("contrast", r"(아니라|아니고|말고|빼고)\s?[^\s.,!?~ㅠㅜ]"),
        ("done", r"다\s?(했|됐|말했|끝났|봤)|했잖|말했"),
        (
            "apply",
            r"신청\s?(중|해\s?놨|해놨|했는데|하려|하면|방법|해야)|되려면|받으려면|받을\s?수\s?있",
        ),
        (
            "state_stopped",
            r"정지|끊|막혔|막힘|막혀|먹통|발신|착신|수신만|와이파이로만|못\s?써|안\s?터|"
            r"안\s?걸|못\s?걸|안\s?가요",
        ),
        (
            "state_working",
            r"쓸\s?수|써요|쓰고|사용\s?중|돼요|되고|터져|터지|멀쩡|정상|괜찮|잘\s?(돼|걸|터|써)|"
            r"살아|걸려요|문제없",
        ),
        (
            "state_later",
            r"예정|곧|될\s?거|된대|된다고|될\s?것|다음\s?주|될까|통보|예고|전이|전인|아직",
        ),
        (
            "welfare_livelihood",
            r"생계\s?(급여|수급|의료|비\s?지원)|의료\s?급여|의료\s?수급|기초\s?(생활|수급|생보)|수급자|수급",
        ),
        ("welfare_housing", r"주거|교육\s?급여"),
        ("welfare_near", r"차상|ㅊㅅㅇ"),
        ("welfare_pension", r"기초\s?(노령)?\s?연금|노인\s?연금"),
        ("welfare_disabled", r"장애"),
        ("welfare_veteran", r"유공|보훈|참전|상이|군경"),
        ("welfare_none", r"해당\s?(사항)?\s?(없|안)|일반|아무|하나도|다\s?아니|none"),
        ("nothing", r"없|^0$|0\s?원|영\s?원|한\s?푼|빈털|zero|nothing|none|못\s?내|잔고가\s?0"),
        (
            "something",
            r"있어|있긴|있는|있음|있습|있을|있대|있죠|조금|정도|까지|쯤|\d|[일이삼사오육칠팔구십백천]\s?만|"
            r"만\s?원|천\s?원",
        ),
    )
)


def extract_features(text: str) -> Features:
    """Feature counts of a normalised text: character 2-4-grams over the text without spaces
    (each character carrying its negation or doubt mark), whole words, the negation joins, and
    a strong "don't know" feature."""
    marks, joined = mark(text)
    tokens = ["^"]
    for char, char_mark in zip(text, marks, strict=False):
        if char.isspace():
            continue
        if char_mark == NEGATOR:
            tokens.append(NEGATOR)
        else:
            tokens.append(char_mark + char)
    tokens.append("$")
    features: Features = {}

    def add(feature: str, weight: int = 1) -> None:
        features[feature] = max(features.get(feature, 0), weight)

    for size in (2, 3, 4):
        for start in range(len(tokens) - size + 1):
            add("".join(tokens[start : start + size]))
    for start, end in Words.of(text).spans:
        add("w:" + marks[start] + text[start:end])
    for feature in joined:
        add(feature)
    for name, pattern in CUE_GROUPS:
        for match in pattern.finditer(text):
            # A cue that holds its own negator ("못 내", "안 터져") is read as it stands.
            char_mark = marks[match.start()] if match.end() > match.start() else ""
            prefix = "" if char_mark == NEGATOR else char_mark
            add(prefix + "C:" + name, CUE_WEIGHT)
            if "_" in name:  # "수급자 아니고 장애인이에요": some status denied, another stated
                add(prefix + "C:" + name.split("_")[0] + "*")
    if UNKNOWN_CUE.search(text) or UNKNOWN_CUE.search(text.replace(" ", "")):
        add("U!", 4)
    return features


# --- The model ------------------------------------------------------------------------------

OTHER = "other"
YES = "yes"
NO = "no"


_LABEL_VALUES: dict[str, dict[str, ChoiceValue]] = {
    "service_suspended": {YES: True, NO: False, "unknown": UNKNOWN},
    "yes_no": {YES: True, NO: False, "unknown": UNKNOWN},
    "welfare_status": {**{status: status for status in WELFARE_STATUSES}, "unknown": UNKNOWN},
    "none_amount": {"none": True},
}


@dataclass(frozen=True)
class _Models:
    single: dict[str, LogisticRegression]
    goals: dict[str, LogisticRegression]


def training_sentences() -> dict[str, dict[str, list[str]]]:
    """question -> label -> sentences, from data/choices.yml, with the shared off-topic
    sentences added to every question's "other". Checks every label against the API."""
    data = load("choices")
    off_topic = _lines(data.get("off_topic", ""))
    sentences: dict[str, dict[str, list[str]]] = {}
    for question in QUESTIONS:
        blocks = data["questions"][question]
        by_label = {str(label): _lines(block) for label, block in blocks.items()}
        for label in by_label:
            if question == "goals":
                parts = label.split("+")
                if label not in ("all", OTHER) and not all(part in GOALS for part in parts):
                    raise ValueError(f"choices.yml: unknown goal label {label!r}")
            elif label != OTHER and label not in _LABEL_VALUES[question]:
                raise ValueError(f"choices.yml: unknown label {label!r} for {question}")
        by_label.setdefault(OTHER, [])
        by_label[OTHER] = by_label[OTHER] + off_topic
        sentences[question] = by_label
    return sentences


def goals_of_label(label: str) -> tuple[str, ...]:
    """The goals a goals label stands for: "all" is the three, "other" none."""
    if label == "all":
        return GOALS
    if label == OTHER:
        return ()
    return tuple(label.split("+"))


def _lines(block: object) -> list[str]:
    if not isinstance(block, str):
        raise ValueError("choices.yml: each label holds a block of sentences, one per line")
    return [line.strip() for line in block.splitlines() if line.strip()]


def train(sentences: Mapping[str, Mapping[str, Sequence[str]]]) -> _Models:
    """The models for every question from ``sentences`` (as :func:`training_sentences` returns
    them): one softmax model per single-answer question, one yes/no model per goal."""
    cache: dict[str, Features] = {}

    def features_of(sentence: str) -> Features:
        if sentence not in cache:
            cache[sentence] = extract_features(normalise(sentence))
        return cache[sentence]

    single: dict[str, LogisticRegression] = {}
    for question in QUESTIONS:
        if question == "goals":
            continue
        labels = list(sentences[question])
        documents = [
            (label, features_of(sentence))
            for label in labels
            for sentence in sentences[question][label]
        ]
        single[question] = LogisticRegression(labels, documents)
    goals: dict[str, LogisticRegression] = {}
    for goal in GOALS:
        documents = [
            (YES if goal in goals_of_label(label) else NO, features_of(sentence))
            for label, block in sentences["goals"].items()
            for sentence in block
        ]
        goals[goal] = LogisticRegression((YES, NO), documents)
    return _Models(single, goals)


_lock = threading.Lock()
_trained: _Models | None = None


def _models() -> _Models:
    """The models, trained once per process at first use (about 0.4 s with the YAML) and kept
    in memory; a lock keeps two threads from training twice."""
    global _trained
    if _trained is None:
        with _lock:
            if _trained is None:
                _trained = train(training_sentences())
    return _trained
