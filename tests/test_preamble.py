"""The question after an opening that only says who is asking (bot/preamble.py): the opening's
words of an outlet ("radio", "podcast", "TV news") route the answer, but are no request for an
interview or the press line. Phrasings written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from bot.dialogue import Conversation
from bot.engine import Engine
from bot.preamble import opening_read


def matched(engine: Engine, question: str) -> str | None:
    m = engine.matcher_answer(question)
    return m.answer.intent if m.answer.kind == "answer" else None


@pytest.mark.parametrize(("question", "intent"), [
    ("Podcast producer. What did the committee recommend?", "recommendations_all"),
    ("I host a weekly podcast. What are the three recommendations?", "recommendations_all"),
    ("TV news here. What is the London Assembly?", "assembly_role"),
    ("Radio newsroom - what's the rise in referrals?", "referrals_rise"),
    ("Radio producer - what was the 2018 figure?", "referrals_2018"),
    ("Evening news programme: in a sentence, what is the release about?", "release_topic"),
])
def test_an_outlet_named_in_the_opening_is_no_interview_request(
        engine: Engine, question: str, intent: str) -> None:
    assert matched(engine, question) == intent


@pytest.mark.parametrize(("question", "intent"), [
    # The opening asks for the line itself, or names what is asked: it is no introduction.
    ("Duty press officer at the London Assembly - how do I get hold of them?",
     "contact_out_of_hours"),
    # The interview is asked for after the opening, not read from it.
    ("Local radio here. Can we get the chair on air tomorrow?", "interview_request"),
])
def test_what_is_asked_after_the_opening_still_stands(
        engine: Engine, question: str, intent: str) -> None:
    assert matched(engine, question) == intent


def test_the_question_is_read_as_asked_by_whom_the_opening_says(engine: Engine) -> None:
    matcher = engine.matcher
    question = "Radio producer - what was the 2018 figure?"
    whole = matcher.features(question)
    read = opening_read(matcher, question, whole)
    assert read is not None and read.audience == "media"
    assert "interview" not in read.terms and "interview" in whole.terms
    # No opening that only says who asks: nothing to reread.
    plain = "what was the 2018 figure?"
    assert opening_read(matcher, plain, matcher.features(plain)) is None


@pytest.mark.parametrize(("first", "then", "intent"), [
    ("what was the 2013 figure?", "Radio producer here - and what about 2018?", "referrals_2018"),
    ("what are the recommendations?", "Podcast producer. More on the second one?",
     "rec_detectives"),
])
def test_the_question_after_an_opening_is_read_with_the_conversation(
        engine: Engine, first: str, then: str, intent: str) -> None:
    conversation = Conversation()
    engine.ask(first, conversation=conversation)
    m = engine.matcher_answer(then, conversation=conversation)
    assert (m.answer.kind, m.answer.intent) == ("answer", intent)
