"""Provides ``least``, a steady estimate of the lowest of a few values, and ``capped``, the cap
bot.crossval puts on rule 2's learned ``safe`` (the classifier's confidence at which it gives the
safeguarding answer) from the safeguarding questions only the classifier caught: ``least``,
lowered by a margin for the unseen ones, never down to a false alarm seen."""

from __future__ import annotations

from collections.abc import Sequence


def least(values: Sequence[float]) -> float:
    """The lowest of ``values`` as a new draw of as many would give it on average: the mean,
    over resamples with replacement, of a resample's least value (the Harrell-Davis estimate of
    the 1/(n+1) quantile). The i-th sorted value (from 0) is a resample's least with chance
    ((n-i)/n)^n - ((n-i-1)/n)^n: about 0.65 for the lowest of 12, 0.24 the next, 0.08 the third.

    Why not the plain minimum: ``safe`` was capped at the least sure of the dozen or so
    safeguarding questions only the classifier caught, so one question set it for every fold,
    and a refit that moved that one question's confidence moved ``safe``, and every answer
    between, with it (one branch's refit ranked a question 0.47 sure, the next 0.66: ``safe``
    fell from 0.70 to 0.46 in 50 of 51 folds). Here one value moves the estimate by at most
    about two thirds of its move, and one far below the rest counts as one draw of several.
    Parameter-free: no margin or quantile to tune on the data it is measured on."""
    ordered = sorted(values)
    n = len(ordered)
    return sum((((n - i) / n) ** n - ((n - i - 1) / n) ** n) * v for i, v in enumerate(ordered))


def capped(values: Sequence[float], alarms: Sequence[float], grid: Sequence[float]) -> float:
    """The grid value rule 2's ``safe`` is capped at, from ``values`` (the confidences of the
    safeguarding questions only the classifier caught) and ``alarms`` (those at which rule 2 gave
    the safeguarding answer to a question labelled otherwise): at or below ``least(values)``,
    lowered by the jackknife's margin for a question not seen, but never to or below an alarm
    among the values the margin is drawn from (below x(2), or ``least`` where that is higher).

    The margin: a new question's confidence falls below the lowest of n seen about 1 time in
    n + 1, and the jackknife's estimate of how far the lowest of a sample lies above the lowest
    the distribution gives is the gap between the two lowest, so the margin extends the lowest
    seen, x(1), down by x(2) - x(1), to 2 x(1) - x(2). It reads only the two lowest values: one
    far above the rest does not move it. One far below the rest pulls it further (a sharper
    classifier put one at 0.33, the next at 0.64: 0.0), so it is guarded by what lowering
    ``safe`` costs, rule 2's false alarms: where one lies below x(2) (or ``least``), the lowest
    seen are not clear of them, and the cap stays above the highest such alarm (the grid value
    above it). The margin never buys recall with a false alarm seen; with none there it goes
    where the jackknife puts it. Parameter-free, like ``least``."""
    top = least(values)
    lowest = sorted(values)[:2]
    floor = max((a for a in alarms if a < max(lowest[-1], top)), default=-1.0)
    guard = min((g for g in grid if g > floor), default=top)
    margin = max((g for g in grid if g <= 2 * lowest[0] - lowest[-1]), default=0.0)
    return min(max((g for g in grid if g <= top), default=0.0), max(margin, guard))
