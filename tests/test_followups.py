"""Tests for bot.followups: short messages that name only who is asking, a bare number, or a
request to be called back, in and out of a conversation."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.dialogue import Conversation
from bot.engine import Engine
from bot.models import Answer
from bot.render import to_text

NOW = dt.datetime(2020, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))
MEDIA_LINE, PUBLIC_LINE = "020 7983 4067", "020 7983 4100"
HELP = ("999", "08000 121 700")


def converse(engine: Engine, *questions: str) -> Answer:
    conversation = Conversation()
    return [engine.ask(q, conversation=conversation, now=NOW) for q in questions][-1]


@pytest.mark.parametrize("asked", ["press", "media", "journalist", "journalists", "Press?",
                                   "media enquiries", "the press",
                                   "reporter"])
@pytest.mark.parametrize("in_conversation", [False, True])
def test_naming_only_the_media_gets_the_press_office(engine: Engine, asked: str,
                                                     in_conversation: bool) -> None:
    answer = converse(engine, asked) if in_conversation else engine.ask(asked, now=NOW)
    text = to_text(answer)
    assert answer.intent == "contact_media" and MEDIA_LINE in text, text
    assert PUBLIC_LINE not in text


@pytest.mark.parametrize("asked", ["public", "member of the public", "public enquiries",
                                   "general public", "not press"])
@pytest.mark.parametrize("in_conversation", [False, True])
def test_naming_only_the_public_gets_the_public_line(engine: Engine, asked: str,
                                                     in_conversation: bool) -> None:
    answer = converse(engine, asked) if in_conversation else engine.ask(asked, now=NOW)
    text = to_text(answer)
    assert answer.intent == "contact_public" and PUBLIC_LINE in text, text
    assert MEDIA_LINE not in text


def test_a_resident_is_offered_the_public_line(engine: Engine) -> None:
    answer = engine.ask("resident", now=NOW)
    assert {s.intent for s in answer.suggestions} & {"contact_public"} or (
        answer.intent == "contact_public"), to_text(answer)
    assert MEDIA_LINE not in to_text(answer)


@pytest.mark.parametrize("asked", ["contacts", "contact", "phone numbers", "contact details"])
def test_contacts_alone_get_every_line(engine: Engine, asked: str) -> None:
    text = to_text(engine.ask(asked, now=NOW))
    assert MEDIA_LINE in text and PUBLIC_LINE in text


@pytest.mark.parametrize("asked", ["number?", "number please", "a number?"])
@pytest.mark.parametrize("in_conversation", [False, True])
def test_a_bare_number_with_nothing_said_before_is_a_phone_number(
        engine: Engine, asked: str, in_conversation: bool) -> None:
    """"number?" names no figure (the release has many): the matcher reads a phone number, and
    where the classifier reads a figure the rule offers both; never the key figures alone."""
    answer = converse(engine, asked) if in_conversation else engine.ask(asked, now=NOW)
    offered = {s.intent for s in answer.suggestions}
    lines = {"contacts_all", "contact_media", "contact_public"}
    if answer.kind == "clarify":
        assert offered & lines, to_text(answer)
    else:
        assert answer.intent == "contacts_all", to_text(answer)


CALLBACK = "can’t call anyone back"


@pytest.mark.parametrize("asked", ["call me on 020 7946 0000",
                                   "can someone ring me back on 07700 900123",
                                   "could someone phone me back?",
                                   "pls get someone to call me 07700900123"])
@pytest.mark.parametrize(("said", "line", "not_line"), [
    ((), PUBLIC_LINE, ""),
    (("I'm a journalist at the Standard",), MEDIA_LINE, PUBLIC_LINE),
    (("I'm a member of the public",), PUBLIC_LINE, MEDIA_LINE),
])
def test_asking_to_be_called_back_says_it_cannot_and_gives_the_line(
        engine: Engine, asked: str, said: tuple[str, ...], line: str, not_line: str) -> None:
    answer = converse(engine, *said, "how much did referrals rise?", asked)
    text = to_text(answer)
    assert CALLBACK in text and line in text, text
    assert not not_line or not_line not in text, text
    assert not answer.figures


def test_asking_to_be_called_back_out_of_a_conversation(engine: Engine) -> None:
    text = to_text(engine.ask("call me on 020 7946 0000", now=NOW))
    assert CALLBACK in text and MEDIA_LINE in text and PUBLIC_LINE in text, text


@pytest.mark.parametrize("asked", ["please call me, my boss has taken my passport",
                                   "ring me back I am being held and cannot leave"])
def test_a_person_in_danger_asking_to_be_called_gets_the_help_numbers(engine: Engine,
                                                                      asked: str) -> None:
    answer = engine.ask(asked, now=NOW)
    assert answer.kind == "safeguarding" and all(h in to_text(answer) for h in HELP)


@pytest.mark.parametrize("asked", ["can I call you?", "can I ring the press office?",
                                   "is 020 7983 4067 the right number?"])
def test_asking_whom_to_call_is_no_callback(engine: Engine, asked: str) -> None:
    assert CALLBACK not in to_text(engine.ask(asked, now=NOW))
