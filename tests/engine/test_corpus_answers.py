"""Every answer in the independent conversation corpus that gives a figure, read by the engine
alone as the answer to the question it answers (the fast part of `make eval-conversations`)."""

from tests.corpus import engine_accuracy, load_corpus


def test_no_answer_in_the_corpus_is_read_as_a_wrong_figure():
    result = engine_accuracy(load_corpus())
    assert result["total"] > 500
    wrong = [failure for failure in result["failures"] if failure.startswith("WRONG")]
    assert wrong == []
    # A missed figure costs a question asked again (with an example), never a wrong plan.
    assert result["missed"] <= 0.01 * result["total"], result["failures"]
