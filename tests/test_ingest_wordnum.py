"""Tests for bot/ingest/wordnum.py: numbers, proportions and fractions written in words read as
values, and numbers in words that are prose (small, or a length of time) left alone."""

from __future__ import annotations

import re

import pytest

from bot.ingest import wordnum


@pytest.mark.parametrize(("text", "value"), [
    ("forty-two", 42), ("twelve", 12), ("two thousand", 2000),
    ("three hundred and fifty", 350), ("two thousand three hundred and five", 2305),
    ("a million", 1_000_000), ("one billion", 1_000_000_000),
])
def test_numbers_in_words_are_read(text: str, value: float) -> None:
    assert wordnum.words_value(text) == value


@pytest.mark.parametrize("text", ["", "some", "forty-odd", "twelve apples"])
def test_what_is_not_a_number_in_words_has_no_value(text: str) -> None:
    assert wordnum.words_value(text) is None


@pytest.mark.parametrize(("text", "percent"), [
    ("one in five", 20.0), ("Three out of ten", 30.0), ("one in every three", 33.33),
    ("2 in 5", 40.0),
])
def test_proportions_are_percentages(text: str, percent: float) -> None:
    assert wordnum.proportion(text) == percent


@pytest.mark.parametrize("text", ["one in 2023", "five in two", "one in one", "one of five"])
def test_what_is_no_proportion_is_refused(text: str) -> None:
    assert wordnum.proportion(text) is None


@pytest.mark.parametrize(("text", "percent"), [
    ("half", 50.0), ("a third", 33.33), ("two thirds", 66.67), ("three-quarters", 75.0),
])
def test_fractions_are_percentages(text: str, percent: float) -> None:
    assert wordnum.fraction(text) == percent


def value_in(sentence: str) -> float | None:
    m = re.search(wordnum.NUMBER_WORDS, sentence)
    assert m is not None, sentence
    return wordnum.number_words(sentence, m)


@pytest.mark.parametrize(("sentence", "value"), [
    ("Some twelve thousand carers asked for help.", 12000),
    ("Fifteen libraries closed.", 15),
    ("It took three million hours of care.", 3_000_000),  # scaled: a figure, not a duration
    ("Two committees met.", None),  # under ten: prose
    ("It took twelve months.", None),  # a length of time
])
def test_a_number_in_words_is_a_figure_only_from_ten_or_scaled(sentence: str,
                                                               value: float | None) -> None:
    assert value_in(sentence) == value


def test_a_number_word_inside_a_longer_word_is_not_matched() -> None:
    assert re.search(wordnum.NUMBER_WORDS, "the twenty-first century") is None
    assert re.search(wordnum.NUMBER_WORDS, "a one-off payment") is None
