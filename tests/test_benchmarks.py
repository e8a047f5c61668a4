"""Keeps the benchmark suite from rotting: the quick run completes and writes the expected JSON.

No timing is asserted here: these tests check that every benchmark runs and reports its
figures, not how fast anything is. Baselines whose packages (the ``bench`` extra) are not
installed must be reported as skipped, not fail.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from benchmarks import accuracy, run, scale, tail
from benchmarks.common import child_env, percentile
from bot.config import PROJECT_ROOT
from bot.engine import Engine
from bot.evaluate import Case

SCORE_KEYS = {"accuracy", "wrong_answer_rate", "fallback_precision", "fallback_recall"}


@pytest.mark.timeout(300)
def test_quick_run_completes_and_writes_the_expected_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.json"
    assert run.main(["--quick", "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert set(run.TOP_KEYS) <= set(data)
    assert not [k for k in data if k.endswith("_error")]
    assert {"date", "nproc", "cpu", "python"} <= set(data["machine"])

    acc = data["accuracy"]
    assert set(acc["sets"]) >= {"dev"}
    ours, *baselines = acc["methods"]
    assert ours["name"] == "pressbot" and set(ours["sets"]["dev"]) >= SCORE_KEYS
    assert {b["name"] for b in baselines} == set(accuracy.BASELINES)
    for b in baselines:
        assert "skipped" in b or (set(b["sets"]["dev"]) >= SCORE_KEYS and "threshold" in b)

    assert {"engine_ask", "matcher_best"} <= set(data["latency"])
    assert {"p50_ms", "p99_ms"} <= set(data["latency"]["engine_ask"])
    assert {"first_answer_s", "peak_rss_mb", "cold_cache_first_answer_s"} <= set(data["startup"])

    sizes = data["scale"]["sizes"]
    assert [r["size"] for r in sizes] == [100, 1_000]
    for r in sizes:
        assert {"matcher_build_s", "answer_all", "latency_all", "dev_accuracy",
                "dev_accuracy_disjoint"} <= set(r)
    assert "pressbot Matcher.best (inverted index)" in data["scale"]["full_scan_comparison"][
        "options"]

    tg = data["telegram"]
    assert "skipped" in tg or {"rate_limiter_off", "rate_limiter_on", "limit_honoured"} <= set(tg)
    if "skipped" not in tg:
        for side in ("rate_limiter_off", "rate_limiter_on"):
            assert tg[side]["exit_code"] == 0 and tg[side]["unknown_methods"] == []
            assert {"updates_per_s", "sends_per_s", "peak_rss_mb", "bot_cpu_in_run_s",
                    "bot_core_share", "updates_per_bot_cpu_s"} <= set(tg[side])

    assert "beats_baselines_on_accuracy" in data["targets"]
    printed = capsys.readouterr().out
    assert "| Benchmark | Result | Target / note |" in printed


def _case(intent: str | None) -> Case:
    return Case(q="q", intent=intent) if intent else Case(q="q", fallback=True)


def test_threshold_rule_maximises_accuracy_then_prefers_fewer_wrong_answers() -> None:
    cases = [_case("a"), _case("b"), _case(None), _case(None)]
    predictions = [("a", 0.9), ("b", 0.8), ("a", 0.5), ("b", 0.85)]
    t = accuracy.choose_threshold(cases, predictions)
    got = accuracy.decide(predictions, t)
    assert accuracy.scores(cases, got).accuracy == 0.75
    assert t == 0.9  # 0.8 and 0.9 both give 75%; 0.9 answers nothing wrongly
    assert accuracy.scores(cases, got).wrong_answer_rate == 0.0


def test_scores_match_the_eval_definitions() -> None:
    cases = [_case("a"), _case("b"), _case(None)]
    s = accuracy.scores(cases, ["a", None, "b"])
    assert s.accuracy == pytest.approx(1 / 3)
    assert s.wrong_answer_rate == pytest.approx(1 / 3)
    assert s.fallback_precision == 0.0 and s.fallback_recall == 0.0


def test_percentile_is_nearest_rank() -> None:
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert math.isnan(percentile([], 50))


def test_synthetic_knowledge_is_deterministic_and_sized(tmp_path: Path) -> None:
    from benchmarks.common import make_engine

    base = make_engine(tmp_path).knowledge
    one = scale.synthesise(base, 600, questions_wanted=10)
    two = scale.synthesise(base, 600, questions_wanted=50)
    examples = [i.examples for i in one.knowledge.intents]
    assert examples == [i.examples for i in two.knowledge.intents]
    assert one.synthetic_examples == 600
    assert len(one.questions) == 10
    real = {i.id for i in base.intents}
    assert real <= {i.id for i in one.knowledge.intents}
    disjoint = scale.synthesise(base, 600, shared=False)
    concepts = set(base.lexicon.concepts)
    synthetic = [i for i in disjoint.knowledge.intents if i.id not in real]
    assert not any(concepts & set(i.keywords) for i in synthetic)


def test_the_ingest_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import ingest as bench

    assert len(bench.four_thousand().decode("utf-8")) >= bench.TARGET_CHARS
    assert bench.main(["--repeats", "1"]) == 0
    assert "4000-char release" in capsys.readouterr().out


def test_the_tail_profile_reads_every_set_once_and_names_the_slow_questions_functions(
        engine: Engine) -> None:
    questions = tail.all_questions()
    assert len(questions) == len(set(questions)) > 1000
    some = questions[:3]
    median, calls, cpu = tail.medians(engine, some, repeats=2)
    assert set(median) == set(some) and len(calls) == 6 and cpu >= 0
    assert all(t > 0 for t in calls)
    assert "bot/engine.py" in tail.profile(engine, some, functions=200, passes=1)


def test_the_tail_profile_never_shows_a_never_read_sets_question(tmp_path: Path) -> None:
    (tmp_path / "blind9.jsonl").write_text('{"q": "secret one", "fallback": true}\n')
    (tmp_path / "round1.jsonl").write_text('{"q": "open  one", "fallback": true}\n')
    hidden = tail.unread(tmp_path)
    assert set(tail.all_questions(tmp_path)) == {"secret one", "open  one"}
    assert "secret" not in tail.shown("secret one", hidden)
    assert tail.shown("open  one", hidden) == "open one"


def test_the_pressbot_row_does_not_depend_on_the_hour_it_runs(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # A media question with no time of its own expects the press officer's line, as on a
    # weekday morning; run on a Saturday night it must still be scored that way.
    cases = [Case(q="what is the press office phone number?", intent="contact_media",
                  patterns=["020 7983 4067"], category="contact")]
    saturday_night = dt.datetime(2020, 2, 1, 22, 30, tzinfo=ZoneInfo("Europe/London"))
    monkeypatch.setattr(engine, "now", lambda: saturday_night)
    assert accuracy.evaluate_pressbot(engine, cases)["eval"]["accuracy"] == 1.0


def test_a_childs_cpu_time_is_read_while_it_runs() -> None:
    # The Telegram benchmark reads the bot's CPU time at the start and the end of the run, so
    # that its rate per CPU second (what the code costs) is told from its share of a core
    # (what the neighbours left it).
    import os
    import time

    from benchmarks.telegram import _Child

    start = time.process_time()
    sum(i * i for i in range(300_000))
    used = _Child(os.getpid()).cpu_s()
    assert used is not None and used >= start - 0.05
    assert _Child(2 ** 22 + 12_345).cpu_s() is None  # no such process


def test_children_run_this_trees_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every timed child imports the code being benchmarked, not whatever copy is installed:
    the peak-RSS run always did, the timed starts did not, and a run from another tree measured
    the peak of a start that found the installed copy's caches stale."""
    monkeypatch.delenv("PYTHONPATH", raising=False)  # as in a shell that sets none
    env = child_env(tmp_path)
    assert env.get("PYTHONPATH") == str(PROJECT_ROOT)
    found = subprocess.run([sys.executable, "-c", "import bot; print(bot.__file__)"], env=env,
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert Path(found.strip()).resolve().is_relative_to(PROJECT_ROOT.resolve())
