"""Tests for bot/shortlist.py: the postings index every profile's terms and years, and scoring
only a shortlist (best bound first, stopping early) finds the same best intent as scoring every
candidate, with the same scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.matching import Matcher
from bot.parts import release_knowledge
from bot.shortlist import build_postings, shortlist

SLAVERY = "2020-01-30-modern-slavery"
QUESTIONS = Path(__file__).resolve().parent / "devset" / "questions.jsonl"


@pytest.fixture(scope="module")
def matcher(engine: Engine) -> Matcher:
    return Matcher(release_knowledge(engine.knowledge, SLAVERY))


def questions() -> list[str]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [str(json.loads(line)["q"]) for line in lines]


def test_the_postings_point_from_each_term_and_year_to_the_intents_that_have_it(
        matcher: Matcher) -> None:
    postings = build_postings(matcher.profiles)
    for term, entries in postings.by_term.items():
        assert entries and all(term in matcher.profiles[n].weights for n, _, _ in entries)
    for year, numbers in postings.by_year.items():
        assert numbers and all(year in matcher.profiles[n].years for n in numbers)
    assert sum(len(e) for e in postings.by_term.values()) == sum(
        len(p.weights) for p in matcher.profiles)
    assert postings.by_year  # the release's intents are about years


def test_a_shortlist_finds_the_same_best_intent_as_scoring_them_all(matcher: Matcher) -> None:
    everyone = set(range(len(matcher.profiles)))
    skipped = 0
    for question in questions():
        f = matcher.features(question)
        full = max(matcher.score(p, f) for p in matcher.profiles)
        short = shortlist(matcher, everyone, f.terms, f, frozenset())
        assert short, question
        assert all(s == matcher.score(matcher.by_id[i.id], f) for i, s in short), question
        assert max(s for _, s in short) == full, question
        skipped += len(everyone) - len(short)
    assert skipped > 0  # it does stop early: otherwise it would be no shortlist
