"""Tests benchmarks.cv_paths: the outcome and path of each question not answered right, the
tables, the fold cache's key, and that watching the engine changes none of its answers."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from benchmarks import cv_paths
from benchmarks.cv_paths import (
    Row,
    Trace,
    fitting_code,
    fold_key,
    outcome,
    rows,
    table,
    traced,
)
from bot import training, weighing
from bot.decision import Question, Verdict
from bot.engine import Engine
from bot.evaluate import Case, Outcome
from bot.opinion import Opinion
from bot.thresholds import Thresholds
from bot.training import Example

NOW = dt.datetime(2020, 2, 3, 10, 0)


def case(**kw: object) -> Case:
    return Case.model_validate({"q": "a question", **kw})


def test_each_outcome_not_right_is_named() -> None:
    assert outcome(Outcome(case(intent="a"), "a", "", True), "answer") == ""
    assert outcome(Outcome(case(intent="a"), "b", "", False), "answer") == "wrong"
    assert outcome(Outcome(case(intent="a"), None, "", False), "fallback") == "fallback"
    assert outcome(Outcome(case(intent="a"), None, "", False), "clarify") == "did you mean"
    assert outcome(Outcome(case(intent="a", patterns=["x"]), "a", "", False), "answer") == \
        "patterns missing"
    assert outcome(Outcome(case(fallback=True, patterns=["x"]), None, "", False),
                   "fallback") == "patterns missing"
    assert outcome(Outcome(case(fallback=True), "b", "", False), "answer") == "wrong"


def test_the_path_names_the_branch() -> None:
    q = Question("a", [("b", 0.6), ("a", 0.3)], 0.5, ())
    two = Question("a", [("b", 0.6), ("a", 0.3)], 0.5, (), also="b")
    assert Trace(kind="safeguarding").path() == "safety layer"
    assert Trace(kind="answer").path() == "follow-up kept"
    assert Trace("grounded", kind="clarify").path() == "grounded, both offered"
    assert Trace("grounded", kind="answer").path() == "grounded, kept"
    assert Trace("second_opinion", kind="answer").path() == "intent not trained"
    assert Trace("second_opinion", Verdict("matcher", branch=1), q).path() == "rule 1"
    assert Trace("second_opinion", Verdict("classifier", branch=2), q).path() == "rule 2"
    assert Trace("second_opinion", Verdict("matcher", branch=3), two).path() == "rule 3a"
    assert Trace("second_opinion", Verdict("clarify", branch=3), q).path() == \
        "rule 3: clarify"
    assert Trace("net", Verdict("classifier", branch=2), q, "safeguarding").path() == \
        "follow-up kept, net (rule 2)"
    # A fragment answered with the previous topic's words: kept, or the rule's fallback.
    assert Trace("net", Verdict("classifier", branch=2), q, "answer").path() == \
        "follow-up kept"
    assert Trace("net", Verdict("fallback", branch=3), q, "fallback").path() == \
        "follow-up, rule fell back"


def test_rows_take_each_question_s_own_trace_and_the_table_counts_them() -> None:
    said = [Outcome(case(intent="a"), "a", "", True),
            Outcome(case(intent="a", context=["earlier"]), None, "", False),
            Outcome(case(intent="b"), "a", "", False)]
    q = Question("a", [("b", 0.7)], 0.5, ())
    traces = [Trace("second_opinion", Verdict("matcher", branch=3), q, "answer"),
              Trace(kind="answer"),  # the context's ask
              Trace("second_opinion", Verdict("clarify", ("classifier",), branch=3,
                                              likelihood={"a": 0.4}), q, "clarify",
                    ["a", "c"]),
              Trace("second_opinion", Verdict("matcher", branch=3), q, "answer")]
    found = rows("set", said, traces)
    assert [(r.outcome, r.path, r.offer) for r in found] == [
        ("did you mean", "rule 3: clarify", "label first"), ("wrong", "rule 3: matcher", "")]
    assert found[0].likelihood == (("a", 0.4),) and found[0].top == ("b", 0.7)
    lines = table(found).splitlines()
    assert lines[1].split()[-1] == "1" and lines[3].split()[-1] == "2"
    assert "did you mean: label first 1" in lines[-2]
    assert lines[-1].endswith("same class: 0 (the label's: 0)")


def test_never_read_sets_are_counted_and_never_shown() -> None:
    secret = Row("blind9", case(q="never show me", intent="a"), None, "fallback", "rule 3: "
                 "fallback", (), (), ("a", 0.5))
    shown = Row("round1", case(q="show me", intent="a"), None, "fallback", "rule 3: fallback",
                (), (), ("a", 0.5))
    out = io.StringIO()
    cv_paths.report({"blind9": [secret], "round1": [shown]}, out, show_readable=True)
    text = out.getvalue()
    assert "show me" in text and "never show me" not in text
    assert "never-read sets (1): 1 not right" in text


def test_the_fold_key_follows_the_training_examples() -> None:
    a = [Example("how many", "x", "s1"), Example("who said", "y", "intents")]
    assert fold_key(a) == fold_key(list(a))
    assert fold_key(a) != fold_key(a[:1])
    assert fold_key(a) != fold_key([Example("how many", "y", "s1"), a[1]])


def test_the_fold_key_follows_the_fit_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    a = [Example("how many", "x", "s1"), Example("who said", "y", "intents")]
    before = fold_key(a)
    monkeypatch.setattr(training, "FALLBACK_WEIGHT", training.FALLBACK_WEIGHT / 2)
    assert fold_key(a) != before
    monkeypatch.undo()
    monkeypatch.setattr(training, "C", training.C * 2)
    assert fold_key(a) != before


def test_the_fold_key_follows_the_fitting_code() -> None:
    """A model fitted by other code (its features, settings or sample weights) is never read:
    the key holds a hash of bot.training and bot.classifier."""
    a = [Example("how many", "x", "s1")]
    code = fitting_code()
    assert len(code) == 24 and code == fitting_code()
    assert fold_key(a, code) != fold_key(a, "another fit")


def test_watching_the_engine_changes_no_answer_and_is_undone(engine: Engine) -> None:
    asks = ["how many referrals were there in 2018?", "were there really 187 referrals in "
            "2012?", "my boss keeps my passport and I can't leave, help"]
    before = [engine.ask(q, now=NOW) for q in asks]
    with traced(engine) as traces:
        during = [engine.ask(q, now=NOW) for q in asks]
    assert during == before
    assert len(traces) == 3 and traces[2].path() == "safety layer"
    assert traces[0].path().startswith("rule ")
    assert weighing.second_opinion.__module__ == "bot.weighing"
    assert Opinion.decide.__qualname__ == "Opinion.decide" and "ask" not in vars(engine)


def test_a_safeguarding_miss_is_named_by_its_path_in_names_and_numbers(engine: Engine) -> None:
    asked = "I'm writing an essay on trafficking for my history class"
    q = Question("contact_public", [("safeguarding", 0.6), ("contact_public", 0.3)], 0.5, ())
    how = cv_paths.miss_path(engine, case(q=asked, intent="safeguarding"),
                             Trace("second_opinion", Verdict("matcher", branch=3), q, "answer"),
                             False)
    assert how.startswith("rule 3: matcher (answer, no numbers); matcher another class; "
                          "safeguarding rank ")
    assert "studies_it" in how and "for_work" in how
    assert "essay" not in how and "trafficking" not in how


def test_a_miss_given_the_numbers_beside_the_press_line_is_told_apart(engine: Engine) -> None:
    """The fallback to a message not read, for someone known to be the press, gives the help
    numbers first and the press line after: neither "numbers in the answer" nor "no numbers"."""
    q = Question(None, [("contact_media", 0.4), ("safeguarding", 0.3)], 0.0, ())
    how = cv_paths.miss_path(engine, case(q="Ποιος δημοσίευσε αυτό;", intent="safeguarding"),
                             Trace("second_opinion", Verdict("fallback", branch=3), q,
                                   "fallback"), False, True)
    assert how.startswith("rule 3: fallback (fallback, numbers and the press line); "
                          "matcher fallback; ")


def test_safeguarding_misses_are_counted_per_set_and_path_never_shown() -> None:
    out = io.StringIO()
    cv_paths.report({}, out, misses={"blind9": ["rule 3: fallback", "rule 3: fallback"],
                                     "round1": ["rule 1"]})
    text = out.getvalue()
    assert "readable safeguarding questions not given the safeguarding answer: 1" in text
    assert "never-read safeguarding questions not given the safeguarding answer: 2" in text
    assert "  blind9: 2 x rule 3: fallback" in text
    assert cv_paths.helped("call 999 or 08000 121 700") and not cv_paths.helped("call 999")
    assert cv_paths.led("Worried? 999; 08000 121 700\n\nDid you mean “All contacts”?")
    assert not cv_paths.led("Did you mean “All contacts”?\n\nWorried? 999; 08000 121 700")
    out = io.StringIO()
    cv_paths.report({}, out, misses={"blind9": ["rule 3: clarify (clarify, numbers first)",
                                                "rule 3: fallback (fallback, no numbers)"]})
    assert ("never-read safeguarding questions not given the safeguarding answer: 2, without 999 "
            "and the helpline first: 1") in out.getvalue()


def test_rules_recorded_per_fold_are_held_in_place_of_learning(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run records each fold's learned rule; a run holding them learns none (no replays, no
    ``select``) and answers every question as the recording run did."""
    sets = tmp_path / "sets"
    sets.mkdir()
    for name, cases in {"alpha": [{"q": "how much have referrals risen since 2013",
                                   "intent": "referrals_rise"},
                                  {"q": "who wins the cup final", "fallback": True}],
                        "beta": [{"q": "what did Unmesh Desai say", "intent": "chair_quote"},
                                 {"q": "my neighbour is locked in and never paid",
                                  "intent": "safeguarding"}]}.items():
        (sets / f"{name}.jsonl").write_text(
            "".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    rules = tmp_path / "rules"
    recorded = cv_paths.paths(engine, sets, None, io.StringIO(), record=rules)
    assert sorted(p.name for p in rules.iterdir()) == ["alpha.json", "beta.json"]
    assert all(Thresholds.load(p) for p in rules.iterdir())

    def never(*args: object) -> object:
        raise AssertionError("a held rule is not learned")

    monkeypatch.setattr(cv_paths, "select", never)
    monkeypatch.setattr(cv_paths, "replay", never)
    held = cv_paths.paths(engine, sets, None, io.StringIO(), hold=rules)
    assert held == recorded
