"""Tests for a witness in a conversation and for questions about what the release says: "I
think I've seen it", after a figure, the quote or the contacts, is a witness wanting to report
what the conversation is about (999 and the helpline, never the press line); a journalist's
question about the figure, something seen in the news, and another crime reported are not; and
asking what the report says about victims gets the answer or an honest fallback, not the help
numbers."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.answermodels import Answer
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_text
from bot.safety import assess
from bot.safetyverdict import SafetyVerdict

NOW = dt.datetime(2020, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))
HELP = ("999", "08000 121 700")
MEDIA_LINE = "020 7983 4067"
FIGURE = "how much did referrals rise?"


def converse(engine: Engine, *questions: str) -> Answer:
    conversation = Conversation()
    answers = [engine.ask(q, conversation=conversation, now=NOW) for q in questions]
    return answers[-1]


def layer(engine: Engine, message: str) -> SafetyVerdict:
    """The safety layer's verdict on one message, read by the engine's reader."""
    return assess(message, engine.matcher.features(message), engine.knowledge.safety)


def help_first(answer: Answer) -> None:
    text = to_text(answer)
    assert answer.kind == "safeguarding", text
    assert all(h in text for h in HELP) and MEDIA_LINE not in text, text


@pytest.mark.parametrize("first", [
    FIGURE,  # a figure
    "how many people were referred to the NRM in 2017?",  # another figure
    "what did the chair say?",  # the quote: no figure, the release's subject
    "who are the press contacts?",  # the contacts
])
@pytest.mark.parametrize("then", [
    "what number do I ring if I think I've seen it?",
    "I reckon we've come across this at our warehouse, who do I tell?",
    "I might have witnessed it at the nail bar down the road, who can I phone",
    "I think I've noticed this happening at my local car wash",
    "which number if we spotted it at work?",
    # anyone, in a condition
    "so if you come across it, who do you ring?",
    "and if someone notices this going on at a farm, who do they tell?",
])
def test_a_witness_of_what_the_conversation_is_about_gets_the_help_numbers(
        engine: Engine, first: str, then: str) -> None:
    help_first(converse(engine, first, then))


def test_the_same_follow_up_alone_gets_them_too(engine: Engine) -> None:
    help_first(converse(engine, "what number do I ring if I think I've seen it?"))


@pytest.mark.parametrize("then", [
    "who do I call about that figure?",
    "who can I speak to about it?",
])
def test_a_journalists_question_about_the_figure_gets_the_press_office(
        engine: Engine, then: str) -> None:
    answer = converse(engine, "I'm a journalist", FIGURE, then)
    text = to_text(answer)
    assert answer.kind != "safeguarding" and MEDIA_LINE in text, text


@pytest.mark.parametrize("then", [
    "I saw it in the paper, what number do I call?",  # read about in the news
    "I saw that figure online, who do I call?",  # "that figure": a noun, not a thing seen
    "who do I call about that figure?",
    "we spotted it on twitter, which number should we ring?",  # where it was published
    "I noticed this on the website, who can I contact",
])
@pytest.mark.parametrize("first", [FIGURE, "what did the chair say?"])
def test_what_was_read_about_is_no_witness(engine: Engine, first: str, then: str) -> None:
    assert converse(engine, first, then).kind != "safeguarding"


@pytest.mark.parametrize("first", [FIGURE, "what did the chair say?"])
@pytest.mark.parametrize("then", [
    "how do I report a burglary?",
    "I've seen a burglary, who do I call?",
    "I saw a car crash, what number do I ring?",
])
def test_another_crime_reported_is_not_read_as_the_subject(
        engine: Engine, first: str, then: str) -> None:
    """What the message reports or saw is named as something else (an off-topic crime): the
    conversation's subject is not what "report" or "seen" is about."""
    answer = converse(engine, first, then)
    assert answer.kind != "safeguarding", to_text(answer)


@pytest.mark.parametrize("message", [
    "what number do I call if I have seen modern slavery",
    "we think we've witnessed human trafficking at the hotel, who should we ring?",
    "I noticed exploitation going on at my work, which line do I call?",
])
def test_a_witness_of_the_subject_asking_whom_to_call_is_read_by_the_layer(
        engine: Engine, message: str) -> None:
    verdict = layer(engine, message)
    assert verdict.urgent and "asks+witness" in verdict.because, verdict


@pytest.mark.parametrize("message", [
    "I've seen the slavery figures, who do I call?",  # a count of it
    "I saw the report on trafficking, who should I contact?",  # a publication about it
    "I saw trafficking in the news, what number do I call?",  # read about, not witnessed
    "have you seen modern slavery figures? who do I call",  # nobody says they saw it
    "I've seen trafficking online, who do I call?",  # where it was published
])
def test_an_account_of_the_subject_is_no_witness(engine: Engine, message: str) -> None:
    verdict = layer(engine, message)
    assert "asks+witness" not in verdict.because, verdict


@pytest.mark.parametrize("message", [
    "does the report say why victims are often found crying or scared?",
    "what does the committee say about victims being afraid to come forward?",
    "does the release mention victims who are kept locked up?",
    "according to the report, why are victims frightened of the police?",
])
def test_what_the_report_says_about_victims_is_asked_for_not_reported(
        engine: Engine, message: str) -> None:
    verdict = layer(engine, message)
    assert verdict.about_release and not verdict.harm and verdict.studies_it, verdict
    answer = engine.ask(message, now=NOW)
    # (An honest fallback may end with its usual one line of the help numbers.)
    assert answer.kind in ("answer", "fallback", "clarify"), to_text(answer)


@pytest.mark.parametrize("message", [
    "what does the report say about victims? my neighbour's cleaner looks scared, who do I call?",
    "the report says victims are scared, the nanny next door is scared all the time, what do i do",
    "does the report say what to do if I think someone is being held?",
])
def test_what_the_report_says_beside_a_person_at_risk_is_still_the_help_numbers(
        engine: Engine, message: str) -> None:
    verdict = layer(engine, message)
    assert not verdict.about_release, verdict
    help_first(engine.ask(message, now=NOW))
