"""Tests for bot.answermodels: the Answer model and its parts are checked as they are made
(confidence, kind and style closed), and a citation names its source, release and date."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bot.answermodels import Answer, Citation, Span


def test_answer_confidence_must_be_between_0_and_1() -> None:
    for bad in (-0.1, 1.01):
        with pytest.raises(ValidationError):
            Answer(question="q", kind="answer", intent="x", confidence=bad, paragraphs=[])
    for good in (0.0, 1.0):
        Answer(question="q", kind="answer", intent="x", confidence=good, paragraphs=[])


def test_answer_kind_is_a_closed_set() -> None:
    with pytest.raises(ValidationError):
        Answer(question="q", kind="guess", intent=None, confidence=0, paragraphs=[])


def test_span_style_is_a_closed_set() -> None:
    with pytest.raises(ValidationError):
        Span(text="x", style="blink")


def test_citation_sentence_names_source_release_and_date() -> None:
    c = Citation(source="Met data", release_title="More must be done to tackle Modern Slavery",
                 release_date=dt.date(2020, 1, 30), publisher="London Assembly")
    assert c.sentence() == ("Met data, cited in the London Assembly release “More must be done to "
                            "tackle Modern Slavery” of 30 January 2020")
    bare = c.model_copy(update={"source": ""}).sentence()
    assert "cited in" not in bare
    assert "London Assembly release “More must be done to tackle Modern Slavery”" in bare
    assert bare.endswith("of 30 January 2020")


def test_single_digit_days_have_no_leading_zero() -> None:
    c = Citation(release_title="T", release_date=dt.date(2020, 2, 3), publisher="P")
    assert c.sentence().endswith("of 3 February 2020")


def test_an_undated_untitled_release_is_cited_as_such() -> None:
    assert Citation(publisher="London Assembly").sentence() == (
        "an undated London Assembly release (untitled)")
    dated = Citation(publisher="London Assembly", release_title="T",
                     release_date=dt.date(2024, 3, 4), source="S")
    assert dated.sentence() == "S, cited in the London Assembly release “T” of 4 March 2024"
