"""Tests for bot/cli_editors.py, the editors' `pressbot` commands run in-process: `pressbot check`
passes on the real knowledge and refuses a broken edit (also under a warm cache) in one sentence;
`pressbot eval` prints accuracy by intent and category, as JSON too, sets the exit code from
--min-accuracy, reads context and --now, and refuses bad case files in one sentence."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import break_a_sentence, one_sentence_error, write_cases

if TYPE_CHECKING:
    from conftest import CliResult, KnowledgeCopy

    Run = Callable[..., CliResult]


def test_check_passes_on_the_real_knowledge(run_cli: Run) -> None:
    r = run_cli("check")
    assert r.code == 0 and r.err == ""
    assert r.out.startswith("OK: 1 release(s), 6 figures, 3 recommendations")


def test_check_rejects_a_sentence_not_in_the_release(run_cli: Run,
                                                     kb_copy: KnowledgeCopy) -> None:
    n = break_a_sentence(kb_copy)
    r = run_cli("--knowledge", str(kb_copy.knowledge), "check")
    one_sentence_error(r)
    assert r.code == 3
    assert str(kb_copy.release_yaml) in r.err
    assert f"figures.{n}.sentence" in r.err
    assert "not found verbatim" in r.err


def test_check_rejects_a_broken_intent(run_cli: Run, kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("referrals_rise", lambda i: i.update(colour="red"))
    r = run_cli("--intents", str(kb_copy.intents), "check")
    one_sentence_error(r)
    assert str(path) in r.err and "colour" in r.err and "Extra inputs" in r.err


def test_check_ignores_a_warm_cache(run_cli: Run, kb_copy: KnowledgeCopy) -> None:
    assert run_cli("--knowledge", str(kb_copy.knowledge), "ask", "hello").code == 0
    break_a_sentence(kb_copy)
    assert run_cli("--knowledge", str(kb_copy.knowledge), "check").code == 3


def test_eval_prints_accuracy_by_intent_and_category(run_cli: Run, half_right: Path) -> None:
    r = run_cli("eval", str(half_right), "--errors")
    assert r.code == 0
    assert "Accuracy: 50.0% (2/4)" in r.out
    assert "By category:" in r.out and "By intent:" in r.out
    assert re.search(r"chair_quote -> referrals_rise: 1", r.out)
    assert "Fallback precision: 100.0%" in r.out
    assert "missing ['12.5 million']" in r.out


@pytest.mark.parametrize(("threshold", "code"), [("0.5", 0), ("0.49", 0), ("0.51", 4),
                                                 ("1", 4)])
def test_eval_min_accuracy_sets_the_exit_code(run_cli: Run, half_right: Path, threshold: str,
                                              code: int) -> None:
    r = run_cli("eval", str(half_right), "--min-accuracy", threshold)
    assert r.code == code
    if code:
        assert "below the threshold" in r.err and "Traceback" not in r.err
    else:
        assert r.err == ""


def test_eval_json(run_cli: Run, half_right: Path) -> None:
    data = json.loads(run_cli("eval", str(half_right), "--json").out)
    assert data["cases"] == 4 and data["accuracy"] == 0.5
    assert data["wrong_answer_rate"] == 0.5
    assert data["by_category"] == {"a": {"correct": 2, "total": 2},
                                   "b": {"correct": 0, "total": 2}}


def test_eval_uses_context_and_now(run_cli: Run, tmp_path: Path) -> None:
    path = write_cases(
        tmp_path,
        {"q": "and in 2018?", "context": ["How many referrals were there in 2013?"],
         "intent": "referrals_2018"},
        {"q": "who do journalists contact?", "now": "2020-02-01T11:00",
         "patterns": ["020 7983 4000"], "intent": "contact_media"},
    )
    r = run_cli("eval", str(path), "--json")
    assert json.loads(r.out)["accuracy"] == 1.0


@pytest.mark.parametrize(("content", "message"), [
    ("{not json}\n", "line 1"),
    ('{"q": "hi"}\n', "line 1"),
    ('{"q": "hi", "intent": "greeting", "colour": "red"}\n', "line 1"),
    ("# only a comment\n", "no cases"),
])
def test_eval_bad_case_files_are_one_sentence_errors(run_cli: Run, tmp_path: Path,
                                                     content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    r = run_cli("eval", str(path))
    one_sentence_error(r)
    assert message in r.err and str(path) in r.err


def test_eval_missing_file(run_cli: Run, tmp_path: Path) -> None:
    r = run_cli("eval", str(tmp_path / "nope.jsonl"))
    one_sentence_error(r)
    assert "Cannot read" in r.err
