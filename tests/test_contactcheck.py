"""Tests for bot.contactcheck: a phone number or contact name the asker states, checked against
the line asked for, from the release's contacts alone (a second release's contacts as well)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.contactcheck import asked_whose, check, named_contacts, stated_numbers, unknown_person
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.models import Contact, ExternalContact, Release
from bot.render import to_text
from tests.release_factory import POTHOLES

OPEN = dt.datetime(2024, 3, 13, 11, 0, tzinfo=ZoneInfo("Europe/London"))  # a Wednesday
NIGHT = dt.datetime(2024, 3, 13, 23, 0, tzinfo=ZoneInfo("Europe/London"))

# Another release's lines: other numbers, other names, the same shape.
BUSES = Release(id="buses", publisher="Transport Committee", contacts=[
    Contact(id="media", label="Press enquiries", name="Sam Okafor", phone="020 7946 0102",
            audience="media", sentence="Press: Sam Okafor on 020 7946 0102."),
    Contact(id="out_of_hours", label="Out-of-hours press enquiries", name="the duty officer",
            phone="020 7946 0999", audience="out_of_hours",
            sentence="Out of hours, call 020 7946 0999."),
    Contact(id="non_media", label="General enquiries", name="City Information Desk",
            phone="020 7946 0500", audience="public",
            sentence="General enquiries: City Information Desk, 020 7946 0500."),
])
HELPLINE = ExternalContact(id="help", label="Bus Safety Line", phone="0800 555 0123",
                           when="at any time", provenance="a charity")


def said(engine: Engine, question: str, route: str = "media", audience: str = "",
         now: dt.datetime = OPEN) -> str:
    return "".join(s.text for s in check(question, BUSES, route, audience, False, now,
                                         engine.hours, [HELPLINE]))


@pytest.mark.parametrize("question", [
    "is 020 7946 0500 the press line?", "is 02079460500 the press line?",
    "is +44 20 7946 0500 the press line?", "is +44 (0)20 7946 0500 the press line?",
    "is 0500 the press line?", "is 7946 0500 the press line?", "is 020-7946-0500 for press?",
])
def test_a_number_however_typed_is_the_line_it_is(question: str) -> None:
    assert [c.id if isinstance(c, Contact) else c for c in stated_numbers(question, BUSES)] == [
        "non_media"]


@pytest.mark.parametrize("question", [
    "how many buses in 2019?", "is 7946 the press line?", "what about 2,500 journeys?",
    "0102 or 0999?",  # (two lines: each is read, neither guessed)
])
def test_digits_that_end_no_single_line_are_no_number(question: str) -> None:
    found = stated_numbers(question, BUSES)
    assert found == [] or len(found) == 2


def test_a_number_the_release_does_not_give_is_said_not_to_be_in_it(engine: Engine) -> None:
    text = said(engine, "is 020 7946 0777 the press office?")
    assert text == "The release does not give the number you have."
    assert "0777" not in text  # never repeated, never guessed


def test_a_number_of_the_knowledge_elsewhere_is_named_as_not_the_releases(
        engine: Engine) -> None:
    assert said(engine, "is 0800 555 0123 the press office?").startswith(
        "0800 555 0123 is not in the release: it is the Bus Safety Line")


def test_the_wrong_line_gets_no_and_the_line_asked_for(engine: Engine) -> None:
    assert said(engine, "is 020 7946 0500 the press number?") == (
        "No: 020 7946 0500 is the release’s line for general enquiries (City Information "
        "Desk), not for press enquiries: that is 020 7946 0102 (Sam Okafor).")


def test_the_numbers_of_a_check_are_phone_spans_as_the_lines_show_them(engine: Engine) -> None:
    spans = check("is 020 7946 0500 the press number?", BUSES, "media", "", False, OPEN,
                  engine.hours)
    assert [s.text for s in spans if s.style == "phone"] == ["020 7946 0500", "020 7946 0102"]


def test_the_right_line_gets_yes(engine: Engine) -> None:
    assert said(engine, "is 0999 the out of hours number", route="out_of_hours") == (
        "Yes: 020 7946 0999 is the release’s line for out-of-hours press enquiries (the duty "
        "officer).")
    assert said(engine, "I can ring 020 7946 0500 about timetables, can't I?",
                route="non_media", audience="public").startswith("Yes: 020 7946 0500")


def test_a_name_is_checked_like_a_number(engine: Engine) -> None:
    assert said(engine, "is sam okafor still doing press for this one?") == (
        "Yes: the release names Sam Okafor for press enquiries, on 020 7946 0102.")
    assert said(engine, "is there a number for the City Information Desk?", "non_media") == ""
    assert said(engine, "is Sam Okafro on the general line?", route="non_media").startswith(
        "No: the release names Sam Okafor for press enquiries")
    assert [c.id for c in named_contacts("can I ring Sam?", BUSES)] == []  # one word: no name


def test_a_name_beside_a_number_is_the_line_asked_for(engine: Engine) -> None:
    text = said(engine, "I have 020 7946 0102 for the City Information Desk, right?",
                route="media", audience="public")
    assert text.startswith("No: the number you have is the release’s line for press "
                           "enquiries (Sam Okafor), for journalists, not for general enquiries")
    assert "0102" not in text  # the press line is not the public's


def test_the_public_stating_the_press_line_is_told_whom_it_is_for(engine: Engine) -> None:
    text = said(engine, "is 020 7946 0102 the right number for me?", route="non_media",
                audience="public")
    assert text == ("The number you have is the release’s line for press enquiries (Sam "
                    "Okafor), for journalists.")


def test_out_of_hours_the_press_line_is_not_written_out_but_the_duty_line_fits(
        engine: Engine) -> None:
    text = said(engine, "is 0102 the press number?", now=NIGHT)
    assert text.startswith("Yes: the number you have is the release’s line for press") and (
        "0102" not in text)
    assert said(engine, "is 0999 the press number?", now=NIGHT).startswith(
        "Yes: 020 7946 0999 is the release’s line for out-of-hours")


def test_a_question_asking_whose_number_gets_what_it_is_without_a_verdict(
        engine: Engine) -> None:
    assert said(engine, "whose number is 020 7946 0999?", route="all", audience="media") == (
        "020 7946 0999 is the release’s line for out-of-hours press enquiries (the duty "
        "officer).")


@pytest.mark.parametrize(("question", "line"), [
    ("whose number is 020 7946 0999?", "out_of_hours"), ("who answers on 0102", "media"),
    ("what's this number, 0500?", "non_media"), ("who answers 07700 900123?", None),
])
def test_a_number_asked_whose_it_is_is_the_line_it_is(question: str, line: str | None) -> None:
    assert [c.id if isinstance(c, Contact) else c
            for c in asked_whose(question, BUSES, [HELPLINE])] == [line]


@pytest.mark.parametrize("question", [
    "is 0500 the press line?", "what was the figure, 0500?", "whose is 0800 555 0123?",
    "0102 or 0999, which one?", "ring me on 07700 900123, who can help?",
    "020 7946 0102 is right, isn't it?",
])
def test_a_check_another_number_or_digits_alone_are_not_asked_whose(question: str) -> None:
    assert asked_whose(question, BUSES, [HELPLINE]) == []


def known_words(words: str) -> bool:  # a reader that knows places, outlets and greetings
    return words in {"City Hall", "Tower Hamlets", "Evening Standard", "Good Morning"}


@pytest.mark.parametrize(("question", "person"), [
    ("is John Smith the press officer?", "John Smith"),
    ("can I speak to Sarah Jones at City Hall?", "Sarah Jones"),
    ("I was told to ask for Priya Patel", "Priya Patel"), ("Ben O'Neil's number?", "Ben O'Neil"),
    ("is Sam Okafor the press officer?", ""),  # the release's own contact
    ("is Sam Okafr the press officer?", ""),  # ... with a slip
    ("can I speak to Tower Hamlets?", ""), ("I'm from the Evening Standard", ""),
    ("Good Morning, who is the press officer?", ""), ("John Smith here, who do I call?", ""),
    ("is John Smith or Jane Doe the contact?", ""),  # two: neither said to be unnamed
    ("can I speak to John Paul Smith?", ""),  # a longer run of capitals: not this shape
])
def test_a_person_the_release_does_not_name_is_read_where_a_person_is(
        question: str, person: str) -> None:
    assert unknown_person(question, BUSES, known_words) == person


def test_a_person_the_release_does_not_name_is_said_not_named(engine: Engine) -> None:
    def check_text(question: str, audience: str = "") -> str:
        return "".join(s.text for s in check(question, BUSES, "media", audience, False, OPEN,
                                             engine.hours, [HELPLINE], known_words))
    assert check_text("is John Smith the press officer?") == "No: the release names no John Smith."
    assert check_text("can I speak to Sarah Jones?", "public") == (
        "The release names no Sarah Jones.")
    assert check_text("is Sam Okafor the press officer?").startswith("Yes: ")


def test_no_detail_stated_no_check(engine: Engine) -> None:
    assert said(engine, "what's the press number?") == ""


# --------------------------------------------------------------------------- whole answers

MONDAY = dt.datetime(2020, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def test_the_releases_answer_starts_with_the_check(engine: Engine) -> None:
    text = to_text(engine.ask("is 020 7983 4100 the number for the press office?", now=MONDAY))
    assert text.startswith("No: 020 7983 4100 is the release’s line for non-media enquiries")
    assert "020 7983 4067" in text


def test_a_member_of_the_public_never_gets_the_press_line_written_out(engine: Engine) -> None:
    text = to_text(engine.ask("I'm a pensioner with a question, is 02079834067 the one I "
                              "should ring?", now=MONDAY))
    assert "for journalists" in text and "020 7983 4100" in text
    assert "4067" not in text


def test_a_number_asked_whose_it_is_is_answered_by_its_line(engine: Engine) -> None:
    answer = engine.ask("who answers on 020 7983 4067?", now=MONDAY)
    assert answer.intent == "contact_media" and to_text(answer).startswith(
        "020 7983 4067 is the release’s line for media enquiries (Aoife Nolan).")
    answer = engine.ask("what's this number 4100", now=MONDAY)
    assert answer.intent == "contact_public" and to_text(answer).startswith(
        "020 7983 4100 is the release’s line for non-media enquiries (Public Liaison Unit).")


def test_a_number_not_in_the_release_is_not_repeated_and_the_lines_follow(
        engine: Engine) -> None:
    text = to_text(engine.ask("who answers 07700 900123?", now=MONDAY))
    assert text.startswith("The release does not give the number you have.")
    assert "07700" not in text and "020 7983 4100" in text


def test_the_public_asking_whose_the_press_line_is_get_their_own(engine: Engine) -> None:
    answer = engine.ask("I'm a member of the public, who is on 020 7983 4067?", now=MONDAY)
    text = to_text(answer)
    assert answer.intent == "contact_public" and "for journalists" in text
    assert "4067" not in text and "020 7983 4100" in text


def test_a_person_the_release_does_not_name_gets_the_askers_lines(engine: Engine) -> None:
    answer = engine.ask("is John Smith the press officer?", now=MONDAY)
    assert to_text(answer).startswith("No: the release of 30 January 2020 names no John Smith.")
    assert "020 7983 4067" in to_text(answer)
    answer = engine.ask("I'm a member of the public, can I speak to Sarah Jones?", now=MONDAY)
    text = to_text(answer)
    assert text.startswith("The release of 30 January 2020 names no Sarah Jones.")
    assert "020 7983 4100" in text and "4067" not in text


def test_the_releases_own_people_and_places_are_no_unknown_person(engine: Engine) -> None:
    for question in ("is Unmesh Desai available for interview?",
                     "I'm from the Evening Standard, who is the press officer?",
                     "I live in Tower Hamlets, who can I speak to at City Hall?",
                     "is Aoife Nolan the press officer?"):
        assert "names no" not in to_text(engine.ask(question, now=MONDAY)), question


def test_a_worried_asker_still_gets_the_help_numbers_first(engine: Engine) -> None:
    text = to_text(engine.ask("my neighbour's cleaner is locked in and never paid, should I "
                              "ring 020 7983 4100?", now=MONDAY))
    assert text.index("999") < text.index("08000 121 700")
    assert "999" in text.split("\n")[0] or text.startswith("If you think")


def test_another_release_loaded_beside_this_one_is_checked_from_its_own_contacts(
        many: Engine) -> None:
    def ask(question: str) -> str:
        return to_text(many.ask(question, conversation=Conversation(release=POTHOLES.id),
                                now=MONDAY))
    assert ask("is 020 7983 4100 the press number for the potholes release?").startswith(
        "No: 020 7983 4100 is the release’s line for non-media enquiries (Highways Enquiry "
        "Desk), not for media enquiries: that is 020 7983 1111 (Ciara Mensah).")
    assert ask("is Ciara Mensah still the press contact on potholes?").startswith(
        "Yes: the release of 1 June 2021 names Ciara Mensah for media enquiries, on "
        "020 7983 1111.")
    assert ask("is Aoife Nolan the press contact on potholes?").startswith(
        "Journalists should contact")  # another release's name: nothing to check here


def test_a_number_asked_whose_is_read_of_each_release_and_none_without_a_digit() -> None:
    # The last reading is kept for the grounding check's second look at the same message,
    # but only of the same release: another release's lines are its own.
    question = "whose number is 020 7946 0102?"
    assert asked_whose(question, BUSES) == [BUSES.contacts[0]]
    assert asked_whose(question, BUSES.model_copy(update={"contacts": []})) == [None]
    assert asked_whose(question, BUSES) == asked_whose(question, BUSES) == [BUSES.contacts[0]]
    assert asked_whose("whose number is the press line?", BUSES) == []


@pytest.mark.parametrize("question", [
    "John Smith's press office says there were 2,346 referrals in 2018, up from 2013 - true?",
])
def test_a_person_the_release_does_not_name_leaves_a_figure_named_by_its_value_grounded(
        engine: Engine, question: str) -> None:
    # Not a contacts answer, so the unknown person does not decide it: the figure does.
    matched = engine.matcher_answer(question, now=OPEN)
    assert matched.answer.intent == "referrals_2018" and matched.leans


def test_someone_the_release_does_not_name_asked_about_a_figure_the_figure_and_the_line(
        engine: Engine) -> None:
    # Asking to speak to someone about a figure asks for a line too (bot.twopart.line_beside):
    # the figure and the press line, said not to be the person asked for.
    answer = engine.ask("can I speak to John Smith at the press office about the 2,346 "
                        "referrals in 2018?", now=OPEN)
    text = to_text(answer)
    assert "names no John Smith" in text and "2,346 referrals" in text, text
    assert "020 7983 4067" in text and "020 7983 4100" not in text, text
