"""Tests for the safety net of the decision rule (bot.decision, rule 2): where the matcher fell
back, the safety layer read a sign of harm that is not enough by itself (no person, request or
urgency with it) and the classifier's first reading is the help numbers, those two weak readings
agree and nothing else answers, so the help numbers are given, below ``safe`` too; and a call for
help and nothing else is read as one by the safety layer."""

from __future__ import annotations

import pytest

from bot.classifier import FALLBACK
from bot.decision import Question, verdict
from bot.engine import Engine
from bot.intentclasses import Classes
from bot.safety import assess
from bot.thresholds import Thresholds

SAFE = frozenset({"safeguarding"})
RULE = Thresholds(safe=0.7, answer=0.6, offer=0.3, weights=(0.0,) * 15)
NONE = Classes({}, {})
LEANS = [("safeguarding", 0.5), (FALLBACK, 0.3)]


def test_a_fallback_with_a_sign_of_harm_and_the_classifier_leaning_to_help() -> None:
    assert verdict(Question(None, LEANS, harm=True), SAFE, RULE, NONE).kind == "classifier"
    assert verdict(Question(None, LEANS, harm=True), SAFE, RULE, NONE).branch == 2


@pytest.mark.parametrize("q", [
    Question(None, LEANS),  # no sign of harm: below ``safe``, as before
    Question("rise", LEANS, harm=True),  # the matcher answered: rule 3 weighs it
    Question(None, [(FALLBACK, 0.5), ("safeguarding", 0.4)], harm=True),  # not its first
])
def test_the_net_needs_all_three(q: Question) -> None:
    assert verdict(q, SAFE, RULE, NONE).kind != "classifier"


@pytest.mark.parametrize(("message", "harm"), [
    ("paying a debt by working for free", True),
    ("they are beating him", True),
    # a figure about people in general is the subject's count, not someone's situation
    ("how many people were forced to work for no pay?", False),
    ("for my essay, how common is working to pay off a debt?", False),  # asked for work
    ("how many referrals were there in 2018?", False),
])
def test_the_layer_says_when_it_read_a_sign_of_harm(engine: Engine, message: str,
                                                    harm: bool) -> None:
    v = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert v.harm is harm


@pytest.mark.parametrize("message", ["SOS", "mayday", "help me please", "please help urgent",
                                     "🆘", "I need help now"])
def test_a_call_for_help_and_nothing_else_is_one(engine: Engine, message: str) -> None:
    v = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert v.urgent and "distress" in v.because


@pytest.mark.parametrize("message", ["help", "help please", "is the SOS campaign in the report?",
                                     "can you help me with the figures", "urgent", "please"])
def test_help_asked_of_the_bot_is_no_call_for_help(engine: Engine, message: str) -> None:
    v = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert "distress" not in v.because
