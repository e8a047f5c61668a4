"""Provides ``Opinion``: the classifier with what the engine needs around it to use it.

The engine asks two opinions of a question; the classifier's is this object: the model, the
decision rule's learned thresholds, each intent's class and each class's intents, years and
type, and the priority classes, made once for the loaded intents. The rule itself (what
``decide`` and ``keeps`` apply) is bot/decision.py's: its functions take the thresholds and the
classes as arguments, so cross-validation applies them to its replays with each fold's rule
(bot/crossval.py); this object binds them to the one model the engine answers with.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from bot.classifier import FALLBACK, Classifier
from bot.decision import Question, Verdict, heard, keeps, verdict
from bot.intentclasses import Classes, class_map
from bot.models import Intent
from bot.numbers import ascii_digits, spoken_years, without_measures, zeros_for_os
from bot.thresholds import Thresholds


class Opinion:
    """The classifier with what the engine needs around it: the rule, each intent's class,
    each class's intents, years and type, and the priority classes. Labels the loaded intents do not
    have (a model trained for other intents) are never offered."""

    def __init__(self, classifier: Classifier, thresholds: Thresholds,
                 intents: Sequence[Intent]) -> None:
        self.classifier = classifier
        self.thresholds = thresholds
        self.classes = class_map(intents)
        self.info = Classes.of(intents)
        self.members: dict[str, list[str]] = {}
        for intent_id, label in sorted(self.classes.items()):
            self.members.setdefault(label, []).append(intent_id)
        self.priority = frozenset(self.classes[i.id] for i in intents if i.priority)
        self.known = frozenset(classifier.labels)
        # Every label of the model is one the loaded intents have (the model trained for
        # them): ``rank`` keeps the whole ranking without looking at each label.
        self.all_known = all(label.split("/")[0] == FALLBACK or label in self.members
                             for label in classifier.labels)
        # The fallback class fitted as parts, by the kind of question each is nearest
        # (``bot.training.fallback_parts``): read as one class again.
        self.parts = any(label.startswith(FALLBACK + "/") for label in classifier.labels)
        # ``merged``'s work done once: the parts' indices, and the merged labels laid out in
        # their order, each with its index in the model's labels (the fallback class: -1).
        labels = classifier.labels
        self._parts = tuple(i for i, label in enumerate(labels) if is_fallback(label))
        self._layout = tuple(sorted([(label, i) for i, label in enumerate(labels)
                                     if not is_fallback(label)] + [(FALLBACK, -1)]))

    def knows(self, intent_id: str) -> bool:
        """Whether the model was trained on the intent's class (one added since was not: the
        classifier has no opinion about it, and the matcher's answer stands)."""
        return self.classes.get(intent_id, intent_id) in self.known

    def rank(self, text: str) -> list[tuple[str, float]]:
        """The classifier's ranking of ``text``, a year said in words read as its digits
        (bot.numbers.spoken_years), as the reader reads it. The model is fitted on the examples
        as typed: 14 of its 11,002 say a year in words, and refitting every fold on them read
        as digits moved the learned ``safe`` more than the reading moved any answer. Digits of
        another script ("২০১৮") are read as ASCII digits (bot.numbers.ascii_digits), as the
        reader reads them: none of the examples types them, so the fitted model is the same. So
        are a number's digits typed as letters ("2Ol8", "l87": bot.numbers.zeros_for_os). The
        measures of the asker's own things ("my 2000 word essay") are not heard at all
        (bot.numbers.without_measures): their digits are neither a year nor a figure asked."""
        read = without_measures(zeros_for_os(spoken_years(ascii_digits(text))))
        ranked = self._merged(read) if self.parts else self.classifier.rank(read)
        if not self.all_known:
            ranked = [(label, p) for label, p in ranked
                      if label == FALLBACK or label in self.members]
        return ranked or [(FALLBACK, 1.0)]

    def _merged(self, text: str) -> list[tuple[str, float]]:
        """``merged(self.classifier.rank(text))``, the same floats in the same order, without
        ranking the parts: they are summed most likely first, as ``merged`` sums them from the
        ranking (equal probabilities are equal floats, so their order among them is no matter),
        and the merged labels, laid out by label, are sorted stably by probability."""
        probabilities = self.classifier.probabilities(text)
        none = sum(sorted([probabilities[i] for i in self._parts], reverse=True))
        ranked = [(label, probabilities[i] if i >= 0 else none) for label, i in self._layout]
        ranked.sort(key=itemgetter(1), reverse=True)
        return ranked

    def hear(self, q: Question) -> Question:
        """The question as the rule weighs it (``heard``, with the rule's ``safe``)."""
        return heard(q, self.priority, self.thresholds.safe)

    def decide(self, q: Question) -> Verdict:
        return verdict(q, self.priority, self.thresholds, self.info)

    def keeps(self, q: Question) -> bool:
        """``keeps``: whether the matcher's answer to a follow-up stands."""
        return keeps(q, self.priority, self.thresholds, self.info)


def is_fallback(label: str) -> bool:
    """Whether a label is the fallback class or one of its parts ("fallback/figure")."""
    return label.split("/")[0] == FALLBACK


def merged(ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """A ranking with the fallback class's parts ("fallback/figure") summed as "fallback",
    most likely first (ties by label)."""
    none = sum(p for label, p in ranked if is_fallback(label))
    found = [(label, p) for label, p in ranked if not is_fallback(label)]
    found.append((FALLBACK, none))
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found
