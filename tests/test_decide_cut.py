"""Tests for ``Matcher.decide`` not ``full``: the ranking cut to what decides the intent
(``bot.shortlist.decisive``) is kept and asked again for free, a ranking made in full already
is reused rather than cut, and with a conversation's last intent as context the cut decision is
the full one (the same intent, score and reading through the context); that the bounds the cut
is made by, with the penalties a set look-up finds, stay at or above every score; and for the
keyword weights every profile keeps per term (``Profile.keyword_of``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.matching import Matcher
from bot.parts import release_knowledge
from bot.shortlist import SLACK, _bounds, terms_hit, top
from tests.readlog import intents_scored

SLAVERY = "2020-01-30-modern-slavery"
CHATS = Path(__file__).resolve().parent / "readable" / "chats.jsonl"
QUESTIONS = Path(__file__).resolve().parent / "devset" / "questions.jsonl"


def fresh(engine: Engine) -> Matcher:
    """A matcher with nothing ranked yet (each keeps its own rankings)."""
    return Matcher(release_knowledge(engine.knowledge, SLAVERY))


def test_a_cut_ranking_is_kept_and_a_full_one_reused(engine: Engine,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    matcher = fresh(engine)
    scored = intents_scored(monkeypatch)
    f = matcher.features("how many referrals were there in london in 2018")
    first = matcher.decide(f, full=False)
    assert first is not None and scored
    scored.clear()
    again = matcher.decide(f, full=False)
    assert again == first and not scored  # the cut ranking, kept
    g = matcher.features("who chairs the police and crime committee")
    full = matcher.decide(g)
    scored.clear()
    cut = matcher.decide(g, full=False)
    assert not scored and cut == full  # the full ranking, reused as it is


def test_with_a_context_the_cut_decision_is_the_full_one(engine: Engine) -> None:
    matcher, other = fresh(engine), fresh(engine)
    rows = [json.loads(line) for line in CHATS.read_text(encoding="utf-8").splitlines()]
    cut_short = compared = 0
    for row in rows:
        before = other.best(row["context"][-1]) if row.get("context") else None
        if before is None:
            continue
        f = matcher.features(row["q"])
        cut, full = matcher.decide(f, before.intent, full=False), other.decide(f, before.intent)
        assert (cut is None) == (full is None), row["q"]
        if cut is None or full is None:
            continue
        compared += 1
        assert (cut.intent.id, cut.score, cut.carried, cut.through) == (
            full.intent.id, full.score, full.carried, full.through), row["q"]
        cut_short += len(cut.alternatives) < len(full.alternatives)
    assert compared >= 30 and cut_short > 0  # runners-up that cannot matter left unscored


def test_each_profile_keeps_its_keyword_weight_per_term(engine: Engine) -> None:
    for p in fresh(engine).profiles:
        assert p.keyword_of == {t: p.intent.keywords.get(t, 0.0) for t in p.weights}


def test_a_bound_is_never_below_its_score_and_a_missing_required_word_lowers_it(
        engine: Engine) -> None:
    matcher = fresh(engine)
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    for question in [str(json.loads(line)["q"]) for line in lines]:
        f = matcher.features(question)
        candidates, hits = terms_hit(matcher, f, f.terms)
        shared = matcher.asked(f.terms, hits)
        document = matcher.names_a_report(f)  # a priority intent is then scored whatever
        for bound, n in _bounds(matcher, candidates, f.terms, f, shared):
            p = matcher.profiles[n]
            if not (p.intent.priority and document):
                assert matcher.score_with(p, f, shared) <= bound + SLACK, (question, p.intent.id)
    # Naming none of the words the help numbers require (a person, a worry, the helpline):
    # without that penalty in its bound, its priority lifts the bound above 1.
    f = matcher.features("who should i ring about the nrm statistics")
    candidates, hits = terms_hit(matcher, f, f.terms)
    bounds = {matcher.profiles[n].intent.id: b for b, n in
              _bounds(matcher, candidates, f.terms, f, matcher.asked(f.terms, hits))}
    assert bounds["safeguarding"] < 1.0


def test_the_closest_topics_are_the_best_of_the_full_ranking(engine: Engine) -> None:
    matcher, other = fresh(engine), fresh(engine)
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    for path in sorted(CHATS.parent.glob("*.jsonl")):
        lines += path.read_text(encoding="utf-8").splitlines()
    for question in [str(json.loads(line)["q"]) for line in lines if line.strip()]:
        f = matcher.features(question)
        assert top(matcher, f, 3) == other.rank(f)[:3], question
        assert matcher.close_topics(f) == other.close_topics(f), question
