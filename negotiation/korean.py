"""Korean particles that depend on the word before them (을/를, 은/는, 이/가, 으로/로).

The coach fills figures and names into sentences, so the particle must follow the sound of the
last syllable: "35만원을", "밀린 기간을", "KT로", "알뜰폰으로".
"""

from __future__ import annotations

# How the last Latin letter or digit is read aloud: True where the reading ends in a consonant
# (받침), and "rieul" where it ends in ㄹ (which takes 로 rather than 으로).
_LATIN_ENDINGS: dict[str, bool | str] = {
    "0": True,
    "1": "rieul",
    "2": False,
    "3": True,
    "4": False,
    "5": False,
    "6": True,
    "7": "rieul",
    "8": "rieul",
    "9": False,
    "l": "rieul",
    "m": True,
    "n": True,
    "r": False,
}
_PAIRS = {
    "을": ("을", "를"),
    "를": ("을", "를"),
    "은": ("은", "는"),
    "는": ("은", "는"),
    "이": ("이", "가"),
    "가": ("이", "가"),
    "과": ("과", "와"),
    "와": ("과", "와"),
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
    "이에요": ("이에요", "예요"),
    "예요": ("이에요", "예요"),
}


def _final(word: str) -> bool | str:
    """True (a final consonant), "rieul" (ㄹ), or False (a vowel) for the word's last sound."""
    stripped = word.rstrip(" )]'\"")
    if not stripped:
        return False
    last = stripped[-1]
    if "가" <= last <= "힣":
        jong = (ord(last) - 0xAC00) % 28
        if jong == 0:
            return False
        return "rieul" if jong == 8 else True
    ending: bool | str = _LATIN_ENDINGS.get(last.lower(), False)
    return ending


def josa(word: str, particle: str) -> str:
    """``word`` followed by the form of ``particle`` that fits its last sound."""
    with_final, without_final = _PAIRS[particle]
    final = _final(word)
    if with_final == "으로":
        return word + ("으로" if final is True else "로")
    return word + (with_final if final else without_final)
