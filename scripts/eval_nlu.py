"""Measure the NLU and write docs/nlu-report.md (run by `make eval-nlu`).

For every pipeline in nlu_configs/: train on data/nlu, test on the held-out set
(tests/nlu/heldout.yml, never trained on), and run a 5-fold cross-validation on the training
data. Then measure how well the engine reads amounts, months and carriers on
tests/nlu/heldout_values.yml. The report states the numbers as measured, targets met or not.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from negotiation.understanding import read_message  # noqa: E402

RASA = str(Path(sys.executable).parent / "rasa")
PIPELINES = {
    "whitespace_chars": "A: whitespace tokens + word and character n-grams",
    "spacy_kiwi": "B: spaCy `ko` with Kiwi morphemes (lemmas, POS) + character n-grams",
}
INTENT_TARGET = 0.95
VALUE_TARGET = 0.98
VALUE_KINDS = {
    "amount": {"arrears_amount", "monthly_bill", "monthly_budget", "lump_sum", "recovery_budget"},
    "month": {"months_overdue", "recovery_months"},
    "carrier": {"carrier"},
}


def run(arguments: List[str]) -> None:
    environment = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    completed = subprocess.run(arguments, cwd=ROOT, env=environment, capture_output=True,
                               text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(arguments)}")


def intent_figures(report_dir: Path) -> Dict[str, Any]:
    report = json.loads((report_dir / "intent_report.json").read_text(encoding="utf-8"))
    errors_file = report_dir / "intent_errors.json"
    errors = json.loads(errors_file.read_text(encoding="utf-8")) if errors_file.exists() else []
    pairs = collections.Counter((error["intent"], error["intent_prediction"]["name"])
                                for error in errors)
    worst = sorted(errors, key=lambda error: -error["intent_prediction"]["confidence"])[:8]
    return {"macro_f1": report["macro avg"]["f1-score"], "accuracy": report.get("accuracy"),
            "support": report["macro avg"]["support"], "pairs": pairs.most_common(8),
            "worst": [(error["text"], error["intent"], error["intent_prediction"]["name"],
                       error["intent_prediction"]["confidence"]) for error in worst]}


def evaluate_pipeline(name: str, work: Path, folds: int) -> Dict[str, Any]:
    config = ROOT / "nlu_configs" / f"{name}.yml"
    started = time.monotonic()
    run([RASA, "train", "nlu", "--config", str(config), "--nlu", "data/nlu", "--out",
         str(work), "--fixed-model-name", name])
    run([RASA, "test", "nlu", "--model", str(work / f"{name}.tar.gz"), "--nlu",
         "tests/nlu/heldout.yml", "--out", str(work / f"{name}-heldout")])
    heldout = intent_figures(work / f"{name}-heldout")
    cross = None
    if folds:
        run([RASA, "test", "nlu", "--nlu", "data/nlu", "--config", str(config),
             "--cross-validation", "--folds", str(folds), "--out", str(work / f"{name}-cv")])
        cross = intent_figures(work / f"{name}-cv")
    return {"heldout": heldout, "cv": cross, "minutes": (time.monotonic() - started) / 60}


def value_accuracy() -> Tuple[Dict[str, Tuple[int, int]], List[str]]:
    cases = yaml.safe_load((ROOT / "tests/nlu/heldout_values.yml").read_text("utf-8"))["cases"]
    totals = {kind: [0, 0] for kind in VALUE_KINDS}
    misreadings = []
    for case in cases:
        values = read_message(case["text"], requested_slot=case["requested"]).values
        for slot, expected in case["expect"].items():
            kind = next((kind for kind, slots in VALUE_KINDS.items() if slot in slots), None)
            if kind is None:
                continue
            totals[kind][1] += 1
            if values.get(slot) == expected:
                totals[kind][0] += 1
            else:
                misreadings.append(f"`{case['text']}` → {slot} = {values.get(slot)!r} "
                                   f"(expected {expected!r})")
    return {kind: (right, total) for kind, (right, total) in totals.items()}, misreadings


def overlap_count() -> int:
    def examples(paths) -> set:
        found = set()
        for path in paths:
            for item in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
                found |= {line.strip()[2:].strip() for line in item["examples"].splitlines()
                          if line.strip().startswith("- ")}
        return found

    return len(examples(sorted((ROOT / "data/nlu").glob("*.yml")))
               & examples([ROOT / "tests/nlu/heldout.yml"]))


def met(value: float, target: float) -> str:
    return "met" if value >= target else "**not met**"


def write_report(results: Dict[str, Dict[str, Any]], values, misreadings, chosen: str,
                 folds: int) -> str:
    lines = ["# NLU report", "",
             f"Produced by `make eval-nlu` on {time.strftime('%Y-%m-%d')}; numbers as measured.",
             f"Training data: data/nlu. Held-out set: tests/nlu/heldout.yml (never trained on; "
             f"{overlap_count()} sentences shared with the training data). "
             f"Cross-validation: {folds} folds over the training data.", "",
             "## Intents", "",
             f"Target: macro-F1 ≥ {INTENT_TARGET} on the held-out set.", "",
             "| pipeline | held-out macro-F1 | held-out accuracy | CV macro-F1 | target | "
             "minutes |", "|---|---|---|---|---|---|"]
    for name, result in results.items():
        heldout, cross = result["heldout"], result["cv"]
        label = PIPELINES[name] + (" (chosen)" if name == chosen else "")
        cross_f1 = f"{cross['macro_f1']:.3f}" if cross else "–"
        lines.append(f"| {label} | {heldout['macro_f1']:.3f} | {heldout['accuracy']:.3f} | "
                     f"{cross_f1} | {met(heldout['macro_f1'], INTENT_TARGET)} | "
                     f"{result['minutes']:.1f} |")
    for name, result in results.items():
        lines += ["", f"### {PIPELINES[name]}", "", "Most frequent confusions on the held-out set "
                  "(true → predicted, count):", ""]
        pairs = result["heldout"]["pairs"]
        lines += [f"- {true} → {predicted}: {count}" for (true, predicted), count in pairs] or \
            ["- none"]
        lines += ["", "Worst misreadings (most confident wrong answers):", ""]
        lines += [f"- `{text}`: {true} → {predicted} ({confidence:.2f})"
                  for text, true, predicted, confidence in result["heldout"]["worst"]] or ["- none"]
        if result["cv"]:
            lines += ["", "Cross-validation confusions:", ""]
            lines += [f"- {true} → {predicted}: {count}"
                      for (true, predicted), count in result["cv"]["pairs"]] or ["- none"]
    lines += ["", "## Figures read by the engine", "",
              "Amounts, months and carriers are read deterministically by "
              "`negotiation/understanding.py` (the same for every pipeline), on "
              "tests/nlu/heldout_values.yml.", "",
              f"Target: value accuracy ≥ {VALUE_TARGET} for each kind.", "",
              "| kind | right / total | accuracy | target |", "|---|---|---|---|"]
    for kind, (right, total) in values.items():
        accuracy = right / total if total else 0.0
        lines.append(f"| {kind} | {right} / {total} | {accuracy:.3f} | "
                     f"{met(accuracy, VALUE_TARGET)} |")
    lines += ["", "Misreadings:", ""] + ([f"- {line}" for line in misreadings] or ["- none"])
    lines += ["", "## Choice", "",
              f"config.yml uses pipeline {PIPELINES[chosen]}, the better held-out macro-F1."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--work", default="results/nlu-eval")
    parser.add_argument("--report", default="docs/nlu-report.md")
    arguments = parser.parse_args()
    work = ROOT / arguments.work
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in PIPELINES:
        print(f"== {name}", flush=True)
        results[name] = evaluate_pipeline(name, work, arguments.folds)
        print(f"   held-out macro-F1 {results[name]['heldout']['macro_f1']:.3f}", flush=True)
    chosen = max(results, key=lambda name: results[name]["heldout"]["macro_f1"])
    values, misreadings = value_accuracy()
    report = write_report(results, values, misreadings, chosen, arguments.folds)
    (ROOT / arguments.report).write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
