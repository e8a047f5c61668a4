"""Tests for bot.numbers: percentages, counts, measures and years told apart; digits typed for
words and letters read; and what the whole engine makes of such questions."""

from __future__ import annotations

import pytest

from bot import numbers
from bot.engine import Engine
from bot.render import to_text


@pytest.mark.parametrize(("text", "at", "kind"), [
    ("a 2000 percent jump", 1, "percent"),
    ("up 1990 per cent", 1, "percent"),
    ("my 2000 word dissertation", 1, "measure"),
    ("a 1500 page report", 1, "measure"),
    ("2000 people a year", 0, "count"),
    ("the met has 1995 officers", 3, "count"),
    ("figures since 2000", 2, "year"),
    ("between 2013 and 2018", 1, "year"),
    ("between 2013 and 2018", 3, "year"),
    ("5143 referred", 0, "count"),
    ("about 40 of them", 1, "number"),
])
def test_kind_of_number(text: str, at: int, kind: str) -> None:
    assert numbers.kind(text.split(), at) == kind


def test_a_thousands_separator_makes_a_count() -> None:
    assert numbers.grouped_values("were there 2,000 or 1.995 in 2018?") == {2000, 1995}
    assert numbers.kind(["2000"], 0, grouped=True) == "count"


@pytest.mark.parametrize(("typed", "read"), [
    ("Vous confirmez une hausse de 1 155 % ?", "Vous confirmez une hausse de 1,155 % ?"),
    ("nukreipti 5 143 žmonės", "nukreipti 5,143 žmonės"),
    ("1\u202f155\u00a0%", "1,155\u00a0%"),  # French typography's narrow no-break space
    ("10 000 people", "10,000 people"),
    # A phone number's digit groups, a year before a number and lone numbers stay as typed.
    ("is 08000 121 700 the helpline?", "is 08000 121 700 the helpline?"),
    ("whose number is 020 7983 4100", "whose number is 020 7983 4100"),
    ("in 2018 2 346 referrals", "in 2018 2 346 referrals"),
    ("year 10 and 3 things", "year 10 and 3 things"),
    # A scale word after digits, as "five thousand" is read; not a sum of money, nor "5k".
    ("were there 5 thousand people referred?", "were there 5,000 people referred?"),
    ("about 2.3 thousand referrals", "about 2,300 referrals"),
    ("£5 million budget", "£5 million budget"),
    ("a sponsored 10k", "a sponsored 10k"),
])
def test_spaced_thousands_or_a_scale_word_make_one_number(typed: str, read: str) -> None:
    assert numbers.whole_numbers(typed) == read


@pytest.mark.parametrize(("question", "intent", "start"), [
    # Read as "2 346" = 346 the answer said the release did not give the number asked.
    ("were there 2 346 referrals in 2018?", "referrals_2018", "In 2018, 2,346"),
    ("2 346 referrals in 2017?", "referrals_2018", "No: 2,346"),
    ("Vous confirmez une hausse de 1 155 % ? C'est énorme.", "referrals_rise", "Referrals"),
    # Read as "5 1000" the answer said the release did not give the number asked.
    ("were there 5 thousand people referred to the NRM in 2017?", "nrm_total",
     "No: the figure for 2017 is 5,143"),
])
def test_a_figure_written_with_spaced_thousands_or_a_scale_is_that_figure(
        engine: Engine, question: str, intent: str, start: str) -> None:
    answer = engine.ask(question)
    assert answer.intent == intent
    assert to_text(answer).startswith(start)


@pytest.mark.parametrize(("typed", "read"), [
    ("who 2 ring 4 press", "who to ring for press"),
    ("the 2 figures", "the 2 figures"),  # a number after all
    ("up 4 times", "up 4 times"),
    ("figures 4 2018", "figures for 2018"),
    ("gr8 thanks", "great thanks"),
    ("how many v1ctims", "how many victims"),
    ("s1avery stats", "slavery stats"),
    ("the 1st and 10am", "the 1st and 10am"),  # ordinals and times are no shorthand
    ("referrals in 2o18 vs 2o13", "referrals in 2018 vs 2013"),  # o typed for a zero
    ("was it 4 out of 5", "was it 4 out of 5"),  # a count, not "for"
    ("cases 2o", "cases 2o"),  # no digit after the o: no number typed with o for 0
    ("l87 in 2Ol3".lower(), "187 in 2013"),  # l and o typed for 1 and 0, two at once
    ("i87 in 2o2o", "187 in 2020"),
    ("10l of oil", "10l of oil"),  # digits then a unit's letters: a measure
    ("lol2 o2", "lol2 o2"),  # one digit: no number typed with letters
])
def test_texting(typed: str, read: str) -> None:
    known = {"victims", "slavery", "stats"}.__contains__
    assert " ".join(numbers.texting(typed.split(), known)) == read


# --------------------------------------------------------------------------- in the engine


def test_a_percentage_is_not_a_year(engine: Engine) -> None:
    f = engine.matcher.features("my mate says referrals shot up by 2000 per cent, true?")
    assert f.years == () and f.numbers == (2000.0,)
    text = to_text(engine.ask("my mate says referrals shot up by 2000 per cent, true?"))
    assert "no figures for 2000" not in text and "1,155%" in text


def test_an_essay_length_is_not_a_year_nor_a_figure(engine: Engine) -> None:
    question = "doing a 2000 word essay, how many referrals did the met record in 2018"
    f = engine.matcher.features(question)
    assert f.years == (2018,) and f.numbers == ()
    answer = engine.ask(question)
    assert answer.kind == "answer" and "2,346" in to_text(answer)
    assert "does not give the number" not in to_text(answer)


def test_a_grouped_number_in_the_year_range_is_a_count(engine: Engine) -> None:
    f = engine.matcher.features("were there 2,000 referrals in london in 2018?")
    assert f.years == (2018,) and f.numbers == (2000.0,)


def test_numbers_in_words(engine: Engine) -> None:
    f = engine.matcher.features("did the met log two thousand three hundred and forty six cases")
    assert f.numbers == (2346.0,)
    assert engine.matcher.features("are there eleven times more now").numbers == (11.0,)
    # 5,000 is the release's 5,143 in round numbers, so it names that figure too.
    assert engine.matcher.features("about five thousand people referred").numbers == (
        5000.0, 5143.0)


def test_texting_with_digits_for_letters(engine: Engine) -> None:
    answer = engine.ask("hw many r3ferrals n london 4 2013")
    assert answer.kind == "answer" and "187" in to_text(answer)


@pytest.mark.parametrize(("typed", "intent", "figure"), [
    ("h0w m4ny r3f3rr4ls 1n 2018", "referrals_2018", "2,346"),
    ("talk 2 me about referrals 4 2013", "referrals_2013", "187"),
])
def test_heavy_shorthand_is_answered(engine: Engine, typed: str, intent: str,
                                     figure: str) -> None:
    answer = engine.ask(typed)
    assert answer.intent == intent and figure in to_text(answer)


@pytest.mark.parametrize(("texted", "plain"), [
    ("cud u giv me da numba 4 da press ppl", "could you give me the number for the press people"),
    ("hw mny referals n 2o18 m8", "how many referrals in 2018 mate"),
    ("shud i cal da press office 2mrw", "should i call the press office tomorrow"),
    ("wot wuz da nrm figure in 2o17 thnx", "what was the nrm figure in 2017 thanks"),
    ("wen woz dis pub'd", "when was this published"),  # texting spellings of verbs
    ("wot woz sed by da chair", "what was said by the chair"),
    ("how many referrals were there in 2Ol8", "how many referrals were there in 2018"),
])
def test_heavy_texting_is_read_as_its_plain_form(engine: Engine, texted: str,
                                                 plain: str) -> None:
    texted_f, plain_f = engine.matcher.features(texted), engine.matcher.features(plain)
    assert (texted_f.years, texted_f.numbers) == (plain_f.years, plain_f.numbers)
    answer, expected = engine.ask(texted), engine.ask(plain)
    assert answer.kind == expected.kind == "answer"
    assert answer.intent == expected.intent and to_text(answer) == to_text(expected)


@pytest.mark.parametrize("question", [
    "is it true 4 out of 5 victims were women",
    "were there 2 referrals in 2013",
    "ring 020 7983 4100 about 4 referrals",
    "hw mny referals 2 4 the 4 boroughs",
])
def test_a_lone_digit_in_a_figure_question_stays_a_digit(engine: Engine, question: str) -> None:
    """Digits are read as letters only inside a word ("gr8", "2o18"); a lone 2 or 4 that may
    be a count, or part of a phone number, is read as typed."""
    typed = [t for t in question.split() if t.isdigit()]
    assert [t for t in engine.matcher.reader.tokens(question) if t.isdigit()] == typed


def test_heavy_shorthand_about_a_named_figure_offers_its_source_first(engine: Engine) -> None:
    """The matcher reads "s0urc3" as "source"; the classifier, which reads the raw words, sees
    only the 2018 figure. The two opinions disagree on a question that names a figure by its
    value, so the source is offered first in a "did you mean" (bot.weighing.grounded_check)
    rather than answered outright; it is read, not dropped."""
    answer = engine.ask("wots d s0urc3 4 d 2346 fig")
    assert answer.kind in ("answer", "clarify"), to_text(answer)
    first = answer.intent if answer.kind == "answer" else answer.suggestions[0].intent
    assert first == "figure_sources", to_text(answer)


def test_a_count_before_a_noun_stays_a_number(engine: Engine) -> None:
    assert "4" in engine.matcher.reader.tokens("there are 4 recommendations right?")


def test_digit_like_symbols_are_no_numbers(engine: Engine) -> None:
    """"❶" passes str.isdigit() but is no decimal number: it must not crash the reader."""
    f = engine.matcher.features("❶ referrals in ٢٠١٨")
    assert f.years == (2018,) and f.numbers == ()
    assert engine.ask("❶").kind in ("fallback", "answer", "clarify")


# A four-digit number is a year on its own or after "in", "since", "from"; after a word that
# approximates a quantity, or before a noun when the question's year is given elsewhere, it
# counts something ("about 2000 cases ... in 2018").
@pytest.mark.parametrize(("text", "at", "kind"), [
    ("about 2000 cases were found in 2018", 1, "count"),
    ("roughly 1950 victims a year", 1, "count"),
    ("nearly 2000 referrals since 2013", 1, "count"),
    ("were there more than 1900 cases", 4, "count"),
    ("almost 2050 slaves freed", 1, "count"),
    ("were there 2000 cases in 2018", 2, "count"),
    ("were there 2000 cases in 2018", 5, "year"),
    ("the 2013 referrals compared to 2018", 1, "year"),
    ("2013 referrals against 2018 referrals", 0, "year"),
    ("2018 referrals in london", 0, "year"),
    ("what happened in 2000", 3, "year"),
    ("the rise from 2013", 3, "year"),
    ("2018", 0, "year"),
    ("and 2013", 1, "year"),
    ("around 2015 there were fewer", 1, "year"),
    ("is it about 2018", 3, "year"),
    ("was it out in 2020 or 2019 need it for my notes", 6, "year"),
])
def test_a_four_digit_number_is_a_year_only_where_a_year_is_said(text: str, at: int,
                                                                 kind: str) -> None:
    assert numbers.kind(text.split(), at) == kind


def test_an_approximate_count_beside_a_year_is_no_year(engine: Engine) -> None:
    f = engine.matcher.features("I read about 2000 cases of modern slavery in 2018, is that right?")
    assert f.years == (2018,)
    assert 2000.0 in f.numbers


def test_a_count_before_its_noun_with_the_year_given_after(engine: Engine) -> None:
    f = engine.matcher.features("were there 2000 referrals in london in 2018?")
    assert f.years == (2018,)
    assert "for 2000" not in to_text(engine.ask("were there 2000 referrals in london in 2018?"))


def test_a_word_of_letters_has_no_digit() -> None:
    """``texting`` skips the digit test for a word of letters: no character is both."""
    import sys

    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if c.isalpha() and c.isdigit()]


@pytest.mark.parametrize(("text", "groups"), [
    ("whose number is 020 7983 4100", {"020", "7983", "4100"}),
    ("is +44 20 7983 4100 right", {"44", "20", "7983", "4100"}),
    ("ring 08000 121 700", {"08000", "121", "700"}),
    ("call 07700-900123 after 6", {"07700", "900123"}),
    ("from 187 in 2013 to 2,346 in 2018", set()),
    ("0 2013 2018 2346", set()),
])
def test_a_typed_phone_numbers_groups_are_found(text: str, groups: set[str]) -> None:
    assert numbers.phone_groups(text) == groups


@pytest.mark.parametrize(("said", "typed"), [
    ("how many victims were referred in twenty thirteen?",
     "how many victims were referred in 2013?"),
    ("Two thousand and eighteen: what was the total", "2018: what was the total"),
    ("figures for twenty-eighteen please", "figures for 2018 please"),
])
def test_the_classifier_ranks_a_year_said_in_words_as_typed_in_digits(
        engine: Engine, said: str, typed: str) -> None:
    """The model learnt years from the many questions that type them (bot.numbers.spoken_years);
    other numbers in words are left as the words it learnt them as."""
    assert engine.opinion is not None
    assert engine.opinion.rank(said) == engine.opinion.rank(typed)
    assert numbers.spoken_years("one of my three pupils, five thousand in all") == (
        "one of my three pupils, five thousand in all")


@pytest.mark.parametrize(("typed", "read"), [
    ("২০১৩ থেকে ২০১৮", "2013 থেকে 2018"),  # Bengali digits
    ("سنة ٢٠١٨", "سنة 2018"),  # Arabic-Indic digits
    ("۱۸۷ نفر", "187 نفر"),  # Persian (extended Arabic-Indic) digits
    ("वर्ष २०१३", "वर्ष 2013"),  # Devanagari digits
    ("٢٬٣٤٦ أو ١٢٫٥", "2,346 أو 12.5"),  # the Arabic script's own separators
    ("referrals in 2018", "referrals in 2018"),
])
def test_every_scripts_digits_read_as_ascii(typed: str, read: str) -> None:
    assert numbers.ascii_digits(typed) == read


@pytest.mark.parametrize(("question", "year"), [
    ("how many referrals were there in ২০১৮?", 2018),
    ("referrals in London, ٢٠١٣ please", 2013),
    ("what was the number for ۲۰۱۸?", 2018),
])
def test_a_year_in_another_scripts_digits_is_that_year(engine: Engine, question: str,
                                                        year: int) -> None:
    f = engine.matcher.features(question)
    assert f.years == (year,)
    ascii_question = numbers.ascii_digits(question)
    assert engine.ask(question).intent == engine.ask(ascii_question).intent
    assert str(year) in to_text(engine.ask(question))


def test_a_figure_in_arabic_digits_reads_with_its_separator(engine: Engine) -> None:
    f = engine.matcher.features("did referrals go from ١٨٧ to ٢٬٣٤٦?")
    assert 187 in f.numbers and 2346 in f.numbers


@pytest.mark.parametrize(("said", "read"), [
    ("twenty twenty", "2020"),
    ("twenty twenty one", "2021"),
    ("twenty twenty-two", "2022"),
    ("nineteen ninety nine", "1999"),
    ("nineteen eighty-four", "1984"),
    ("twenty oh nine", "2009"),
    ("twenty-o-five", "2005"),
    ("twenty-one people", "21 people"),
    ("twenty five", "25"),
    ("a forty-two-year-old", "a forty-two-year-old"),
])
def test_years_are_read_the_way_people_say_them(said: str, read: str) -> None:
    """A year said in two pairs or with a nought is its digits, never a sum (40 for "twenty
    twenty"); number words joined by hyphens read as said apart; counts stay counts."""
    assert numbers.words_to_numbers(said) == read


def test_a_year_said_in_words_the_release_has_no_figure_for_is_given_none(
        engine: Engine) -> None:
    """"twenty twenty" is 2020, which the release has no figure for: said so, and no figure
    is given for it."""
    answer = to_text(engine.ask("how many slavery referrals did london have in twenty twenty"))
    assert "no figures for 2020" in answer
    assert "2,346" not in answer


@pytest.mark.parametrize(("text", "heard"), [
    ("my 2000 word essay on it", "my  essay on it"),
    ("a 2,500-word piece", "a  piece"),
    ("a 24 hour line", "a 24 hour line"),  # a time may say when an answer is needed
    ("referrals in 2018", "referrals in 2018"),
])
def test_the_askers_own_measures_are_not_heard_by_the_classifier(text: str, heard: str) -> None:
    assert numbers.without_measures(text) == heard


@pytest.mark.parametrize("question", [
    "my 2500 word dissertation needs the london referral figures",
    "doing a 2000-word essay on london's referral numbers",
])
def test_a_question_naming_the_length_of_the_askers_work_is_answered(engine: Engine,
                                                                     question: str) -> None:
    # The length's digits once sounded like a year to the classifier, and the answer fell back.
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.intent == "referrals_overview"
