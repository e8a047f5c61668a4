"""Tests for bot.features: the word forms and token tests the reader shares (a plural's stem,
a year counted from another, a question about what happened after the release)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.features import after_release, stem, year_offset
from bot.reading import Reader


@pytest.fixture(scope="module")
def reader(engine: Engine) -> Reader:
    return engine.matcher.reader


@pytest.mark.parametrize(("question", "after"), [
    ("has anything changed since?", True),
    ("has it gone up again since then?", True),
    ("is the mayor going to implement them?", True),
    ("what has changed since the pandemic?", False),  # a point in the past, not after
    ("I'm going to write about what changed between 2013 and 2018", False),
])
def test_what_reads_as_after_the_release(reader: Reader, question: str, after: bool) -> None:
    assert ("afterdata" in reader.features(question).terms) is after


@pytest.mark.parametrize(("word", "stemmed"), [
    ("recommends", "recommend"), ("drivers", "driver"), ("libraries", "library"),
    ("business", "business"), ("bus", "bus"), ("analysis", "analysis"), ("ties", "tie"),
    ("gas", "gas"),
])
def test_one_word_for_a_plural_or_third_person(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


@pytest.mark.parametrize(("text", "offset"), [
    ("and 5 years later", 5),
    ("what about a year earlier", -1),
    ("one year on", 1),
    ("10 years before that", -10),
    ("the 2013 years later", 0),  # no count of years
    ("how many years", 0),
    ("3 years ago", 0),  # counted from now, not from the year discussed
    ("and the year before", -1),
    ("what about the year after that", 1),
    ("the year before last", 0),  # two years back, not counted here
])
def test_a_span_counted_from_the_year_discussed(text: str, offset: int) -> None:
    assert year_offset(text.split()) == offset


@pytest.mark.parametrize(("text", "after"), [
    ("has the law changed yet", True),
    ("what happened in the end", True),
    ("has anything been done so far", True),
    ("have they acted since then", True),
    ("what changed between 2013 and 2018", False),
    ("has it changed since 2013", False),
    ("what should be done", False),
    # Whether what was asked for was done: after the release, which only asks.
    ("did the mayor do what they asked", True),
    ("and did he actually do any of it", True),
    ("has the home secretary done what the committee recommended", True),
    ("did they ask the mayor to do anything about visas", False),  # what the release asks
    ("what did they ask the mayor to do", False),
    ("did the met do the research", False),
])
def test_after_the_release_from_its_tokens(text: str, after: bool) -> None:
    assert after_release(text.split()) is after
