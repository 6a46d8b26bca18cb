"""Word classes read as Kiwi lemmas (``data/lexicon.yml``).

Kiwi splits a message into morphemes; this module joins them back into lemmas (a verb stem + 다,
a noun + its 되다/하다 suffix as one verb) and says which class of the lexicon each belongs to,
with its character offsets. A class found this way is the same whatever the inflection, spacing or
politeness: 청구돼요, 청구됩니다 and 청구되는데 are all 청구되다.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from negotiation.clauses import Morpheme, morphemes
from negotiation.data import load

# Kiwi's tags for a stem that takes 다 in its dictionary form, and for the suffixes that make a
# noun into a verb or an adjective.
_STEM_TAGS = ("VV", "VA", "VX")
_VERB_SUFFIX_TAGS = ("XSV", "XSA")
_WORD_TAGS = ("NNG", "NNP", "MAG", "MM", "NR")
# What a verb suffix joins to make one verb (청구 + 되다, 더 + 하다).
_JOINS_A_SUFFIX = ("NNG", "NNP", "MAG")


@dataclass(frozen=True)
class Word:
    """A lemma of the message, its character offsets, and the lexicon classes it belongs to."""

    lemma: str
    start: int
    end: int
    classes: frozenset[str]


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """Lemma -> the classes it belongs to."""
    classes: dict[str, set[str]] = {}
    for name, entry in load("lexicon")["classes"].items():
        for lemma in entry["lemmas"]:
            classes.setdefault(str(lemma), set()).add(name)
    return {lemma: frozenset(names) for lemma, names in classes.items()}


def _lemmas(tokens: list[Morpheme]) -> list[tuple[str, int, int]]:
    """(lemma, start, end) for each word Kiwi found, nouns joined with their verb suffix."""
    lemmas: list[tuple[str, int, int]] = []
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else None
        if token.tag in _VERB_SUFFIX_TAGS:
            if (
                previous is not None
                and previous.end == token.start
                and previous.tag in _JOINS_A_SUFFIX
                and lemmas
                and lemmas[-1][2] == previous.end
            ):
                # 청구 + 되 -> 청구되다, 더 + 하 -> 더하다
                noun, start, _ = lemmas.pop()
                lemmas.append((noun + token.form + "다", start, token.end))
            else:
                # "2만 해서 7만", "12만 해서": a suffix standing for itself after an amount,
                # written "+하다" in the lexicon so that it is never taken for a verb's ending.
                lemmas.append(("+" + token.form + "다", token.start, token.end))
        elif token.tag in _STEM_TAGS:
            lemmas.append((token.form + "다", token.start, token.end))
        elif token.tag in _WORD_TAGS:
            if (
                previous is not None
                and previous.tag in ("NNG", "NNP")
                and previous.end == token.start
            ):
                # Compounds written as one word ("카드값", "미납액"): the whole and its parts.
                noun, start, _ = lemmas[-1]
                lemmas.append((noun + token.form, start, token.end))
            lemmas.append((token.form, token.start, token.end))
    return lemmas


@lru_cache(maxsize=512)
def words(text: str) -> tuple[Word, ...]:
    """Every lemma of ``text`` that the lexicon classifies, in order."""
    table = lexicon()
    found = []
    for lemma, start, end in _lemmas(morphemes(text)):
        classes = table.get(lemma)
        if classes:
            found.append(Word(lemma, start, end, classes))
    return tuple(found)


def classes_in(text: str, start: int = 0, end: int | None = None) -> frozenset[str]:
    """The classes of the lemmas that lie within ``text[start:end]``."""
    stop = len(text) if end is None else end
    names: set[str] = set()
    for word in words(text):
        if word.start >= start and word.end <= stop:
            names |= word.classes
    return frozenset(names)


def mask(text: str, classes: frozenset[str]) -> str:
    """``text`` with the words of these classes blanked out (same length), so that a pattern
    meant for another word does not fire inside them: the 됩 of 청구됩니다 is not "that much is
    possible"."""
    chars = list(text)
    for word in words(text):
        if word.classes & classes:
            chars[word.start : word.end] = " " * (word.end - word.start)
    return "".join(chars)
