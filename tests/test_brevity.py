"""How long the answer may be ("in one line", "in a sentence": newsroom words for a short
answer) is no question about what the release is about. Phrasings written for these tests."""

from __future__ import annotations

import pytest

from bot.engine import Engine


@pytest.mark.parametrize(("question", "intent"), [
    ("in one line, what does the London Assembly do?", "assembly_role"),
    ("what's the rise in one line?", "referrals_rise"),
])
def test_a_short_answer_asked_for_is_the_question_asked(
        engine: Engine, question: str, intent: str) -> None:
    m = engine.matcher_answer(question)
    assert (m.answer.kind, m.answer.intent) == ("answer", intent)

