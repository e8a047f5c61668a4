"""Tests for bot.choosing: a threshold is chosen by its smoothed total on the grid, ``offer``
as ``answer`` and ``safe`` are, so a spike of a few questions does not pick it."""

from __future__ import annotations

from bot.choosing import GRID, best, offer_at, offer_totals, smoothed
from bot.thresholds import NEVER


def test_offer_counts_a_did_you_mean_holding_the_right_answer_against_one_without() -> None:
    helpful = [(0.5, False), (0.4, True)]  # the right option second, at 0.4
    unhelpful = [(0.3, False)]
    totals = offer_totals([helpful, unhelpful], answer=0.8)
    at = {g: t for g, t in zip(GRID, totals, strict=True)}
    assert at[0.5] == -1  # only the wrong first option is offered
    assert at[0.4] == 1 and at[0.3] == 0 and at[0.6] == 0
    # A question the rule answers (likeliest at least ``answer``) offers nothing.
    assert offer_totals([helpful], answer=0.5) == [0.0] * len(GRID)


def test_a_lone_spike_of_did_you_means_does_not_pick_offer() -> None:
    # Four questions right at 0.6 then six wrong just below (0.58): a spike at 0.6 alone; a
    # broad plateau from 0.46 down to 0.30 where five more hold the right answer.
    likely = [[(0.6, True)]] * 4 + [[(0.58, False)]] * 6 + [[(0.46, True)]] * 5
    likely += [[(0.28, False)]] * 12
    totals = offer_totals(likely, answer=0.8)
    spike = best(totals, GRID, NEVER)
    assert spike == 0.6  # the raw totals' best (4; the plateau's 3) is the spike
    chosen = offer_at(likely, answer=0.8)
    assert 0.3 <= chosen <= 0.46 and smoothed(totals)[GRID.index(chosen)] == max(smoothed(totals))


def test_offer_is_never_with_no_question_left_unanswered() -> None:
    assert offer_at([[(0.9, True)], [(0.85, False)]], answer=0.8) == NEVER
    assert offer_at([[(0.9, True)]], answer=0.95) != NEVER
