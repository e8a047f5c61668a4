"""Provides the decision rule's choice of a threshold on a grid (bot.crossval learns the rule):
totals smoothed over neighbouring grid values, the middle of the best, and ``offer``'s totals
(how often a "did you mean" holds the right answer, net of those that hold none).

Every threshold is chosen the same way, by its smoothed total, so a spike of a few questions
at one grid value does not pick it and the value moves less between folds (docs/engine.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.thresholds import NEVER

GRID = tuple(i / 50 for i in range(51)) + (NEVER,)
# Each grid value is judged by its total averaged with SMOOTH neighbours each side, so a lone
# spike of a few questions does not pick the threshold; a broad plateau does.
SMOOTH = 2
# One unanswered question's options: (likelihood, whether answering with it is right), likeliest
# first.
Options = Sequence[tuple[float, bool]]


def smoothed(totals: Sequence[float], k: int = SMOOTH) -> list[float]:
    """Each total averaged with its ``k`` neighbours each side (the ends repeated)."""
    padded = [totals[0]] * k + list(totals) + [totals[-1]] * k
    return [round(sum(padded[i:i + 2 * k + 1]) / (2 * k + 1), 9) for i in range(len(totals))]


def best(totals: Sequence[float], grid: Sequence[float], default: float) -> float:
    """The middle of the grid values with the best total; the default when all tie."""
    top = max(totals)
    ties = [g for g, s in zip(grid, totals, strict=True) if s == top]
    return ties[len(ties) // 2] if len(ties) < len(grid) else default


def offer_totals(likely: Sequence[Options], answer: float) -> list[float]:
    """For each grid value, over the questions whose likeliest option is below ``answer``: +1
    where the options at least that likely include a right one, -1 where they hold none (a
    "did you mean" without the right answer only delays the fallback)."""
    left = [opts for opts in likely if opts and opts[0][0] < answer]
    return [float(sum(1 if any(ok for p, ok in opts if p >= g) else -1 for opts in left
                      if opts[0][0] >= g)) for g in GRID]


def offer_at(likely: Sequence[Options], answer: float) -> float:
    """``offer``: the grid value with the best smoothed ``offer_totals`` (NEVER: none helps)."""
    return best(smoothed(offer_totals(likely, answer)), GRID, NEVER)
