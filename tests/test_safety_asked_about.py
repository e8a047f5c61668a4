"""The help numbers for those who ask, not for those who ask about the subject (5 December 2026):
the helpline asked about ("does the release mention the helpline?", "who funds the helpline? it's
for my dissertation") is no call for it, so the matcher's priority answer is read without the
helpline concept (``SafetyVerdict.unasked``, bot.engine); and a question read as work or study
that names nobody in particular and asks to reach nobody (not ``SafetyVerdict.personal``) is
never given the help numbers by the classifier, however sure (bot.decision.heard). Beside
each, worried askers near them, who must still get 999 and the helpline first. Probes written
for these tests, not taken from any labelled set."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine
from bot.render import to_text
from bot.safety import assess

HELP = ("999", "08000 121 700")
WEEKDAY = dt.datetime(2020, 2, 3, 10, 0)

ASKED_ABOUT = [
    "is the helpline mentioned anywhere in the press release?",
    "does the committee's report say anything about the modern slavery helpline?",
    "how is the modern slavery helpline funded? it's for my dissertation",
    "for my coursework: who operates the national modern slavery helpline?",
    "when did the modern slavery helpline start? school project",
]

STUDIES_ASKS_NOBODY = [
    "who pays for the modern slavery helpline? I'm writing an essay",
    "Bonjour, je suis étudiante et j'écris un mémoire sur l'esclavage moderne à Londres. Qui "
    "finance la ligne d'assistance ?",
]

# Near both readings: the helpline named, or work and study said, beside a request, a worry, a
# sign of harm or a particular person at risk.
WORRIED = [
    "what's the modern slavery helpline number?",
    "modern slavery helpline please",
    "is the helpline open at night? my neighbour's cleaner never leaves the house",
    "is the modern slavery helpline confidential? i think the lads at the car wash are exploited",
    "who runs the helpline? i need to call them, my boss took my passport",
    "does the helpline help people without papers? asking for myself, I'm scared",
    "the release mentions a helpline - my sister is locked in where she works, do I ring it?",
    "I'm writing an essay on trafficking but a girl in my class says her uncle keeps her "
    "passport, who do I tell?",
    "student here - a classmate works nights at a nail bar and isn't paid, what should she do?",
    "researcher: one of my interviewees is locked in at night, what number can she ring?",
    "journalist here, my source works every night in a factory and lives above it with ten "
    "others, what number should she call?",
    "for my dissertation I interviewed a woman who still can't leave the house she cleans, who "
    "can help her?",
]


def helped(engine: Engine, message: str) -> bool:
    answer = engine.ask(message, now=WEEKDAY)
    text = to_text(answer)
    return answer.kind == "safeguarding" and text.index(HELP[0]) < text.index(HELP[1])


@pytest.mark.parametrize("message", ASKED_ABOUT + STUDIES_ASKS_NOBODY)
def test_the_helpline_or_the_subject_asked_about_gets_no_help_numbers(engine: Engine,
                                                                       message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    assert answer.kind != "safeguarding", to_text(answer)


@pytest.mark.parametrize("message", WORRIED)
def test_a_worried_asker_near_them_still_gets_999_and_the_helpline_first(engine: Engine,
                                                                          message: str) -> None:
    assert helped(engine, message), to_text(engine.ask(message, now=WEEKDAY))


@pytest.mark.parametrize("message", ASKED_ABOUT)
def test_the_helpline_asked_about_is_no_call_for_it(engine: Engine, message: str) -> None:
    v = engine.knowledge.safety
    verdict = assess(message, engine.matcher.features(message), v)
    assert verdict.line_asked_about and not verdict.urgent
    # (also the reporting, harm and worry concepts where it is asked for work or studies)
    assert verdict.unasked(v) >= v.compiled().help_concepts


@pytest.mark.parametrize("message", WORRIED[:7])
def test_the_helpline_asked_for_is_called_for(engine: Engine, message: str) -> None:
    v = engine.knowledge.safety
    verdict = assess(message, engine.matcher.features(message), v)
    assert not verdict.line_asked_about and not verdict.unasked(v)


def test_another_crime_reported_reads_without_the_reporting_concepts(engine: Engine) -> None:
    v = engine.knowledge.safety
    message = "I want to report a burglary, who do I call?"
    verdict = assess(message, engine.matcher.features(message), v)
    assert verdict.another_crime and verdict.unasked(v) == v.compiled().report_concepts


@pytest.mark.parametrize("message", STUDIES_ASKS_NOBODY[:1] + ASKED_ABOUT[2:])
def test_work_or_study_about_the_subject_as_a_topic_is_not_personal(engine: Engine,
                                                                     message: str) -> None:
    verdict = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert verdict.studies_it and not verdict.personal


@pytest.mark.parametrize("message", [
    WORRIED[10],
    "for my article: my interviewee says her boss has her passport, what number can she call?",
    "I'm researching this for uni but the woman who cleans next door is never let out, what "
    "should I do?",
])
def test_work_or_study_that_tells_of_someone_is_personal(engine: Engine, message: str) -> None:
    verdict = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert verdict.personal
    assert helped(engine, message), to_text(engine.ask(message, now=WEEKDAY))


# A worry about one particular person from someone who also studies or works on the subject:
# the worry is theirs, not their topic (no sign of harm named, as a neighbour's worry needs none).
WORRIED_WHILE_STUDYING = [
    "I'm researching this for uni but honestly I'm worried about the woman who cleans next door",
    "doing a school project on this, but I'm concerned about a man who sleeps at the car wash",
    "journalist here, off the record I'm worried about her, the nanny two doors down",
]


@pytest.mark.parametrize("message", WORRIED_WHILE_STUDYING)
def test_a_worry_about_one_person_from_a_student_gets_999_first(engine: Engine,
                                                                message: str) -> None:
    verdict = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert "unease+other" in verdict.because
    assert helped(engine, message), to_text(engine.ask(message, now=WEEKDAY))


@pytest.mark.parametrize("message", [
    "journalist here, worried about the women in these figures, any comment from the chair?",
    "for my essay, is the chair worried about the rise?",
])
def test_a_worry_about_people_in_general_from_a_student_is_their_topic(engine: Engine,
                                                                       message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    assert answer.kind != "safeguarding", to_text(answer)
