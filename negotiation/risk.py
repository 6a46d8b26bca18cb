"""What may happen next if the bill stays unpaid, drawn only from data/facts.yml.

Each step says roughly when it may come for this person, states its source, and words weak facts
as "generally known". The timeline never promises: the carrier's own terms decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from negotiation.data import load

SUSPENSION_SINGLE_BILL_THRESHOLD = 77_000  # 원 with VAT, from facts.yml suspension_triggers
KAIT_MIN_AMOUNT = 10_000
KAIT_MIN_MONTHS = 3
CREDIT_MIN_AMOUNT = 100_000
CREDIT_GRACE_RANGE = (100_000, 300_000)


@dataclass(frozen=True)
class RiskStep:
    key: str
    when: str  # roughly when, in Korean
    text: str
    source: str
    weak: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "when": self.when,
            "text": self.text,
            "source": self.source,
            "weak": self.weak,
        }


def _fact(key: str) -> dict[str, object]:
    fact: dict[str, object] = load("facts")["facts"][key]
    return fact


def _step(key: str, when: str) -> RiskStep:
    fact = _fact(key)
    return RiskStep(
        key=key,
        when=when,
        text=str(fact["text"]),
        source=str(fact["source"]),
        weak=bool(fact.get("weak", False)),
    )


def risk_timeline(
    carrier: str | None,
    months_overdue: int | None,
    arrears_amount: int | None,
    suspended: bool | None,
) -> list[RiskStep]:
    """The steps that may come next for this person, in the order they would come."""
    months = int(months_overdue or 0)
    amount = int(arrears_amount or 0)
    steps: list[RiskStep] = []

    if not suspended:
        if months >= 2 or amount >= SUSPENSION_SINGLE_BILL_THRESHOLD:
            when = "곧 (정지 통지를 받았다면 통지에 적힌 날부터)"
        else:
            when = "요금이 한 번 더 밀리면"
        steps.append(_step("notice_before_suspension", "정지 전"))
        steps.append(_step("suspension_triggers", when))
    if carrier == "SKT":
        steps.append(_step("suspension_length_skt", "정지된 뒤" if suspended else "정지되면"))
    elif carrier == "KT":
        steps.append(_step("suspension_length_kt", "정지된 뒤" if suspended else "정지되면"))

    steps.append(
        _step("termination", "지금부터 얼마 안 가서" if months >= 2 else "미납 2~3개월째쯤")
    )
    steps.append(_step("late_fee", "밀린 동안"))

    if amount >= KAIT_MIN_AMOUNT:
        when = (
            "이미 해당될 수 있어요"
            if months >= KAIT_MIN_MONTHS
            else f"미납 {KAIT_MIN_MONTHS}개월째부터"
        )
        steps.append(_step("kait_list", when))
        steps.append(_step("kait_new_subscription", "연체 정보에 오른 뒤"))
    if amount >= CREDIT_MIN_AMOUNT:
        steps.append(_step("credit_record", "미납 3개월이 넘고 보증보험이 대신 갚은 뒤"))
        if CREDIT_GRACE_RANGE[0] <= amount <= CREDIT_GRACE_RANGE[1]:
            steps.append(_step("credit_grace", "지금 갚으면"))
    return steps


def reminder() -> str:
    return str(load("facts")["reminder"])
