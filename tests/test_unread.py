"""Tests for a message in another language the matcher cannot read (bot.engine, bot.weighing,
bot.answers.AnswerBuilder.fallback): with no sign of harm it gets an honest fallback that gives
999 and the helpline first (it may be a victim's own words), then says it was not read, then the
fallback's closest topics and the asker's contact; with a sign of harm, the safeguarding answer;
where the rule answers with the classifier's class, that answer, ending with the help numbers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answermodels import Answer
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_html, to_json, to_text
from bot.thresholds import Thresholds
from tests.conftest import NOW
from tests.test_engine import RULE, W, opinion_of

HELP = ("999", "08000 121 700")
PRESS_LINE = "020 7983 4067"
PUBLIC_LINE = "020 7983 4100"

# Questions the matcher cannot read, none with a sign of harm: a Georgian student asking who
# published the release, an Armenian journalist asking for the press office's number (Bengali,
# Kannada and Korean, now read, in test_indic.py and test_cjk.py), a Greek reader asking the
# same, a Georgian asking how many people were referred, and an Amharic question about the report.
UNREAD = ["ვინ გამოაქვეყნა ეს პრესრელიზი?",
          "Ես լրագրող եմ, ո՞րն է մամուլի գրասենյակի հեռախոսահամարը:",
          "Ποιος δημοσίευσε αυτό το δελτίο τύπου;",
          "რამდენი ადამიანი იყო გადამისამართებული?",
          "ይህ ሪፖርት ስለ ምን ነው?"]


def text_of(paragraph: list) -> str:
    return "".join(s.text for s in paragraph)


def numbers_first(answer: Answer) -> None:
    """The help numbers are the answer's first paragraph, said once; then that it was not read."""
    first = text_of(answer.paragraphs[0])
    assert all(n in first for n in HELP), first
    assert "could not read" in text_of(answer.paragraphs[1])
    assert to_text(answer).count(HELP[1]) == 1  # not repeated at the fallback's end


@pytest.fixture
def fresh(make_engine: Callable[..., Engine]) -> Engine:
    return make_engine()


@pytest.mark.parametrize("question", UNREAD)
def test_an_unread_message_gets_the_help_numbers_first_then_the_honest_fallback(
        fresh: Engine, question: str) -> None:
    """Not the safeguarding answer ("do not contact the press office"): the bot did not read it.
    Never the media line to an asker not known to be the press: the public's line."""
    m = fresh.matcher_answer(question, now=NOW)
    assert m.features.foreign and not m.harm
    for model in (None, opinion_of("wages", "referrals_rise")):  # no model; one with no opinion
        fresh.use_model(model, RULE)
        answer = fresh.ask(question, now=NOW)
        assert (answer.kind, answer.intent) == ("fallback", None)
        numbers_first(answer)
        text = to_text(answer)
        assert PRESS_LINE not in text and PUBLIC_LINE in text
        assert "do not contact the press office" not in text


def test_an_unread_message_from_the_press_still_gets_the_help_numbers_first(
        fresh: Engine) -> None:
    """Who asks, said earlier in English: the press lines, after the help numbers."""
    conversation = Conversation()
    fresh.ask("I'm a journalist at the Guardian", conversation=conversation, now=NOW)
    answer = fresh.ask(UNREAD[2], conversation=conversation, now=NOW)
    assert answer.kind == "fallback"
    numbers_first(answer)
    assert PRESS_LINE in to_text(answer)


def test_the_unread_fallback_is_one_answer_for_text_json_and_telegram(fresh: Engine) -> None:
    answer = fresh.ask(UNREAD[0], now=NOW)
    html, data, text = to_html(answer), to_json(answer), to_text(answer)
    for shown in (html, text, str(data)):
        assert shown.index(HELP[0]) < shown.index("could not read")
    assert "&amp;" in html  # "Modern Slavery & Exploitation Helpline", escaped


def test_with_several_releases_the_unread_fallback_names_none_and_leads_with_the_numbers(
        many: Engine) -> None:
    answer = many.ask(UNREAD[0], now=NOW)
    assert answer.kind == "fallback"
    numbers_first(answer)
    assert "releases I know" in text_of(answer.paragraphs[1])


def test_a_sign_of_harm_in_another_language_keeps_the_safeguarding_answer(fresh: Engine) -> None:
    """The same language, with and without a sign of harm the safety layer reads."""
    fresh.use_model(opinion_of("salir", "referrals_rise", weight=20.0),
                    Thresholds(answer=0.0, offer=0.0, weights=W))
    harm = fresh.ask("Trabajo sin sueldo y no me dejan salir de la casa", now=NOW)
    assert (harm.kind, harm.intent) == ("safeguarding", "safeguarding")
    plain = fresh.ask("¿Quién publicó este comunicado de prensa?", now=NOW)
    assert fresh.matcher_answer("¿Quién publicó este comunicado de prensa?", now=NOW).unread
    assert plain.kind == "fallback"
    numbers_first(plain)


def test_the_rule_may_still_answer_an_unread_message_with_the_classifiers_class(
        fresh: Engine) -> None:
    """Heard as if the matcher fell back: the classifier's class when the rule answers it
    (ending with the help numbers), and the honest fallback when the rule is unsure or the
    class is the priority one, however sure: on words neither opinion reads, that is the
    classifier's lean, no sign of harm (the fallback still gives the help numbers first)."""
    question = "Koliko prijava je bilo u Londonu, molim vas?"
    m = fresh.matcher_answer(question, now=NOW)
    assert (m.answer.kind, m.unread) == ("fallback", True)
    fresh.use_model(opinion_of("koliko", "referrals_rise", weight=0.5), RULE)  # unsure
    unsure = fresh.ask(question, now=NOW)
    assert (unsure.kind, unsure.intent) == ("fallback", None)
    numbers_first(unsure)
    fresh.use_model(opinion_of("koliko", "referrals_rise", weight=8.0), RULE)  # sure alone
    answer = fresh.ask(question, now=NOW)
    assert answer.intent == "referrals_rise" and HELP[1] in text_of(answer.paragraphs[-1])
    fresh.use_model(opinion_of("koliko", "chair_quote", weight=8.0), RULE)
    assert fresh.ask(question, now=NOW).intent == "chair_quote"
    fresh.use_model(opinion_of("koliko", "safeguarding", weight=8.0), RULE)
    leaned = fresh.ask(question, now=NOW)
    assert (leaned.kind, leaned.intent) == ("fallback", None)
    numbers_first(leaned)
