"""Tests for bot/segments.py: long messages read part by part when the whole matches nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from bot.classifier import FALLBACK, FORMAT, Classifier
from bot.engine import Engine
from bot.render import to_text
from bot.segments import best_part, clause_read, parts
from bot.thresholds import NEVER, SIGNALS, Thresholds

NOW = dt.datetime(2020, 2, 4, 11, 0, tzinfo=ZoneInfo("Europe/London"))  # office hours

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


def test_a_run_on_message_splits_where_it_turns_to_its_question() -> None:
    found = parts("been on this story all week, my editor is on my back, anyway what I need is "
                  "the London share of the NRM cases")
    assert "anyway what I need is the London share of the NRM cases" in found
    # "anyway" inside a clause is no turn.
    assert parts("what does the assembly do anyway, is it like the council?") == []


@pytest.mark.parametrize(("question", "intent"), [
    # Written for this test: an aside, then a turn to a short question of its own.
    ("honestly had no idea this was still going on in this day and age. anyway who wrote this "
     "release?", "release_publisher"),
    ("covering the courts today and it's been mad, sub is chasing me, anyhow what was the "
     "2013 figure for London", "referrals_2013"),
])
def test_a_question_after_a_turn_is_read_on_its_own(engine: Engine, question: str,
                                                    intent: str) -> None:
    match = best_part(engine.matcher, question, engine.matcher.features(question))
    assert match is not None and match.intent.id == intent


def test_a_short_question_with_no_turn_is_read_with_the_sentence_before(engine: Engine) -> None:
    question = ("honestly had no idea this was still going on in this day and age. who wrote "
                "this release?")
    match = best_part(engine.matcher, question, engine.matcher.features(question))
    assert match is None or match.intent.id != "release_publisher"


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
    """The letter's names (its association, its signature) are someone named, not words the
    bot failed to read (bot.textfacts.unknown_names), so the matcher reads it whole; its one
    question is still the answer either way."""
    whole = engine.matcher.best(LETTER)
    assert whole is None or whole.intent.id == "recommendations_all"
    match = best_part(engine.matcher, LETTER, engine.matcher.features(LETTER))
    assert match is not None and match.intent.id == "recommendations_all"
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
    question = "Who is Unmesh Desai and what did he say?"
    assert both_answers(engine, question) == {"chair_who", "chair_quote"}
    assert "coherent strategy" in to_text(engine.ask(question, now=NOW))  # from the quote


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


def both_answers(engine: Engine, question: str) -> set[str | None]:
    """The intents a two-part answer answers with: its own, and the one it also answers."""
    answer = engine.ask(question, now=NOW)
    also = re.search(r"You also asked: (.+)", to_text(answer))
    labels = {i.label: i.id for i in engine.knowledge.intents}
    return {answer.intent, labels.get(also.group(1)) if also else None}


# Two questions in one message, in people's own words (none copied from tests/devset).
@pytest.mark.parametrize("question,intents", [
    ("who's the chair and what did he actually say about it?", {"chair_who", "chair_quote"}),
    ("I'm doing a school project - who is the chair and what did he say?",
     {"chair_who", "chair_quote"}),
    ("when was this published and who published it?", {"release_date", "release_publisher"}),
    ("whats the number for the press office and when was the release put out",
     {"contact_media", "release_date"}),
    ("how many referrals were there in 2018 and where does that number come from?",
     {"referrals_2018", "figure_sources"}),
    ("who wrote the letter and what does it recommend", {"letter", "recommendations_all"}),
    ("what's the committee called and who chairs it?", {"release_committee", "chair_who"}),
])
def test_two_questions_in_people_s_own_words_get_both_answers(
        engine: Engine, question: str, intents: set[str]) -> None:
    assert both_answers(engine, question) == intents


def sure_of(engine: Engine, label: str) -> Classifier:
    """A classifier that knows the shipped model's classes and is sure of ``label``, whatever
    the question."""
    assert engine.opinion is not None
    labels = sorted(engine.opinion.known | {FALLBACK})
    return Classifier.from_dict({"format": FORMAT, "labels": labels, "features": [],
                                 "intercepts": [12.0 if k == label else 0.0 for k in labels]})


# The stacker's likelihood of an option is the classifier's probability of it.
TRUSTS_THE_CLASSIFIER = Thresholds(answer=0.5, offer=0.3, weights=tuple(
    1.0 if s == "logit_option" else 0.0 for s in SIGNALS) + (0.0,))
NEVER_ANSWERS = Thresholds(weights=(0.0,) * (len(SIGNALS) + 1))


@pytest.fixture
def fresh(make_engine: Callable[..., Engine]) -> Engine:
    return make_engine()


@pytest.mark.parametrize("part", ["chair_who", "chair_quote"])
def test_a_two_part_answer_stands_when_the_classifier_names_either_part(
        fresh: Engine, part: str) -> None:
    """The classifier reads one class per message: naming one part agrees with the answer, and
    the part it names leads."""
    fresh.use_model(sure_of(fresh, part), NEVER_ANSWERS)
    # The rule is in force (it never answers) for a one-part question ...
    assert fresh.ask("who is the chair of the committee?", now=NOW).kind == "fallback"
    # ... but a two-part answer whose part the classifier names is the matcher's.
    question = "who's the chair and what did he actually say about it?"
    assert both_answers(fresh, question) == {"chair_who", "chair_quote"}
    assert fresh.ask(question, now=NOW).intent == part


def test_a_figure_still_comes_before_its_source_whichever_part_is_named(fresh: Engine) -> None:
    fresh.use_model(sure_of(fresh, "figure_sources"), NEVER_ANSWERS)
    answer = fresh.ask("whats the 2018 figure and where's it from", now=NOW)
    assert answer.intent == "referrals_2018" and "You also asked" in to_text(answer)


def test_a_classifier_that_names_neither_part_is_weighed_by_the_rule(fresh: Engine) -> None:
    fresh.use_model(sure_of(fresh, "accessible_formats"), TRUSTS_THE_CLASSIFIER)
    answer = fresh.ask("who's the chair and what did he actually say about it?", now=NOW)
    assert answer.intent == "accessible_formats"


def test_a_one_part_answer_of_a_long_message_still_goes_through_the_rule(fresh: Engine) -> None:
    question = "Good afternoon. I run a small blog. When was the release published?"
    assert "You also asked" not in to_text(fresh.ask(question, now=NOW))
    fresh.use_model(sure_of(fresh, "accessible_formats"), TRUSTS_THE_CLASSIFIER)
    assert fresh.ask(question, now=NOW).intent == "accessible_formats"


def test_the_safeguarding_answer_still_comes_first_for_a_two_part_message(fresh: Engine) -> None:
    fresh.use_model(sure_of(fresh, "safeguarding"), Thresholds(safe=0.5, answer=NEVER))
    answer = fresh.ask("who's the chair and what did he actually say about it?", now=NOW)
    assert answer.intent == "safeguarding" and "You also asked" not in to_text(answer)


def test_a_clause_is_read_without_the_words_that_only_say_who_asks(engine: Engine) -> None:
    """"journalist here: who chairs the committee" asks what "who chairs the committee" asks,
    as surely; who asks is still the whole message's."""
    matcher = engine.matcher
    whole = matcher.features("journalist here: who chairs the committee and did he say more?")
    read = clause_read(matcher, "journalist here: who chairs the committee", whole)
    plain = matcher.features("who chairs the committee")
    assert read.terms == plain.terms and read.audience == "media"
    match, alone = matcher.decide(read), matcher.decide(plain)
    assert match is not None and alone is not None
    assert match.intent.id == alone.intent.id and match.confidence == alone.confidence


@pytest.mark.parametrize("whole, clause, line", [
    ("I volunteer at a food bank. How many were referred in 2018, and who could I ring?",
     "who could I ring?", "contact_public"),
    ("Court reporter. Did they want more detectives, and who can I phone about it?",
     "who can I phone about it?", "contact_media"),
])
def test_a_clause_asking_for_a_line_is_asked_by_whoever_the_message_says(
        engine: Engine, whole: str, clause: str, line: str) -> None:
    """A clause that asks for someone to contact, in a message whose other words say who asks,
    asks for that asker's line, as one sentence saying both would: not every line."""
    matcher = engine.matcher
    match = matcher.decide(clause_read(matcher, clause, matcher.features(whole)))
    assert match is not None and match.intent.id == line
