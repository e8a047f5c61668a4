"""Tests for bot.weighing: the classifier weighed against the matcher, and what is offered to
whom. The public is never answered, nor offered, the media line: the classifier reads that a
line is asked for, and who asks decides which line."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from bot.dialogue import Conversation
from bot.engine import Engine
from bot.parts import Part
from bot.render import to_text
from bot.thresholds import SIGNALS
from bot.weighing import agreed_alone, theirs

NOW = dt.datetime(2020, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # office hours
MEDIA, OUT_OF_HOURS = "020 7983 4067", "020 7983 4000"
MEDIA_LABELS = {"Media enquiries", "Out-of-hours media enquiries"}


def _part(engine: Engine) -> Part:
    return engine._part(engine.knowledge.releases[0].id)


@pytest.mark.parametrize("question", [
    "I'm writing an essay on trafficking for my history class",
    "I'm a student, what's the press office number?",
    "sixth former here - can I have the number for the media team?",
    "not a journalist, just nosy: who's your press officer?",
    "retired teacher, who handles press for this release?",
    "I make a hobby podcast, not a news outlet. Is there a media contact?",
])
def test_the_public_is_never_given_or_offered_the_media_line(engine: Engine,
                                                             question: str) -> None:
    answer = engine.ask(question, now=NOW)
    text = to_text(answer)
    assert MEDIA not in text and OUT_OF_HOURS not in text
    assert not {s.label for s in answer.suggestions if answer.kind == "clarify"} & MEDIA_LABELS
    assert not any(label in text for label in MEDIA_LABELS if answer.kind == "clarify")


def test_a_student_asking_for_the_press_office_is_offered_the_public_line_once(
        engine: Engine) -> None:
    """The classifier reads a request for the press office's line; offered to a student, that is
    the public's line, the one the matcher names too: given, or offered once, never beside the
    media one."""
    answer = engine.ask("I'm a student, what's the press office number?", now=NOW)
    if answer.kind == "clarify":
        assert [s.intent for s in answer.suggestions] == ["contact_public"]
    else:
        assert answer.intent == "contact_public"
    assert MEDIA not in to_text(answer)


def test_a_line_is_offered_as_the_asker_is_given_it(engine: Engine) -> None:
    part, k = _part(engine), engine.knowledge
    public = part.matcher.features("I'm a student, who do I call?")
    press = part.matcher.features("I'm a reporter, who do I call?")
    for line in ("contact_media", "contact_out_of_hours", "contacts_all"):
        assert theirs(k.intent(line), public, part).id == "contact_public"
        assert theirs(k.intent(line), press, part).id == line
    # An interview request is more than a line: it stays one (routed for the public).
    assert theirs(k.intent("interview_request"), public, part).id == "interview_request"


def test_a_media_line_chosen_by_a_member_of_the_public_is_routed_for_them(
        engine: Engine) -> None:
    """A button or command for the press office's line, pressed by someone who said they are
    a student, gives the public's line and says whom the press lines are for."""
    conversation = Conversation()
    engine.ask("I'm a student", conversation=conversation, now=NOW)
    assert conversation.audience == "public"
    text = to_text(engine.answer_intent("contact_media", conversation=conversation, now=NOW))
    assert MEDIA not in text and "020 7983 4100" in text


@pytest.mark.parametrize(("question", "intent"), [
    ("is this new or old news?", "release_date"),
    ("summary, one para max", "release_topic"),
])
def test_a_short_message_alone_is_answered_where_both_opinions_read_one_class(
        engine: Engine, question: str, intent: str) -> None:
    """Said alone, with no earlier answer to read it through, a short message the matcher
    cannot answer is answered when the matcher's closest topic is the classifier's class and
    the rule would answer it (``agreed_alone``)."""
    part = _part(engine)
    m = engine.matcher_answer(question, now=NOW)
    assert m.answer.kind == "fallback" and m.leans  # the matcher keeps it unanswered
    assert agreed_alone(engine._state, m, Conversation(), part, intent)
    assert engine.ask(question, conversation=Conversation(), now=NOW).intent == intent


@pytest.mark.parametrize("question", ["and is this new or old news?",
                                      "also a summary, one para max"])
def test_a_message_that_starts_as_a_fragment_is_not_said_alone(engine: Engine,
                                                               question: str) -> None:
    """"and ...?" points at an earlier question that is not there: it is not guessed, though
    both opinions read it as one class."""
    part = _part(engine)
    m = engine.matcher_answer(question, now=NOW)
    top = part.opinion.rank(question)[0][0]
    assert m.answer.intent is None and [i.id for i in part.matcher.close_topics(
        m.features, limit=1)] == [top]
    assert not agreed_alone(engine._state, m, Conversation(), part, top)
    assert engine.ask(question, conversation=Conversation(), now=NOW).kind == "fallback"


def test_a_follow_ups_answer_gives_way_to_the_fallback_where_its_stacker_finds_it_unlikely(
        engine: Engine) -> None:
    """A follow-up the matcher answers through the conversation is kept unless the stacker
    learned on follow-ups finds its answer unlikely (bot.decision.keeps): then the fallback;
    with no such stacker learned, the answer stands. A question the conversation reread ("his
    number" after the quote is the press line) stands whatever that stacker says."""
    chats = {"what about scotland specifically": "how does london compare to the rest of the "
                                                 "country",
             "what's his number?": "what did the chair say?"}
    opinion = engine.opinion
    assert opinion is not None
    unlikely = (0.0,) * len(SIGNALS) + (-5.0,)
    answers = {}
    try:
        for kept in ((), unlikely):
            engine.use_model(opinion.classifier, replace(opinion.thresholds, kept=kept,
                                                         keep=0.5))
            for question, earlier in chats.items():
                conversation = Conversation()
                engine.ask(earlier, conversation=conversation, now=NOW)
                answers[kept, question] = engine.ask(question, conversation=conversation,
                                                     now=NOW).kind
    finally:
        engine.use_opinion(opinion)  # the session's engine
    assert answers == {((), "what about scotland specifically"): "answer",
                       ((), "what's his number?"): "answer",
                       (unlikely, "what about scotland specifically"): "fallback",
                       (unlikely, "what's his number?"): "answer"}


def test_a_broader_reading_that_states_the_named_figure_keeps_the_check(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fact-check naming one figure with a year it is not for is grounded in that figure; a
    classifier reading the rise, whose answer states that figure too but reads no year, agrees
    on what is asked: the correction is answered, not asked back as "did you mean"."""
    opinion = _part(engine).opinion
    assert opinion is not None
    monkeypatch.setattr(type(opinion), "rank", lambda self, text: [
        ("referrals_rise", 0.4), ("referrals_2013", 0.2), ("fallback", 0.1)])
    answer = engine.ask("a leaflet said 187 cases in london in 2011, is that right?", now=NOW)
    assert answer.kind == "answer" and answer.intent == "referrals_2013", to_text(answer)
    assert to_text(answer).startswith("No: 187")
    # With the figure's own year there is nothing to correct: the rise is a rival reading.
    answer = engine.ask("a leaflet said 187 cases in london in 2013, is that right?", now=NOW)
    assert answer.kind == "clarify"
    # Nor is a figure of another series that states none of the figures named: the classifier
    # read the words around the figure, the check which figure it is (since 7 December 2026).
    monkeypatch.setattr(type(opinion), "rank", lambda self, text: [
        ("nrm_total", 0.4), ("referrals_2013", 0.2), ("fallback", 0.1)])
    answer = engine.ask("a leaflet said 187 cases in london in 2011, is that right?", now=NOW)
    assert answer.kind == "answer" and answer.intent == "referrals_2013", to_text(answer)
    assert to_text(answer).startswith("No: 187")
    # Another kind of answer (a line to call) is still a rival: both are offered.
    monkeypatch.setattr(type(opinion), "rank", lambda self, text: [
        ("contact_media", 0.4), ("referrals_2013", 0.2), ("fallback", 0.1)])
    answer = engine.ask("a leaflet said 187 cases in london in 2011, is that right?", now=NOW)
    assert answer.kind == "clarify"


WORRIED = "my neighbour's cleaner never leaves the house and looks scared"
HELP_NUMBERS = ("999", "08000 121 700")


@pytest.mark.parametrize("follow_up", [
    "how many cases were there in london in 2018?",
    "what did the committee recommend?",
    "is it common round here?",
])
def test_after_the_help_numbers_the_next_reply_is_led_by_them(engine: Engine,
                                                               follow_up: str) -> None:
    conversation = Conversation()
    assert engine.ask(WORRIED, conversation=conversation, now=NOW).kind == "safeguarding"
    answer = engine.ask(follow_up, conversation=conversation, now=NOW)
    text = to_text(answer)
    first = text if answer.kind == "safeguarding" else text.split("\n\n", 1)[0]
    assert all(n in first for n in HELP_NUMBERS) and MEDIA not in text


def test_the_press_is_not_led_by_the_help_numbers_after_them(engine: Engine) -> None:
    conversation = Conversation()
    engine.ask("I'm a journalist. someone told me they are forced to work for no pay",
               conversation=conversation, now=NOW)
    answer = engine.ask("how many referrals in 2018?", conversation=conversation, now=NOW)
    assert answer.intent is not None and "999" not in to_text(answer).split("\n\n", 1)[0]


def test_a_conversation_not_about_a_victim_is_not_led_by_the_help_numbers(
        engine: Engine) -> None:
    conversation = Conversation()
    engine.ask("who is the chair of the committee?", conversation=conversation, now=NOW)
    answer = engine.ask("how many referrals in 2018?", conversation=conversation, now=NOW)
    assert "999" not in to_text(answer).split("\n\n", 1)[0]
