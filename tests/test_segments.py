"""Tests for bot/segments.py: long messages read part by part when the whole matches nothing."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.render import to_text
from bot.segments import best_part, parts

LETTER = """Dear Sir/Madam,

I am writing on behalf of the Little Ilford Residents' Association, where several members have
asked me about this. I would be most grateful if you could set out the recommendations the
committee made in its letter to the Mayor.

Yours faithfully,
Patricia Hume"""


def test_a_single_sentence_has_no_parts() -> None:
    assert parts("how much did referrals rise between 2013 and 2018?") == []


def test_sentences_lines_and_pairs_are_parts_but_sign_offs_are_not() -> None:
    found = parts(LETTER)
    assert "Dear Sir/Madam," not in found and "Patricia Hume" not in found  # under 3 words
    assert any(p.startswith("I would be most grateful") for p in found)
    # Neighbouring sentences are read together too, for a question split in two.
    assert any("Residents' Association" in p and "recommendations" in p for p in found)


def test_run_on_messages_split_at_also() -> None:
    assert parts("my neighbours cleaner is locked in, also how many cases are there") == [
        "my neighbours cleaner is locked in", "also how many cases are there",
        "my neighbours cleaner is locked in also how many cases are there"]


def test_a_colon_before_a_space_ends_a_preamble_but_a_time_is_not_split() -> None:
    assert parts("For my thesis on exploitation: who chairs the committee?")[:2] == [
        "For my thesis on exploitation", "who chairs the committee?"]
    assert parts("it is 10:30 now who chairs the committee?") == []


def test_a_short_question_after_a_sentence_about_the_askers_work(engine: Engine) -> None:
    """A short question that names no subject is its own question after a sentence that only
    says what the asker works on (and the asker's words, "labour", block no part)."""
    question = "PhD student researching labour exploitation. who chairs the committee?"
    assert engine.matcher.best(question) is None  # as a whole: "labour" is a facet it lacks
    match = best_part(engine.matcher, question, engine.matcher.features(question))
    assert match is not None and match.intent.id == "chair_who"


def test_a_formal_letter_gets_the_answer_to_its_one_question(engine: Engine) -> None:
    assert engine.matcher.best(LETTER) is None  # as a whole it explains too little
    assert engine.ask(LETTER).intent == "recommendations_all"


def test_a_part_asking_for_help_for_a_victim_comes_first(engine: Engine) -> None:
    question = ("I read your release with interest and I have a question about the figures. "
                "I think the woman next door is kept locked in and never paid, "
                "what should I do? Also where do the figures come from?")
    answer = engine.ask(question)
    assert answer.intent == "safeguarding"
    assert "08000 121 700" in to_text(answer) and "020 7983 4067" not in to_text(answer)


def test_who_is_asking_comes_from_the_whole_message(engine: Engine) -> None:
    question = ("Good afternoon. I volunteer for a community group in Lewisham, we are not "
                "journalists. Could you tell me which phone number we should ring about this?")
    answer = engine.ask(question)
    assert "020 7983 4100" in to_text(answer)
    assert "020 7983 4067" not in to_text(answer)


def test_a_facet_the_release_lacks_still_blocks_in_another_sentence(engine: Engine) -> None:
    question = ("Dear Sir/Madam, I am researching modern slavery in London. I would like the "
                "referral figures broken down by gender. Thank you for your help.")
    assert engine.ask(question).intent is None


def test_small_talk_never_answers_for_a_part(engine: Engine) -> None:
    question = "Hi there, hope you are well. I have a question about the Mayor's budget."
    match = best_part(engine.matcher, question, engine.matcher.features(question))
    assert match is None or match.intent.family != "smalltalk"
    assert engine.ask(question).intent is None


@pytest.mark.parametrize("question", [
    "How many referrals were there in 2018? I need it for tonight's bulletin.",
    "Who is Unmesh Desai? I'm writing an essay.",
])
def test_a_message_understood_as_a_whole_is_not_cut_up(engine: Engine, question: str) -> None:
    whole = engine.matcher.best(question)
    assert whole is not None
    assert engine.ask(question).intent == whole.intent.id


def test_two_questions_in_one_message_get_both_answers(engine: Engine) -> None:
    answer = engine.ask("Who is Unmesh Desai and what did he say?")
    text = to_text(answer)
    assert answer.intent == "chair_who"
    assert "You also asked: What the chair said" in text
    assert "coherent strategy" in text  # from the quote


def test_a_figure_comes_before_its_source(engine: Engine) -> None:
    answer = engine.ask("whats the 2018 figure and where's it from")
    text = to_text(answer)
    assert answer.intent == "referrals_2018"
    assert text.index("2,346") < text.index("You also asked") < text.index("Met data")
    assert "Home Office" not in text  # the source of that figure only


@pytest.mark.parametrize("question", [
    "how many referrals in 2013 and 2018?",  # one question about two years
    "what did the chair say? thanks",
    "I think my neighbour is a victim, and what should I do?",
])
def test_one_question_gets_one_answer(engine: Engine, question: str) -> None:
    assert "You also asked" not in to_text(engine.ask(question))


@pytest.mark.parametrize("question", [
    "我在伦敦一家餐馆打工，老板扣了我的护照，也不给工资，我该怎么办？",
    "Dirbu sandėlyje, darbdavys atima visą atlyginimą už 'nuomą'. Kur kreiptis pagalbos?",
])
def test_a_message_in_another_language_that_nothing_matches_gets_the_help_numbers(
        engine: Engine, question: str) -> None:
    assert engine.matcher.features(question).foreign
    answer = engine.ask(question)
    assert answer.intent == "safeguarding"
    assert "08000 121 700" in to_text(answer) and "020 7983 4067" not in to_text(answer)


@pytest.mark.parametrize("question", ["quanti casi nel 2013 a Londra?", "what is the weather",
                                      "asdfgh qwerty zxcvb"])
def test_english_or_understood_messages_are_not_treated_as_foreign_victims(
        engine: Engine, question: str) -> None:
    assert engine.ask(question).intent != "safeguarding"
