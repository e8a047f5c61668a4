"""Probes of messages that are no report of exploitation, written as new askers would, not taken
from any set: a crime against property told of, whoever did it and however "it" is reported; a
copy of a document kept; the subject asked about for studies or work, with nothing personal;
rent or a claim owed to the asker. None gets the help numbers first; beside each, the same kind
of message with a sign of harm, a victim or a worry still does."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.render import to_text
from bot.safety import assess
from tests.test_safety_probes import PRESS_LINE, WEEKDAY
from tests.test_safety_probes import (
    test_someone_who_needs_help_gets_999_and_the_helpline_first as gets_the_help_numbers,
)

# A crime against property told of (`property_crimes` in intents/safety.yaml), with no sign of
# harm, no word of the subject and nobody said to be a victim or named: "report it", or an
# unnamed "someone" who did it, does not make it this subject's.
PROPERTY_CRIME = [
    "someone broke into my flat and took my laptop, who do I report it to?",
    "somebody stole my bike from outside work, who do I tell?",
    "someone stole my money at the station, who do I report it to?",
    "my phone got nicked on the bus, who do I report it to",
    "we got burgled last night, who do i report it to",
]

# The same with a sign of harm, or a victim or a particular person beside it: 999 and the
# helpline first (wages stolen by an employer are a sign, not a theft).
PROPERTY_CRIME_AND_HARM = [
    "my boss stole my wages, who do i tell",
    "someone stole my bike and the men at the car wash keep a girl locked in, who do I report it "
    "to?",
    "a man stole my bike, I think he is being forced to steal, who do I report it to?",
    "someone nicked my phone, and my boss has my passport and won't give it back, who do I tell?",
]

# Not a call for help: the subject asked about for studies or work with nothing personal, rent
# owed to the asker.
NO_CALL = [
    "im 15 and we did this in PSHE, why do people get trapped in slavery?",
    "how can our volunteers help victims? is there training for that?",
    "my tenant hasn't paid the rent for three months, what can I do?",
    "the people renting our garage haven't paid the fees since May, who can advise me?",
    "the council has not paid my invoice yet, is there someone I can chase?",
]

# Beside each: the document taken, a particular person or a worry, wages unpaid.
STILL_A_CALL = [
    "my employer took my passport, is that allowed?",
    "I volunteer at a food bank and think one of our clients is a victim of trafficking, who do I "
    "call?",
    "she hasn't been paid for months and the boss keeps her passport, what do I do?",
    "my aunt has not been paid since she came here and sleeps in the kitchen, who do I call?",
]


def helped(engine: Engine, message: str) -> bool:
    return engine.ask(message, now=WEEKDAY).kind == "safeguarding"


@pytest.mark.parametrize("message", PROPERTY_CRIME)
def test_a_crime_against_property_is_told_to_contact_the_police(engine: Engine,
                                                               message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    text = to_text(answer)
    assert answer.kind != "safeguarding", text
    assert "not modern slavery, contact the police" in text and "101" in text, text
    assert PRESS_LINE not in text


def test_the_layer_marks_a_crime_against_property_only_without_harm(engine: Engine) -> None:
    def another(message: str) -> bool:
        f = engine.matcher.features(message)
        return assess(message, f, engine.knowledge.safety).another_crime

    assert all(another(m) for m in PROPERTY_CRIME)
    assert not any(another(m) for m in PROPERTY_CRIME_AND_HARM)
    for message in PROPERTY_CRIME_AND_HARM:
        gets_the_help_numbers(engine, message)


@pytest.mark.parametrize("message", NO_CALL)
def test_no_call_for_help_gets_no_help_numbers(engine: Engine, message: str) -> None:
    # Rule 1 (the matcher's priority answer) included: the layer's reading sets aside the
    # reader's concepts that called for help there (SafetyVerdict.unasked).
    assert not helped(engine, message), to_text(engine.ask(message, now=WEEKDAY))
    assert not any(not helped(engine, m) for m in STILL_A_CALL)


@pytest.mark.parametrize("message", [
    "is it legal for my employer to keep a photocopy of my passport?",
    "my letting agent took a scan of my passport, is that allowed?"])
def test_a_copy_of_a_document_kept_is_no_priority_answer_of_the_matcher(engine: Engine,
                                                                       message: str) -> None:
    # Rule 1: the reader reads "passport" beside an employer as harm; a copy kept names none
    # (`not_signs`), even with no sign word in the phrase. (The classifier's own reading, rule 2,
    # is not barred by it.)
    assert engine.matcher_answer(message, now=WEEKDAY)[0].kind != "safeguarding"
    taken = "my employer took my passport, is that allowed?"
    assert engine.matcher_answer(taken, now=WEEKDAY)[0].kind == "safeguarding"


@pytest.mark.parametrize("message", [
    "I got locked out of my flat, who do I call?",
    "my bus was held up for an hour, who do I complain to?",
    "the council kept me waiting for months, who do I complain to?"])
def test_held_words_that_name_no_one_held_call_for_no_help(engine: Engine, message: str) -> None:
    # Locked out, held up, kept waiting (`not_signs`): no sign of harm for the layer, and the
    # matcher's priority answer is read without the harm it read in them.
    verdict = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert not verdict.urgent and not verdict.signs, verdict.because
    assert engine.matcher_answer(message, now=WEEKDAY)[0].kind != "safeguarding"
    for held in ("they kept her locked up, who do I call?",
                 "she is locked in the back room and can't get out"):
        assert helped(engine, held), held


def test_a_complaint_about_a_service_is_no_priority_answer_of_the_matcher(engine: Engine) -> None:
    # The reader reads a car wash as a sign of harm; a complaint, a refund or compensation asked
    # for with no sign, no word of the subject and nobody at risk names none (`complaints`).
    for message in ("the hand car wash damaged my wing mirror, how do I get compensation?",
                    "the car wash scratched my car and won't pay up, who do I complain to?"):
        assert engine.matcher_answer(message, now=WEEKDAY)[0].kind != "safeguarding", message
    for message in ("I want to complain about the car wash, the lads there look terrified and "
                    "sleep in the back", "who do I call about the car wash on the high road?"):
        assert engine.matcher_answer(message, now=WEEKDAY)[0].kind == "safeguarding", message
