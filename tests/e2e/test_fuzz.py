"""Random requests to the REST webhook: whatever arrives, the answer is a reply (200) or a 4xx
with a reason, never a 5xx, and the server keeps answering.

Two kinds of body. JSON values, encoded by the test's own client (requests): the strategies draw
only what JSON can carry, because requests refuses NaN and the infinities ("Out of range float
values are not JSON compliant") and a body the client cannot send tests the client, not the
coach. And raw bytes, sent as they are, for what no well-behaved client sends: bytes that are
not JSON, JSON cut short, and the non-finite numbers (NaN, Infinity, 1e400) that lenient
encoders write and that Sanic's parser (ujson) reads.

`make test` draws the same examples every run (the "ci" profile, tests/conftest.py); `make fuzz`
draws fresh ones, five times as many. A failure found there is added below as an ``@example``.
"""

import asyncio
import json
import random
import sys
import uuid

import requests
import socketio
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=50),
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

RAW_SENDER = "fuzz-raw-" + uuid.uuid4().hex[:8]
NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e400"]


@st.composite
def cut_short(draw) -> bytes:
    """A JSON body cut anywhere, in the middle of a UTF-8 character too."""
    whole = json.dumps(draw(bodies), ensure_ascii=False).encode("utf-8")
    return whole[: draw(st.integers(0, max(len(whole) - 1, 0)))]


def with_metadata_number(message: str, number: str) -> bytes:
    """A well-formed message whose metadata holds a number JSON cannot (NaN, Infinity…)."""
    return (
        f'{{"sender": "{RAW_SENDER}", "message": {json.dumps(message, ensure_ascii=False)}, '
        f'"metadata": {{"amount": {number}}}}}'
    ).encode()


raw_bodies = st.one_of(
    st.binary(max_size=300),
    st.sampled_from(
        [word.encode() for word in NON_FINITE]
        + [b"", b"nan", b"{", b"[1, 2", b'{"sender": "x"', b"\xff\xfe\x00", b"null"]
    ),
    cut_short(),
    st.builds(with_metadata_number, st.text(max_size=100), st.sampled_from(NON_FINITE)),
)


def check_answer(response: requests.Response, body) -> None:
    assert response.status_code in (200, 400, 413), (body, response.status_code, response.text)
    answer = response.json()
    if response.status_code == 200:
        assert isinstance(answer, list) and answer, body  # a person always gets a reply
    else:
        assert answer["reason"], body


@given(body=bodies)
def test_every_drawn_body_is_one_the_client_can_send(body):
    json.dumps(body, allow_nan=False)  # what requests does with json=; raises on NaN/inf


@settings(
    max_examples=settings.default.max_examples // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=bodies)
@example(body=sys.float_info.max)
@example(body=-0.0)
@example(body={"sender": "fuzz-edges", "message": "35만원", "metadata": {"n": 5e-324}})
def test_random_requests_get_a_reply_or_a_reason(servers, body):
    response = requests.post(f"{servers['url']}/webhooks/rest/webhook", json=body, timeout=60)
    check_answer(response, body)


@settings(
    max_examples=settings.default.max_examples // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=raw_bodies)
# The body of the QA report: Hypothesis drew float("inf"), which requests cannot encode; here it
# is sent as bytes, both as drawn and as json.dumps writes it.
@example(raw=b"inf")
@example(raw=b"Infinity")
@example(raw=with_metadata_number("35만원", "Infinity"))
@example(raw=with_metadata_number("35만원", "NaN"))
def test_malformed_bodies_get_a_reason_or_a_reply(servers, raw):
    response = requests.post(
        f"{servers['url']}/webhooks/rest/webhook",
        data=raw,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    check_answer(response, raw)


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
        confirmed, answers = [], []  # session ids; bot_uttered and error events, in order
        arrived = asyncio.Condition()

        async def keep(events, event):
            async with arrived:
                events.append(event)
                arrived.notify_all()

        async def until(condition, what, seconds=60):
            async with arrived:
                try:
                    await asyncio.wait_for(arrived.wait_for(condition), seconds)
                except asyncio.TimeoutError:
                    raise AssertionError(
                        f"{what}: not within {seconds} s "
                        f"({len(confirmed)} confirmations, {len(answers)} answers)"
                    ) from None

        @client.on("session_confirm")
        async def on_confirm(session_id):
            await keep(confirmed, session_id)

        @client.on("bot_uttered")
        async def on_reply(message):
            await keep(answers, message)

        @client.on("error")
        async def on_error(data):
            await keep(answers, data)

        await client.connect(servers["url"], socketio_path="/socket.io", transports=["websocket"])
        try:
            for payload in payloads:
                # One argument each, None included (a bare emit would send no argument at all).
                await client.emit("session_request", (payload,))
                await client.emit("user_uttered", (payload,))
            # Every session_request is confirmed and every user_uttered answered (an error: none
            # speaks for the session confirmed to this socket), before the socket is tried again.
            count = len(payloads)
            await until(
                lambda: len(confirmed) >= count and len(answers) >= count,
                "an answer to every payload",
            )
            await client.emit("session_request", {})
            await until(lambda: len(confirmed) > count, "a fresh session")
            before = len(answers)
            greeting = {"message": "안녕하세요", "session_id": confirmed[-1]}
            await client.emit("user_uttered", greeting)
            await until(lambda: any("text" in answer for answer in answers[before:]), "a reply")
            return client.connected, answers[before:]
        finally:
            await client.disconnect()

    connected, after = asyncio.run(talk())
    assert connected
    assert any("text" in answer for answer in after)  # the coach still answers on this socket
