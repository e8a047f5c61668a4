"""Tests for bot.followpair: a follow-up asking the difference between the two figures just
given is the change between them when they are one series in two years, and never a difference
invented when they are not."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.answermodels import Answer
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.followpair import asks_difference
from bot.render import to_text

NOW = dt.datetime(2020, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def converse(engine: Engine, *questions: str) -> Answer:
    conversation = Conversation()
    return [engine.ask(q, conversation=conversation, now=NOW) for q in questions][-1]


@pytest.mark.parametrize("years", [
    ("how many referrals in 2013?", "and in 2018?"),
    ("2018 referrals please", "what about 2013"),
])
@pytest.mark.parametrize("asked", [
    "what's the difference between those two?",
    "how many more is that?",
    "and the gap between them?",
    "whats the diff",
    "how much bigger is that",
])
def test_the_difference_between_two_years_of_a_series_is_its_change(
        engine: Engine, years: tuple[str, str], asked: str) -> None:
    """The figures just given decide: the series' change, calculated and labelled."""
    answer = converse(engine, *years, asked)
    text = to_text(answer)
    assert answer.intent == "referrals_rise", text
    assert "2,159" in text and "Calculated by pressbot" in text, text


@pytest.mark.parametrize(("first", "own"), [
    ("how many people were referred to the NRM in 2017?", "5,143"),
    ("what % of NRM cases were in London?", "30%"),
])
@pytest.mark.parametrize("asked", ["what's the difference between the two?", "and the difference?"])
def test_no_difference_is_invented_between_a_count_and_a_share(
        engine: Engine, first: str, own: str, asked: str) -> None:
    """A count and a share of one year are not one series: no change (the words alone once read
    it as the London referrals' rise); the figures given are offered again."""
    answer = converse(engine, first, asked)
    text = to_text(answer)
    assert answer.intent != "referrals_rise" and "2,159" not in text, text
    assert own in text, text


def test_the_figures_of_the_last_two_answers_are_kept_of_their_release() -> None:
    conversation = Conversation()
    conversation.remember("a", ["x_2013"], "r1")
    conversation.remember("b", [], "r1")  # an answer with no figure moves nothing
    conversation.remember("c", ["x_2018"], "r1")
    assert conversation.given("r1") == [["x_2018"], ["x_2013"]]
    assert conversation.given("r2") == []
    conversation.reset()
    assert conversation.given("r1") == []


@pytest.mark.parametrize(("asked", "expected"), [
    ("what's the difference between those two?", True),
    ("how many more is that?", True),
    ("what's the difference between the NRM and the Met figures?", False),
    ("how many more detectives exactly?", False),
    ("how many more in 2018?", False),
    ("what was the 2013 figure?", False),
])
def test_a_difference_asked_alone_names_nothing_of_its_own(
        engine: Engine, asked: str, expected: bool) -> None:
    assert asks_difference(engine.matcher.features(asked)) is expected
