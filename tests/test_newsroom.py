"""A newsroom's words read as a newsroom means them: a person's "line" is what they say, time
"with" someone or someone to speak to the asker for a piece is an interview, what a newsroom
makes ("bulletin", "graphic") says who asks, the numbers "before and after" are a change, and
a message naming three or more of the release's figures asks for them all (bot.figurelist)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine
from bot.figurelist import named

NOW = dt.datetime(2020, 2, 3, 10, 0)
RELEASE = "2020-01-30-modern-slavery"


def read_as(engine: Engine, question: str) -> str | None:
    """The matcher's reading (the classifier's opinion is weighed after it)."""
    return engine.matcher_answer(question, now=NOW).answer.intent


@pytest.mark.parametrize("question", [
    "need the chair's line for the top of the piece",
    "what's Unmesh Desai's line?",
])
def test_a_persons_line_is_what_they_say(engine: Engine, question: str) -> None:
    assert read_as(engine, question) == "chair_quote"


def test_a_line_manager_is_still_no_quote(engine: Engine) -> None:
    text = engine.matcher.normalise("who is the chair's line manager?")
    assert "quote" not in text


@pytest.mark.parametrize("question", [
    "can I get 10 minutes with the chair for a feature?",
    "would someone from the committee be willing to speak to me for a feature?",
])
def test_time_with_someone_is_an_interview(engine: Engine, question: str) -> None:
    assert read_as(engine, question) == "interview_request"


def test_someone_to_talk_to_is_no_interview(engine: Engine) -> None:
    assert "interview" not in engine.matcher.features("can someone talk to me").terms


@pytest.mark.parametrize("word", ["bulletin", "graphic", "liveblog", "nib"])
def test_what_a_newsroom_makes_is_the_media(engine: Engine, word: str) -> None:
    assert "media" in engine.matcher.features(f"what's the rise? it's for our {word}").terms


def test_before_and_after_numbers_are_the_change(engine: Engine) -> None:
    assert read_as(engine, "can you give me the before and after numbers for the rise") == (
        "referrals_rise")


@pytest.mark.parametrize("question", [
    "Give me the 2013 number, the 2018 number and the NRM total",
    "what are the main figures: NRM total, the london share and the rise?",
])
def test_three_figures_named_ask_for_them_all(engine: Engine, question: str) -> None:
    assert read_as(engine, question) == "figures_all"


@pytest.mark.parametrize("question, figures", [
    # A year said with a figure of that year names nothing more.
    ("how many NRM referrals in 2017 and what share were in London",
     {"nrm_total", "nrm_london_share"}),
    # The rise is the change between 2013 and 2018: the years name it again.
    ("what were the 2013 and 2018 figures and the rise?", {"referrals_rise"}),
])
def test_two_figures_or_one_are_not_the_list(engine: Engine, question: str,
                                             figures: set[str]) -> None:
    matcher = engine.matcher
    assert named(matcher, matcher.features(question), RELEASE) == figures
    assert read_as(engine, question) != "figures_all"


def test_where_three_figures_come_from_is_no_list(engine: Engine) -> None:
    assert read_as(engine, "where do the 2013, 2018 and NRM figures come from?") != (
        "figures_all")


@pytest.mark.parametrize("question", [
    "Local radio here. In one line, what's the rise?",
    "trade press here: what does the committee recommend?",
])
def test_a_kind_of_outlet_introducing_itself_is_who_asks(engine: Engine, question: str) -> None:
    terms = engine.matcher.features(question).terms
    assert "journalist" in terms and "interview" not in terms


def test_a_question_about_the_press_is_no_introduction(engine: Engine) -> None:
    assert "journalist" not in engine.matcher.features("is the press here?").terms


def test_a_credit_line_is_no_phone_line(engine: Engine) -> None:
    terms = engine.matcher.features("need the exact title of the release for the credit line").terms
    assert "contact" not in terms


def test_the_chair_got_on_the_phone_is_an_interview(engine: Engine) -> None:
    terms = engine.matcher.features("can we get the chair on the phone for a quick comment?").terms
    assert "interview" in terms and "contact" not in terms


@pytest.mark.parametrize("question", ["what's the news hook?", "give me the nut graf",
                                      "what is the news peg for this"])
def test_a_storys_hook_peg_or_nut_graf_is_what_the_release_is_about(engine: Engine,
                                                                    question: str) -> None:
    assert engine.matcher_answer(question).answer.intent == "release_topic"
