"""Provides the shortlist that keeps matching fast with many releases loaded.

``build_postings`` indexes a knowledge base's intent profiles once: per term, each intent's
share of its keyword weight and idf coverage, and the intents of each year. ``shortlist``
scores a question's candidates in order of an upper bound on their score, from postings summed
once per question (a few additions per candidate instead of a full score each), and stops when
no unscored candidate can reach the top four or, once there is an answer, change it (be the
best, or a runner-up close enough to ask which was meant); ``Matcher.max_scored`` at most.
The real knowledge base (32 intents) never has enough candidates to need it.

``decisive`` uses the same bounds for a question of which only the answer's intent is wanted
(the engine's "which release?" tries each release so; and the answer itself, whose runners-up
matter only when close): it scores only the candidates that could reach the threshold and be
the best or a close runner-up, so a release that cannot answer the question costs the bounds
alone.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.models import Intent
from bot.reading import Features

if TYPE_CHECKING:  # only for types: bot.matching imports this module
    from bot.matching import Matcher
    from bot.profiles import Asked, Profile

# How far below a score its bound may fall by rounding alone (``decisive``).
SLACK = 1e-9


@dataclass
class Postings:
    """Per term: (intent number, keyword share, idf coverage); per year: intent numbers."""

    by_term: dict[str, list[tuple[int, float, float]]] = field(
        default_factory=lambda: defaultdict(list))
    by_year: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def build_postings(profiles: Sequence[Profile]) -> Postings:
    """The postings of every profile, numbered as in ``profiles``."""
    postings = Postings()
    for n, p in enumerate(profiles):
        p.number = n
        for t, w in p.weights.items():
            keyword = p.keyword_of[t] = p.intent.keywords.get(t, 0.0)
            share = keyword / p.top
            coverage = p.coverage[t] = p.idf[t] * min(1.0, w)
            postings.by_term[t].append((n, share, coverage))
        for year in p.years:
            postings.by_year[year].append(n)
    return postings


def terms_hit(matcher: Matcher, f: Features, terms: frozenset[str]
              ) -> tuple[set[int], dict[int, list[str]]]:
    """The intents (by number) that share a term or a year with the question, and the terms
    each shares with it, in the order of ``terms`` (``Asked.hit``): read from the postings once
    (the index lists an intent under a term exactly when the term is in its weights)."""
    hits: dict[int, list[str]] = {}
    for t in terms:
        for n in matcher.index.get(t, ()):
            found = hits.get(n)
            if found is None:
                hits[n] = [t]
            else:
                found.append(t)
    candidates = set(hits)
    if f.years:
        candidates |= {n for y in f.years for n in matcher.postings.by_year.get(y, ())}
    return candidates, hits


def _bounds(matcher: Matcher, candidates: set[int], terms: frozenset[str], f: Features,
            shared: Asked) -> list[tuple[float, int]]:
    """Each candidate's upper bound on its score, best first.

    The bound is ``Matcher.score`` with a perfect fuzzy match, the largest bonuses and no
    penalty but the one for a year the intent does not cover (the softer one when the question
    names a figure, which may be that intent's own) and those read from its word lists and the
    question's asker alone.
    """
    q_weights = shared.weights  # the question's weight per release, as score_with keeps it
    cov_i: dict[int, float] = defaultdict(float)
    cov_q: dict[int, float] = defaultdict(float)
    for t in terms:
        for n, share, weight in matcher.postings.by_term.get(t, ()):
            cov_i[n] += share
            cov_q[n] += weight
    asked = set(f.years)
    number_bonus = 0.35 if f.numbers else 0.0
    other_year = 0.5 if f.numbers else 0.15
    # Penalties as in score that need no more than a set look-up: a required word missing
    # (unless a figure named is its own), the asker's other line, words not read; and a word
    # it excludes (less so with a figure named), but not for a priority intent, which may be
    # scored without "report" (``Matcher.score_with``): that excludes less, requires no less.
    missing = 1.0 if f.numbers else 0.4
    excluded = 0.75 if f.numbers else 0.35
    unread = 0.9 ** min(3, len(f.unknown)) if f.unknown else 1.0
    bounds = []
    for n in candidates:
        p = matcher.profiles[n]
        intent = p.intent
        if p.release not in q_weights:
            q_weights[p.release] = matcher.question_weight(p, terms)
        bound = 0.45 * min(1.0, cov_i[n]) + 0.35 * cov_q[n] / q_weights[p.release] + 0.20
        if asked and p.years:  # as in score: another year a penalty, the same year + 0.25
            bound = bound * other_year if not asked & p.years else bound + 0.25
        bound += number_bonus if p.figure_values else 0.0
        lifted = bool(intent.trigger)  # as in score: a triggered intent is lifted
        if any(terms.isdisjoint(g) for g in intent.requires):
            bound, lifted = bound * missing, False
        if not intent.priority and not terms.isdisjoint(intent.excludes):
            bound, lifted = bound * excluded, False
        if f.audience and intent.audience not in ("any", f.audience):
            bound *= 0.6
        bound *= unread
        if lifted:
            bound = max(bound, matcher.threshold + 0.15)
        bounds.append((bound + 0.05 * intent.priority, n))
    bounds.sort(reverse=True)
    return bounds


def shortlist(matcher: Matcher, candidates: set[int], terms: frozenset[str], f: Features,
              extra: frozenset[str]) -> list[tuple[Intent, float]]:
    """The scores of the candidates that could matter, best bound first (``_bounds``)."""
    shared = matcher.asked(terms)
    scored: list[tuple[Intent, float]] = []
    top4: list[float] = []  # a min-heap of the best four scores so far
    best = 0.0
    for bound, n in _bounds(matcher, candidates, terms, f, shared)[:matcher.max_scored]:
        if len(top4) == 4 and bound < top4[0]:
            break
        if best >= matcher.threshold and bound < max(matcher.threshold,
                                                     best - matcher.ambiguity_margin):
            break  # answered, and no runner-up left close enough to ask about
        s = matcher.score_with(matcher.profiles[n], f, shared)
        scored.append((matcher.profiles[n].intent, s))
        best = max(best, s)
        if len(top4) < 4:
            heapq.heappush(top4, s)
        elif s > top4[0]:
            heapq.heapreplace(top4, s)
    return scored


def decisive(matcher: Matcher, f: Features) -> list[tuple[Intent, float]] | None:
    """``Matcher.rank`` cut to what decides the best intent, for a question whose answer's
    intent is all that is wanted (``Matcher.decide`` with ``full`` false): only the candidates
    that could reach the threshold and be the best, or a runner-up close enough to ask which
    was meant, are scored; none when no candidate can reach the threshold. None: rank them
    all (more than ``max_scored`` candidates, or small talk first, which ``decide`` puts after
    any other candidate understood). A priority intent is scored whatever its bound when the
    question names "the report" (a document): its score then leaves "report" out of the
    question, which its bound does not allow for. A bound may fall below its score in the last
    bit (the sums run in another order), hence ``SLACK``."""
    terms = f.terms | frozenset()  # as ``rank`` builds it: sums run in the same order
    candidates, hits = terms_hit(matcher, f, terms)
    if len(candidates) > matcher.max_scored:
        return None
    shared = matcher.asked(terms, hits)
    scored: list[tuple[Intent, float]] = []
    best = 0.0
    document: list[bool] = []  # whether the question names "the report" (read once)
    for bound, n in _bounds(matcher, candidates, terms, f, shared):
        p = matcher.profiles[n]
        if bound + SLACK < max(matcher.threshold, best - matcher.ambiguity_margin) and not (
                _scored_anyway(matcher, f, p, document)):
            continue  # it cannot decide; the loop goes on for a priority intent further down
        s = matcher.score_with(p, f, shared)
        if s > 0:
            scored.append((p.intent, s))
        best = max(best, s)
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return None if scored and scored[0][0].type == "smalltalk" else scored


def _scored_anyway(matcher: Matcher, f: Features, p: Profile, document: list[bool]) -> bool:
    """Whether a candidate whose bound falls short is scored all the same: a priority intent,
    for a question naming "the report" (read the first time it is asked, into ``document``)."""
    if not p.intent.priority:
        return False
    if not document:
        document.append(matcher.names_a_report(f))
    return document[0]


def top(matcher: Matcher, f: Features, limit: int) -> list[tuple[Intent, float]]:
    """``Matcher.rank(f)[:limit]``, scoring candidates best bound first and only while one
    could still be among the best ``limit`` (a fallback's closest topics): the same scores in
    the same order. A candidate is left unscored only when its bound is below the ``limit``-th
    score so far, so one that could tie it (and come first by its id) is scored; a priority
    intent is scored whatever its bound for a question naming "the report" (``decisive``)."""
    terms = f.terms | frozenset()  # as ``rank`` builds it: sums run in the same order
    candidates, hits = terms_hit(matcher, f, terms)
    if len(candidates) > matcher.max_scored:
        return matcher.rank(f)[:limit]  # a shortlist of its own (``shortlist``)
    shared = matcher.asked(terms, hits)
    scored: list[tuple[Intent, float]] = []
    best: list[float] = []  # a min-heap of the best ``limit`` scores so far
    document: list[bool] = []
    for bound, n in _bounds(matcher, candidates, terms, f, shared):
        p = matcher.profiles[n]
        if len(best) == limit and bound + SLACK < best[0] and not _scored_anyway(
                matcher, f, p, document):
            continue
        s = matcher.score_with(p, f, shared)
        if s <= 0:
            continue  # as ``rank`` leaves it out
        scored.append((p.intent, s))
        if len(best) < limit:
            heapq.heappush(best, s)
        elif s > best[0]:
            heapq.heapreplace(best, s)
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return scored[:limit]
