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
import math
import random
import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from negotiation.data import load

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

# Training settings, chosen with the threshold by cross-validation over data/choices.yml.
EPOCHS = 10
LEARNING_RATE = 0.3
L2 = 0.001
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


# --- Text normalisation ---------------------------------------------------------------------

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Misspellings common enough on phones to be worth undoing before anything is counted.
_TYPOS: tuple[tuple[str, str], ...] = (
    ("됬", "됐"),
    ("몰겠", "모르겠"),
    ("모르겟", "모르겠"),
    ("몰르", "모르"),
    ("겟어", "겠어"),
    ("않됐", "안됐"),
    ("않돼", "안돼"),
    ("않되", "안되"),
    ("않 됐", "안 됐"),
    ("않 돼", "안 돼"),
    ("않 되", "안 되"),
    ("않써", "안써"),
    ("않 써", "안 써"),
    ("업어요", "없어요"),
    ("업음", "없음"),
    ("없슴", "없음"),
    ("업슴", "없음"),
    ("되요", "돼요"),
    ("해주세용", "해주세요"),
    ("어여", "어요"),
    ("아여", "아요"),
    ("에여", "에요"),
    ("해여", "해요"),
)
# "없어용", "맞아용": the cute ending, only after an ending syllable (never "이용", "사용").
_CUTE_ENDING = re.compile(r"(?<=[어아에해데네죠게까돼워와래세])용(?=$|[\s.!?~ㅠㅜㅎㅋ])")
_REPEATS = re.compile(r"([^\d])\1{2,}")  # "ㅠㅠㅠㅠ" -> "ㅠㅠ"; digits are left alone
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, composed Hangul, ASCII for full-width forms, common typos undone, runs of
    one character ("ㅠㅠㅠㅠ", "!!!") cut to two, and single spaces: so that the many ways of
    typing one answer on a phone share their features."""
    text = unicodedata.normalize("NFC", text).translate(_FULLWIDTH).lower()
    text = _SPACES.sub(" ", text).strip()
    text = _REPEATS.sub(r"\1\1", text)
    for wrong, right in _TYPOS:
        text = text.replace(wrong, right)
    return _CUTE_ENDING.sub("요", text)


# --- Negation and doubt marks ---------------------------------------------------------------

NEGATED = "¬"  # mark of a character whose meaning is negated ("안 끊겼어요", "수급자 아니에요")
EXCLUDED = "×"  # mark of what is set aside ("요금 조정은 말고", "정지는 상관없고")
DOUBTED = "?"  # mark of a character inside "…인지 모르겠어요": only wondered about
NEGATOR = "⊘"  # the mark of 안/못/않 themselves, which become this one token

_PUNCT = set(".,!?~…;:()[]\"'“”‘’·/+-_=*")
# Words that stand before a negated verb without being what it negates.
_ADVERBS: frozenset[str] = frozenset(
    [
        "아직",
        "아직은",
        "아직도",
        "지금",
        "지금은",
        "전혀",
        "하나도",
        "진짜",
        "정말",
        "아예",
        "그냥",
        "잘",
        "좀",
        "별로",
        "딱히",
        "절대",
        "당장",
        "당장은",
        "이번엔",
        "이번",
        "이번달은",
        "아무",
        "아무것도",
        "다행히",
        "아직까지",
        "아직까지는",
        "벌써",
        "이미",
        "거의",
        "너무",
        "완전",
        "제발",
        "또",
        "더",
        "절대로",
        "도저히",
        "결코",
        "아무래도",
        "꼭",
        "계속",
        "여전히",
        "한",
        "푼도",
        "만원도",
        "그렇게",
        "그게",
        "그건",
        "근데",
        "그래도",
        "사실",
        "솔직히",
    ]
)
_ANSWER_WORDS: frozenset[str] = frozenset(
    [
        "네",
        "예",
        "응",
        "어",
        "음",
        "아",
        "아니",
        "아니요",
        "아뇨",
        "아니오",
        "ㅇㅇ",
        "ㄴㄴ",
        "저는",
        "전",
        "저",
        "제가",
        "나는",
        "난",
        "넵",
        "넹",
        "노노",
        "no",
        "yes",
    ]
)
# Bound nouns: "틀린 거 없어요" negates "틀린 거", not just "거".
_BOUND_NOUNS: frozenset[str] = frozenset(
    [
        "거",
        "건",
        "게",
        "것",
        "것은",
        "것도",
        "것이",
        "거는",
        "데",
        "데가",
        "데는",
        "적",
        "적은",
        "적도",
        "적이",
        "수",
        "수는",
        "수도",
        "수가",
        "일",
        "일은",
        "일이",
        "일도",
        "리",
        "줄",
        "뿐",
        "가능성",
        "가능성은",
        "가능성이",
        "가망",
        "가망이",
        "가망은",
        "기미",
        "기미가",
        "방법",
        "방법이",
        "계획",
        "계획이",
        "예정",
        "예정이",
        "생각",
        "생각은",
        "생각이",
        "곳",
        "곳이",
        "데도",
        "거도",
        "게도",
        "나이",
        "나이가",
        "나이는",
        "대상",
        "대상이",
        "대상은",
        "자격",
        "자격이",
        "자격은",
        "조건",
        "조건이",
    ]
)
# Word endings that close a clause: an exclusion never reaches back past them.
_CLAUSE_END = re.compile(r"(고|구|는데|은데|지만|니까|요)$")
# Syllables before 안/못 that make them part of another word (미안, 불안, 동안, 잘못 ...).
_NOT_NEGATOR_BEFORE_AN = set("미불동제보방편평치대현문공답고개심원잔해학장조위이유신")
_NOT_NEGATOR_AN_WORDS = (
    "안녕",
    "안내",
    "안심",
    "안전",
    "안정",
    "안부",
    "안경",
    "안방",
    "안쪽",
    "안에",
    "안의",
    "안드",
    "안타",
    "안팎",
    "안건",
    "안과",
    "안고",
    "안은",
    "안을",
    "안이",
)
_NOT_NEGATOR_BEFORE_MOT = set("잘대쇠")

_SHORT_NEGATION = re.compile(r"[안못]")
_REQUEST_IDIOM = re.compile(r"안\s?(될까|되나|되겠|될지|돼요\s?[?]|되요\s?[?])")
_LONG_NEGATION = re.compile(r"(지|진|지는|지도|지를|지가)\s?(않|안|못|말)")
_NOT_EXIST = re.compile(r"없(?=[어음습고는다네을지으이었던대냐]|$|[\s.,!?~ㅠㅜ])")
_NOT_BE = re.compile(r"아니|아닌|아님|아닙|아녜|아냐")
# "X 말고", "X는 필요 없고", "X보다는": X is set aside. "X가 아니라", "X는 아니고": X is denied,
# and the denial reaches back over the whole phrase X as well.
_EXCLUSION = re.compile(
    r"말고|말구|빼고|빼구|제외하고|제외|필요\s?없|필요는\s?없|필요\s?업|안\s?해도|안해도|상관\s?없|"
    r"(?<=[은는])\s?됐고|(?<=[은는])\s?괜찮고|보다는|보다|싫고|싫어|(?P<denial>아니라|아니고|아닌데)"
)
_WONDERING = re.compile(r"(지|진|지는|지도|건가|는가)\s?[?]?\s?(잘\s?)?(모르|몰|확인|기억|헷갈)")
_UNKNOWN_CUE = re.compile(
    r"모르|몰라|몰루|몰겠|글쎄|기억\s?(이|이\s)?\s?(잘\s?)?안|"
    r"확인\s?(을|은|도)?\s?(해\s?본\s?적\s?(은|이|도)?|해\s?봤|해\s?본)?\s?(안|못|없)|"
    r"헷갈|애매|확실하지|확실하게는|확실히는|말\s?못\s?하겠|말하기\s?어렵|장담|idk|don'?t know|"
    r"잘\s?몰|봐야\s?알|수도\s?있고|것\s?같기도|"
    r"거\s?같기도|긴가민가|반반"
)

Span = tuple[int, int]


@dataclass
class _Words:
    """The words of a normalised text with their spans, punctuation splitting words too."""

    spans: list[Span]

    @classmethod
    def of(cls, text: str) -> _Words:
        return cls([m.span() for m in re.finditer(r"[^\s.,!?~…;:()\[\]\"'“”‘’]+", text)])

    def index_at(self, position: int) -> int | None:
        for index, (start, end) in enumerate(self.spans):
            if start <= position < end:
                return index
        return None

    def index_before(self, position: int) -> int | None:
        """The last word ending at or before ``position``."""
        found = None
        for index, (_start, end) in enumerate(self.spans):
            if end <= position:
                found = index
        return found


def _gap_has_punctuation(text: str, start: int, end: int) -> bool:
    return any(char in _PUNCT for char in text[start:end])


def _object_before(text: str, words: _Words, position: int) -> Span | None:
    """The span of what a negation at ``position`` negates in front of it: the previous word,
    skipping adverbs ("여유가 전혀 없어요" -> 여유가), taking in a bound noun's modifier ("틀린 거
    없어요" -> 틀린 거), stopping at punctuation, answer words and clause ends."""
    index = words.index_before(position)
    limit = position
    skipped = 0
    while index is not None and index >= 0:
        start, end = words.spans[index]
        word = text[start:end]
        if _gap_has_punctuation(text, end, limit):
            return None
        if word in _ADVERBS and skipped < 2:
            skipped += 1
            limit = start
            index -= 1
            continue
        if word in _ANSWER_WORDS or (_CLAUSE_END.search(word) and word not in _BOUND_NOUNS):
            return None
        if word in _BOUND_NOUNS:
            # A bound or light noun is what its modifier makes it: "기초연금 받을 나이 아니에요"
            # denies the whole phrase, not just "나이".
            return _clause_before(text, words, end, max_words=3)[0], end
        return start, end
    return None


def _clause_before(text: str, words: _Words, position: int, max_words: int = 5) -> Span:
    """From the start of the clause that ``position`` ends back to ``position``: words back to
    punctuation, the start, or a word closing an earlier clause ("나눠 내고 | 요금 조정은 말고")."""
    index_here = words.index_at(position)
    start = position
    if index_here is not None and words.spans[index_here][0] < position:
        start = words.spans[index_here][0]
    index = words.index_before(start)
    taken = 0
    while index is not None and index >= 0 and taken < max_words:
        word_start, word_end = words.spans[index]
        word = text[word_start:word_end]
        if _gap_has_punctuation(text, word_end, start) or word in _ANSWER_WORDS:
            break
        if _CLAUSE_END.search(word) and word not in _BOUND_NOUNS:
            break
        start = word_start
        taken += 1
        index -= 1
    return start, position


def mark(text: str) -> tuple[list[str], list[str]]:
    """Per character of ``text``: its mark ('', NEGATED, EXCLUDED, DOUBTED, or NEGATOR for the
    negator itself), and the features that join each negation with what it negates.

    The rules run from the widest reading to the narrowest, and a character keeps the first
    mark it gets: what is only wondered about ("정지됐는지 모르겠어요") is neither stated nor
    denied, and what is set aside ("요금 조정은 말고") is not then re-read as a negated verb.
    """
    marker = _Marker(text)
    marker.doubts()
    marker.exclusions()
    marker.short_negations()
    marker.long_negations()
    marker.denials()
    return marker.marks, marker.joined


class _Marker:
    """The state of :func:`mark`: the text, its words, the marks so far, the join features."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _Words.of(text)
        self.marks: list[str] = [""] * len(text)
        self.joined: list[str] = []

    def set_span(self, span: Span | None, value: str) -> None:
        if span is None:
            return
        for position in range(span[0], span[1]):
            if not self.marks[position] and not self.text[position].isspace():
                self.marks[position] = value

    def doubts(self) -> None:
        """ "정지됐는지 모르겠어요": the clause before "-지 모르" is only wondered about."""
        for match in _WONDERING.finditer(self.text):
            self.set_span(_clause_before(self.text, self.words, match.end(1)), DOUBTED)

    def exclusions(self) -> None:
        """ "X 말고", "X는 필요 없고", "X보다는" set X aside; "X가 아니라" denies it."""
        for match in _EXCLUSION.finditer(self.text):
            if match.group(0).startswith("아니") and _at_sentence_start(self.text, match.start()):
                continue  # "아니고요, …" at the start is an answer, not an exclusion
            span = _clause_before(self.text, self.words, match.start())
            if span[1] > span[0]:
                self.set_span(span, NEGATED if match.group("denial") else EXCLUDED)
                self.joined.append("X:" + self.text[span[0] : span[1]].replace(" ", "")[:2])

    def short_negations(self) -> None:
        """안/못 + verb: the verb, and what it acts on ("정지 안 됐어요", "전화가 안 돼요")."""
        text, words = self.text, self.words
        for match in _SHORT_NEGATION.finditer(text):
            at = match.start()
            if self.marks[at] or not _is_short_negator(text, at):
                continue
            self.marks[at] = NEGATOR
            verb_start = at + 1
            while verb_start < len(text) and text[verb_start] == " ":
                verb_start += 1
            verb_index = words.index_at(verb_start)
            if verb_index is None:
                continue
            self.set_span((verb_start, words.spans[verb_index][1]), NEGATED)
            self.joined.append("N:" + text[verb_start])
            own = words.index_at(at)
            if own is not None and words.spans[own][0] < at:
                self.set_span((words.spans[own][0], at), NEGATED)  # "정지안됐어요": 정지 too
                target: Span | None = (words.spans[own][0], at)
            else:
                target = _object_before(text, words, at)
                self.set_span(target, NEGATED)
            if target is not None:
                self.joined.append("N:" + text[target[0] : target[0] + 2] + "+" + text[verb_start])

    def long_negations(self) -> None:
        """ "-지 않다", "-지 못하다", "-진 않았어요": the verb before 지, and what it acts on."""
        for match in _LONG_NEGATION.finditer(self.text):
            negator_at = match.start(2)
            if self.marks[negator_at] not in ("", NEGATOR) or self.marks[match.start()]:
                continue
            self.marks[negator_at] = NEGATOR
            index = self.words.index_at(match.start())
            if index is None:
                continue
            verb = (self.words.spans[index][0], match.start())
            self.set_span(verb, NEGATED)
            self.joined.append("N:" + self.text[verb[0] : verb[0] + 1])
            self.set_span(_object_before(self.text, self.words, verb[0]), NEGATED)

    def denials(self) -> None:
        """ "X 없어요", "X 아니에요": X is denied ("장애는 없어요", "수급자는 아니에요")."""
        for pattern, tag in ((_NOT_EXIST, "E:"), (_NOT_BE, "B:")):
            for match in pattern.finditer(self.text):
                at = match.start()
                if self.marks[at]:
                    continue
                own = self.words.index_at(at)
                if own is not None and self.words.spans[own][0] < at:
                    denied: Span | None = (self.words.spans[own][0], at)  # "문제없어요"
                else:
                    denied = _object_before(self.text, self.words, at)
                if denied is None:
                    continue
                self.set_span(denied, NEGATED)
                self.joined.append(tag + self.text[denied[0] : denied[1]].replace(" ", "")[:2])


def _at_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in _PUNCT


def _is_short_negator(text: str, at: int) -> bool:
    """Whether the 안 or 못 at ``at`` negates a verb (not 미안, 불안, 동안, 잘못, 안녕 ...)."""
    char = text[at]
    before = text[at - 1] if at > 0 else " "
    after_at = at + 1
    if after_at < len(text) and text[after_at] == " ":
        after_at += 1
    if after_at >= len(text) or not _is_hangul(text[after_at]):
        return False
    if char == "안":
        if before in _NOT_NEGATOR_BEFORE_AN:
            return False
        if _REQUEST_IDIOM.match(text, at) and text[:at].rstrip().endswith("면"):
            return False  # "나눠 내면 안 될까요?" asks for it; it does not refuse it
        return text[at : at + 2] not in _NOT_NEGATOR_AN_WORDS
    return before not in _NOT_NEGATOR_BEFORE_MOT


def _is_hangul(char: str) -> bool:
    return "가" <= char <= "힣"


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
            r"요금제|할인|감면|깎|싼|싸게|싸지|저렴|낮추|낮춰|낮출|낮게|내려|내리|줄이|줄여|줄일|줄였|"
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


Features = dict[str, int]


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
    for start, end in _Words.of(text).spans:
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
    if _UNKNOWN_CUE.search(text) or _UNKNOWN_CUE.search(text.replace(" ", "")):
        add("U!", 4)
    return features


# --- The model ------------------------------------------------------------------------------

OTHER = "other"
YES = "yes"
NO = "no"


class LogisticRegression:
    """Softmax regression over sparse features, trained by a few epochs of stochastic gradient
    descent with L2 shrinkage on the weights a sentence touches.

    Why not naive Bayes: with one yes/no classifier per goal the "no" side holds far more
    sentences, and multinomial naive Bayes then lets any shared feature ("요", "^a") count as
    evidence for the smaller side: "asdf" and "합니다" came out as all three goals. Logistic
    regression weighs each feature by what it tells apart, and a feature it never saw adds
    nothing, so text unlike any training sentence falls to the class biases (toward "other" and
    "not this goal"), i.e. to no reading.
    """

    def __init__(
        self,
        labels: Sequence[str],
        documents: Sequence[tuple[str, Features]],
        seed: int = 20261128,
        l2: float | None = None,
    ) -> None:
        self.labels: tuple[str, ...] = tuple(labels)
        label_index = {label: position for position, label in enumerate(self.labels)}
        feature_index: dict[str, int] = {}
        rows: list[tuple[int, list[int]]] = []
        for label, features in documents:
            ids: list[int] = []
            for feature, weight in features.items():
                ids.extend([feature_index.setdefault(feature, len(feature_index))] * weight)
            rows.append((label_index[label], ids))
        classes = len(self.labels)
        weights = [[0.0] * len(feature_index) for _ in range(classes)]
        biases = [0.0] * classes
        order = list(range(len(rows)))
        shuffler = random.Random(seed)
        for epoch in range(EPOCHS):
            shuffler.shuffle(order)
            rate = LEARNING_RATE / (1.0 + epoch / 4.0)
            shrink = 1.0 - rate * (L2 if l2 is None else l2)
            for row in order:
                target, ids = rows[row]
                scores = [
                    bias + sum(map(class_weights.__getitem__, ids))
                    for bias, class_weights in zip(biases, weights, strict=False)
                ]
                top = max(scores)
                exponentials = [math.exp(score - top) for score in scores]
                total = sum(exponentials)
                for position in range(classes):
                    gradient = exponentials[position] / total - (position == target)
                    if -1e-3 < gradient < 1e-3:
                        continue
                    step = rate * gradient
                    class_weights = weights[position]
                    for feature_id in ids:
                        class_weights[feature_id] = class_weights[feature_id] * shrink - step
                    biases[position] -= step
        self.biases: tuple[float, ...] = tuple(biases)
        self.weights: dict[str, tuple[float, ...]] = {
            feature: tuple(class_weights[position] for class_weights in weights)
            for feature, position in feature_index.items()
        }

    def to_dict(self) -> dict[str, object]:
        """The trained model as plain data (saved by the role model's cache)."""
        return {
            "labels": list(self.labels),
            "biases": list(self.biases),
            "weights": {feature: list(row) for feature, row in self.weights.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LogisticRegression:
        """A model saved by ``to_dict``, without training."""
        model = cls.__new__(cls)
        model.labels = tuple(str(label) for label in data["labels"])
        model.biases = tuple(float(bias) for bias in data["biases"])
        model.weights = {
            str(feature): tuple(float(value) for value in row)
            for feature, row in data["weights"].items()
        }
        return model

    def posterior(self, features: Features) -> list[float]:
        scores = list(self.biases)
        for feature, weight in features.items():
            row = self.weights.get(feature)
            if row is None:
                continue
            for position, value in enumerate(row):
                scores[position] += weight * value
        top = max(scores)
        exponentials = [math.exp(score - top) for score in scores]
        total = sum(exponentials)
        return [value / total for value in exponentials]

    def best(self, features: Features) -> tuple[str, float]:
        probabilities = self.posterior(features)
        position = max(range(len(probabilities)), key=probabilities.__getitem__)
        return self.labels[position], probabilities[position]

    def probability(self, label: str, features: Features) -> float:
        return self.posterior(features)[self.labels.index(label)]


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
