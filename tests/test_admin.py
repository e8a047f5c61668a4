"""Tests for bot.admin: who is an admin, and the /stats, /unanswered and /reload replies."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.admin import MAX_REPLY, is_admin, reload_text, stats_text, unanswered_text
from bot.answermodels import Answer, AnswerKind
from bot.config import Settings
from bot.errors import KnowledgeError
from bot.questionlog import QuestionLog

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2025, 6, 18, 12, 0, tzinfo=dt.UTC)  # a Wednesday


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type,call-arg]


def answer(question: str, intent: str | None, confidence: float) -> Answer:
    kind: AnswerKind = "answer" if intent else "fallback"
    return Answer(question=question, kind=kind, intent=intent, confidence=confidence, paragraphs=[])


@pytest.fixture
def qlog(tmp_path: Path) -> QuestionLog:
    now = [T0 - dt.timedelta(days=1)]
    log = QuestionLog(tmp_path / "questions.db", clock=lambda: now[0])
    for _ in range(3):
        log.record(answer("How many referrals?", "referrals_rise", 0.9), "telegram")
    log.record(answer("Who is the chair?", "quote", 0.8), "telegram")
    for text in ("Is it raining?", "is it raining", "What about Brexit?"):
        log.record(answer(text, None, 0.1), "telegram")
    now[0] = T0 - dt.timedelta(hours=1)
    log.record(answer("Is it raining!", None, 0.0), "cli")
    return log


# ------------------------------------------------------------------ is_admin


def test_only_configured_ids_are_admins() -> None:
    configured = settings(admin_ids=[111, 222])
    assert is_admin(configured, 111)
    assert is_admin(configured, 222)
    assert not is_admin(configured, 333)
    assert not is_admin(configured, None)  # e.g. a channel post has no sender


def test_nobody_is_admin_by_default() -> None:
    assert not is_admin(settings(), 111)
    assert not is_admin(settings(), 0)


# ------------------------------------------------------------------ /stats and /unanswered


def test_stats_text(qlog: QuestionLog) -> None:
    text = stats_text(qlog, T0)
    assert "Questions today: 1" in text
    assert "Questions this week: 8" in text
    assert "Answer rate this week: 50% (4 of 8)" in text
    assert "3 × referrals_rise" in text
    assert text.index("referrals_rise") < text.index("quote")


def test_stats_text_of_an_empty_log(tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "q.db", clock=lambda: T0) as empty:
        text = stats_text(empty, T0)
    assert "Questions today: 0" in text
    assert "no questions yet" in text


def test_unanswered_text(qlog: QuestionLog) -> None:
    text = unanswered_text(qlog, T0)
    lines = text.splitlines()
    assert lines[1] == "1. (3×) Is it raining!"
    assert lines[2] == "2. (1×) What about Brexit?"
    assert "referrals" not in text
    assert len(unanswered_text(qlog, T0, limit=1).splitlines()) == 3


def test_unanswered_text_when_everything_was_answered(tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "q.db", clock=lambda: T0) as log:
        log.record(answer("How many referrals?", "referrals_rise", 0.9), "telegram")
        assert unanswered_text(log, T0).startswith("No unanswered questions")


def test_unanswered_text_fits_one_message(tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "q.db", clock=lambda: T0) as log:
        for n in range(30):
            log.record(answer(f"{n} " + "very long question " * 100, None, 0.0), "telegram")
        assert len(unanswered_text(log, T0, limit=30)) <= MAX_REPLY


# ------------------------------------------------------------------ /reload


class FakeEngine:
    """Serves 'old' until a reload succeeds; a failing reload keeps what it had."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.serving = "old"

    def reload(self) -> None:
        if self.error is not None:
            raise self.error
        self.serving = "new"


def test_reload_success() -> None:
    engine = FakeEngine()
    assert reload_text(engine).startswith("Reloaded")
    assert engine.serving == "new"


def test_reload_failure_reports_the_error_and_keeps_the_old_version() -> None:
    engine = FakeEngine(KnowledgeError("intents/figures.yaml: 0.examples: Field required"))
    text = reload_text(engine)
    assert text.startswith("Reload failed; still serving the previous version.")
    assert "intents/figures.yaml: 0.examples: Field required" in text
    assert engine.serving == "old"


def test_reload_unexpected_error_still_replies() -> None:
    text = reload_text(FakeEngine(PermissionError("knowledge/ is not readable")))
    assert "Reload failed unexpectedly: PermissionError" in text


def test_reload_with_a_broken_file_keeps_serving_the_old_knowledge(tmp_path: Path) -> None:
    """The real engine: a bad edit is reported and the running knowledge stays."""
    from bot import engine as engine_module
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    shutil.copytree(ROOT / "intents", tmp_path / "intents")
    config = settings(
        knowledge_dir=tmp_path / "knowledge",
        intents_dir=tmp_path / "intents",
        cache_path=tmp_path / "cache" / "knowledge.db",
    )
    engine = engine_module.Engine(config)
    question = "how much did referrals rise?"
    before = engine.ask(question)
    intents_before = engine.intent_ids()
    assert before.intent is not None

    figures = tmp_path / "intents" / "figures.yaml"
    good = figures.read_text(encoding="utf-8")
    figures.write_text(good.replace("examples:", "exampels:", 1), encoding="utf-8")
    text = reload_text(engine)
    assert text.startswith("Reload failed; still serving the previous version.")
    assert "figures.yaml" in text
    assert engine.intent_ids() == intents_before
    assert engine.ask(question).intent == before.intent

    figures.write_text(good, encoding="utf-8")
    assert reload_text(engine).startswith("Reloaded")
    assert engine.ask(question).intent == before.intent


def test_unanswered_escapes_control_and_bidi_characters(tmp_path: Path) -> None:
    log = QuestionLog(tmp_path / "q.db", clock=lambda: T0 - dt.timedelta(hours=1))
    log.record(answer("hi\x1b]8;;https://evil.example\x07link\u202eusd 001\x07", None, 0.0), "t")
    text = unanswered_text(log, T0)
    assert not any(c in text for c in "\x1b\x07\u202e")
    assert "\\x1b]8;;https://evil.example\\x07link\\u202eusd 001" in text


def test_reload_runs_the_same_validation_as_check(tmp_path: Path) -> None:
    """An engine that would reload happily is not reloaded when `pressbot check` fails."""
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    shutil.copytree(ROOT / "intents", tmp_path / "intents")
    config = settings(knowledge_dir=tmp_path / "knowledge", intents_dir=tmp_path / "intents")
    engine = FakeEngine()
    assert reload_text(engine, config).startswith("Reloaded")
    figures = tmp_path / "intents" / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("examples:", "exampels:", 1),
                       encoding="utf-8")
    engine = FakeEngine()
    text = reload_text(engine, config)
    assert text.startswith("Reload failed; still serving the previous version.")
    assert "figures.yaml" in text
    assert engine.serving == "old"
