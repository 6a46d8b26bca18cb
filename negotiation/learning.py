"""A small softmax regression in pure Python, shared by the learned readers (the choice reader
and the second opinion on an amount's role): trained in well under a second to a few seconds
from YAML examples, never shipped as a binary.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

Features = dict[str, int]

# Training settings, chosen with the choice reader's threshold by cross-validation over
# data/choices.yml.
EPOCHS = 10
LEARNING_RATE = 0.3
L2 = 0.001


class LogisticRegression:
    """Softmax regression over sparse features, trained by a few epochs of stochastic gradient
    descent with L2 shrinkage on the weights a sentence touches.

    Why not naive Bayes: with one yes/no classifier per goal the "no" side holds far more
    sentences, and multinomial naive Bayes then lets any shared feature ("요", "^a") count as
    evidence for the smaller side: "asdf" and "합니다" came out as all three goals. Logistic
    regression weighs each feature by what it tells apart, and a feature it never saw adds
    nothing, so text unlike any training sentence falls to the class biases (toward "other" and
    "not this goal"), i.e. to no reading.
    """

    def __init__(
        self,
        labels: Sequence[str],
        documents: Sequence[tuple[str, Features]],
        seed: int = 20261128,
        l2: float | None = None,
    ) -> None:
        self.labels: tuple[str, ...] = tuple(labels)
        label_index = {label: position for position, label in enumerate(self.labels)}
        feature_index: dict[str, int] = {}
        rows: list[tuple[int, list[int]]] = []
        for label, features in documents:
            ids: list[int] = []
            for feature, weight in features.items():
                ids.extend([feature_index.setdefault(feature, len(feature_index))] * weight)
            rows.append((label_index[label], ids))
        classes = len(self.labels)
        weights = [[0.0] * len(feature_index) for _ in range(classes)]
        biases = [0.0] * classes
        order = list(range(len(rows)))
        shuffler = random.Random(seed)
        for epoch in range(EPOCHS):
            shuffler.shuffle(order)
            rate = LEARNING_RATE / (1.0 + epoch / 4.0)
            shrink = 1.0 - rate * (L2 if l2 is None else l2)
            for row in order:
                target, ids = rows[row]
                scores = [
                    bias + sum(map(class_weights.__getitem__, ids))
                    for bias, class_weights in zip(biases, weights, strict=False)
                ]
                top = max(scores)
                exponentials = [math.exp(score - top) for score in scores]
                total = sum(exponentials)
                for position in range(classes):
                    gradient = exponentials[position] / total - (position == target)
                    if -1e-3 < gradient < 1e-3:
                        continue
                    step = rate * gradient
                    class_weights = weights[position]
                    for feature_id in ids:
                        class_weights[feature_id] = class_weights[feature_id] * shrink - step
                    biases[position] -= step
        self.biases: tuple[float, ...] = tuple(biases)
        self.weights: dict[str, tuple[float, ...]] = {
            feature: tuple(class_weights[position] for class_weights in weights)
            for feature, position in feature_index.items()
        }

    def to_dict(self) -> dict[str, object]:
        """The trained model as plain data (saved by the role model's cache)."""
        return {
            "labels": list(self.labels),
            "biases": list(self.biases),
            "weights": {feature: list(row) for feature, row in self.weights.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LogisticRegression:
        """A model saved by ``to_dict``, without training."""
        model = cls.__new__(cls)
        model.labels = tuple(str(label) for label in data["labels"])
        model.biases = tuple(float(bias) for bias in data["biases"])
        model.weights = {
            str(feature): tuple(float(value) for value in row)
            for feature, row in data["weights"].items()
        }
        return model

    def posterior(self, features: Features) -> list[float]:
        scores = list(self.biases)
        for feature, weight in features.items():
            row = self.weights.get(feature)
            if row is None:
                continue
            for position, value in enumerate(row):
                scores[position] += weight * value
        top = max(scores)
        exponentials = [math.exp(score - top) for score in scores]
        total = sum(exponentials)
        return [value / total for value in exponentials]

    def best(self, features: Features) -> tuple[str, float]:
        probabilities = self.posterior(features)
        position = max(range(len(probabilities)), key=probabilities.__getitem__)
        return self.labels[position], probabilities[position]

    def probability(self, label: str, features: Features) -> float:
        return self.posterior(features)[self.labels.index(label)]
