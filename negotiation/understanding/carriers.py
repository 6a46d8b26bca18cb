"""Which carrier the line is with, by name, brand or how people write it (MVNO brands first:
several contain a big carrier's name).
"""

from __future__ import annotations

import re

from negotiation.text import normalise

CARRIER_SYNONYMS: list[tuple[str, str]] = [
    # MVNO brands first: several contain a big carrier's name ("KT엠모바일", "SK세븐모바일").
    ("kt엠모바일", "MVNO"),
    ("kt m모바일", "MVNO"),
    ("kt m 모바일", "MVNO"),
    ("sk세븐모바일", "MVNO"),
    ("세븐모바일", "MVNO"),
    ("u+유모바일", "MVNO"),
    ("유모바일", "MVNO"),
    ("lg헬로", "MVNO"),
    ("헬로모바일", "MVNO"),
    ("리브엠", "MVNO"),
    ("liiv m", "MVNO"),
    ("토스모바일", "MVNO"),
    ("티플러스", "MVNO"),
    ("이야기모바일", "MVNO"),
    ("프리티", "MVNO"),
    ("모빙", "MVNO"),
    ("스카이라이프", "MVNO"),
    ("아이즈모바일", "MVNO"),
    ("에넥스", "MVNO"),
    ("알뜰폰", "MVNO"),
    ("알뜰 폰", "MVNO"),
    ("mvno", "MVNO"),
    ("알뜰요금", "MVNO"),
    ("kb리브", "MVNO"),
    ("이지모바일", "MVNO"),
    ("이지 모바일", "MVNO"),
    ("케이티엠", "MVNO"),
    ("케이티 엠", "MVNO"),
    ("리브모바일", "MVNO"),
    ("리브 모바일", "MVNO"),
    ("kb 리브", "MVNO"),
    ("sk7모바일", "MVNO"),
    ("sk7 모바일", "MVNO"),
    ("sk 7모바일", "MVNO"),
    ("sk7", "MVNO"),
    ("세븐 모바일", "MVNO"),
    ("헬로 모바일", "MVNO"),
    ("kt m mobile", "MVNO"),
    ("u+ 유모바일", "MVNO"),
    ("유플모바일", "MVNO"),
    ("스마텔", "MVNO"),
    ("smartel", "MVNO"),
    ("인스모바일", "MVNO"),
    ("세종텔레콤", "MVNO"),
    ("스노우맨", "MVNO"),
    ("핀다이렉트", "MVNO"),
    ("마이월드", "MVNO"),
    ("유니컴즈", "MVNO"),
    ("아이즈비전", "MVNO"),
    ("큰사람", "MVNO"),
    ("프리텔레콤", "MVNO"),
    ("한국케이블텔레콤", "MVNO"),
    ("lg u+", "LGU+"),
    ("lgu+", "LGU+"),
    ("lg유플러스", "LGU+"),
    ("lg 유플러스", "LGU+"),
    ("엘지유플러스", "LGU+"),
    ("엘지 유플러스", "LGU+"),
    ("유플러스", "LGU+"),
    ("u+", "LGU+"),
    ("엘지", "LGU+"),
    ("엘쥐", "LGU+"),
    ("lgt", "LGU+"),
    ("lg", "LGU+"),
    ("유플", "LGU+"),
    ("sk텔레콤", "SKT"),
    ("sk 텔레콤", "SKT"),
    ("에스케이텔레콤", "SKT"),
    ("에스케이티", "SKT"),
    ("에스케이", "SKT"),
    ("에쓰케이", "SKT"),
    ("티월드", "SKT"),
    ("t world", "SKT"),
    ("tworld", "SKT"),
    ("skt", "SKT"),
    ("sk", "SKT"),
    ("에스케이 텔레콤", "SKT"),
    ("스크", "SKT"),
    ("케이티", "KT"),
    ("케티", "KT"),
    ("올레", "KT"),
    ("olleh", "KT"),
    ("kt", "KT"),
]


# "알뜰" names the kind of line whatever big carrier's network it runs on ("엘지유플 알뜰모바일",
# "KT 알뜰폰"); "알뜰한 요금제" is a cheap plan, not a carrier.
MVNO_WORD = re.compile(r"알뜰(?!\s?(한|하게|히|하다|해))")


def find_carrier(text: str) -> str | None:
    lowered = normalise(text)
    if MVNO_WORD.search(lowered):
        return "MVNO"
    for synonym, carrier in CARRIER_SYNONYMS:
        if re.fullmatch(r"[a-z+ ]+", synonym):
            # Latin names must stand alone: "sk" is not a carrier inside "desk" or "ask".
            if re.search(rf"(?<![a-z]){re.escape(synonym)}(?![a-z])", lowered):
                return carrier
        elif synonym in lowered:
            return carrier
    return None
