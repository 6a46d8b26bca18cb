"""Which plan option a person picks, by position ("2번") or in their own words ("취직되면 더
내는 쪽으로").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from negotiation.text import normalise

# Words for a kind of plan. Ordinals ("1번", "두 번째") are places in the list shown, not kinds:
# see OPTION_POSITIONS.
OPTION_CUES: dict[str, Sequence[str]] = {
    "step_up": (
        "나중에 늘",
        "늘려",
        "점점",
        "단계",
        "처음엔 적게",
        "처음에는 적게",
        "처음엔 조금",
        "처음에 적게",
        "처음에 조금",
        "나중에 많이",
        "나중에 더",
        "step",
        "마지막 거",
        "마지막거",
        "나중 방법",
        "늘리는",
    ),
    "fastest": ("빨리", "빠른", "최대한", "fast", "빠르게", "얼른", "빨리 갚", "먼저 거", "짧게"),
    "even": (
        "골고루",
        "고루",
        "고르게",
        "균등",
        "똑같이",
        "일정하게",
        "even",
        "비슷하게",
        "같은 금액",
        "고른",
        "같은 돈",
        "매달 같게",
        "equal",
    ),
}


# "1번", "두 번째": a place in the list of options shown, whatever kinds the plan holds (a plan
# that does not fit the budget has only the even option, so "1번" means that one).
OPTION_POSITIONS = {
    # "이걸로 할게요" after the lines to say: the one those lines propose, the first shown.
    1: (
        "1번",
        "첫 번째",
        "첫번째",
        "첫째",
        "first",
        "맨 위",
        "맨위",
        "위에 거",
        "위에꺼",
        "보여주신",
        "이걸로",
        "그걸로",
        "이거로",
        "그거로",
        "제안해 주신",
        "제안해주신",
        "추천해 주신",
        "추천해주신",
        "첫번",
        "1st",
    ),
    2: ("2번", "두 번째", "두번째", "둘째", "second", "2nd"),
    3: ("3번", "세 번째", "세번째", "셋째", "third", "3rd"),
}


def find_option_position(text: str) -> int | None:
    bare = re.fullmatch(
        r"\s*([1-3])\s*(번|번째|번이요|요|로|으로|로요|로 할게요)?\s*[.!~]*\s*", text
    )
    if bare:
        return int(bare.group(1))  # "2" answering "어떤 방법으로 제안하시겠어요?"
    return _first_with_a_cue(text, OPTION_POSITIONS)


# Options chosen in the person's own words, beyond the cue words: "일 구하고 더 내는 걸로" (pay
# more later: step-up), "되는 만큼만 내는 걸로" (what I can pay), "오늘 싹 다 낼게요" (all today).
STEP_UP_IN_WORDS = re.compile(
    # "취직되면 더 내는 쪽으로", "연봉 오르고 나서 더 내는", "할부 끝나고 더 갚는 방식", "나중에 일
    # 댕기믄 많이 내는 걸로", "취직하고 나서 내는 쪽으로요": more, or only, after something changes.
    r"(나중|뒤|후에|후로|후부터|부터|면|믄|고\s|고서|나서|끝나|되면|시작하고)"
    r"[가-힣\s]{0,12}(더|많이|마이|늘려)\s?(많이\s?)?(내|갚|낼|넣|부)|"
    # "처음엔 쪼금만 내다가 …", "처음엔 조금씩 내고": little first
    r"처음\s?(엔|에는|에)\s?(쪼매|쪼끔|쪼금|조금|적게|쬐끔|좀)|"
    r"(나서|되면|하면|하믄|나가면|나가믄|끝나면|끝나고|시작하면|생기면|들어오면)\s?"
    r"[가-힣\s]{0,4}(내는|갚는|낼)\s?(걸로|거로|것으로|방식|방법|쪽|플랜)|"
    r"pay\s?more\s?(later|after|when|once)|more\s?(later|after)|"
    r"(after|when|once)\s?.{0,30}(pay|paying)\s?more|step[\s-]?up|increase\s?later|"
    r"starts?\s?(small|low|with\s?less)|small(er)?\s?(first|at\s?first)|less\s?(first|at\s?first)"
)


WITHIN_BUDGET_IN_WORDS = re.compile(r"낼\s?수\s?있는\s?만큼|되는\s?만큼|가능한\s?만큼")


ALL_TODAY_IN_WORDS = re.compile(r"(오늘|지금|바로)[가-힣\s]{0,6}(다|전부|한\s?번에)\s?(낼|갚)")


def find_option(text: str) -> str | None:
    lowered = normalise(text)
    if STEP_UP_IN_WORDS.search(lowered):
        return "step_up"
    if WITHIN_BUDGET_IN_WORDS.search(lowered):
        return "within_budget"
    if ALL_TODAY_IN_WORDS.search(lowered):
        return "lump_sum"
    return _first_with_a_cue(text, OPTION_CUES)


Key = TypeVar("Key")


def _first_with_a_cue(text: str, cues_by_key: Mapping[Key, Sequence[str]]) -> Key | None:
    """The first key (in the table's order) one of whose cue words is in the text."""
    lowered = normalise(text)
    for key, cues in cues_by_key.items():
        if any(cue in lowered for cue in cues):
            return key
    return None
