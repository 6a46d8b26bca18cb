"""A spaCy tokenizer that splits Korean into Kiwi morphemes, with exact character offsets.

Kiwi returns morphemes that may overlap in the text ("했어요" is 하/VV + 었/EP over the same
character "했", then 어요/EF). spaCy needs words that follow each other without overlap, so
morphemes that share characters become one word; its lemma joins their forms ("하+었") and its
tag joins their tags. Every word is the exact slice of the text it came from, so token offsets
(and entity spans) line up with what the person typed.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

REGISTERED_NAME = "coach.KiwiTokenizer.v1"


def kiwi_words(kiwi, text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, lemma, tag) for each non-overlapping word of ``text``."""
    words: list[list] = []
    for token in kiwi.tokenize(text):
        start, end = token.start, token.start + token.len
        if words and start < words[-1][1]:
            word = words[-1]
            word[1] = max(word[1], end)
            word[2] += "+" + token.form
            word[3] += "+" + token.tag
        else:
            words.append([start, end, token.form, token.tag])
    return [tuple(word) for word in words]


class KiwiTokenizer:
    """Callable spaCy tokenizer: text -> Doc of Kiwi words with lemma_ and tag_ set."""

    def __init__(self, vocab: Vocab):
        from kiwipiepy import Kiwi  # loaded once per pipeline; the model ships with kiwipiepy

        self.vocab = vocab
        self.kiwi = Kiwi()

    def __call__(self, text: str) -> Doc:
        surfaces: list[str] = []
        spaces: list[bool] = []
        annotations: list[tuple[str, str]] = []
        position = 0
        for start, end, lemma, tag in [
            *kiwi_words(self.kiwi, text),
            (len(text), len(text), "", ""),
        ]:
            gap = text[position:start]
            if gap.startswith(" ") and surfaces:
                spaces[-1] = True  # one plain space belongs to the word before it
                gap = gap[1:]
            if gap:
                # Anything else between words (more spaces, a newline, a character Kiwi did
                # not keep) becomes a token of its own, so that offsets never drift.
                surfaces.append(gap)
                spaces.append(False)
                annotations.append((gap, "SW" if gap.strip() else "_SP"))
            if end > start:
                surfaces.append(text[start:end])
                spaces.append(False)
                annotations.append((lemma, tag))
            position = end
        doc = Doc(self.vocab, words=surfaces, spaces=spaces)
        for token, (lemma, tag) in zip(doc, annotations, strict=False):
            token.lemma_ = lemma
            token.tag_ = tag
        return doc

    # spaCy serialises the tokenizer with the pipeline; Kiwi needs no state of its own.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> KiwiTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        path.mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs) -> KiwiTokenizer:
        return self


@registry.tokenizers(REGISTERED_NAME)
def create_kiwi_tokenizer():
    def make(nlp):
        return KiwiTokenizer(nlp.vocab)

    return make
