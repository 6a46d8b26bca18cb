"""Random requests to the REST webhook: whatever arrives, the answer is a reply (200) or a 4xx
with a reason, never a 5xx, and the server keeps answering."""

import uuid

import requests
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
