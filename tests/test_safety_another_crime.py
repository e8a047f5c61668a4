"""Probes of another crime reported or seen ("how do I report a stolen bike?"): not this subject
for the safety layer, the matcher or the classifier, and told to contact the police; unless a sign
of harm or the subject stands beside it, when 999 and the helpline come first."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.render import to_text
from bot.safety import assess
from tests.test_safety_probes import (
    PRESS_LINE,
    WEEKDAY,
)
from tests.test_safety_probes import (
    test_a_question_that_does_not_ask_for_help_gets_no_help_numbers as gets_no_help_numbers,
)
from tests.test_safety_probes import (
    test_someone_who_needs_help_gets_999_and_the_helpline_first as gets_the_help_numbers,
)

# Another crime reported or seen, with no sign of harm: reporting it is not this subject, so the
# safety layer's requests to report, a witness's and a suspicion's do not call for the help
# numbers (what is reported or seen is named by a word the reader knows as off-topic).
ANOTHER_CRIME = [
    "how can I report a burglary at my mum's flat?",
    "I saw a man shoplifting in the chemist, what number do I ring?",
    "where do I report a stolen wallet?",
    "I want to report fraud on my bank account, which number?",
    "we saw vandalism at the park, who do we report it to",
    "someone smashed my car window and took my laptop, who do I report the theft to?",
    "how do I report a stolen bike?",
    "where can I report vandalism to my car?",
    "I saw a robbery at the corner shop, who should I tell?",
    "I want to report a stolen car, who do I call?",
]

# The same, with a sign of harm (someone held, forced, unpaid, documents taken, in fear) or the
# subject named as well: 999 and the helpline first.
ANOTHER_CRIME_AND_HARM = [
    "I want to report a burglary at the farm, the pickers there are kept locked in a barn, who do "
    "I call?",
    "I saw someone shoplifting and the girl with him looked terrified and said she's not allowed "
    "to leave, what number?",
    "my bike was stolen by the men who run the car wash, they took my passport too, who do I "
    "tell?",
    "I've seen shoplifting at the nail bar, the women there are never paid, who do I report it to?",
    "how do I report a burglary and slavery at the same address?",
    "I want to report a burglary, the men who did it keep a girl locked in their van",
    "I want to report fraud, the agency takes all our wages and we can't leave",
    "where do I report a stolen passport? my employer took it and won't give it back",
    "we saw vandalism at the farm and the workers there are locked in at night, who do we tell?",
]


def layer(engine: Engine, message: str) -> tuple[bool, tuple[str, ...]]:
    verdict = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    return verdict.urgent, verdict.because


@pytest.mark.parametrize("message", ANOTHER_CRIME)
def test_the_layer_reads_another_crime_reported_as_not_this_subject(engine: Engine,
                                                                    message: str) -> None:
    assert layer(engine, message) == (False, ())


@pytest.mark.parametrize("message", ANOTHER_CRIME_AND_HARM)
def test_another_crime_with_a_sign_of_harm_still_gets_the_help_numbers(engine: Engine,
                                                                       message: str) -> None:
    assert layer(engine, message)[0]
    gets_the_help_numbers(engine, message)


@pytest.mark.parametrize("message", ANOTHER_CRIME)
def test_the_engine_answers_another_crime_without_the_help_numbers(engine: Engine,
                                                                   message: str) -> None:
    # Nor the classifier (rule 2), however sure it is of a call for help: the layer's reading
    # of another crime reported, with no sign of harm, holds (SafetyVerdict.another_crime).
    gets_no_help_numbers(engine, message)


@pytest.mark.parametrize("message", ANOTHER_CRIME)
def test_another_crime_reported_is_told_to_contact_the_police(engine: Engine,
                                                             message: str) -> None:
    text = to_text(engine.ask(message, now=WEEKDAY))
    assert "not modern slavery, contact the police" in text and "101" in text, text
    assert PRESS_LINE not in text


def test_the_layer_marks_another_crime_reported_and_only_without_harm(engine: Engine) -> None:
    def another(message: str) -> bool:
        f = engine.matcher.features(message)
        return assess(message, f, engine.knowledge.safety).another_crime

    assert all(another(m) for m in ANOTHER_CRIME)
    assert not any(another(m) for m in ANOTHER_CRIME_AND_HARM)
    assert not another("I want to report a victim of trafficking, who do I call?")


@pytest.mark.parametrize("message", [m for m in ANOTHER_CRIME if "want to report" in m] + [
    "I want to report a burglary, who do I call?"])
def test_the_matcher_reads_no_wish_to_report_this_subject_in_another_crime(
        engine: Engine, message: str) -> None:
    # Rule 1: the matcher's own priority answer, before the classifier is heard.
    answer = engine.matcher_answer(message, now=WEEKDAY)[0]
    assert answer.kind != "safeguarding", to_text(answer)


@pytest.mark.parametrize("message", [
    "I want to report a victim of trafficking, who do I call?",
    "I want to report my neighbour, I think his workers are exploited",
    "I want to report a burglary at the farm, the pickers there are kept locked in a barn, who do "
    "I call?"])
def test_the_matcher_still_reads_a_wish_to_report_this_subject(engine: Engine,
                                                               message: str) -> None:
    assert engine.matcher_answer(message, now=WEEKDAY)[0].kind == "safeguarding"
