"""Marking what a sentence negates, sets aside or only wonders about, for the choice reader.

Before the choice reader (``negotiation.choices``) takes n-grams, the negated part of a sentence
is marked, so that its n-grams become different features from the plain ones: "정지 안 됐어요"
does not share "됐어요" with "정지됐어요". The rules are described in ``choices``'s docstring;
``mark`` gives, for each character of a normalised text, its mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
UNKNOWN_CUE = re.compile(
    r"모르|몰라|몰루|몰겠|글쎄|기억\s?(이|이\s)?\s?(잘\s?)?안|"
    r"확인\s?(을|은|도)?\s?(해\s?본\s?적\s?(은|이|도)?|해\s?봤|해\s?본)?\s?(안|못|없)|"
    r"헷갈|애매|확실하지|확실하게는|확실히는|말\s?못\s?하겠|말하기\s?어렵|장담|idk|don'?t know|"
    r"잘\s?몰|봐야\s?알|수도\s?있고|것\s?같기도|"
    r"거\s?같기도|긴가민가|반반"
)

Span = tuple[int, int]


@dataclass
class Words:
    """The words of a normalised text with their spans, punctuation splitting words too."""

    spans: list[Span]

    @classmethod
    def of(cls, text: str) -> Words:
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


def _object_before(text: str, words: Words, position: int) -> Span | None:
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


def _clause_before(text: str, words: Words, position: int, max_words: int = 5) -> Span:
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
        self.words = Words.of(text)
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
