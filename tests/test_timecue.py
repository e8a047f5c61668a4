"""Tests for bot.timecue: a time in a question asks for the out-of-hours line only when it is
asked about, not when it only says when the question is asked."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.timecue import CUE, asks_for_out_of_hours, line_asked

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
    f"the {CUE} one",
    f"who is the {CUE} pressoffice",
    "if i need someone late on saturday who do i ring",
    # A time said as when the line is wanted, in a message asking for a line by calling it.
    "is there a number that works at the weekend",
    "who do i call about the figures on a saturday",
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
    f"doing a {CUE} piece on it who is the pressoffice contact",
    f"writing an {CUE} story",
    "i am journalist from italy is night now who answer phone for press",
    "weekend now is anyone there",
    # The time first, then the asker's own clause: it says when it is.
    f"{CUE} and i need the pressoffice who do i ring",
    # "on" a time that says what another thing is, not when the line is wanted.
    "working on a saturday piece is there a number",
])
def test_a_time_said_in_passing_does_not(question: str) -> None:
    assert not asks(question)


def test_a_cue_that_asks_picks_the_out_of_hours_line_of_the_routed_lines(engine: Engine) -> None:
    """Read from the intents' routes, family and audience, never their names."""
    intents = engine.knowledge.intents
    day = next(i for i in intents if i.route == "media")
    night = next(i for i in intents if i.route == "out_of_hours")
    public = next(i for i in intents if i.route == "non_media")
    assert line_asked(intents, day, True) is night
    assert line_asked(intents, day, False) is day
    assert line_asked(intents, night, False) is night
    assert line_asked(intents, public, True) is public  # no night line for the public


@pytest.mark.parametrize(("question", "cue"), [
    ("who do I call? it's gone 7", True),
    ("is anyone there? it's gone 9pm", True),
    ("has the figure gone 7 times higher?", False),
    ("has it gone 10 percent up?", False),
])
def test_gone_an_evening_hour_is_a_time_cue(
        engine: Engine, question: str, cue: bool) -> None:
    """General knowledge in the lexicon: "gone 7" is past 7 (British English), not a figure
    that went up by 7."""
    assert (CUE in engine.matcher.reader.tokens(question)) is cue


@pytest.mark.parametrize(("question", "asked"), [
    ("who do reporters ring at weekends", True),  # plural cues are cues
    ("any duty number for nights", True),
    ("bank holiday and we need the press office, who can we ring", False),
])
def test_the_reader_reads_the_time_asked_for(engine: Engine, question: str, asked: bool) -> None:
    f = engine.matcher.reader.features(question)
    assert (CUE in f.terms) is asked
