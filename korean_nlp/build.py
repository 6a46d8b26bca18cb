"""Write the Korean spaCy pipeline to a folder that Rasa's SpacyNLP can load.

python -m korean_nlp.build models/spacy_ko_kiwi
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

from korean_nlp.tokenizer import REGISTERED_NAME


def build(path: Path) -> None:
    nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": REGISTERED_NAME}}})
    nlp.meta["name"] = "ko_kiwi_coach"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = (
        "Blank Korean pipeline with Kiwi morphemes as tokens, built by "
        "the 미납 협상 코치 project (no pretrained weights)."
    )
    nlp.to_disk(path)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "models/spacy_ko_kiwi")
    build(target)
    print(f"wrote {target}")
