"""Provides the classifier's classes: each intent's label, and what the rule knows of each class.

The classifier labels a question with a class, not an intent: an intent is its own class,
save the routed intents for one audience (the media line and the out-of-hours media line),
which are one class the router splits (``class_of``). The decision rule reads each class's
years and question type among its stacker's signals (``Classes``). Training labels examples by
it (bot/training.py) and the engine's ``Opinion`` maps answers to it (bot/opinion.py); it is
apart from the rule (bot/decision.py) because all three read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.models import Intent


@dataclass(frozen=True)
class Classes:
    """What the rule knows of each class: the years its intents are about, and its question
    type (bot.models.QuestionType), shared by classes that answer the same kind of question."""

    years: dict[str, frozenset[int]]
    types: dict[str, str]

    @classmethod
    def of(cls, intents: Sequence[Intent]) -> Classes:
        years: dict[str, set[int]] = {}
        types: dict[str, str] = {}
        for intent in intents:
            label = class_of(intent, intents)
            years.setdefault(label, set()).update(intent.years)
            types.setdefault(label, intent.type)
        return cls({label: frozenset(y) for label, y in years.items()}, types)


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
