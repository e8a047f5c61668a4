"""Tests for bot/twopart.py's ``line_beside``: a request for the asker's line read apart from what
the rest of the message asks or names ("who could I ring regarding X?", "give me the figure and
someone to call"), so that both are answered and the classifier naming either part agrees."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot import twopart
from bot.decision import Question, names_a_part
from bot.engine import Engine
from bot.render import to_text
from bot.segments import joins

NOW = dt.datetime(2020, 2, 4, 11, 0, tzinfo=ZoneInfo("Europe/London"))  # office hours
PUBLIC_LINE, MEDIA_LINE = "020 7983 4100", "020 7983 4067"


def _read(engine: Engine, question: str) -> tuple[twopart.MatcherAnswer, str]:
    read = engine.matcher_answer(question, now=NOW)
    return read, to_text(read.answer)


def test_joins_say_which_piece_names_what_a_call_is_about() -> None:
    assert joins("who could I ring regarding the visa idea? thanks so much") == [
        ("who could I ring", False), ("the visa idea?", True), ("thanks so much", False)]
    assert joins("the 2018 figure and a phone line please") == [
        ("the 2018 figure", False), ("a phone line please", False)]
    # Fewer than three words is no piece of its own: the half of a name split at its "and".
    assert joins("can I ring someone at the police and crime committee?") == [
        ("can I ring someone at the police", False)]


@pytest.mark.parametrize("question", [
    "I run a community law clinic. Who could I ring regarding the recommendation on visas "
    "for domestic workers?",
    "I volunteer with a migrants' group, is there anyone I can email concerning the domestic "
    "worker visa recommendation?",
])
def test_a_line_asked_about_a_subject_is_the_line_with_the_subject_beside_it(
        engine: Engine, question: str) -> None:
    read, text = _read(engine, question)
    assert read.answer.intent == "contact_public", text
    assert read.also is not None and read.also.intent == "rec_visa", text
    # Read as the line, the call about the recommendation: the line leads whichever the
    # classifier names.
    assert read.also.led is None
    assert PUBLIC_LINE in text and MEDIA_LINE not in text and "visa" in text.lower(), text
    # The classifier naming the subject agrees with the answer (rule 3a), as with the line.
    for top in ("rec_visa", "contact_public"):
        q = Question("contact_public", [(top, 0.6), ("fallback", 0.4)], 0.7,
                     also=read.also.intent)
        assert names_a_part(q)


def test_the_press_asking_whom_to_call_about_a_figure_get_their_line_and_the_figure(
        engine: Engine) -> None:
    question = "Sky News desk. Which press officer do I phone about the 1,155% rise?"
    read, text = _read(engine, question)
    # The whole was read as the figure, a piece asks for the line: both answered, and the
    # classifier's one class names which leads (rule 3a).
    assert read.also is not None, text
    assert {read.answer.intent, read.also.intent} == {"referrals_rise", "contact_media"}, text
    assert read.also.led is not None
    text = to_text(engine.ask(question, now=NOW))
    assert MEDIA_LINE in text and "1,155%" in text and PUBLIC_LINE not in text, text


def test_a_figure_and_a_line_asked_side_by_side_are_both_answered_either_first(
        engine: Engine) -> None:
    read, text = _read(engine, "Radio newsdesk here. Need the 2018 London referrals figure "
                               "and a number to call tonight please")
    assert read.also is not None, text
    assert {read.answer.intent, read.also.intent} == {"referrals_2018", "contact_media"}, text
    # Two questions: the classifier's one class names which leads (rule 3a).
    assert read.also.led is not None
    assert "2,346" in text and MEDIA_LINE in text, text


@pytest.mark.parametrize("question", [
    # "talk" told of, not asked for
    "My grandad used to talk about the docks in the old days. What did the Assembly recommend?",
    # "number" as a figure: no word that means a line whatever surrounds it
    "Our subs want every number double-checked before print. What's the exact 2018 figure?",
])
def test_no_line_is_added_where_none_is_asked(engine: Engine, question: str) -> None:
    read, text = _read(engine, question)
    assert read.also is None, text
