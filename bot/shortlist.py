"""Provides the shortlist that keeps matching fast with many releases loaded.

``build_postings`` indexes a knowledge base's intent profiles once: per term, each intent's
share of its keyword weight and idf coverage, and the intents of each year. ``shortlist``
scores a question's candidates in order of an upper bound on their score, from postings summed
once per question (a few additions per candidate instead of a full score each), and stops when
no unscored candidate can reach the top four or, once there is an answer, change it (be the
best, or a runner-up close enough to ask which was meant); ``Matcher.max_scored`` at most.
The real knowledge base (32 intents) never has enough candidates to need it.
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
    from bot.profiles import Profile


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
        for t, w in p.weights.items():
            share = p.intent.keywords.get(t, 0.0) / p.top
            postings.by_term[t].append((n, share, p.idf[t] * min(1.0, w)))
        for year in p.years:
            postings.by_year[year].append(n)
    return postings


def shortlist(matcher: Matcher, candidates: set[int], terms: frozenset[str], f: Features,
              extra: frozenset[str]) -> list[tuple[Intent, float]]:
    """The scores of the candidates that could matter, best bound first.

    The bound is ``Matcher.score`` with a perfect fuzzy match, the largest bonuses and no
    penalty but the one for a year the intent does not cover (the softer one when the question
    names a figure, which may be that intent's own).
    """
    shared = matcher.asked(terms)
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
    bounds = []
    for n in candidates:
        p = matcher.profiles[n]
        if p.release not in q_weights:
            q_weights[p.release] = matcher.question_weight(p, terms)
        bound = 0.45 * min(1.0, cov_i[n]) + 0.35 * cov_q[n] / q_weights[p.release] + 0.20
        if asked and p.years:  # as in score: another year a penalty, the same year + 0.25
            bound = bound * other_year if not asked & p.years else bound + 0.25
        if p.intent.trigger:  # as in score: a triggered intent is lifted to this
            bound = max(bound, matcher.threshold + 0.15)
        bound += (number_bonus if p.figure_values else 0.0) + 0.05 * p.intent.priority
        bounds.append((bound, n))
    bounds.sort(reverse=True)
    scored: list[tuple[Intent, float]] = []
    top4: list[float] = []  # a min-heap of the best four scores so far
    best = 0.0
    for bound, n in bounds[:matcher.max_scored]:
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
