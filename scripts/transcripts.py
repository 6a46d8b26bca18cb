"""Talk a dozen representative situations to the real coach over REST and write what a person
would read, turn by turn, to docs/transcripts.md (`make transcripts`).

Each situation answers whatever the coach asks (its `requested_slot`) from the person's own
figures, confirms them, and takes the first option offered, so the transcript follows the coach's
real questions rather than a script of them. Structured messages (the cards the web chat draws)
are summarised in one line each, as a reader of the REST output would see them.

    python scripts/transcripts.py [--url http://localhost:5005 --token TOKEN] [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from negotiation.scripts import option_label  # noqa: E402
from tests.servers import Conversation, running_coach  # noqa: E402

# Answers to the coach's questions, by slot; each situation overrides what differs.
ORDINARY = {
    "carrier": "KT요",
    "arrears_amount": "35만원이요",
    "months_overdue": "두 달이요",
    "service_suspended": "아니요 아직 쓸 수 있어요",
    "goals": "분할 납부요",
    "bill_checked": "확인했는데 이상 없어요",
    "monthly_bill": "5만 5천원이요",
    "monthly_budget": "요금까지 합쳐서 15만원이요",
    "lump_sum": "없어요",
    "welfare_status": "해당 없어요",
    "recovery_expected": "아니요 없어요",
    "recovery_months": "3개월 뒤요",
    "recovery_budget": "25만원이요",
    "figures_confirmed": "맞아요",
}

SITUATIONS: list[tuple[str, str, dict[str, str]]] = [
    ("1. 계획이 예산 안에 들어가는 경우 (KT, 정지 전)", "A plan fits in six months.", {}),
    (
        "2. 6개월 안에는 어려운 경우: 낼 수 있는 만큼만 제안 (SKT)",
        "No plan fits: the proposal is what the person can pay, with a warning.",
        {"carrier": "SKT요", "arrears_amount": "120만원이요", "months_overdue": "네 달이요"},
    ),
    (
        "3. 요금을 내고 나면 남는 돈이 없는 경우 (LG U+)",
        "Nothing is left after the bill: no payment is proposed.",
        {
            "carrier": "LG U+요",
            "monthly_bill": "6만원이요",
            "monthly_budget": "요금 포함해서 6만원이 전부예요",
        },
    ),
    (
        "4. 한 번에 다 낼 수 있는 경우 (KT, 정지됨)",
        "The lump sum covers the arrears.",
        {"service_suspended": "네 정지됐어요", "lump_sum": "40만원은 지금 낼 수 있어요"},
    ),
    (
        "5. 형편이 나아질 예정인 경우 (SKT, 처음엔 적게)",
        "A recovery date and budget: a step-up option.",
        {
            "carrier": "SKT요",
            "arrears_amount": "60만원이요",
            "monthly_budget": "요금 포함 9만원이요",
            "recovery_expected": "네 나아질 거예요",
        },
    ),
    (
        "6. 알뜰폰, 이미 정지됨, 생계급여 수급자",
        "MVNO, suspended, livelihood welfare.",
        {
            "carrier": "알뜰폰이에요",
            "service_suspended": "네 정지됐어요",
            "welfare_status": "생계급여 받고 있어요",
            "goals": "정지 유예요",
        },
    ),
    (
        "7. 기초연금 수급자: 할인 뒤 계획을 함께 계산 (KT)",
        "A discount the bill alone decides: a second schedule.",
        {
            "arrears_amount": "40만원이요",
            "monthly_bill": "4만원이요",
            "monthly_budget": "10만원이요",
            "welfare_status": "기초연금 받아요",
        },
    ),
    (
        "8. 정지 여부를 모르는 경우, 주거급여 수급자 (LG U+)",
        "Suspension unknown; housing welfare.",
        {
            "carrier": "LG U+요",
            "service_suspended": "모르겠어요",
            "welfare_status": "주거급여 받고 있어요",
            "bill_checked": "아직 못 봤어요",
        },
    ),
    (
        "9. 차상위계층, 6개월 안에는 어려운 경우 (SKT)",
        "Near poverty and no plan fits.",
        {
            "carrier": "SKT요",
            "arrears_amount": "90만원이요",
            "monthly_budget": "10만원이요",
            "welfare_status": "차상위예요",
            "bill_checked": "소액결제가 제가 안 쓴 게 있어요",
        },
    ),
    (
        "10. 장애인 (KT): 감면 폭은 일반적으로 알려진 내용",
        "A weak fact: hedged.",
        {"welfare_status": "장애인이에요"},
    ),
    (
        "11. 국가유공자, 알뜰폰",
        "Veteran on an MVNO.",
        {"carrier": "알뜰폰이에요", "welfare_status": "국가유공자예요"},
    ),
    (
        "12. 밀린 돈이 적어 다음 달에 한 번에 갚을 수 있는 경우 (KT, 한 달)",
        "A one-month plan is one payment next month.",
        {"arrears_amount": "8만원이요", "months_overdue": "한 달이요"},
    ),
    (
        "13. 3년 넘게 밀린 소액 (SKT)",
        "An old small debt: the 2024 collection rule concerns them.",
        {
            "carrier": "SKT요",
            "arrears_amount": "20만원이요",
            "months_overdue": "40개월이요",
            "service_suspended": "네 정지됐어요",
        },
    ),
]

CARD_TITLES = {
    "stage": "단계",
    "figures": "숫자 확인 카드",
    "installment_plan": "납부 계획 카드",
    "alternatives": "대안 카드",
    "script": "할 말 카드",
    "agreement": "합의 카드",
}


def summarise_card(card: dict[str, Any]) -> str:
    kind = card.get("type", "?")
    if kind == "stage":
        return f"[{card['stage']}단계: {card['title']}]"
    if kind == "installment_plan":
        options = ", ".join(
            f"{option_label(option['kind'])} {option['months']}개월" for option in card["options"]
        )
        return f"[{CARD_TITLES[kind]}: feasible={card['feasible']}, {options}]"
    if kind == "alternatives":
        return f"[{CARD_TITLES[kind]}: " + ", ".join(item["id"] for item in card["items"]) + "]"
    if kind == "agreement":
        option = card.get("option")
        chosen = (
            f"{option_label(option['kind'])} {option['months']}개월"
            if option
            else "없음(요금 인하·정지 유예 요청)"
        )
        return f"[{CARD_TITLES[kind]}: {chosen}; 확인할 것 {len(card['checklist'])}가지]"
    if kind in CARD_TITLES:
        return f"[{CARD_TITLES[kind]}]"
    return f"[{kind}]"


def transcript(servers: dict[str, Any], answers: dict[str, str]) -> list[str]:
    person = Conversation(servers)
    lines: list[str] = []

    def say(text: str) -> None:
        lines.append(f"**나:** {text}\n")
        for reply in person.say(text):
            if reply.get("text"):
                body = reply["text"].replace("\n", "  \n")
                lines.append(f"**코치:** {body}\n")
            if reply.get("buttons"):
                titles = " · ".join(f"[{button['title']}]" for button in reply["buttons"])
                lines.append(f"> 버튼: {titles}\n")
            if isinstance(reply.get("custom"), dict):
                lines.append(f"> {summarise_card(reply['custom'])}\n")

    say("안녕하세요, 요금이 밀려서 상담 준비를 하고 싶어요")
    for _ in range(25):
        slots = person.slots()
        requested = slots.get("requested_slot")
        if requested in answers:
            say(answers[requested])
        elif slots.get("pending_figure"):
            say("네 맞아요")
        elif slots.get("plan_shown") and not slots.get("plan_option") and slots.get("stage") == 5:
            say("네 이걸로 할게요")
        else:
            break
    if not person.custom("agreement"):
        raise SystemExit(f"the conversation stopped before the agreement:\n{''.join(lines[-6:])}")
    return lines


@contextmanager
def coach(url: str | None, token: str | None) -> Iterator[dict[str, Any]]:
    if url:
        yield {"url": url.rstrip("/"), "token": token or ""}
        return
    with tempfile.TemporaryDirectory() as workdir, running_coach(Path(workdir)) as servers:
        yield servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running coach (default: start both servers here)")
    parser.add_argument("--token", help="the running coach's --auth-token")
    parser.add_argument("--out", default=str(ROOT / "docs" / "transcripts.md"))
    arguments = parser.parse_args()
    parts = [
        "# Transcripts: a dozen situations, as the person reads them\n",
        "Generated by `make transcripts` (scripts/transcripts.py) from the real action server and "
        "Rasa server over REST. The person answers the coach's own questions with the figures "
        "listed per situation, confirms them and takes the first option offered. Lines in "
        "`>` are the buttons and the structured messages (cards in the web chat), summarised.\n",
    ]
    with coach(arguments.url, arguments.token) as servers:
        for title, why, overrides in SITUATIONS:
            answers = {**ORDINARY, **overrides}
            parts.append(f"\n## {title}\n\n_{why}_\n")
            parts.extend(transcript(servers, answers))
    Path(arguments.out).write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
