"""Never a wrong number, over REST with the real servers: the figures are confirmed before the
plan, a wrong one is caught by [고칠게요], an unclear amount is asked about, and no question is
asked three times in the same words."""

from tests.contract import check_installment_plan

FIRST_FIGURES = [
    "안녕하세요",
    "KT요",
    "35만원 밀렸어요",
    "두 달이요",
    "아직 안 끊겼어요",
    "분할 납부요",
    "확인했어요",
    "5만 5천원이요",
    "요금까지 15만원이요",
    "없어요",
    "해당 없어요",
    "아니요",
]


def test_a_wrong_figure_is_caught_at_the_confirmation(conversation):
    for message in FIRST_FIGURES:
        conversation.say(message)
    slots = conversation.slots()
    assert slots["requested_slot"] == "figures_confirmed"
    assert conversation.custom("installment_plan") == []  # no plan before a yes
    [figures] = conversation.custom("figures")
    assert figures == {
        "type": "figures",
        "carrier": "KT",
        "arrears_amount": 350000,
        "months_overdue": 2,
        "monthly_bill": 55000,
        "monthly_budget": 150000,
        "lump_sum": 0,
        "recovery_months": None,
        "recovery_budget": None,
        "welfare_status": "none",
        "service_suspended": False,
    }
    question = conversation.texts()[-1]
    assert "미납액: 35만원" in question and "[맞아요]" in question

    replies = conversation.say("고칠게요")
    assert "어떤 숫자를 고칠까요" in conversation.texts(replies)[0]
    replies = conversation.say("미납액을 고칠게요")
    assert conversation.texts(replies) == [
        "미납액을 어떻게 고칠까요? 지금은 35만원으로 적어 두었어요."
    ]
    replies = conversation.say("30만원이에요")
    assert conversation.texts(replies)[0] == "미납액을 35만원에서 30만원으로 바꿨어요."
    [figures] = conversation.custom("figures", replies)
    assert figures["arrears_amount"] == 300000
    assert conversation.slots()["figures_confirmed"] is None

    replies = conversation.say("네 맞아요")
    assert conversation.slots()["figures_confirmed"] is True
    [plan] = conversation.custom("installment_plan", replies)
    check_installment_plan(plan, None, None)
    assert plan["arrears_amount"] == 300000
    assert sum(plan["options"][0]["payments"]) == 300000


def test_an_amount_called_요금_is_asked_about_not_guessed(conversation):
    conversation.say("KT 요금 28만원 때문에 왔어요")
    slots = conversation.slots()
    assert slots["arrears_amount"] is None and slots["monthly_bill"] is None
    assert slots["pending_figure"]["value"] == 280000
    question = conversation.replies[-1]
    assert question["text"] == "확인할게요. 28만원은 미납액인가요?"
    assert [button["title"] for button in question["buttons"]] == [
        "네, 밀린 금액이에요",
        "아니요, 매달 나오는 요금이에요",
    ]
    conversation.say("네, 밀린 금액이에요")
    slots = conversation.slots()
    assert slots["arrears_amount"] == 280000 and slots["pending_figure"] is None
    assert slots["requested_slot"] == "months_overdue"  # KT was read too: on to the next one


def test_no_question_is_asked_three_times_in_the_same_words(conversation):
    for message in FIRST_FIGURES[:7]:
        conversation.say(message)
    first = conversation.texts()[-1]
    assert conversation.slots()["requested_slot"] == "monthly_bill"
    second, third = (conversation.texts(conversation.say("음 그게요"))[-1] for _ in range(2))
    assert second == first  # asked again once, after saying what could not be read
    assert third != first and "대략" in third  # the third time: an easier way to answer
    replies = conversation.say("그래도 잘 모르겠는데")
    assert conversation.slots()["skipped_slots"] == ["monthly_bill"]
    assert "넘어갈게요" in " ".join(conversation.texts(replies))
    assert conversation.slots()["requested_slot"] == "monthly_budget"  # moved on


# --- corrections that converge -------------------------------------------------------------------

SAME_AGAIN = "35만원이라고 했는데 사실 35만원보다 좀 더 돼요"


def _asked_to_fix_the_arrears(conversation) -> None:
    for message in FIRST_FIGURES:
        conversation.say(message)
    conversation.say("고칠게요")
    replies = conversation.say("미납액")
    assert conversation.texts(replies) == [
        "미납액을 어떻게 고칠까요? 지금은 35만원으로 적어 두었어요."
    ]


def test_a_correction_read_as_the_same_value_converges(conversation):
    _asked_to_fix_the_arrears(conversation)
    # The same value read again: said back, with the number alone asked for in digits.
    [second] = conversation.texts(conversation.say(SAME_AGAIN))
    assert second.startswith("말씀하신 금액도 35만원으로 읽혀서 미납액은 바뀌지 않았어요.")
    assert "385000처럼 숫자만 보내 주셔도 돼요" in second
    assert conversation.slots()["requested_slot"] == "figures_confirmed"
    # The same again: buttons, not the question a third time.
    replies = conversation.say(SAME_AGAIN)
    [third] = [reply for reply in replies if "text" in reply]
    assert third["text"] not in (
        second,
        "미납액을 어떻게 고칠까요? 지금은 35만원으로 적어 두었어요.",
    )
    assert [button["title"] for button in third["buttons"]] == ["35만원이 맞아요"]
    # Digits are taken; the figures are shown again, with the figures message.
    replies = conversation.say("385000")
    assert conversation.texts(replies)[0] == "미납액을 35만원에서 38만 5천원으로 바꿨어요."
    [figures] = conversation.custom("figures", replies)
    assert figures["arrears_amount"] == 385000
    slots = conversation.slots()
    assert slots["requested_slot"] == "figures_confirmed" and slots["figures_confirmed"] is None
    texts = conversation.texts()
    assert max(texts.count(text) for text in set(texts)) <= 2


def test_nothing_to_fix_while_asked_the_new_value_goes_on_to_the_plan(conversation):
    _asked_to_fix_the_arrears(conversation)
    replies = conversation.say("아 다 맞네요")
    assert conversation.texts(replies)[0] == "알겠어요. 미납액은 그대로 35만원으로 둘게요."
    assert conversation.slots()["figures_confirmed"] is True
    [plan] = conversation.custom("installment_plan", replies)
    assert plan["arrears_amount"] == 350000


def test_after_the_plan_a_correction_to_the_same_value_converges(conversation):
    for message in FIRST_FIGURES:
        conversation.say(message)
    conversation.say("네 맞아요")
    [reply] = conversation.texts(conversation.say("미납액 잘못 말했어요 35만원이에요"))
    assert reply.startswith("말씀하신 금액도 35만원으로 읽혀서 미납액은 바뀌지 않았어요.")
    replies = conversation.say("38만5천")
    assert conversation.texts(replies)[0] == "미납액을 35만원에서 38만 5천원으로 바꿨어요."
    [plan] = conversation.custom("installment_plan", replies)
    assert plan["arrears_amount"] == 385000
