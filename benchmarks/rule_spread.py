"""Provides the spread of the decision rule between cross-validation folds: for a folder of
fold rules (``python -m benchmarks.cv_paths --record-rules DIR`` writes one per held-out set),
each threshold's median, standard deviation, range and how many folds are off its commonest
value, and how far the stacker weights move (the mean and largest standard deviation of a
weight across folds), for the rule 3 stacker and the kept one apart.

Run with ``python -m benchmarks.rule_spread DIR [DIR ...]``. A steadier way of choosing the
rule moves its thresholds less between folds that share all but one set (docs/engine.md).
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.thresholds import Thresholds

THRESHOLDS = ("safe", "answer", "offer", "keep")


def rules(folder: Path) -> list[Thresholds]:
    """Every fold's rule in ``folder`` (its *.json files, in name order)."""
    return [Thresholds.load(p) for p in sorted(folder.glob("*.json"))]


def spread(values: Sequence[float]) -> tuple[float, float, float, float, int]:
    """Median, population standard deviation, least, greatest, and how many values are not the
    commonest one (the first met of the commonest on a tie)."""
    common = collections.Counter(values).most_common(1)[0][1]
    return (statistics.median(values), statistics.pstdev(values), min(values), max(values),
            len(values) - common)


def weight_spread(rows: Sequence[Sequence[float]]) -> tuple[float, float]:
    """The mean and the largest, over weights, of a weight's standard deviation across folds
    (0, 0 when no fold has weights)."""
    rows = [r for r in rows if r]
    if not rows:
        return 0.0, 0.0
    sds = [statistics.pstdev(column) for column in zip(*rows, strict=True)]
    return statistics.fmean(sds), max(sds)


def report(folder: Path, out: TextIO) -> None:
    found = rules(folder)
    out.write(f"{folder} ({len(found)} folds)\n")
    for name in THRESHOLDS:
        median, sd, low, high, off = spread([getattr(t, name) for t in found])
        out.write(f"  {name:<7} median {median:.2f}  sd {sd:.4f}  range {low:.2f}-{high:.2f}  "
                  f"folds off the commonest {off}\n")
    for name in ("weights", "kept"):
        mean, most = weight_spread([getattr(t, name) for t in found])
        out.write(f"  {name:<7} weight sd mean {mean:.4f}  largest {most:.4f}\n")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("folders", type=Path, nargs="+", help="folders of fold rules (*.json)")
    args = ap.parse_args(argv)
    for folder in args.folders:
        report(folder, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
