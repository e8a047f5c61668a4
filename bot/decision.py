"""Provides the decision rule between two independent opinions on a question: the matcher's
answer and the classifier's ranking of question types (``verdict``), and its thresholds.

The rule, in order (a "class" is the classifier's label for an intent, see bot.training):
1. a priority (safeguarding) answer from the matcher is never demoted;
2. the classifier gives the priority answer when it ranks it first and the matcher has no answer,
   or when it is at least ``safe`` sure of it (safety first: see bot.crossval for ``safe``);
3. the two agree: answer;
4. the matcher falls back: the classifier answers alone when at least ``solo`` sure, else fall back;
5. the matcher answers, the classifier says "none": fall back when it is ``veto`` sure, keep the
   matcher's answer when the classifier gives the matcher's class at least ``keep``, else ask
   "did you mean" the matcher's answer;
6. they name different answers: the classifier's when at least ``override`` sure, the matcher's
   when the classifier gives it at least ``second``, else offer both as "did you mean".
The thresholds are chosen by cross-validation (bot.crossval) and stored in intents/decision.json.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Literal

from bot.classifier import FALLBACK, Classifier
from bot.models import Intent

NEVER = 1.01  # a threshold no probability reaches

Kind = Literal["matcher", "classifier", "clarify", "fallback"]


@dataclass(frozen=True)
class Thresholds:
    safe: float = NEVER
    solo: float = NEVER
    veto: float = NEVER
    keep: float = 0.0
    override: float = NEVER
    second: float = 0.0

    @classmethod
    def load(cls, path: Path) -> Thresholds:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{f.name: float(raw[f.name]) for f in fields(cls)})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"cannot read the decision thresholds {path}: {exc}") from None

    def dumps(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def class_of(intent: Intent, intents: Sequence[Intent]) -> str:
    """The classifier's label for an intent. Routed intents for the same audience (the media
    line and the out-of-hours media line) are one class: which line answers depends on the time
    and on words the matcher reads, and writers label them inconsistently; the router picks."""
    if not intent.route or intent.audience == "any":
        return intent.id
    same = sorted(i.id for i in intents if i.route and i.audience == intent.audience
                  and i.family == intent.family)
    return same[0]


def class_map(intents: Sequence[Intent]) -> dict[str, str]:
    return {i.id: class_of(i, intents) for i in intents}


class Opinion:
    """The classifier with what the engine needs around it: the thresholds, each intent's class,
    each class's intents and the priority classes. Labels the loaded intents do not have (a
    model trained for other intents) are never offered."""

    def __init__(self, classifier: Classifier, thresholds: Thresholds,
                 intents: Sequence[Intent]) -> None:
        self.classifier = classifier
        self.thresholds = thresholds
        self.classes = class_map(intents)
        self.members: dict[str, list[str]] = {}
        for intent_id, label in sorted(self.classes.items()):
            self.members.setdefault(label, []).append(intent_id)
        self.priority = frozenset(self.classes[i.id] for i in intents if i.priority)
        self.known = frozenset(classifier.labels)

    def knows(self, intent_id: str) -> bool:
        """Whether the model was trained on the intent's class (one added since was not: the
        classifier has no opinion about it, and the matcher's answer stands)."""
        return self.classes.get(intent_id, intent_id) in self.known

    def rank(self, text: str) -> list[tuple[str, float]]:
        ranked = [(label, p) for label, p in self.classifier.rank(text)
                  if label == FALLBACK or label in self.members]
        return ranked or [(FALLBACK, 1.0)]


@dataclass(frozen=True)
class Verdict:
    """What to do: answer with one opinion, ask which was meant, or fall back. ``offer`` lists
    the opinions a "did you mean" offers, as "matcher" and/or "classifier"."""

    kind: Kind
    offer: tuple[str, ...] = ()
    branch: int = 0  # which rule decided (1-6), for selection and diagnostics


def verdict(matched: str | None, priority: bool, ranked: list[tuple[str, float]],
            priority_classes: frozenset[str], t: Thresholds) -> Verdict:
    """Decide between the matcher's class ``matched`` (None: it fell back) and the classifier's
    ``ranked`` classes with their probabilities."""
    if matched is not None and priority:
        return Verdict("matcher", branch=1)
    top, p = ranked[0]
    if top in priority_classes and (matched is None or p >= t.safe):
        return Verdict("classifier", branch=2)
    if matched is not None and top == matched:
        return Verdict("matcher", branch=3)
    if matched is None:
        if top != FALLBACK and p >= t.solo:
            return Verdict("classifier", branch=4)
        return Verdict("fallback", branch=4)
    p_matched = next((q for label, q in ranked if label == matched), 0.0)
    if top == FALLBACK:
        if p >= t.veto:
            return Verdict("fallback", branch=5)
        if p_matched >= t.keep:
            return Verdict("matcher", branch=5)
        return Verdict("clarify", ("matcher",), branch=5)
    if p >= t.override:
        return Verdict("classifier", branch=6)
    if p_matched >= t.second:
        return Verdict("matcher", branch=6)
    return Verdict("clarify", ("matcher", "classifier"), branch=6)
