"""Tests for claims asked to be checked: a figure said of a place it is not for gets "No:",
the figure, its year, its place and its source (bot/factcheck.py ``wrong_place``), and one whose
place is asked is answered with that figure, whatever the classifier reads; two figures
of a change named together are that change, whatever the classifier reads; and the reader reads
a claim of the figures' source, of the publisher or of who the chair is, "match" as a verb and
negative contractions typed without the apostrophe, so such claims are answered, not declined."""

from __future__ import annotations

import pytest

from bot import numbers
from bot.answermodels import Answer
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.render import to_text
from tests.test_factcheck import NOW, ask  # on a Monday morning: the intent and the text


@pytest.mark.parametrize(("question", "intent", "said"), [
    ("was the 187 a figure for the whole UK?", "referrals_2013",
     "No: 187 (referrals for modern slavery and human trafficking made in London, 2013) is a "
     "figure for London, according to Met data."),
    ("2,346 - that's for all of the UK?", "referrals_2018",
     "No: 2,346 (referrals for modern slavery and human trafficking made in London, 2018) is a "
     "figure for London, according to Met data."),
])
def test_a_figure_said_of_another_place_is_corrected_with_its_place(
        engine: Engine, question: str, intent: str, said: str) -> None:
    got, text = ask(engine, question)
    assert got == intent
    assert text.startswith(said)
    # Never where the place is the figure's own, or the answer gives the place asked too
    # (the 30% of the 5,143 that were London's).
    for fine in ("2,346 referrals in London in 2018?", "what share of the 5,143 were in London?",
                 "is 5,143 the London total?"):
        assert not ask(engine, fine)[1].startswith("No:")


@pytest.mark.parametrize("question", ["2,346: London only, or the UK?",
                                      "does the 2,346 cover london or the uk?"])
def test_a_figures_place_asked_is_answered_with_that_figure(engine: Engine,
                                                            question: str) -> None:
    # The classifier reads the place's words as the UK total; the figure named says which.
    answer = engine.ask(question, now=NOW)
    assert answer.kind == "answer" and answer.intent == "referrals_2018"


@pytest.mark.parametrize("question", [
    "did it really climb from 187 to 2,346?",
    "someone told me it was 187 in 2013 and 2,346 in 2018, do those figures match?",
])
def test_two_figures_of_a_change_are_answered_as_the_change(
        engine: Engine, question: str) -> None:
    answer = engine.ask(question, now=NOW)
    assert answer.kind == "answer" and answer.intent == "referrals_rise"


@pytest.mark.parametrize(("question", "intent"), [
    ("those numbers are all from the police?", "figure_sources"),
    ("were the NRM numbers from the police?", "figure_sources"),
    ("my mum says this was published by the government, is that so?", "release_publisher"),
    ("a blog said this was issued by the Home Office - true?", "release_publisher"),
    ("was khan the chair of it?", "chair_who"),
    ("the chairman was the mayor, wasn't he?", "chair_who"),
    ("what year is the 2,346 figure from?", "referrals_2018"),
])
def test_a_claim_is_answered_with_what_the_release_says(
        engine: Engine, question: str, intent: str) -> None:
    got, _ = ask(engine, question)
    assert got == intent


def test_match_as_a_verb_is_no_football_match(engine: Engine) -> None:
    read = engine.matcher.features
    assert "match" not in read("does the 2,346 match what the release says?").offtopic
    assert "match" not in read("do these numbers match the press release").offtopic
    assert "match" in read("did you watch the match last night?").offtopic


@pytest.mark.parametrize("question", ["wasnt the chair desai", "werent they from the met",
                                      "arent these 2018 figures"])
def test_negative_contractions_without_an_apostrophe_are_known_words(
        engine: Engine, question: str) -> None:
    assert not engine.matcher.features(question).unknown


@pytest.mark.parametrize(("question", "intent"), [
    # Round numbers near a figure name it, as people remember figures ("about 5,000").
    ("a podcast claimed more than 5,000 victims in the capital alone. is that so?", "nrm_total"),
    ("my uncle reckons it's like 5,100 in london, right?", "nrm_total"),
])
def test_a_figure_claimed_in_round_numbers_is_answered_with_the_figure(
        engine: Engine, question: str, intent: str) -> None:
    got, text = ask(engine, question)
    assert got == intent and "5,143" in text
    # The asker's number is never stated as the release's.
    assert "5,000" not in text and "5,100" not in text


def test_a_number_far_from_every_figure_names_none() -> None:
    assert numbers.rounded(5000, 5143) and numbers.rounded(190, 187)
    assert numbers.rounded(1200, 1155)
    assert not numbers.rounded(2000, 2346)  # 15% off: another number, not this one rounded
    assert not numbers.rounded(5150, 5143)  # not round: a number of its own
    assert not numbers.rounded(5143, 5143)


NAME_CLAIMS = [
    ["who chairs the police and crime committee?", "isnt it Maria Oyelaran-Whitfield?"],
    ["who's the chair?", "I thought it was Tobias Quennell"],
]


def _claimed(engine: Engine, turns: list[str]) -> Answer:
    conversation = Conversation()
    for turn in turns:
        answer = engine.ask(turn, conversation=conversation, now=NOW)
    return answer


@pytest.mark.parametrize("turns", NAME_CLAIMS)
def test_a_claim_naming_someone_the_release_does_not_never_gets_that_name(
        engine: Engine, turns: list[str]) -> None:
    """Whatever the answer, the name claimed is never stated as the release's."""
    answer = _claimed(engine, turns)
    assert answer.intent in ("chair_who", None)
    assert "Oyelaran" not in to_text(answer) and "Quennell" not in to_text(answer)


# Read through the conversation and answered with the answer just given, a claim naming someone
# checks that answer: the kept stacker does not read it as a new question misread as the last
# one (bot.followsignals.repeats), whatever ``keep`` the relearned rule lands on.
@pytest.mark.parametrize("turns", NAME_CLAIMS)
def test_a_claim_naming_someone_the_release_does_not_is_answered_with_who_it_names(
        engine: Engine, turns: list[str]) -> None:
    """A name the bot does not know is someone named, not words it failed to read: the claim
    is answered with the release's chair."""
    assert _claimed(engine, turns).intent == "chair_who"


@pytest.mark.parametrize("question", ["honestly who made these numbers up",
                                      "the numbers were made up, weren't they?",
                                      "are these stats bogus?"])
def test_figures_doubted_as_invented_are_answered_with_their_sources(
        engine: Engine, question: str) -> None:
    assert ask(engine, question)[0] == "figure_sources"
    # "made up" as forming a part is no doubt of the figures.
    assert ask(engine, "London made up more than 30% of the cases?")[0] == "nrm_london_share"


@pytest.mark.parametrize("question", ["wasn't it the Education Committee who wrote it?",
                                      "did the Justice Committee send this?"])
def test_a_claim_of_which_committee_is_answered_with_the_releases(
        engine: Engine, question: str) -> None:
    got, text = ask(engine, question)
    assert got == "release_committee" and "Police & Crime Committee" in text
    assert "Education" not in text and "Justice" not in text


@pytest.mark.parametrize("claim", ["my tutor reckons it was 2021", "wasn't it 2018?"])
def test_a_year_claimed_after_the_date_is_a_claim_of_the_date(engine: Engine, claim: str) -> None:
    """After when the release came out, a year alone claims its date: checked ("No: ... not in
    2021") or given, never read as a year the release has no figures for."""
    conversation = Conversation()
    engine.ask("when did this come out?", conversation=conversation, now=NOW)
    answer = engine.ask(claim, conversation=conversation, now=NOW)
    assert answer.intent == "release_date" and "30 January 2020" in to_text(answer)
    if "2021" in claim:
        assert to_text(answer).startswith("No: it was published on 30 January 2020, not in 2021.")
