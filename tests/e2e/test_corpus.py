"""A sample of the independent conversation corpus, whole conversations over REST against the
real servers (all of it: `make eval-conversations`, which writes docs/understanding-report.md)."""

import pytest

from tests.corpus import Person, load_corpus

SAMPLE = load_corpus()[::10]


@pytest.mark.parametrize("spec", SAMPLE, ids=[spec["id"] for spec in SAMPLE])
def test_a_conversation_written_by_someone_else(servers, spec):
    outcome = Person(spec, servers).run()
    transcript = "\n".join(
        f"> {said}\n  " + "\n  ".join(replies) for said, replies in outcome.transcript
    )
    assert outcome.error is None, transcript
    assert outcome.stuck is None, transcript
    assert outcome.wrong_in_plan == [], transcript
    assert outcome.caught == [] and outcome.mismatches == [], transcript
    assert outcome.exact
