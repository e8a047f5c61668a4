"""Tests for readings of who asks and of the release asked about, in words any asker uses:
where the asker calls from, their role or party, their own views, a reader they pass a line
on to, learners' and other languages' forms, a formal letter's verbs, two years given as the
release's date. Written as new askers would write, each beside a near-miss read as before."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.figureyears import either_year
from bot.reading import Reader


@pytest.fixture(scope="module")
def reader(engine: Engine) -> Reader:
    return engine.matcher.reader


def _intent(engine: Engine, question: str) -> str | None:
    match = engine.matcher.best(question)
    return match.intent.id if match else None


@pytest.mark.parametrize("question", [
    "I'm calling from Australia, what number do I ring?",
    "ringing from the USA - which number do I use?",
    "I'm a councillor in Hackney, who can I call about this?",
    "caseworker for a Tory councillor, need a number for the assembly",
    "I'm with a council safeguarding team, who can we talk to?",
])
def test_where_or_for_whom_the_asker_works_is_not_asked_about(reader: Reader,
                                                              question: str) -> None:
    assert reader.features(question).offtopic == ()


@pytest.mark.parametrize("question", [
    "how many people are trafficked in australia?",
    "what does the labour party think about it?",
    "how many referrals were there in Hackney?",
])
def test_a_place_or_a_party_asked_about_is_still_off_topic(reader: Reader, question: str) -> None:
    assert reader.features(question).offtopic


def test_calling_is_a_call_unless_a_body_calls_for_something(reader: Reader) -> None:
    calling = reader.features("I'm calling from Leeds, is this the right number?").terms
    assert "contact" in calling and "recommend" not in calling
    for question in ("what is the committee calling for?", "who are they calling on to act?"):
        assert "recommend" in reader.features(question).terms, question


def test_two_years_given_as_choices_ask_the_release_date(reader: Reader) -> None:
    f = reader.features("was this release from 2020 or 2021?")
    assert "date" in f.terms and f.years == ()
    # Two years of the figures asked about are still years asked about.
    assert reader.features("were there more referrals in 2013 or 2018?").years == (2013, 2018)
    assert either_year(["2020", "or", "2021"]) and not either_year(["2020", "and", "2021"])


@pytest.mark.parametrize(("question", "intent"), [
    ("who is the man who speak in this news?", "chair_who"),
    ("who speaks in the press release?", "chair_who"),
    ("which part of the met deals with trafficking?", "rec_detectives"),
    ("please advise which committee of the Assembly issued the release in question",
     "release_committee"),
    ("what are the key statistics cited in this release?", "figures_all"),
    ("what source is cited for the figures?", "figure_sources"),
    ("a listener wants to contact City Hall about this, what number do I give her?",
     "contact_public"),
    ("can I ring someone to give my views on this?", "contact_public"),
    ("who's on press duty today?", "contact_media"),
    ("¿Qué recomienda el comité al alcalde?", "recommendations_all"),
    ("Quelles sont les principales statistiques citées dans ce communiqué ?", "figures_all"),
])
def test_readings_answer_what_was_asked(engine: Engine, question: str, intent: str) -> None:
    assert _intent(engine, question) == intent


def test_the_askers_own_views_are_not_the_chairs(reader: Reader) -> None:
    assert reader.features("I want to give my views on this").audience == "public"
    assert "quote" in reader.features("what are the chair's views on this?").terms


def test_a_formal_letters_verbs_ask_and_tell(reader: Reader) -> None:
    assert "contact" not in reader.features("I am writing to enquire about the figures").terms
    assert "contact" in reader.features("general enquiries number please").terms


def test_a_phone_read_on_is_no_line_asked_for(reader: Reader) -> None:
    assert "contact" not in reader.features("the title is cut off on my phone").terms
    assert "contact" in reader.features("can you call me on my mobile?").terms


def test_a_trade_title_and_a_funding_bid_say_who_asks(reader: Reader) -> None:
    trade = reader.features("I write for a trade title, who is the press officer?")
    assert trade.audience == "media" and "title" not in trade.terms
    assert reader.features("I need the 2018 figure for a funding bid").offtopic == ()
    assert reader.features("how much funding does the Met get?").offtopic


def test_part_of_the_met_is_a_unit_only_when_asked_which(reader: Reader) -> None:
    assert "detective" in reader.features("what part of the met handles trafficking?").terms
    assert "detective" not in reader.features("is the Assembly part of the Met?").terms


def test_evolution_and_attribution(reader: Reader) -> None:
    assert "rise" in reader.features("the evolution of referrals in London").terms
    assert "publisher" in reader.features("need the right attribution for this").terms
