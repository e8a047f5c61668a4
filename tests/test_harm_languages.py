"""Harm told in languages whose phrases intents/safety.yaml lacked (Vietnamese beyond no pay,
German, Dutch, Swahili, Malay, Nepali) gets the safeguarding answer; a count of people asked in
them ("how many were forced to work?") is the subject's figure, not a call for help. Phrasings
written for these tests, not taken from any set."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine

WEEKDAY = dt.datetime(2020, 2, 3, 10, 0)


@pytest.mark.parametrize("message", [
    "Bạn tôi bị nhốt trong nhà hàng và bị đánh, tôi nên gọi ai?",  # Vietnamese: locked, beaten
    # German: locked in, not paid, what do I do
    "Meine Schwester wird in einer Fabrik eingesperrt und nicht bezahlt. Was soll ich tun?",
    "Mijn vriendin wordt opgesloten en krijgt geen loon. Wat moet ik doen?",  # Dutch
    "Rafiki yangu halipwi na amefungiwa ndani ya nyumba. Nisaidie.",  # Swahili
    # Malay and Indonesian: not paid, passport taken, help me
    "Teman saya tidak dibayar dan paspornya diambil oleh majikan. Tolong saya.",
    "मेरो साथीलाई तलब दिँदैन र थुनेर राखेको छ।",  # Nepali: no pay, kept locked up
])
def test_harm_told_in_more_languages_gets_the_safeguarding_answer(engine: Engine,
                                                                  message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    assert answer.kind == "safeguarding", answer.intent


@pytest.mark.parametrize("message", [
    "Wie viele Menschen wurden in London zur Arbeit gezwungen?",  # German
    "Hoeveel mensen werden gedwongen te werken?",  # Dutch
    "Ilang tao ang pinilit magtrabaho sa London?",  # Tagalog
    "Was wurde im Bericht vorgeschlagen?",  # "vorgeschlagen" (proposed) holds "geschlagen"
])
def test_a_count_or_a_proposal_asked_in_them_is_no_call_for_help(engine: Engine,
                                                                 message: str) -> None:
    assert engine.ask(message, now=WEEKDAY).kind != "safeguarding"
