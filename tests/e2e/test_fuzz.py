"""Random requests to the REST webhook: whatever arrives, the answer is a reply (200) or a 4xx
with a reason, never a 5xx, and the server keeps answering."""

import asyncio
import random
import uuid

import requests
import socketio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
bodies = st.one_of(
    st.fixed_dictionaries(
        {"sender": st.text(min_size=0, max_size=140), "message": st.text(max_size=1200)}
    ),
    st.fixed_dictionaries(
        {
            "sender": st.just("fuzz-" + uuid.uuid4().hex[:8]),
            "message": st.text(max_size=300),
            "metadata": json_values,
        }
    ),
    json_values,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=bodies)
def test_random_requests_get_a_reply_or_a_reason(servers, body):
    response = requests.post(f"{servers['url']}/webhooks/rest/webhook", json=body, timeout=60)
    assert response.status_code in (200, 400, 413), (body, response.status_code, response.text)
    answer = response.json()
    if response.status_code == 200:
        assert isinstance(answer, list) and answer, body  # a person always gets a reply
    else:
        assert answer["reason"], body


def test_the_server_still_answers_after_the_fuzzing(servers):
    response = requests.post(
        f"{servers['url']}/webhooks/rest/webhook",
        json={"sender": "after-" + uuid.uuid4().hex[:8], "message": "안녕하세요"},
        timeout=60,
    )
    assert response.status_code == 200 and response.json()


def random_payloads(count: int, seed: int = 11) -> list:
    """Payloads of every wrong kind, reproducibly: non-objects, wrong types, foreign and
    malformed ids, texts over the limit, control characters."""
    chooser = random.Random(seed)
    alphabet = "가나다35만원 \x00\n\u200b😀abc{}[]\"'\\"
    makers = [
        lambda: None,
        lambda: chooser.randint(-(10**12), 10**12),
        lambda: [chooser.random() for _ in range(3)],
        lambda: "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 50))),
        lambda: {"message": "x" * chooser.randint(990, 5000)},
        lambda: {"message": chooser.randint(0, 10), "session_id": "someone"},
        lambda: {"message": "35만원", "session_id": "a" * 32 + "." + "b" * 32},
        lambda: {"message": {"nested": [1, 2]}, "session_id": None},
        lambda: {"message": "".join(chooser.choice(alphabet) for _ in range(80))},
    ]
    return [chooser.choice(makers)() for _ in range(count)]


def test_random_socket_messages_never_break_the_channel(servers):
    """Random payloads on user_uttered and session_request (wrong types, foreign ids, long
    texts): each gets an error event or a reply, and the socket still works afterwards."""
    payloads = random_payloads(30)

    async def talk():
        client = socketio.AsyncClient(reconnection=False)
        issued, answers = [], []
        confirmed = asyncio.Event()

        @client.on("session_confirm")
        async def on_confirm(session_id):
            issued.append(session_id)
            confirmed.set()

        client.on("bot_uttered", lambda message: answers.append(message))
        client.on("error", lambda data: answers.append(data))
        await client.connect(servers["url"], socketio_path="/socket.io", transports=["websocket"])
        for payload in payloads:
            await client.emit("session_request", payload)
            await client.emit("user_uttered", payload)
        await asyncio.sleep(3)
        confirmed.clear()
        await client.emit("session_request", {})
        await asyncio.wait_for(confirmed.wait(), 20)
        before = len(answers)
        await client.emit("user_uttered", {"message": "안녕하세요", "session_id": issued[-1]})
        for _ in range(60):
            if any("text" in answer for answer in answers[before:]):
                break
            await asyncio.sleep(1)
        connected = client.connected
        await client.disconnect()
        return connected, answers[before:]

    connected, after = asyncio.run(talk())
    assert connected
    assert any("text" in answer for answer in after)  # the coach still answers on this socket
