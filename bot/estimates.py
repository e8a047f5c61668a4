"""Provides ``least``: a steady estimate of the lowest of a few values, which bot.crossval takes
as the cap on rule 2's learned ``safe`` (the classifier's confidence at which it gives the
safeguarding answer) from the safeguarding questions only the classifier caught."""

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
