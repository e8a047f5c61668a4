"""Tests for who is asking when the asker names a role, not "journalist": kinds of journalist
(broadcast and documentary researchers, producers and reporters where they work, fact-checkers,
a station or paper introducing itself, a press officer of another body) are the press, though
"researcher", "community" or "charity" beside them reads as the public; where they work is not
an interview asked for; and an asker with no outlet is not the press."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine
from bot.render import to_text

MEDIA, PUBLIC = "020 7983 4067", "020 7983 4100"
OFFICE = dt.datetime(2020, 1, 30, 10, 0)  # a Thursday, the office open

PRESS_ROLES = [
    "I'm a researcher at a small television production company in Bristol, who do I ring?",
    "radio researcher for a charity appeal programme - who should I phone about this?",
    "We are a student radio station at a university in Leeds, who can we phone about the letter?",
    "fact checker for a fact-checking charity, whose number do I need for the press side?",
    "I present a weekly show on a community radio network, who do I speak to about this?",
    "Volunteer-run neighbourhood paper here, who can I call for a comment?",
    "I'm a press officer at a refugee charity, who is the contact in your press team?",
]


@pytest.mark.parametrize("question", PRESS_ROLES)
def test_kinds_of_journalist_are_the_press(engine: Engine, question: str) -> None:
    assert engine.matcher.features(question).audience == "media"


@pytest.mark.parametrize("question", [
    "I'm a researcher at a small television production company in Bristol, who do I ring?",
    "fact checker for a fact-checking charity, whose number do I need for the press side?",
])
def test_kinds_of_journalist_get_the_press_line(engine: Engine, question: str) -> None:
    # The matcher's own answer is the press line; the engine never answers with the public's
    # line alone (it may still ask back where the classifier reads the role as the public).
    mine = engine.matcher_answer(question, now=OFFICE).answer
    assert mine.intent == "contact_media" and MEDIA in to_text(mine)
    assert engine.ask(question, now=OFFICE).intent != "contact_public"


def test_where_a_producer_works_is_no_interview_asked_for(engine: Engine) -> None:
    question = ("I'm a producer on ITV's lunchtime news programme. Who looks after press "
                "enquiries for the committee?")
    f = engine.matcher.features(question)
    assert f.audience == "media" and "interview" not in f.terms
    assert engine.ask(question, now=OFFICE).intent == "contact_media"


@pytest.mark.parametrize("question", [
    "I write a hobby blog, no outlet behind me. Who can I phone about this?",
    "I'm asking for myself, not for a newspaper. Is there a number to ring?",
])
def test_no_outlet_is_not_the_press(engine: Engine, question: str) -> None:
    assert engine.matcher.features(question).audience == "public"


def test_the_same_words_of_the_public_stay_the_public(engine: Engine) -> None:
    # The roles' outlet words, said by someone of the public, do not make them the press.
    assert engine.matcher.features(
        "I'm a researcher at a television production company, who do I call?").audience == "media"
    for question in ("I heard about it on a community radio station, I'm a student. Who do I call?",
                     "I'm a student writing a term paper on trafficking, who can I phone?",
                     "I'm a researcher at a university, who do I call about the report?"):
        assert engine.matcher.features(question).audience == "public", question


@pytest.mark.parametrize("question", [
    "Hello, I'm a retired nurse. Whom could I approach about the committee's recommendations?",
    "I coach a girls' football team and they want to campaign on this. Who could they write to?",
    "I'm a local historian. Who should I phone with a question about this publication?",
])
def test_whom_to_approach_or_write_to_is_a_line_asked_for(engine: Engine, question: str) -> None:
    mine = engine.matcher_answer(question, now=OFFICE).answer
    assert mine.intent == "contact_public", question


def test_whom_the_committee_wrote_to_is_still_the_letter(engine: Engine) -> None:
    # Whom the asker's pupils may write to is a line; whom the committee wrote to, the letter.
    assert engine.matcher_answer("I teach year 8, who could our pupils write to?", now=OFFICE
                                 ).answer.intent == "contact_public"
    assert engine.matcher_answer("who did they write to?", now=OFFICE).answer.intent == "letter"


@pytest.mark.parametrize("question", [
    "weekend news desk, who do I ring about this story?",
    "subeditor here, who should I phone about the release?",
])
def test_a_newsdesk_asking_for_a_line_gets_the_press_line(engine: Engine, question: str) -> None:
    # The desk and the subeditor are the press: their request for a line is the press line's.
    mine = engine.matcher_answer(question, now=OFFICE).answer
    assert mine.intent in ("contact_media", "contact_out_of_hours"), question


def test_a_fact_checker_for_an_outlet_is_the_press(engine: Engine) -> None:
    for question in ("I'm fact-checking for Reuters, who can I ring?",
                     "I am a volunteer fact-checking for the Telegraph, who can I ring?"):
        assert engine.matcher.features(question).audience == "media", question


@pytest.mark.parametrize("question", ["are you around on the press side this afternoon?",
                                      "sunday evening - is anybody around on the media side?"])
def test_whether_anyone_is_around_asks_for_a_line(engine: Engine, question: str) -> None:
    assert engine.matcher_answer(question, now=OFFICE).answer.intent in (
        "contact_media", "contact_out_of_hours")


def test_a_paper_named_in_passing_is_no_journalist_saying_where_they_work(engine: Engine) -> None:
    assert "journalist" not in engine.matcher.features(
        "the numbers were in the paper yesterday, are they right?").terms
    assert "journalist" in engine.matcher.features(
        "We're a neighbourhood paper in Leeds, who do we call?").terms
