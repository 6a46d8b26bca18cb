"""The held-out sets stay held out, are large enough, and the engine reads their figures."""

import importlib.util
from pathlib import Path

import yaml

from negotiation.understanding import read_message

ROOT = Path(__file__).resolve().parents[2]
HELDOUT_SETS = [ROOT / "tests/nlu/heldout.yml", ROOT / "tests/nlu/heldout_chat.yml"]


def examples(paths):
    found = {}
    for path in paths:
        for item in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    found[line.strip()[2:].strip()] = item["intent"]
    return found


def test_no_held_out_sentence_is_in_the_training_data():
    training = examples(sorted((ROOT / "data/nlu").glob("*.yml")))
    for path in HELDOUT_SETS:
        heldout = examples([path])
        assert len(heldout) >= 150, path
        assert not set(training) & set(heldout), path
    assert not set(examples(HELDOUT_SETS[:1])) & set(examples(HELDOUT_SETS[1:]))


def test_no_held_out_sentence_is_a_near_copy_of_a_training_sentence():
    """ "Held out" means more than "not byte-identical": the report's near-duplicate count
    (spaces and punctuation ignored, similarity >= 0.9) must stay at zero."""
    spec = importlib.util.spec_from_file_location("eval_nlu", ROOT / "scripts/eval_nlu.py")
    eval_nlu = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(eval_nlu)
    total, exact, near = eval_nlu.overlap()
    assert total == len(examples(HELDOUT_SETS))
    assert (exact, near) == (0, 0)


def test_held_out_intents_are_all_known_to_the_training_data():
    training = set(examples(sorted((ROOT / "data/nlu").glob("*.yml"))).values())
    for path in HELDOUT_SETS:
        assert set(examples([path]).values()) == training, path


def test_every_intent_has_thirty_training_examples():
    counts = {}
    for path in sorted((ROOT / "data/nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
            lines = [line for line in item["examples"].splitlines() if line.strip()]
            counts[item["intent"]] = counts.get(item["intent"], 0) + len(lines)
    assert min(counts.values()) >= 30, counts


def test_the_engine_reads_the_held_out_figures():
    cases = yaml.safe_load((ROOT / "tests/nlu/heldout_values.yml").read_text("utf-8"))["cases"]
    wrong = []
    for case in cases:
        values = read_message(case["text"], requested_slot=case["requested"]).values
        for slot, expected in case["expect"].items():
            if values.get(slot) != expected:
                wrong.append((case["text"], slot, values.get(slot), expected))
    # The target is 98% per kind; the report states the exact figures.
    assert len(wrong) <= 0.02 * sum(len(case["expect"]) for case in cases), wrong


def test_config_uses_the_measured_pipeline():
    """config.yml's NLU pipeline is the one docs/nlu-report.md chose (nlu_configs/spacy_kiwi)."""
    config = yaml.safe_load((ROOT / "config.yml").read_text("utf-8"))
    chosen = yaml.safe_load((ROOT / "nlu_configs/spacy_kiwi.yml").read_text("utf-8"))
    assert config["pipeline"] == chosen["pipeline"]
