"""Tests for bot.decision: the rule between the matcher's answer and the classifier's ranking,
each branch on its own, and the thresholds file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.classifier import FALLBACK
from bot.decision import NEVER, Thresholds, verdict

SAFE = frozenset({"safeguarding"})
T = Thresholds(safe=0.6, solo=0.8, veto=0.9, keep=0.3, override=0.85, second=0.2)


def ranked(*pairs: tuple[str, float]) -> list[tuple[str, float]]:
    return list(pairs)


def kind(matched: str | None, r: list[tuple[str, float]], priority: bool = False) -> str:
    v = verdict(matched, priority, r, SAFE, T)
    return v.kind if v.kind != "clarify" else "clarify:" + "+".join(v.offer)


def test_a_priority_answer_from_the_matcher_is_never_demoted() -> None:
    assert kind("safeguarding", ranked((FALLBACK, 0.99), ("safeguarding", 0.01)),
                priority=True) == "matcher"


def test_the_classifier_gives_the_priority_answer_first_when_the_matcher_has_none() -> None:
    assert kind(None, ranked(("safeguarding", 0.3), (FALLBACK, 0.25))) == "classifier"


def test_over_another_answer_the_classifier_must_be_sure_enough_of_the_priority_one() -> None:
    assert kind("rise", ranked(("safeguarding", 0.65), ("rise", 0.35))) == "classifier"
    assert kind("rise", ranked(("safeguarding", 0.5), ("rise", 0.45))) == "matcher"


def test_agreement_answers() -> None:
    assert kind("rise", ranked(("rise", 0.4), (FALLBACK, 0.35))) == "matcher"


def test_when_the_matcher_falls_back_the_classifier_needs_to_be_sure() -> None:
    assert kind(None, ranked(("rise", 0.81), (FALLBACK, 0.19))) == "classifier"
    assert kind(None, ranked(("rise", 0.79), (FALLBACK, 0.21))) == "fallback"
    assert kind(None, ranked((FALLBACK, 0.9), ("rise", 0.1))) == "fallback"


def test_a_classifier_sure_there_is_no_answer_vetoes_the_matcher() -> None:
    assert kind("rise", ranked((FALLBACK, 0.95), ("rise", 0.05))) == "fallback"
    assert kind("rise", ranked((FALLBACK, 0.6), ("rise", 0.35))) == "matcher"
    assert kind("rise", ranked((FALLBACK, 0.6), ("rise", 0.1))) == "clarify:matcher"


def test_a_disagreement_is_settled_by_confidence_or_offered_as_did_you_mean() -> None:
    assert kind("rise", ranked(("quote", 0.9), ("rise", 0.1))) == "classifier"
    assert kind("rise", ranked(("quote", 0.6), ("rise", 0.25))) == "matcher"
    assert kind("rise", ranked(("quote", 0.6), ("total", 0.3), ("rise", 0.1))) \
        == "clarify:matcher+classifier"


def test_default_thresholds_keep_the_matcher_alone() -> None:
    t = Thresholds()
    for r in (ranked(("quote", 0.99)), ranked((FALLBACK, 0.99))):
        assert verdict("rise", False, r, SAFE, t).kind == "matcher"
    assert verdict(None, False, ranked(("quote", 0.99)), SAFE, t).kind == "fallback"
    assert t.solo == NEVER


def test_thresholds_round_trip_and_a_bad_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "decision.json"
    path.write_text(T.dumps(), encoding="utf-8")
    assert Thresholds.load(path) == T
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="decision.json"):
        Thresholds.load(path)
