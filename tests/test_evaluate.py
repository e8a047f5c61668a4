"""Tests for bot/evaluate.py: reading a labelled set (one sentence naming the line that is
wrong), the judging rule, the report's figures, and a set run against the real engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot import evaluate
from bot.engine import Engine
from bot.errors import UsageError
from bot.evaluate import Case, Outcome, Report, judge, read_cases
from tests.conftest import write_cases


def test_comments_and_blank_lines_are_skipped(half_right: Path) -> None:
    cases = read_cases(half_right)
    assert [c.expected for c in cases] == ["referrals_rise", "(fallback)", "chair_quote",
                                           "referrals_rise"]


@pytest.mark.parametrize("case", [
    {"q": "hi"}, {"q": "hi", "intent": "x", "fallback": True},
    {"q": "hi", "intent": "x", "colour": "red"},
])
def test_a_bad_case_names_its_line(tmp_path: Path, case: dict[str, object]) -> None:
    path = write_cases(tmp_path, {"q": "fine", "intent": "x"}, case)
    with pytest.raises(UsageError, match="cases.jsonl, line 4: not a valid case: ") as caught:
        read_cases(path)
    # The reason is pydantic's first problem, not its closing link to its docs.
    assert "errors.pydantic.dev" not in str(caught.value)


def test_a_broken_line_missing_file_or_empty_set_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"q": "hi", \n', encoding="utf-8")
    with pytest.raises(UsageError, match="line 1: not a valid case: Expecting property name"):
        read_cases(path)
    path.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no cases found"):
        read_cases(path)
    with pytest.raises(UsageError, match="Cannot read .*missing.jsonl: No such file"):
        read_cases(tmp_path / "missing.jsonl")


def test_patterns_alone_label_a_case() -> None:
    assert Case(q="hi", patterns=["2,346"]).expected == "(patterns)"


@pytest.mark.parametrize(("case", "got", "text", "verdict"), [
    (Case(q="q", intent="a"), "a", "", (True, "")),
    (Case(q="q", intent="a"), "b", "", (False, "got b")),
    (Case(q="q", intent="a"), None, "", (False, "got a fallback")),
    (Case(q="q", fallback=True), "a", "", (False, "answered a instead of falling back")),
    (Case(q="q", fallback=True), None, "", (True, "")),
    (Case(q="q", intent="a", patterns=["187"]), "a", "2,346", (False, "missing ['187']")),
    (Case(q="q", intent="a", not_patterns=["999"]), "a", "call 999",
     (False, "must not contain ['999']")),
])
def test_judging(case: Case, got: str | None, text: str, verdict: tuple[bool, str]) -> None:
    assert judge(case, got, text) == verdict


def outcome(expected: str | None, got: str | None) -> Outcome:
    case = Case(q="q", intent=expected) if expected else Case(q="q", fallback=True)
    return Outcome(case, got, "", judge(case, got, "")[0])


def test_the_report_counts_right_wrong_and_fallbacks() -> None:
    report = Report([outcome("a", "a"), outcome("a", "b"), outcome("a", None),
                     outcome(None, None), outcome(None, "a"), outcome("b", "a")])
    assert report.accuracy == pytest.approx(2 / 6)
    assert report.wrong_answer_rate() == pytest.approx(3 / 6)  # a fallback is not wrong
    assert report.fallback_scores() == (0.5, 0.5)
    assert report.confusions() == [("a", "b", 1), ("a", "(fallback)", 1),
                                   ("(fallback)", "a", 1), ("b", "a", 1)]
    assert report.by("intent") == {"(fallback)": (1, 2), "a": (1, 3), "b": (0, 1)}
    assert Report().accuracy == 0.0 and Report().fallback_scores() == (1.0, 1.0)


def test_a_set_is_run_against_the_engine(engine: Engine, half_right: Path) -> None:
    report = evaluate.run(engine, read_cases(half_right))
    assert [o.ok for o in report.outcomes] == [True, True, False, False]
    assert report.outcomes[3].why == "missing ['12.5 million']"
    text = evaluate.format_report(report, show_errors=True)
    assert text.startswith("Accuracy: 50.0% (2/4)\n")
    assert "  [chair_quote] 'how much did referrals rise?': got referrals_rise" in text


def test_a_time_without_an_offset_is_the_offices(engine: Engine) -> None:
    case = Case(q="q", intent="a", now=dt.datetime(2020, 7, 1, 20, 0))
    now = evaluate.case_now(engine, case, None)
    assert now is not None and now.utcoffset() == dt.timedelta(hours=1)
    default = dt.datetime(2020, 1, 30, 10, 0, tzinfo=dt.UTC)
    assert evaluate.case_now(engine, Case(q="q", intent="a"), default) == default
