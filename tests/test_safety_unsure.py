"""A request for help or for someone to reach that the engine is not sure of leads with the help
numbers (6 December 2026): "who can I talk to?", "where do I turn?" may come from someone worried
about a victim as well as from a journalist or a resident. Where the safety layer placed the
request nowhere else (``SafetyVerdict.open_request``: not for work or study, not another crime,
not the helpline asked about) and the engine gives "did you mean" or the fallback, 999 and the
helpline come first, in one line, and the options follow (``bot.weighing.help_first``). An
answer given outright is not changed: a journalist asking whom to ring still gets the press line
alone, a member of the public the Public Liaison Unit. Probes written for these tests, not taken
from any labelled set."""

from __future__ import annotations

import datetime as dt

import pytest

from bot import weighing
from bot.answermodels import Answer
from bot.engine import Engine
from bot.render import to_text
from bot.safety import assess
from bot.twopart import MatcherAnswer

HELP = ("999", "08000 121 700")
PRESS_LINE = "020 7983 4067"
PUBLIC_LINE = "020 7983 4100"
WEEKDAY = dt.datetime(2020, 2, 3, 10, 0)

# Requests the engine was not sure of when written (a "did you mean" or the fallback). With the
# fallback class fitted in parts (7 December 2026) the shipped model answers two outright: the
# worried one with the safeguarding answer, "who would I speak to" with every line.
UNSURE = [
    "who should I ring",
    "where do i turn",
    "who would I speak to",
    "im worried, who can i talk to",
    "who can I talk to about my neighbour",
]


def leads_with_help(text: str) -> bool:
    first = text.split("\n\n", 1)[0]
    return all(n in first for n in HELP) and PRESS_LINE not in text


@pytest.mark.parametrize("message", UNSURE)
def test_an_unsure_reply_to_a_request_for_help_leads_with_the_numbers(engine: Engine,
                                                                       message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    text = to_text(answer)
    if answer.intent == "safeguarding":
        # Read as someone worried about a victim: the safeguarding answer itself.
        assert all(n in text for n in HELP) and PRESS_LINE not in text, text
        return
    # Whatever else the rule makes of it (offered, the fallback, or, for one that tells of a
    # particular person, the public's own line; or every line, each named with its audience),
    # the help numbers come first.
    assert answer.kind in ("clarify", "fallback") or answer.intent in (
        "contact_public", "contacts_all"), text
    first = text.split("\n\n", 1)[0]
    assert all(n in first for n in HELP), text
    if answer.intent != "contacts_all":
        assert PRESS_LINE not in text, text
    assert len(answer.paragraphs) > 1  # the options, the fallback or the line still follow


@pytest.mark.parametrize("message", UNSURE[:3])
def test_such_a_request_is_placed_nowhere_else(engine: Engine, message: str) -> None:
    verdict = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert verdict.open_request and not verdict.urgent


@pytest.mark.parametrize("message", [
    "doing coursework on this but my friend wants to talk to someone, who can she ring?",
    "for my dissertation: a man I met wants someone to talk to, where can he turn?",
])
def test_work_or_study_that_tells_of_someone_is_an_open_request(engine: Engine,
                                                                message: str) -> None:
    verdict = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert verdict.for_work and verdict.personal and verdict.open_request


@pytest.mark.parametrize("message", [
    "who should I ring? it's for my essay",
    "I want to report a burglary, who do I call?",
    "who runs the modern slavery helpline? for my dissertation",
    "how many people were referred in 2017?",
])
def test_work_another_crime_the_helpline_asked_about_or_no_request_is_not_open(
        engine: Engine, message: str) -> None:
    verdict = assess(message, engine.matcher.features(message), engine.knowledge.safety)
    assert not verdict.open_request


@pytest.mark.parametrize("message", [
    "reporter here, who should I ring?",
    "press here - what number do I ring?",
    "journalist here, where do i turn",
])
def test_a_journalist_asking_whom_to_ring_keeps_the_press_line(engine: Engine,
                                                                message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    text = to_text(answer)
    assert answer.intent == "contact_media" and PRESS_LINE in text, text
    assert HELP[1] not in text


@pytest.mark.parametrize("message", [
    "I'm a member of the public, who should I ring?",
    "who would I speak to? im a member of the public",
])
def test_a_member_of_the_public_asking_for_a_number_keeps_their_line(engine: Engine,
                                                                      message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    text = to_text(answer)
    assert answer.intent == "contact_public" and PUBLIC_LINE in text, text
    assert PRESS_LINE not in text and HELP[1] not in text


@pytest.mark.parametrize("message", [
    "What's the number for 2016?",  # a figure asked for
    "who do i ring? my council tax bill is wrong",  # another subject named, no sign of harm
])
def test_a_fallback_to_a_figure_or_another_subject_is_not_led_by_them(engine: Engine,
                                                                      message: str) -> None:
    answer = engine.ask(message, now=WEEKDAY)
    text = to_text(answer)
    assert answer.kind == "fallback", text
    assert not leads_with_help(text)
    assert HELP[1] in text  # the fallback's closing line still gives them


def _unsure(engine: Engine, message: str, request: bool = True) -> tuple[Answer, MatcherAnswer]:
    state = engine._state
    f = engine.matcher.features(message)
    close = [engine.knowledge.intent("contact_media"), engine.knowledge.intent("contact_public")]
    answer = state.builder.clarify(message, [(i, 0.4) for i in close])
    return answer, MatcherAnswer(answer, f, False, False, None, request=request)


def test_help_first_puts_the_line_before_the_options_once(engine: Engine) -> None:
    answer, m = _unsure(engine, "who do I ring")
    led = weighing.help_first(engine._state, answer, m)
    line = engine._state.builder.safeguarding_line()
    assert answer.paragraphs[-1] == line  # "did you mean" ends with it, as the fallback does
    assert led.paragraphs[0] == line  # led by it instead, not given twice
    assert led.paragraphs[1:] == answer.paragraphs[:-1] and led.suggestions == answer.suggestions
    again = weighing.help_first(engine._state, led, m)
    assert again.paragraphs == led.paragraphs  # never twice


@pytest.mark.parametrize("message, open_request", [
    ("journalist here, who do I ring", True),  # the press: their line is theirs
    ("who do I ring", False),  # no open request read
])
def test_help_first_leaves_the_press_and_other_messages_alone(engine: Engine, message: str,
                                                              open_request: bool) -> None:
    answer, m = _unsure(engine, message, open_request)
    assert weighing.help_first(engine._state, answer, m) == answer


def test_a_contact_answer_to_someone_who_says_who_they_are_is_not_changed(
        engine: Engine) -> None:
    """A member of the public asking for a line gets their own line alone; asked by someone who
    has not said who they are ("who do I ring?" may be a worried person's), the numbers first."""
    said = engine.matcher.features("I'm a member of the public, who do I ring")
    answer = engine.answer_intent("contact_public", now=WEEKDAY)
    m = MatcherAnswer(answer, said, False, False, None, request=True)
    assert weighing.help_first(engine._state, answer, m) == answer
    unsaid = engine.matcher.features("who do I ring")
    answer = engine.answer_intent("contacts_all", now=WEEKDAY)
    m = MatcherAnswer(answer, unsaid, False, False, None, request=True)
    led = weighing.help_first(engine._state, answer, m)
    assert led.paragraphs == [engine._state.builder.safeguarding_line(), *answer.paragraphs]


@pytest.mark.parametrize("intent, personal", [
    ("figures_all", False),  # no line to call given: the numbers first
    ("chair_quote", False),
    ("contact_public", True),  # a line, but the message tells of someone in particular
])
def test_an_answer_that_gives_no_line_or_tells_of_someone_is_led_by_them(
        engine: Engine, intent: str, personal: bool) -> None:
    f = engine.matcher.features("who do I ring")
    answer = engine.answer_intent(intent, now=WEEKDAY)
    m = MatcherAnswer(answer, f, False, False, None, personal=personal, request=True)
    led = weighing.help_first(engine._state, answer, m)
    assert led.paragraphs == [engine._state.builder.safeguarding_line(), *answer.paragraphs]
    assert led.intent == answer.intent  # still the answer it was
    # Not asked for help (no open request read): as it was.
    assert weighing.help_first(engine._state, answer, m._replace(request=False)) == answer


def test_which_release_to_a_request_for_help_leads_with_the_numbers(many: Engine) -> None:
    """With several releases, "which release?" is no answer either: a worried asker gets the
    numbers first; a journalist gets the question alone."""
    worried = many.ask("who can I talk to about my neighbour", now=WEEKDAY)
    assert worried.kind == "clarify" and len(worried.suggestions) > 1
    assert leads_with_help(to_text(worried)), to_text(worried)
    press = many.ask("reporter here, who should I ring?", now=WEEKDAY)
    assert press.kind == "clarify" and HELP[1] not in to_text(press)
