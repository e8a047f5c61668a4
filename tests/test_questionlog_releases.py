"""Tests for bot/questionlog.py with several releases: each logged question
keeps the release it was about, a log written before that column existed still opens, and
unanswered questions are grouped by release. The report's sections per release are tested in
test_report.py."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from bot.questionlog import SCHEMA_VERSION, QuestionLog
from tests.questionlog_factory import POTHOLES, SLAVERY, fallback

T0 = dt.datetime(2025, 6, 18, 12, 0, tzinfo=dt.UTC)

# The version 1 table, as logs written before releases were recorded have it.
V1 = """
CREATE TABLE questions (
    id INTEGER PRIMARY KEY, time TEXT NOT NULL, text TEXT NOT NULL, normalised TEXT NOT NULL,
    kind TEXT NOT NULL, intent TEXT, confidence REAL NOT NULL, fallback INTEGER NOT NULL,
    channel TEXT NOT NULL, chat TEXT);
CREATE INDEX questions_time ON questions (time);
INSERT INTO questions (time, text, normalised, kind, intent, confidence, fallback, channel)
VALUES ('2025-06-18T11:00:00.000000+00:00', 'old question', 'old question', 'fallback', NULL,
        0.0, 1, 'cli');
PRAGMA user_version = 1;
"""


def test_a_version_1_log_opens_keeps_its_rows_and_records_releases(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    db = sqlite3.connect(path)
    db.executescript(V1)
    db.close()
    with QuestionLog(path, clock=lambda: T0, purge=False) as qlog:
        qlog.record(fallback("how many potholes in 2030", POTHOLES), "cli")
        found = qlog.unanswered(T0 - dt.timedelta(days=1))
    assert {(q.text, q.release) for q in found} == {("old question", ""),
                                                     ("how many potholes in 2030", POTHOLES)}
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        db.close()
    with QuestionLog(path, clock=lambda: T0, purge=False) as again:  # opening twice is fine
        assert again.count() == 2


def test_the_same_question_about_two_releases_is_two_groups(tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "q.db", clock=lambda: T0) as qlog:
        for release in (POTHOLES, SLAVERY, SLAVERY):
            qlog.record(fallback("figures for 2030", release), "cli")
        found = qlog.unanswered(T0 - dt.timedelta(days=1))
    assert sorted((q.release, q.count) for q in found) == [(SLAVERY, 2), (POTHOLES, 1)]
