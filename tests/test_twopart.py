"""Tests for bot/twopart.py: a matched question's answer, in two parts when the message asks two;
and when one part asks what happened after the release, the other answered and that one said to
be beyond the release."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot import twopart
from bot.engine import Engine
from bot.matching import Match
from bot.preamble import LINE_ASKED, line_terms
from bot.render import to_text
from tests.readlog import texts_read

NOW = dt.datetime(2020, 2, 4, 11, 0, tzinfo=ZoneInfo("Europe/London"))  # office hours


def _build(engine: Engine, question: str, intent_id: str = "") -> twopart.MatcherAnswer:
    part = engine._part(engine.knowledge.releases[0].id)
    f = part.matcher.features(question)
    match = part.matcher.decide(f)
    if intent_id:  # the matcher's reading, as the classifier may name it instead
        match = Match(engine.knowledge.intent(intent_id), 0.9, f, 0.9)
    assert match is not None
    answer, also = twopart.build(engine._state.builder, part, question, f, match, None, NOW)
    return twopart.MatcherAnswer(answer, f, False, False, also)


def test_one_question_is_answered_in_one_part(engine: Engine) -> None:
    read = _build(engine, "how much did referrals rise?")
    assert read.also is None
    assert read.answer.intent == "referrals_rise"


def test_a_second_question_is_answered_too_and_kept_led_by_it(engine: Engine) -> None:
    read = _build(engine, "who is the chair and what did she say?")
    assert read.also is not None and read.also.intent != read.answer.intent
    assert read.also.led is not None
    # The same two answers, in the other order: the classifier may name the second as the main.
    assert read.also.led.intent == read.also.intent
    both, led = read.answer.paragraphs, read.also.led.paragraphs
    assert led[0] != both[0] and led[0] in both and both[0] in led


def test_a_figure_leads_its_source_whichever_was_asked_first(engine: Engine) -> None:
    question = "where is that figure from and what was the 2018 figure?"
    read = _build(engine, question, intent_id="figure_sources")
    assert read.also is not None and read.also.intent == "figure_sources"
    assert read.answer.intent != "figure_sources"  # the figure first, then its source
    assert read.also.led is None  # and never the source before its figure
    assert "2,346" in to_text(read.answer)


def test_a_source_may_lead_an_answer_that_states_no_figure(engine: Engine) -> None:
    """The source comes after its figures; beside an answer with none (the release's title)
    there is nothing for it to follow, so the classifier may name it as the main question."""
    read = _build(engine, "what's the title of the release and where do the figures come from?")
    assert read.answer.intent == "release_title"
    assert read.also is not None and read.also.intent == "figure_sources"
    assert read.also.led is not None and read.also.led.intent == "figure_sources"


def test_a_line_the_asker_is_not_given_never_leads(engine: Engine) -> None:
    """Who asks decides the line: a resident asking whether they can ring the press office
    gets the public's line first, whichever line the classifier names."""
    read = _build(engine, "can i ring the press office? i'm just a curious resident")
    assert read.features.audience == "public"
    assert read.answer.intent == "contact_public"
    assert read.also is not None and read.also.intent == "contact_media"
    assert read.also.led is None


# --------------------------------------------------------------------------- after the release

SINCE = "the release cannot say what has happened since it was published"


@pytest.mark.parametrize(("question", "intent"), [
    ("who chairs the committee and has the mayor acted on any of it since?", "chair_who"),
    ("what did they say about more detectives? has the Met done anything about it yet?",
     "rec_detectives"),
    ("how many referrals were there in 2018, and have they gone up since then?",
     "referrals_2018"),
])
def test_a_part_about_after_the_release_is_said_to_be_beyond_it_and_the_rest_answered(
        engine: Engine, question: str, intent: str) -> None:
    answer = engine.ask(question, now=NOW)
    text = to_text(answer)
    assert answer.intent == intent
    assert SINCE in text
    assert "020 7983 4100" in text  # who to ask instead (a member of the public: the PLU)


JOURNALIST_SINCE = ("journalist here: who chairs the committee and has the mayor acted on any of "
                    "it since?")


def test_a_journalist_is_pointed_to_the_press_office(engine: Engine) -> None:
    """The matcher's two-part answer (what bot.twopart builds) routes the journalist."""
    text = to_text(engine.matcher_answer(JOURNALIST_SINCE, now=NOW).answer)
    assert SINCE in text and "020 7983 4067" in text


def test_the_engine_gives_the_journalist_the_two_part_answer(engine: Engine) -> None:
    """The part the release answers is read without "journalist here:", words that only say who
    is asking (bot.segments ``clause_read``), so the matcher is as sure of it as without them and
    the rule answers it, though the classifier reads a contact question."""
    text = to_text(engine.ask(JOURNALIST_SINCE, now=NOW))
    assert SINCE in text and "020 7983 4067" in text


@pytest.mark.parametrize("question", [
    # The other part asks about the present ("still", "now"): the same question, not answered.
    "does the visa still tie workers to one employer today? has anything changed since?",
    # Both parts are about after the release; the first asks what happened, the cue of time
    # being in the second.
    "has the mayor done anything yet and has the home office changed the visa since?",
    "what happened to the recommendations? have they been done yet?",
])
def test_nothing_after_the_release_is_answered_from_it(engine: Engine, question: str) -> None:
    assert engine.ask(question, now=NOW).kind != "answer"


@pytest.mark.parametrize("question, line, fact", [
    ("I volunteer at a food bank. How much did referrals go up, and is there someone I could "
     "ring?", "contact_public", "1,155%"),
    ("Court reporter - what date was it published, and who do I call at the press office?",
     "contact_media", "30 January 2020"),
])
def test_a_line_asked_for_beside_a_question_leads_both_answers(
        engine: Engine, question: str, line: str, fact: str) -> None:
    """Asking a question and whom to contact about it asks in order to follow it up: the
    asker's line leads, whichever part the classifier names, and the other is answered too."""
    read = _build(engine, question)
    assert read.answer.intent == line
    assert read.also is not None and read.also.led is None
    assert fact in to_text(read.answer)



def test_the_press_office_asked_for_beside_a_figure_leads_without_a_word_of_contact(
        engine: Engine) -> None:
    """"who at the press office can confirm it?" asks for the press's line as "who do I call"
    does; the interview of the chair is no line, and never leads."""
    read = _build(engine, "Court reporter. Is 2,346 right for 2018? And who at the press "
                          "office can confirm it?")
    assert read.answer.intent == "contact_media" and "2,346" in to_text(read.answer)
    read = _build(engine, "Radio producer here - how many referrals were there in 2018?")
    assert read.answer.intent == "referrals_2018"


@pytest.mark.parametrize("question", [
    "need the number for the press office asap", "press officer name and number pls",
    "whats the referral number", "ooh number for the assembly press office pls",
    "number for the public not the press pls", "what is the 5143 number",
    "is there a number i can ring tonight, its urgent", "Number for Sian Berry's office?",
    "my friend's boss kept her passport, what number do i call", "contact numbers",
])
def test_a_line_is_named_in_the_words_terms_as_a_whole_reading_names_it(
        engine: Engine, question: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The words left once a word of two senses ("number") is set aside name a line as their
    # whole reading would; without a figure or a capital letter they are not read whole.
    matcher = engine.matcher
    f = matcher.features(question)
    senses = matcher.reader.senses
    rest = " ".join(t for t in f.tokens
                    if not (t in senses and senses[t].then in LINE_ASKED))
    whole = matcher.features(rest).terms & LINE_ASKED
    read = texts_read(matcher, monkeypatch)
    assert line_terms(matcher, rest) == whole
    assert line_terms(matcher, "contact pressoffice") == LINE_ASKED  # every word of a line
    assert bool(read) == (any(t.isdigit() for t in rest.split()) or rest != rest.lower())
