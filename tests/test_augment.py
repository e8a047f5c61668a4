"""Tests for bot.augment: the wraps taken from messages the release does not answer, and the
wrapped copies of one-sentence questions, fixed run to run."""

from __future__ import annotations

from bot import augment
from bot.augment import Wrap, copies, pieces, wrap_of, wraps

NONE = "fallback"


def test_pieces_part_at_sentences_lead_ins_and_dashes() -> None:
    assert pieces("Local radio - who do we call?") == ["Local radio", "who do we call?"]
    assert pieces("PhD student: how many in 2018?") == ["PhD student:", "how many in 2018?"]
    assert pieces("I'm a teacher. Who wrote it? Thanks.") == ["I'm a teacher.", "Who wrote it?",
                                                             "Thanks."]
    assert pieces("well-known figures, who said it?") == ["well-known figures, who said it?"]


def test_the_wrap_is_what_surrounds_the_last_asking_piece() -> None:
    assert wrap_of("I'm a teacher. Who wrote the letter? Thanks.") == Wrap("I'm a teacher.",
                                                                          "Thanks.")
    assert wrap_of("Student here: what is the budget of the council?") == Wrap("Student here:",
                                                                              "")


def test_no_wrap_without_a_question_around_words_or_a_stand_alone_question() -> None:
    assert wrap_of("what is the budget of the council?") is None  # nothing around it
    assert wrap_of("Student here. I want the budget") is None  # no piece asks
    assert wrap_of("Our copy says 187 in 2013. Is that right?") is None  # too short to stand
    assert wrap_of("My copy says 187. What is the budget of it?") is None  # a figure stated
    assert wrap_of("Who is it? Student here: what is the council budget?") is None  # asks


def test_wraps_come_only_from_labelled_questions_the_release_does_not_answer() -> None:
    items = [("Teacher here: what is the council's budget?", NONE, "s"),
             ("Reporter here: who wrote the letter to him?", "letter", "s"),
             ("Intern here: what is the weather like today?", NONE, augment.INTENTS),
             ("Teacher here: what is the council's budget?", NONE, "t")]
    assert wraps(items, NONE) == [Wrap("Teacher here:", "")]


def test_each_one_piece_question_gets_one_copy_with_its_own_label() -> None:
    items = [("Teacher here: what is the council's budget?", NONE, "s"),
             ("who wrote the letter", "letter", augment.INTENTS),
             ("what is the weather?", NONE, "s")]
    assert copies(items, NONE) == [("Teacher here: who wrote the letter", "letter"),
                                   ("Teacher here: what is the weather?", NONE)]
    assert copies(items[1:], NONE) == []  # no wrap to lend
    assert copies(items, NONE, keep={"letter"}) == [("Teacher here: what is the weather?", NONE)]


def test_the_wrap_chosen_depends_on_the_text_only() -> None:
    assert augment.pick("who wrote the letter", 1000) == augment.pick("who wrote the letter", 1000)
    chosen = {augment.pick(f"question {n}", 7) for n in range(200)}
    assert chosen == set(range(7))
