"""Splitting a message into clauses with Kiwi's morphemes, so that a figure is read with its own
predicate.

"요금 40만원 밀렸고 월 요금은 7만원이에요" holds two figures; which is which depends on the clause
each stands in ("밀렸고" makes the first the arrears, "월 요금은" the second the monthly bill), not
on which cue word happens to stand nearer in characters. Kiwi (kiwipiepy, offline, the same
analyser as the NLU's tokenizer) tags each morpheme; a clause ends after a connective ending
(고, 는데, 어서, 지만, 면 …), a sentence ending, or punctuation.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Connective endings that do not end a clause: "90만원 넘게 연체됐어요" (adverbial 게), "내고
# 있어요" / "밀려 있어요" (an auxiliary verb follows), "내지 못했어요" (negation follows).
_JOINING_ENDINGS = ("게", "도", "야", "어야", "아야")
_AUXILIARY_TAGS = ("VX",)
# A clause also ends after "는데" that Kiwi reads as ETM + 데/NNB ("나오는데").
_BOUNDARY_TAGS = ("EF", "SF", "SP", "SE")


@dataclass(frozen=True)
class Morpheme:
    form: str
    tag: str
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    """A stretch of the message with its morphemes; ``start``/``end`` are character offsets."""

    start: int
    end: int
    morphemes: tuple[Morpheme, ...]

    def has_lemma(self, form: str, tag_prefix: str = "") -> bool:
        return any(m.form == form and m.tag.startswith(tag_prefix) for m in self.morphemes)


_kiwi: Any | None = None
_kiwi_lock = threading.Lock()


def _analyser() -> Any:
    """Kiwi, loaded once (about a second) and shared; its model ships with kiwipiepy."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


def warm_up() -> None:
    """Load Kiwi now (servers call this at start so that no person waits for it)."""
    _analyser().tokenize("안녕하세요")


def morphemes(text: str) -> list[Morpheme]:
    return list(_morphemes(text))


@lru_cache(maxsize=4096)
def _morphemes(text: str) -> tuple[Morpheme, ...]:
    """Kiwi's analysis of ``text``, kept for the texts seen last: a message is analysed for its
    clauses, its lexicon words and the second opinion, and each time it is the same."""
    if not text.strip():
        return ()
    return tuple(
        Morpheme(token.form, token.tag, token.start, token.start + token.len)
        for token in _analyser().tokenize(text)
    )


def _ends_clause(current: Morpheme, following: Morpheme | None, previous: Morpheme | None) -> bool:
    if current.tag in _BOUNDARY_TAGS:
        return True
    if current.tag == "EC":
        if current.form in _JOINING_ENDINGS:
            return False
        return not (
            following is not None
            and (following.tag in _AUXILIARY_TAGS or following.form in ("않", "못", "있"))
        )
    return bool(
        current.tag == "NNB"
        and current.form == "데"
        and previous is not None
        and previous.tag == "ETM"
    )


def split_clauses(text: str) -> list[Clause]:
    """The message's clauses, in order, covering the whole text (newlines always split)."""
    clauses: list[Clause] = []
    offset = 0
    for line in text.split("\n"):
        clauses += _split_line(line, offset)
        offset += len(line) + 1
    return clauses


def _split_line(line: str, offset: int) -> list[Clause]:
    tokens = morphemes(line)
    if not tokens:
        return [Clause(offset, offset + len(line), ())] if line.strip() else []
    clauses: list[Clause] = []
    start = 0
    current: list[Morpheme] = []
    for index, token in enumerate(tokens):
        current.append(Morpheme(token.form, token.tag, token.start + offset, token.end + offset))
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        previous = tokens[index - 1] if index else None
        if following is not None and _ends_clause(token, following, previous):
            end = following.start
            clauses.append(Clause(start + offset, end + offset, tuple(current)))
            start, current = end, []
    clauses.append(Clause(start + offset, len(line) + offset, tuple(current)))
    return clauses


def clause_at(clauses: list[Clause], position: int) -> Clause | None:
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause
    return clauses[-1] if clauses else None
