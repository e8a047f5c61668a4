"""Tests for bot/shortlist.py: the postings index every profile's terms and years, and scoring
only a shortlist (best bound first, stopping early) finds the same best intent as scoring every
candidate, with the same scores; deciding from the decisive candidates alone (the engine's
"which release?" tries) gives the same best intent, score and close runner-up as ranking them
all, and scores none for a question none can reach the threshold of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.matching import Matcher
from bot.parts import release_knowledge
from bot.profiles import Asked
from bot.shortlist import build_postings, decisive, shortlist, terms_hit
from tests.readlog import intents_scored

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


def test_the_terms_hit_from_the_postings_are_each_candidates_own_in_the_order_of_the_terms(
        matcher: Matcher) -> None:
    """A ranking reads the terms each candidate has from the postings once; they are what
    looking each term up in the candidate's weights gives, in the same order (the order the
    scores' sums add them in), and the candidates are those sharing a term or a year; a score
    read with them is the score read without."""
    for question in questions():
        f = matcher.features(question)
        terms = f.terms | frozenset({"@year"} if f.years else ())
        candidates, hits = terms_hit(matcher, f, terms)
        assert candidates == {n for n, p in enumerate(matcher.profiles)
                              if not terms.isdisjoint(p.weights) or set(f.years) & p.years}
        for n in candidates:
            p = matcher.profiles[n]
            scanned = [t for t in terms if t in p.weights]
            assert p.number == n and hits.get(n, []) == scanned, question
            assert Asked(terms, hits).hit(p) == Asked(terms).hit(p) == scanned
            assert (matcher.score_with(p, f, Asked(terms, hits))
                    == matcher.score_with(p, f, Asked(terms))), question


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


def test_deciding_from_the_decisive_candidates_gives_the_same_decision(matcher: Matcher) -> None:
    cut_short = 0
    for question in questions():
        f = matcher.features(question)
        # (Cut first: once ranked in full, a question's ranking is kept and reused.)
        cut, full = matcher.decide(f, full=False), matcher.decide(f)
        assert (full is None) == (cut is None), question
        if full is None or cut is None:
            continue
        assert (cut.intent.id, cut.score) == (full.intent.id, full.score), question
        close = [(i.id, s) for i, s in full.alternatives[:1]
                 if s >= matcher.threshold and full.score - s < matcher.ambiguity_margin]
        assert [(i.id, s) for i, s in cut.alternatives[:1]][:len(close)] == close, question
        cut_short += len(cut.alternatives) < len(full.alternatives)
    assert cut_short > 0  # runners-up that cannot change the decision are left unscored


def test_a_question_no_intent_can_reach_the_threshold_of_is_scored_against_none(
        matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> None:
    scored = intents_scored(monkeypatch)
    # Several intents share its words, but no bound reaches the threshold.
    f = matcher.features("figures on bananas in 2019")
    assert decisive(matcher, f) == [] and matcher.decide(f, full=False) is None
    assert not scored
    assert len(matcher.rank(f)) >= 5 and matcher.decide(f) is None and scored
    # Naming "the report" (a document), a priority intent is scored whatever its bound: its
    # score leaves "report" out of the question, which the bound does not allow for.
    scored.clear()
    f = matcher.features("tell me about the report")
    assert matcher.names_a_report(f) and decisive(matcher, f) is not None
    assert [matcher.by_id[i].intent.priority > 0 for i in scored] == [True]
