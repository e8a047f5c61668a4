"""Tests for bot/ingest/prose.py: recommendations written as running text are read with their
addressee, and sentences that only sound like one (a quote's "should", evidence heard, a call
for evidence) are not."""

from __future__ import annotations

import pytest

from bot.ingest.prose import recommendation


@pytest.mark.parametrize(("sentence", "want"), [
    ("The committee recommends that the Mayor publishes a plan by 2025 and that TfL reviews "
     "night fares.", [("the Mayor", "publishes a plan by 2025"), ("TfL", "reviews night fares")]),
    ("It also calls on TfL to publish its data every quarter.",
     [("TfL", "publish its data every quarter")]),
    ("The report’s recommendations include free travel for carers, a review of fares and "
     "longer opening hours.",
     [("", "free travel for carers"), ("", "a review of fares"), ("", "longer opening hours")]),
    ("We are urging the Government to fund the scheme for another three years.",
     [("the Government", "fund the scheme for another three years")]),
    ("In its report, the London Assembly Housing Committee calls on landlords to fix damp "
     "within a month, after hearing from tenants.", [("landlords", "fix damp within a month")]),
    ("The committee calls for a review of the fares.", [("", "a review of the fares")]),
    ("Its recommendations are that the Mayor reviews funding and that boroughs share data.",
     [("the Mayor", "reviews funding"), ("", "boroughs share data")]),  # no capital: no guess
])
def test_recommendations_in_prose_are_read(sentence: str, want: list[tuple[str, str]]) -> None:
    assert recommendation(sentence) == want


@pytest.mark.parametrize("sentence", [
    "The Mayor should publish a plan.",  # "should", but not the committee's recommendation
    "The committee heard that TfL should act sooner.",  # evidence heard
    "Witnesses urged the committee to act.",  # someone else urging
    "The committee is calling for evidence from Londoners.",  # asks the public for input
    "It urges caution.",  # no one to do anything
    "The committee recommends that:",  # a list's introduction: the list is read as a list
    "The London Assembly Police & Crime Committee wrote to the Mayor with recommendations on "
    "what he can do to tackle modern slavery in the capital.",
    "Operators recommend that passengers plan ahead.",  # not the committee
])
def test_sentences_that_only_sound_like_recommendations_are_not(sentence: str) -> None:
    assert recommendation(sentence) == []

