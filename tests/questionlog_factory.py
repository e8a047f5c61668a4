"""Provides what the question log's and the report's tests share: a clock moved by hand, answers
to record (about a release or none), a week of questions to fill a log with, and reading the
log's rows back."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from bot.answermodels import Answer, AnswerKind
from bot.questionlog import QuestionLog

LONDON = dt.timezone(dt.timedelta(hours=1))  # a fixed offset keeps the tests exact
T0 = dt.datetime(2025, 6, 18, 12, 0, tzinfo=dt.UTC)  # a Wednesday
POTHOLES, SLAVERY = "2021-06-01-potholes", "2020-01-30-modern-slavery"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def answer(
    question: str = "How many referrals?",
    intent: str | None = "referrals",
    confidence: float = 0.9,
    kind: AnswerKind | None = None,
) -> Answer:
    if kind is None:
        kind = "answer" if intent else "fallback"
    return Answer(question=question, kind=kind, intent=intent, confidence=confidence, paragraphs=[])


def rows(path: Path) -> list[dict[str, Any]]:
    """Read the log with a separate connection, as another process would."""
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM questions ORDER BY id")]
    finally:
        db.close()


def fill(qlog: QuestionLog, clock: FakeClock) -> None:
    """A week of questions, oldest first."""
    clock.now = T0 - dt.timedelta(days=10)
    qlog.record(answer("Old unanswered", None, 0.0), "telegram")
    clock.now = T0 - dt.timedelta(days=2)
    for text in ["Where is Croydon?", "where is croydon", "WHERE IS CROYDON?!"]:
        qlog.record(answer(text, None, 0.1), "telegram")
    for _ in range(2):
        qlog.record(answer("What about Brexit", None, 0.2), "telegram")
    qlog.record(answer("How many referrals roughly", "referrals", 0.4), "telegram")
    qlog.record(answer("How many referrals?", "referrals", 0.95), "telegram")
    qlog.record(answer("", None, 0.0, kind="invalid"), "telegram")
    clock.now = T0 - dt.timedelta(hours=1)
    qlog.record(answer("Where is Croydon", None, 0.3), "cli")


def fallback(question: str, release: str) -> Answer:
    return Answer(question=question, kind="fallback", intent=None, confidence=0.0,
                  paragraphs=[], release=release)
