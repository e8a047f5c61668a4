"""Tests benchmarks.rule_spread: the spread of fold rules' thresholds and stacker weights."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from benchmarks.rule_spread import report, spread, weight_spread
from bot.thresholds import SIGNALS, Thresholds


def test_spread_counts_the_folds_off_the_commonest_value() -> None:
    median, sd, low, high, off = spread([0.78, 0.78, 0.8, 0.78, 0.76])
    assert (median, low, high, off) == (0.78, 0.76, 0.8, 2)
    assert sd == pytest.approx(0.012649, abs=1e-6)
    assert spread([0.5, 0.5])[1:] == (0.0, 0.5, 0.5, 0)


def test_weight_spread_is_per_weight_then_averaged() -> None:
    assert weight_spread([(1.0, 0.0), (3.0, 0.0)]) == (0.5, 1.0)
    assert weight_spread([(), ()]) == (0.0, 0.0)


def test_report_reads_every_fold_rule_in_the_folder(tmp_path: Path) -> None:
    for i, answer in enumerate((0.76, 0.78, 0.78)):
        weights = (1.0, float(i)) + (0.0,) * (len(SIGNALS) - 1)  # the intercept last
        rule = Thresholds(safe=0.72, answer=answer, offer=0.2, weights=weights)
        (tmp_path / f"set{i}.json").write_text(rule.dumps(), encoding="utf-8")
    out = io.StringIO()
    report(tmp_path, out)
    text = out.getvalue()
    assert "(3 folds)" in text
    assert "answer  median 0.78  sd 0.0094  range 0.76-0.78  folds off the commonest 1" in text
    assert "safe    median 0.72  sd 0.0000" in text
