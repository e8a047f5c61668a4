"""Tests for bot.asker: the words that say who is asking are told from what is asked."""

from __future__ import annotations

from bot.asker import about_asker, describes_self, introduction, places_asked


def _words(text: str) -> list[str]:
    return text.split()


def test_a_first_person_clause_before_the_question_is_about_the_asker() -> None:
    tokens = _words("i drive a night bus and rent a flat howmany rented homes had serious damp")
    asker = about_asker(tokens, lambda rest: "damp" in rest)
    assert {"drive", "bus", "rent", "flat"} <= asker
    assert not asker & {"rented", "homes", "damp"}


def test_the_clause_is_the_askers_only_when_the_question_names_the_subject() -> None:
    tokens = _words("i rent a flat who do i call about my rent")
    assert about_asker(tokens, lambda rest: "damp" in rest) == frozenset()
    # A question with no first-person start, or no question after it, has no such clause.
    assert about_asker(_words("howmany buses had damp"), lambda rest: True) == frozenset()
    assert about_asker(_words("i drive a bus"), lambda rest: True) == frozenset()


def test_a_place_where_the_asker_is_is_not_asked_about() -> None:
    assert "southwark" not in places_asked(_words("i write for a paper in southwark"))
    assert "poland" not in places_asked(_words("i am a student from poland"))
    assert "newham" in places_asked(_words("howmany referrals in newham"))


def test_saying_what_you_are_before_the_question_is_describing_yourself() -> None:
    for text in ("i am a nurse who do i call", "as a teacher who should i contact",
                 "i work for a housing charity how can i get in touch",
                 "caseworker for an mp here who is the right contact",
                 "we are a tenants group where can we ask about this"):
        assert describes_self(_words(text)), text


def test_how_you_feel_or_what_you_ask_is_not_what_you_are() -> None:
    for text in ("i am worried who do i call", "who do i call i am a nurse",
                 "i have a question here who do i call", "here is my question who is the chair",
                 "press office number please", ""):
        assert not describes_self(_words(text)), text


def test_the_introduction_is_the_words_before_the_question_that_say_who_asks() -> None:
    assert introduction(_words("journalist here who chairs the committee")) == 2
    assert introduction(_words("i am a nurse who do i call")) == 4
    # No introduction: a question first, or words before it that do not say who asks.
    for text in ("who chairs the committee", "i have a question here who is the chair",
                 "press office number please", ""):
        assert introduction(_words(text)) == 0, text
