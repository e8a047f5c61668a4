"""Tests for bot.thresholds: the decision rule's learned part round-trips through its file, a
bad file is named, and a file learned before a signal (or the kept stacker, or ``care``) was
added still reads."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from bot.thresholds import NEVER, SIGNALS, Thresholds, stacked

# A rule with a distinct weight for every signal and the intercept, so that a file read back
# in another order, or with a signal dropped, is caught.
WEIGHTS = tuple(n / 8 for n in range(len(SIGNALS) + 1))
T = Thresholds(safe=0.6, answer=0.8, offer=0.3, weights=WEIGHTS)


def test_the_rule_round_trips_and_a_bad_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "decision.json"
    path.write_text(T.dumps(), encoding="utf-8")
    assert Thresholds.load(path) == T
    for bad in ({}, {**json.loads(T.dumps()), "weights": [1.0]},
                {**json.loads(T.dumps()), "signals": ["other"]}):
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(ValueError, match="decision.json"):
            Thresholds.load(path)


def test_a_rule_learned_before_a_signal_was_added_reads_it_with_weight_0(tmp_path: Path) -> None:
    path = tmp_path / "decision.json"
    raw = json.loads(T.dumps())
    old = {**raw, "signals": raw["signals"][:-1], "weights": raw["weights"][:-2] + [-0.5]}
    path.write_text(json.dumps(old), encoding="utf-8")
    assert Thresholds.load(path).weights == tuple(raw["weights"][:-2]) + (0.0, -0.5)
    # A signal it names that is not one of ours, or in another order, is refused.
    for bad in ({**old, "signals": raw["signals"][1:]},
                {**old, "signals": old["signals"][:-1] + ["other"]}):
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(ValueError, match="decision.json"):
            Thresholds.load(path)


def test_care_round_trips_and_an_older_file_has_none(tmp_path: Path) -> None:
    path = tmp_path / "decision.json"
    t = replace(T, care=0.42)
    path.write_text(t.dumps(), encoding="utf-8")
    assert Thresholds.load(path) == t
    raw = json.loads(T.dumps())
    del raw["care"]
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert Thresholds.load(path).care == NEVER


def test_the_kept_stacker_round_trips_and_an_older_file_has_none(tmp_path: Path) -> None:
    path = tmp_path / "decision.json"
    t = replace(T, kept=tuple(-w for w in WEIGHTS), keep=0.64)
    path.write_text(t.dumps(), encoding="utf-8")
    assert Thresholds.load(path) == t
    path.write_text(T.dumps(), encoding="utf-8")
    assert Thresholds.load(path).kept == () and Thresholds.load(path).keep == 0.0


def test_a_stackers_likelihood_is_a_logistic_of_its_weighted_signals() -> None:
    ones = [1.0] * len(SIGNALS)
    assert T.likelihood(ones) == pytest.approx(1.0 / (1.0 + math.exp(-sum(WEIGHTS))))
    first = [1.0] + [0.0] * (len(SIGNALS) - 1)  # only the first signal's weight counts
    assert stacked((2.0,) + WEIGHTS[1:-1] + (-2.0,), first) == 0.5
    # However large the weights, the likelihood is a probability (the logit is clipped).
    assert stacked(WEIGHTS[:-1] + (1e6,), first) == pytest.approx(1.0)
    assert stacked(WEIGHTS[:-1] + (-1e6,), first) == pytest.approx(0.0)
