"""Tests for bot.timecue: a time in a question asks for the out-of-hours line only when it is
asked about, not when it only says when the question is asked."""

from __future__ import annotations

import pytest

from bot.timecue import CUE, asks_for_out_of_hours

TIMES = frozenset({CUE, "weekend", "night", "evening", "saturday", "sunday", "late",
                   "tonight", "7pm"})
SMALL = frozenset({"the", "a", "at", "is", "there", "do", "i", "what", "for", "it", "on", "can"})


def asks(question: str) -> bool:
    return asks_for_out_of_hours(question.split(), TIMES.__contains__, SMALL.__contains__)


@pytest.mark.parametrize("question", [
    f"what is the {CUE} number",
    "is there a weekend number",
    "who do i ring at night",
    f"and {CUE}",
    f"what if its {CUE}",
    "if i need someone late on saturday who do i ring",
])
def test_a_time_asked_about_asks_for_the_line(question: str) -> None:
    assert asks(question)


@pytest.mark.parametrize("question", [
    "pressoffice number it saturday sorry",
    "i know it late who handles media enquiries",
    "need a response tonight",
    "i am at the sunday times can i get the pressoffice number",
    "sunday night deadline tomorrow who in the pressoffice can i ring",
    f"interview monday i know it a {CUE}",
    "media contact",
])
def test_a_time_said_in_passing_does_not(question: str) -> None:
    assert not asks(question)
