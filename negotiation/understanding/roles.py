"""The one place that decides which figure an amount is.

An amount's role comes from the words of its clause (or of its part of the clause when the
clause holds several amounts): first the word classes of ``data/lexicon.yml`` read as Kiwi
lemmas (so every inflection of 청구되다 is one entry), then the cue patterns below for
constructions of several words. A predicate decides over a noun: in "요금 19만원 밀렸는데" the
요금 is the unpaid bill. A plain name ("밀린", "매달 나오는", "한 번에") wins even over the
question asked; a generic one ("돼요", "가능해요") and none at all leave the amount to the
question asked. What the words cannot settle is asked (``Ambiguity``), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from negotiation.clauses import Clause
from negotiation.money import Found
from negotiation.understanding.lexicon import classes_in, mask
from negotiation.understanding.reading import AMOUNT_SLOTS, Ambiguity, Reading

# Which figure an amount is, from the clause it stands in (see ``role_of``). Each table is a
# pattern over the clause's text (spaces optional: people drop them), strongest kind first.
# A predicate decides over a noun: in "요금 19만원 밀렸는데" the 요금 is the unpaid bill.
ARREARS_PREDICATE = re.compile(
    r"밀리|밀린|밀렸|밀려|밀림|밀린\s?돈|연체|미납|체납|"
    # "못 내요" is unpaid, unless it bounds what can be paid ("10만원밖에/넘게는 못 내요")
    r"(?<!밖에 )(?<!밖에)(?<!넘게는 )(?<!넘게 )(?<!이상은 )(?<!이상 )못\s?(내|낸|냈|냄)|"
    r"안\s?(낸|냈|내서|냄)|갚아야|남은\s?(돈|금액|요금)|빚|총\s?액|쌓였|쌓인|밀렸"
)


BILL_PREDICATE = re.compile(r"나와|나오|나옴|나온|나가요|나가는|청구|기본료|월정액|요금제|빠져나가")


MONTHLY = r"(매달|매월|월|한\s?달|달마다|다달이|보통|평소|평균|monthly)"


BILL_NOUN = r"(요금|통신비|폰비|핸드폰비|휴대폰비|휴대폰\s?요금|인터넷비|전화비|폰값|이용료)"


MONTHLY_BILL = re.compile(
    rf"{MONTHLY}\s?(에\s?)?{BILL_NOUN}|{BILL_NOUN}.{{0,8}}{MONTHLY}|{MONTHLY}\s?.{{0,12}}(내고|내요|내는|냅니다|"
    rf"내왔|내고요|냄|나옵|쓰고)(?!\s?수)"
)


PAYING = (
    r"(낼|내|갚을|넣을|부을|드릴|납부할|할)\s?수\s?(있|있어|있음|있을)|낼\s?만|감당|가능|돼|되요|됨|됩|될|"
    r"괜찮"
)


BUDGET_PLAIN = re.compile(
    rf"{MONTHLY}.{{0,16}}({PAYING}|까지)|예산|감당|여유|최대|까지는?\s?({PAYING}|낼)|"
    r"(낼|갚을|내|쓸)\s?수\s?있는\s?(돈|금액|게|거|건)"
)


# "요금까지 한 달에 11만원", "요금 포함 9만 원": the budget, which includes the bill.
BUDGET_INCLUSIVE = re.compile(
    r"요금\s?(까지|꺼정|까정|꺼지|포함|합쳐|합해|더해|이랑\s?합|하고\s?합)|"
    r"(?<!할부 )(?<!할부)(?<!할부금 )포함\s?해서|"  # "할부 포함해서 10만원": the bill
    r"한계|마지노선|최대치|넘으면\s?안|(이상|넘게)\s?(은|는)?\s?(못|안|무리)|총\s?예산|감당|"
    r"밖에\s?(못|안)\s?(내|낼|갚|돼|되)|무리|벅차|힘들|어려"
)


# "요금은 요금대로 내고 5만원 더", "요금 말고 7만원": an amount beyond the bill. The phrase about
# the bill often stands in a clause of its own before the amount, so it is looked for there too.
ON_TOP_OF_BILL = re.compile(
    r"거기다|거기에다?|여기에\s?더|그거에\s?더|"
    r"요금\s?(은|는)?\s?요금\s?대로|요금\s?(말고|말구|외에|빼고|과는?\s?별도로?|따로)|"
    r"요금에\s?(더해|추가)|요금\s?(을\s?)?(내고|낸\s?뒤에?|낸\s?다음에?)"
)


EXTRA_PAYMENT = re.compile(
    r"^\s?(정도|쯤|가량)?\s?(은|는|도|까지는?|정도는?|씩은?)?\s?(씩\s?)?(더|추가로)\s?(는|도|까지)?\s?"
    r"(낼|내|드릴|갚|가능|돼|되|쓸|넣|줄|주|보탤|보태)|"
    # "요금 말고 3만원 추가", "요금 빼고 6만원 추가로요"
    r"^\s?(정도|쯤|가량)?\s?(씩\s?)?(추가|더\s?추가)\s?(로|요|로요|이요|해서|할게|할\s?수|가능|돼|됩)?"
    r"[.!~\s]*($|낼|내|가능|돼|되|드릴)|"
    r"^\s?(정도|쯤|가량)?\s?(씩\s?)?더\s?(요|이요)?[.!~]*\s*$|"
    r"^\s?(정도|쯤)?\s?(까지|는|은)?"
    r"\s?(낼|내|가능|돼|되)"
)


BUDGET_GENERIC = re.compile(PAYING + r"|낼게|낼께|내겠|갚겠|갚을게|까지")


LUMP_PLAIN = re.compile(
    r"한\s?번에|한꺼번에|일시불|일시금|일시\s?납|목돈|선납|먼저|당장|지금\s?(바로|당장)|바로|"
    r"지금\s?(은|이라도)?\s?(낼|내|갚|보태|드릴|넣)|보태|"
    r"오늘\s?(바로)?\s?(낼|내|갚|가능|입금)|일단"
)


STRONG_LUMP = re.compile(r"한\s?번에|한꺼번에|일시불|일시금|목돈|선납|먼저")


PLAIN_BILL_NOUN = re.compile(BILL_NOUN)


# While the situation is being told (before the figures of stage 4 are asked), a bare amount is
# what is owed.
SITUATION_QUESTIONS = (None, "carrier", "months_overdue", "service_suspended", "goals")


def taken_back_role(
    words: str, requested_slot: str | None, known: dict[str, Any], value: int | None = None
) -> str | None:
    """The slot a taken-back figure was meant for, so that its replacement takes it."""
    role, _ = role_of(re.sub(r"\s+", " ", words), requested_slot)
    if role == "bill_noun":
        role = (
            "monthly_bill" if "monthly_bill" in known or requested_slot == "monthly_bill" else None
        )
    if role is None and requested_slot in AMOUNT_SLOTS:
        role = requested_slot
    if role is None and value is not None:
        # "5만 아니고 7만 2천이네" after the plan: the figure told before as 5만 is the one
        # corrected, when exactly one figure had that value.
        same_value = [
            slot
            for slot in AMOUNT_SLOTS
            if known.get(slot) is not None and float(known[slot]) == float(value)
        ]
        if len(same_value) == 1:
            role = same_value[0]
    return role if role in AMOUNT_SLOTS else None


def role_named_before(
    text: str,
    clauses: list[Clause],
    clause: Clause,
    amounts: list[Found],
    requested_slot: str | None,
) -> tuple[str | None, bool]:
    """The role plainly named by the nearest earlier clause that holds no amount of its own."""
    earlier = [
        item
        for item in clauses
        if item.end <= clause.start and text[item.start : item.end].strip(" ,.!?~")
    ]
    if not earlier:
        return None, False
    previous = earlier[-1]
    if any(previous.start <= found.start < previous.end for found in amounts):
        return None, False
    words = text[previous.start : previous.end]
    role, plain = role_of(words, requested_slot)
    if not plain:
        named = re.search(
            r"미납액|밀린\s?(금액|돈|거|것)|월\s?예산|예산|한\s?번에|매달\s?요금|월\s?요금", words
        )
        if named is None:
            return None, False
        role = {"미": "arrears_amount", "밀": "arrears_amount", "월": "monthly_budget"}.get(
            named.group(0)[0], role
        )
        if "요금" in named.group(0):
            role = "monthly_bill"
        elif "예산" in named.group(0):
            role = "monthly_budget"
        elif named.group(0)[0] == "한":
            role = "lump_sum"
    return role, True


def beyond_the_bill(before: str, after: str, requested_slot: str | None) -> str | None:
    """The budget slot an amount said "on top of the bill" belongs to, if it is one."""
    right_before = re.search(
        # "요금 외에 2만원이요": the amount straight after the words that set the bill aside
        r"요금\s?(은|는)?\s?(외에|외|말고|말구|빼고|과는?\s?별도로?|따로)\s?(도|로)?\s?$",
        before,
    )
    if not right_before and (not ON_TOP_OF_BILL.search(before) or not EXTRA_PAYMENT.search(after)):
        return None
    return "recovery_budget" if requested_slot == "recovery_budget" else "monthly_budget"


def role_of(span: str, requested_slot: str | None) -> tuple[str | None, bool]:
    """The slot an amount belongs to from the words around it (its clause, or its part of the
    clause when the clause holds several amounts), and whether the words name it plainly.

    A plain name ("밀린", "매달 나오는", "한 번에") wins even over the question asked; a generic
    one ("돼요", "가능해요", "낼 수 있어요") and none at all leave the amount to the question
    asked ("3만원은 돼요" answering the lump-sum question is the lump sum).
    """
    # "42만 정지됨": 됨 here is the line's state, not "that much is possible".
    span = re.sub(r"(정지|끊|막|해지)\S{0,2}\s?(됨|됐|돼|되었|되어|된|되)", " ", span)
    role, plain = _role_of_words(span, requested_slot)
    if role == "monthly_budget" and requested_slot == "recovery_budget":
        role = "recovery_budget"  # the budget named while the one after the recovery is asked
    return role, plain


# "밀린 거 전부, 38,000원이요" answering the lump-sum question: all of it, today.
ALL_OF_THE_ARREARS = re.compile(
    r"(밀린|미납)\s?(거|것|금액|돈|요금)?\s?(을|를|은)?\s?(전부|다|모두|전액|한꺼번에)"
)
# 돼요 / 됩니다 said of an amount: "that much is possible" only with a particle on the amount
# ("10만원은 돼요"); told unasked without one, "23만원쯤 돼요" is "it comes to about".
THAT_MUCH_IS_POSSIBLE = re.compile(r"(은|는|도)\s?(돼|되|됨|됩|될)")
BECOMES = re.compile(r"돼|되요|됨|됩|될")
# Words the lexicon has already classed as owing or billing are blanked before the patterns for
# what can be paid run, so that the 됩 of 청구됩니다 is not read as "that much is possible".
CLASSED_PREDICATES = frozenset({"owing", "billed"})


def cues_of(span: str) -> frozenset[str]:
    """What the words around an amount say, as named cues: the lexicon's word classes (read as
    lemmas) joined with the constructions of several words that the patterns above describe."""
    classes = classes_in(span)
    unclassed = mask(span, CLASSED_PREDICATES)
    found = {
        "owing": "owing" in classes or bool(ARREARS_PREDICATE.search(span)),
        "billed": "billed" in classes or bool(BILL_PREDICATE.search(span)),
        "monthly": bool(re.search(MONTHLY, span)),
        "paid_monthly": bool(MONTHLY_BILL.search(span)),
        "bill_noun": bool(PLAIN_BILL_NOUN.search(span)),
        "inclusive": bool(BUDGET_INCLUSIVE.search(span)),
        "budget": "limit" in classes or bool(BUDGET_PLAIN.search(unclassed)),
        "now": "paying_now" in classes or bool(LUMP_PLAIN.search(span)),
        "strongly_now": bool(STRONG_LUMP.search(span)),
        "possible": bool(BUDGET_GENERIC.search(unclassed)),
        "that_much_possible": bool(
            BUDGET_GENERIC.search(BECOMES.sub(" ", unclassed))
            or THAT_MUCH_IS_POSSIBLE.search(unclassed)
        ),
        "all_of_the_arrears": bool(ALL_OF_THE_ARREARS.search(span)),
    }
    return frozenset(name for name, present in found.items() if present)


BUDGET_SLOTS = ("monthly_budget", "recovery_budget")
# Cues that say an amount is what the person can pay.
PAYABLE = frozenset({"budget", "possible", "inclusive", "now"})
ASKED = "<the question asked>"  # a rule's role: whatever the coach asked for
BUDGET = "<the budget asked>"  # the budget after the recovery when that is asked, else the budget


@dataclass(frozen=True)
class RoleRule:
    """One way the words around an amount decide its role: ``when`` holds over the cues and the
    question asked; ``plain`` says the words name the figure (a plain name wins even over the
    question asked, a generic one leaves the amount to the question)."""

    name: str
    why: str
    when: Callable[[frozenset[str], str | None], bool]
    role: str | None
    plain: bool


# In order: the first rule that holds decides. Each says why it stands where it does.
ROLE_RULES: tuple[RoleRule, ...] = (
    RoleRule(
        "all_of_the_arrears_now",
        "asked what can be paid now, 'all that is unpaid' names the lump sum, not the arrears",
        lambda cues, asked: asked == "lump_sum" and "all_of_the_arrears" in cues,
        "lump_sum",
        True,
    ),
    RoleRule(
        "budget_with_the_bill",
        "'요금 포함', '한계': the monthly total; unless owing names the arrears, or 'now' without"
        " 'a month' names the lump sum",
        lambda cues, asked: (
            "inclusive" in cues
            and "owing" not in cues
            and not ("now" in cues and "monthly" not in cues)
        ),
        BUDGET,
        True,
    ),
    RoleRule(
        "paid_now",
        "'당장', '한 번에' without 'a month' is the lump sum; asked for the budget, only the strong"
        " words (한 번에, 일시불, 먼저) override the question",
        lambda cues, asked: (
            "now" in cues
            and "monthly" not in cues
            and ("strongly_now" in cues or asked not in BUDGET_SLOTS)
        ),
        "lump_sum",
        True,
    ),
    RoleRule(
        "what_can_be_paid",
        "'낼 수 있어요', '최대', '예산' is the budget; with owing, only when said per month",
        lambda cues, asked: "budget" in cues and ("owing" not in cues or "monthly" in cues),
        "monthly_budget",
        True,
    ),
    RoleRule(
        "owed",
        "a verb of owing (밀리다, 연체되다, 못 내다) names the arrears over any noun",
        lambda cues, asked: "owing" in cues,
        "arrears_amount",
        True,
    ),
    RoleRule(
        "paid_a_month_answering_the_budget",
        "'한 달에 15만원은 내요' answering the budget question is the answer, as nothing in it"
        " names the bill",
        lambda cues, asked: (
            asked in BUDGET_SLOTS
            and "paid_monthly" in cues
            and "billed" not in cues
            and "bill_noun" not in cues
        ),
        ASKED,
        False,
    ),
    RoleRule(
        "billed",
        "a verb of billing (나오다, 청구되다, 빠져나가다) or 'paid each month' names the bill",
        lambda cues, asked: "billed" in cues or "paid_monthly" in cues,
        "monthly_bill",
        True,
    ),
    RoleRule(
        "possible_answering",
        "'돼요', '가능해요' in an answer leaves the amount to the question asked",
        lambda cues, asked: "possible" in cues and asked in AMOUNT_SLOTS,
        ASKED,
        False,
    ),
    RoleRule(
        "comes_to",
        "told unasked, '17만원쯤 돼요' is 'it comes to': the clause before says what it is, or the"
        " coach asks",
        lambda cues, asked: "possible" in cues and "that_much_possible" not in cues,
        None,
        False,
    ),
    RoleRule(
        "that_much_is_possible",
        "'10만원은 돼요' told unasked: that much can be paid, a budget",
        lambda cues, asked: "possible" in cues,
        "monthly_budget",
        False,
    ),
    RoleRule(
        "the_bill_named",
        "'요금 28만원' with no verb: the unpaid bill or the monthly one, settled by the question"
        " or asked (role_for_bill_noun)",
        lambda cues, asked: "bill_noun" in cues,
        "bill_noun",
        False,
    ),
)


def role_rule(span: str, requested_slot: str | None) -> RoleRule | None:
    """The first rule that holds for the words around an amount, if any."""
    cues = cues_of(span)
    return next((rule for rule in ROLE_RULES if rule.when(cues, requested_slot)), None)


def _role_of_words(span: str, requested_slot: str | None) -> tuple[str | None, bool]:
    rule = role_rule(span, requested_slot)
    if rule is None:
        return None, False
    if rule.role == ASKED:
        return requested_slot, rule.plain
    if rule.role == BUDGET:
        return (
            "recovery_budget" if requested_slot == "recovery_budget" else "monthly_budget"
        ), rule.plain
    return rule.role, rule.plain


def repeats_known(value: int, known: dict[str, Any], reading: Reading) -> str | None:
    """The figure already told with exactly this value, when there is just one."""
    same = [
        slot
        for slot in AMOUNT_SLOTS
        if slot not in reading.values
        and known.get(slot) is not None
        and float(known[slot]) == value
    ]
    return same[0] if len(same) == 1 else None


def role_for_bill_noun(
    found: Found,
    requested_slot: str | None,
    known: dict[str, Any],
    after_plan: bool,
    reading: Reading,
    text: str = "",
) -> str | None:
    """ "요금 28만원" with no verb to tell: the unpaid bill or the monthly one?"""
    if (
        requested_slot in ("arrears_amount", "monthly_bill")
        and requested_slot not in reading.values
    ):
        return requested_slot
    if requested_slot in ("monthly_budget", "recovery_budget") and (
        (known.get("monthly_bill") is not None and float(known["monthly_bill"]) == found.value)
        or BUDGET_INCLUSIVE.search(text)
    ):
        return requested_slot  # "요금 2만 5천원이요, 그 이상은 힘들어요": just the bill
    if requested_slot in AMOUNT_SLOTS:
        # Asked for the budget or a lump sum, the person names the bill in passing.
        return "monthly_bill" if "monthly_bill" not in reading.values else None
    if requested_slot in SITUATION_QUESTIONS and not after_plan:
        candidates = tuple(
            slot for slot in ("arrears_amount", "monthly_bill") if slot not in reading.values
        )
        if len(candidates) == 1 and candidates[0] not in known:
            return candidates[0]
        if candidates:
            reading.ambiguous.append(Ambiguity(found.value, candidates))
        return None
    return "monthly_bill" if "monthly_bill" not in reading.values else None


def role_for_bare_amount(
    found: Found,
    requested_slot: str | None,
    known: dict[str, Any],
    after_plan: bool,
    reading: Reading,
) -> str | None:
    """An amount with no word to say what it is answers the question asked; while the situation
    is told it is the arrears, unless those are known already (then the coach asks)."""
    if requested_slot in AMOUNT_SLOTS and requested_slot not in reading.values:
        return requested_slot
    if (
        requested_slot in SITUATION_QUESTIONS
        and not after_plan
        and "arrears_amount" not in reading.values
        and "arrears_amount" not in known
    ):
        return "arrears_amount"
    # Which figure, then? Ask among those it could be (after the plan, any of them: it may be
    # a correction).
    candidates = tuple(
        slot
        for slot in AMOUNT_SLOTS
        if (after_plan or slot not in known)
        and slot not in reading.values
        and slot != "recovery_budget"
    )
    if candidates:
        reading.ambiguous.append(Ambiguity(found.value, candidates))
    return None
