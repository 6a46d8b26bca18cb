"""Start the real action server and Rasa server on free ports, once for all end-to-end tests.

The model is the one `make train` builds (models/coach.tar.gz); the Makefile trains it before
this suite runs. The Rasa HTTP API is enabled with a token so that the tests can read the
stored slots, exactly as an integration would.
"""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.servers import Conversation, running_coach


@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Iterator[dict[str, Any]]:
    with running_coach(tmp_path_factory.mktemp("servers")) as running:
        yield running


@pytest.fixture
def conversation(servers) -> Conversation:
    return Conversation(servers)
