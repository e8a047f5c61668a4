"""The question after an opening that only says who is asking (bot/preamble.py): the opening's
words of an outlet ("radio", "podcast", "TV news") route the answer, but are no request for an
interview or the press line. Phrasings written for these tests, not taken from any set."""

from __future__ import annotations

from typing import cast

import pytest

from bot.dialogue import Conversation
from bot.engine import Engine
from bot.intentclasses import Classes
from bot.opinion import Opinion
from bot.preamble import (
    closing_text,
    heard_rank,
    heard_text,
    opening_read,
    press_rest,
    turn_text,
)
from tests.readlog import texts_read


def matched(engine: Engine, question: str) -> str | None:
    m = engine.matcher_answer(question)
    return m.answer.intent if m.answer.kind == "answer" else None


@pytest.mark.parametrize(("question", "intent"), [
    ("Podcast producer. What did the committee recommend?", "recommendations_all"),
    ("I host a weekly podcast. What are the three recommendations?", "recommendations_all"),
    ("TV news here. What is the London Assembly?", "assembly_role"),
    ("Radio newsroom - what's the rise in referrals?", "referrals_rise"),
    ("Radio producer - what was the 2018 figure?", "referrals_2018"),
    ("Evening news programme: in a sentence, what is the release about?", "release_topic"),
])
def test_an_outlet_named_in_the_opening_is_no_interview_request(
        engine: Engine, question: str, intent: str) -> None:
    assert matched(engine, question) == intent


@pytest.mark.parametrize(("question", "intent"), [
    # The opening asks for the line itself, or names what is asked: it is no introduction.
    ("Duty press officer at the London Assembly - how do I get hold of them?",
     "contact_out_of_hours"),
    # The interview is asked for after the opening, not read from it.
    ("Local radio here. Can we get the chair on air tomorrow?", "interview_request"),
])
def test_what_is_asked_after_the_opening_still_stands(
        engine: Engine, question: str, intent: str) -> None:
    assert matched(engine, question) == intent


def test_the_question_is_read_as_asked_by_whom_the_opening_says(engine: Engine) -> None:
    matcher = engine.matcher
    question = "Radio producer - what was the 2018 figure?"
    whole = matcher.features(question)
    read = opening_read(matcher, question, whole)
    assert read is not None and read.audience == "media"
    assert "interview" not in read.terms and "interview" in whole.terms
    # No opening that only says who asks: nothing to reread.
    plain = "what was the 2018 figure?"
    assert opening_read(matcher, plain, matcher.features(plain)) is None


def test_a_line_asked_after_the_press_says_who_asks_is_not_read_in_full(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # "who do I speak to" after an opening from the press asks for a line: its words' terms
    # say so (bot.preamble.line_terms), with no whole reading of it.
    matcher = engine.matcher
    question = "im a reporter at a local weekly, who do i speak to"
    matcher.features(question)
    texts = texts_read(matcher, monkeypatch)
    assert press_rest(matcher, question) is None
    assert "who do i speak to" not in texts


def test_the_question_after_who_asks_is_read_only_as_asked_by_them(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # After an opening that only says who asks, the rest is read as asked by them
    # ("member of the public: ..."), never also on its own: one reading less.
    matcher = engine.matcher
    question = "I'm a member of the public, who can I ring about this release"
    whole = matcher.features(question)
    texts = texts_read(matcher, monkeypatch)
    read = opening_read(matcher, question, whole)
    assert read is not None and read.audience == "public"
    assert "who can I ring about this release" not in texts
    assert "member of the public: who can I ring about this release" in texts


@pytest.mark.parametrize(("first", "then", "intent"), [
    ("what was the 2013 figure?", "Radio producer here - and what about 2018?", "referrals_2018"),
    ("what are the recommendations?", "Podcast producer. More on the second one?",
     "rec_detectives"),
])
def test_the_question_after_an_opening_is_read_with_the_conversation(
        engine: Engine, first: str, then: str, intent: str) -> None:
    conversation = Conversation()
    engine.ask(first, conversation=conversation)
    m = engine.matcher_answer(then, conversation=conversation)
    assert (m.answer.kind, m.answer.intent) == ("answer", intent)


# Members of the public and students open with what the answer is for, in the first person.
# Phrasings written for these tests, not taken from any set.
@pytest.mark.parametrize(("question", "intent"), [
    ("I'm a retired teacher giving a talk at the library about the Assembly. When was this "
     "published?", "release_date"),
    ("I'm an academic writing a chapter on the London Assembly's scrutiny work. What did the "
     "committee say about domestic workers' visas?", "rec_visa"),
])
def test_the_question_after_what_the_answer_is_for_is_what_the_matcher_reads(
        engine: Engine, question: str, intent: str) -> None:
    assert matched(engine, question) == intent


@pytest.mark.parametrize(("question", "intent"), [
    ("We're a tenants' group putting together a leaflet on modern slavery for our estate. "
     "What were the referral numbers for London?", "referrals_overview"),
    # Since the retrain with the fallback class in parts (7 December 2026): a "did you mean"
    # offering only the 2017 NRM total, the rule not sure enough to answer it outright.
    pytest.param("My grandson is doing his homework on the Assembly and modern slavery. How "
                 "many referrals were there across the UK in 2017?", "nrm_total",
                 marks=pytest.mark.xfail(strict=True, reason="a 'did you mean' offering it "
                                         "alone since the fallback class in parts")),
])
def test_the_classifier_hears_the_question_after_what_the_answer_is_for(
        engine: Engine, question: str, intent: str) -> None:
    answer = engine.ask(question)
    assert (answer.kind, answer.intent) == ("answer", intent)


# An opening ended by a comma before a question word, as typed in a hurry. The matcher reads
# the question after it; the classifier still hears the whole message.
@pytest.mark.parametrize(("question", "intent"), [
    ("im a trainee reporter writing up my portfolio, whats the gist of this release",
     "release_topic"),
    ("I'm putting together a quiz for my book club, who is the chair of the committee",
     "chair_who"),
])
def test_an_opening_ended_by_a_comma_before_a_question_word_is_set_apart(
        engine: Engine, question: str, intent: str) -> None:
    matcher = engine.matcher
    read = opening_read(matcher, question, matcher.features(question))
    assert read is not None
    match = matcher.decide(read)
    assert match is not None and match.intent.id == intent
    assert heard_text(matcher, question) == question


@pytest.mark.parametrize("question", [
    # A comma before no question word ends no opening.
    "im a trainee reporter writing up my portfolio, the gist of this release please",
    # A first-person clause that tells of harm is what the message is about.
    "I work in a nail bar and they keep my passport, who can I call",
])
def test_a_comma_before_no_question_or_after_harm_ends_no_opening(
        engine: Engine, question: str) -> None:
    matcher = engine.matcher
    assert opening_read(matcher, question, matcher.features(question)) is None


def test_what_the_classifier_hears_of_a_message(engine: Engine) -> None:
    matcher = engine.matcher
    opening = "I'm putting together a quiz for the rotary club."
    assert heard_text(matcher, f"{opening} Who chairs the committee?") == (
        "Who chairs the committee?")
    # The opening is the question's subject: a short question pointing back to it, or a
    # request of its own, is heard whole.
    for question in (f"{opening} Is it accurate?",
                     "I'd like an interview with the chair for my blog. Who do I ask?",
                     # Who asks, for a phone line; the press, for anything.
                     "I run a residents' group in Barnet. What number do I ring?",
                     "I'm a reporter on a weekly paper. Who chairs the committee?",
                     # A sign of harm in the opening is the message's subject.
                     "My cousin works on a farm and they took her passport. Who chairs the "
                     "committee?"):
        assert heard_text(matcher, question) == question, question


class _Ranks:
    """A stand-in classifier: the whole message ranks ``first`` first, any part "rec_visa"."""

    priority = frozenset({"safeguarding"})
    info = Classes({}, {"contact_media": "contacts", "chair_who": "speaker"})

    def __init__(self, whole: str, first: str) -> None:
        self.whole, self.first = whole, first

    def rank(self, text: str) -> list[tuple[str, float]]:
        return [(self.first, 0.6)] if text == self.whole else [("rec_visa", 0.9)]


def test_the_whole_message_is_heard_when_it_ranks_the_priority_class_first(
        engine: Engine) -> None:
    question = "I'm putting together a quiz for the rotary club. Who chairs the committee?"
    heard = heard_rank(cast(Opinion, _Ranks(question, "chair_who")), engine.matcher, question)
    assert heard == [("rec_visa", 0.9)]  # the part after the opening
    kept = heard_rank(cast(Opinion, _Ranks(question, "safeguarding")), engine.matcher, question)
    assert kept == [("safeguarding", 0.6)]  # never the help numbers taken away


@pytest.mark.parametrize(("question", "rest"), [
    ("Local radio here. In one line, what's the rise in referrals?",
     "In one line, what's the rise in referrals?"),
    ("Regional daily newsdesk. What did the committee recommend?",
     "What did the committee recommend?"),
    # An opening ended by a comma before a question word, as typed in a hurry.
    ("freelance journo, on deadline, whats the rise?", "whats the rise?"),
])
def test_the_press_asking_for_what_the_release_states_is_heard_after_its_opening(
        engine: Engine, question: str, rest: str) -> None:
    assert press_rest(engine.matcher, question) == rest


@pytest.mark.parametrize("question", [
    "Local radio here. Who do I call about this?",  # a line asked for: who asks chooses it
    "Local radio here. What's the rise, and who's the press officer?",  # a line beside it
    "Local radio here. Can we get the chair on air tomorrow?",  # an interview
    "I'm a retired teacher. What's the rise in referrals?",  # not the press
    "Local radio here, the rise in referrals please",  # no question after the comma
])
def test_the_press_asking_for_a_line_is_heard_whole(engine: Engine, question: str) -> None:
    assert press_rest(engine.matcher, question) is None


def test_the_press_is_heard_after_its_opening_only_where_the_whole_ranks_a_line_first(
        engine: Engine) -> None:
    question = "Local radio here. In one line, what's the rise in referrals?"
    drawn = heard_rank(cast(Opinion, _Ranks(question, "contact_media")), engine.matcher, question)
    assert drawn == [("rec_visa", 0.9)]  # the part after the opening
    kept = heard_rank(cast(Opinion, _Ranks(question, "chair_who")), engine.matcher, question)
    assert kept == [("chair_who", 0.6)]  # the press is heard whole


@pytest.mark.parametrize(("question", "heard"), [
    ("What can you do? My grandson installed this for me.", "What can you do?"),
    ("Can I have the chair's quote please? Trade title, catering news, short piece.",
     "Can I have the chair's quote please?"),
    ("Who is the chair? I'm a student at a college in Leeds.", "Who is the chair?"),
])
def test_the_classifier_hears_the_question_before_who_asks(engine: Engine, question: str,
                                                           heard: str) -> None:
    assert closing_text(engine.matcher, question) == heard


def test_a_line_asked_before_who_asks_is_heard_whole(engine: Engine) -> None:
    question = "What's the phone number? I run a residents' association in Hackney."
    assert closing_text(engine.matcher, question) == question


def test_a_question_before_who_asks_is_answered(engine: Engine) -> None:
    assert engine.ask("What can you do? My grandson installed this for me.").intent == "help"


def test_the_classifier_hears_the_question_after_a_turn_to_it(engine: Engine) -> None:
    question = ("covering the courts today and the sub is chasing me, anyway what was the 2013 "
                "figure for London?")
    assert turn_text(engine.matcher, question) == "what was the 2013 figure for London?"


@pytest.mark.parametrize("question", [
    "covering the courts today and the sub is chasing me, anyway who do I call?",  # a line
    "what is the assembly anyway, is it like the council?",  # "anyway" inside a clause
])
def test_no_turn_or_a_line_after_it_is_heard_whole(engine: Engine, question: str) -> None:
    assert turn_text(engine.matcher, question) == question


def test_the_press_in_another_language_is_heard_after_its_opening_once_rendered(
        engine: Engine) -> None:
    """Its rest is what the classifier hears rendered, where the rendering of the whole drew it
    to a line; as typed, the message is in another language and heard whole."""
    question = ("Guten Tag, ich bin Journalist bei einer Zeitung in Köln. Was hat der Vorsitzende "
                "gesagt?")
    assert press_rest(engine.matcher, question) is None
    assert press_rest(engine.matcher, question, rendered=True) == "Was hat der Vorsitzende gesagt?"
    line = ("Hola, soy periodista de un diario de Madrid. ¿Cuál es el número de la oficina de "
            "prensa?")
    assert press_rest(engine.matcher, line, rendered=True) is None
