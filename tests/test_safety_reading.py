"""Tests for bot.safety's reading of a message's form and asker: a joke, another crime, a copy of
a document, a job's name, the helpline asked about, a count asked for in another language or
about people in general is no call for help; the same words telling of someone's situation still
are (recall first: when unsure, the help numbers)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.safety import assess


def urgent(engine: Engine, message: str) -> bool:
    return assess(message, engine.matcher.features(message), engine.knowledge.safety).urgent


@pytest.mark.parametrize(("question", "situation"), [
    # a comparison made in jest; a document kept, said with a laugh
    ("my team leader makes us work through lunch without a break, proper slavery 🤣",
     "lol my supervisor has kept my passport since I started and says I owe him for the flight"),
    # another crime, asking which police line; the same with a passport kept
    ("my wallet was stolen at the market - should I call 999 or 101?",
     "my wallet was stolen and my boss kept my passport, 999 or 101?"),
    # a copy of a document kept; the document itself
    ("my landlord has kept a scan of my passport since I moved in, is that allowed under GDPR?",
     "my landlord has kept my passport since I moved in and won't give it back"),
    # "safety" in a job's name; the same asker telling of a woman held
    ("I'm a road safety officer at the council, who at the Assembly leads on the slavery "
     "recommendations?",
     "I'm a community safety officer and a woman on my patch is kept locked in a flat, who do I "
     "tell?"),
    # the helpline's funding asked about; asked for, with someone held
    ("who funds the modern slavery helpline, the Home Office or the mayor?",
     "who funds the helpline? I need the number now, my friend is locked in"),
    # fiction being written; a writer telling of a neighbour never let out
    ("I am writing a novel set among enslaved workers in a London laundry, who could I talk to?",
     "I'm writing a novel but this is real: the girl next door is never let out, what do I do?"),
    # a count asked for in another language; a brother unpaid and not let go, and a plea
    ("Сколько людей в Лондоне работают без денег?",
     "Мой брат работает без денег и его не отпускают"),
    ("¿Cuántas víctimas de trata hubo en Londres en 2018?",
     "Сколько человек в Лондоне не получают зарплату? Как помочь, что делать, помогите"),
    # "how many victims" is a count; "how much do I still owe" is a victim's own question
    ("Combien de victimes de la traite à Londres en 2018 ?",
     "combien je dois payer encore? ils ont pris mon passeport"),
    # a count about people in general, from someone who says where they work; about a cousin
    ("We run a B&B and keep hearing about people being exploited in hotels - how many cases "
     "were there in London?",
     "my cousin is being exploited in a hotel, how many cases like hers are there?"),
])
def test_a_question_about_the_subject_is_answered_and_a_situation_still_gets_the_help_numbers(
        engine: Engine, question: str, situation: str) -> None:
    assert not urgent(engine, question)
    assert urgent(engine, situation)


def test_the_answer_asked_for_not_the_help_numbers(engine: Engine) -> None:
    """The engine as a whole: the helpline's funding asked about is not sent to the helpline."""
    answer = engine.ask("who funds the modern slavery helpline, the Home Office or the mayor?")
    assert answer.kind != "safeguarding"


@pytest.mark.parametrize(("question", "situation"), [
    ("my landlord has kept a scan of my passport since I moved in, is that allowed under GDPR?",
     "my landlord has kept my passport since I moved in and won't give it back"),
    ("my team leader makes us work through lunch without a break, proper slavery 🤣",
     "lol my supervisor has kept my passport since I started and says I owe him for the flight"),
    ("I am writing a novel that touches on bonded labour in London kitchens and would like to "
     "talk to someone who has worked on it, who do I call?",
     "I am writing a novel and my neighbour's nanny is never let out, who do I call?"),
])
def test_sign_words_that_name_no_harm_give_no_priority_answer_either(
        engine: Engine, question: str, situation: str) -> None:
    """The matcher reads the same words as harm (the reader's "danger"): where the layer read
    them as naming none, its priority answer is read without that concept (``no_harm``)."""
    assert engine.ask(question).kind != "safeguarding"
    assert engine.ask(situation).kind == "safeguarding"
