"""Tests for bot/report.py: `pressbot report`'s arguments (a period or a date since, a limit, a
confidence), its text and JSON reports of the question log, read-only use, and questions shown
safely (control and bidi characters escaped, text that was not logged said so), in a section
per release when several were asked about."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import UsageError
from bot.questionlog import QuestionLog
from bot.report import (
    NO_RELEASE,
    add_report_arguments,
    format_report,
    parse_since,
    report_command,
    resolve_since,
)
from tests.questionlog_factory import (
    LONDON,
    POTHOLES,
    SLAVERY,
    T0,
    FakeClock,
    answer,
    fallback,
    fill,
    rows,
)


def report_settings(tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, log_db=tmp_path / "questions.db", timezone="Europe/London"
    )


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pressbot report")
    add_report_arguments(parser)
    return parser.parse_args(argv)


def test_parse_since() -> None:
    assert parse_since("7d") == dt.timedelta(days=7)
    assert parse_since("24h") == dt.timedelta(hours=24)
    assert parse_since("2w") == dt.timedelta(weeks=2)
    assert parse_since("2025-01-31") == dt.datetime(2025, 1, 31)
    assert parse_since("2025-01-31T10:00+00:00") == dt.datetime(2025, 1, 31, 10, tzinfo=dt.UTC)
    with pytest.raises(argparse.ArgumentTypeError, match="not a period"):
        parse_since("last week")


def test_resolve_since() -> None:
    london = dt.timezone(dt.timedelta(0))
    assert resolve_since("7d", T0, london) == T0 - dt.timedelta(days=7)
    assert resolve_since(dt.datetime(2025, 1, 1), T0, LONDON).utcoffset() == dt.timedelta(hours=1)
    with pytest.raises(UsageError, match="--since"):
        resolve_since("yesterday-ish", T0, london)


def test_bad_arguments_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--since", "soon"], ["--min-confidence", "2"], ["--limit", "x"]):
        with pytest.raises(SystemExit) as caught:
            parse(*argv)
        assert caught.value.code == 2
    assert "not a period" in capsys.readouterr().err


def test_report_text(tmp_path: Path) -> None:
    settings = report_settings(tmp_path)
    clock = FakeClock()
    with QuestionLog(settings.log_db, clock=clock) as qlog:
        fill(qlog, clock)
    out = io.StringIO()
    assert report_command(parse("--since", "7d"), settings, out, now=T0) == 0
    text = out.getvalue()
    assert "Questions since 2025-06-11 13:00: 9, 22% answered." in text  # London is UTC+1
    lines = text.splitlines()
    croydon = next(line for line in lines if "Where is Croydon" in line)
    assert croydon.split()[:2] == ["4", "4"]
    assert "Old unanswered" not in text


def test_report_json(tmp_path: Path) -> None:
    settings = report_settings(tmp_path)
    clock = FakeClock()
    with QuestionLog(settings.log_db, clock=clock) as qlog:
        fill(qlog, clock)
    out = io.StringIO()
    args = parse("--since", "30d", "--json", "--limit", "2", "--min-confidence", "0.5")
    assert report_command(args, settings, out, now=T0) == 0
    data = json.loads(out.getvalue())
    assert data["questions_total"] == 10
    assert data["min_confidence"] == 0.5
    assert [(q["text"], q["count"]) for q in data["unanswered"]] == [
        ("Where is Croydon", 4),
        ("What about Brexit", 2),
    ]
    assert dt.datetime.fromisoformat(data["unanswered"][0]["last_seen"]) == T0 - dt.timedelta(
        hours=1
    )


def test_report_without_a_log_creates_nothing(tmp_path: Path) -> None:
    settings = report_settings(tmp_path)
    out = io.StringIO()
    assert report_command(parse(), settings, out, now=T0) == 0
    assert "No question log at" in out.getvalue()
    assert "Questions since" in out.getvalue()
    assert "No unanswered" in out.getvalue()
    assert not settings.log_db.exists()


def test_report_rejects_a_bad_limit(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--limit"):
        report_command(parse("--limit", "0"), report_settings(tmp_path), io.StringIO(), now=T0)


def test_report_is_read_only(tmp_path: Path) -> None:
    """The shell's retention (here 1 day) must not delete what the service keeps."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, log_db=tmp_path / "questions.db", log_retention_days=1
    )
    clock = FakeClock(T0 - dt.timedelta(days=60))
    with QuestionLog(settings.log_db, clock=clock, purge=False) as qlog:
        for _ in range(5):
            qlog.record(answer("Where is Croydon", None, 0.1), "telegram")
    before = len(rows(settings.log_db))
    for argv in ((), ("--json",), ("--since", "90d")):
        report_command(parse(*argv), settings, io.StringIO(), now=T0)
    assert len(rows(settings.log_db)) == before == 5


HOSTILE = "evil\x1b]0;owned\x07\x1b[31mred\u202eabc\x9b2J\u2066x\u200f"


def test_report_escapes_control_and_bidi_characters(tmp_path: Path) -> None:
    settings = report_settings(tmp_path)
    with QuestionLog(settings.log_db, clock=FakeClock(T0)) as qlog:
        qlog.record(answer(HOSTILE, None, 0.0), "telegram")
    for argv in ((), ("--json",)):
        out = io.StringIO()
        report_command(parse(*argv), settings, out, now=T0)
        text = out.getvalue()
        assert not any(c in text for c in "\x1b\x07\u202e\x9b\u2066\u200f"), argv
        assert "\\x1b]0;owned" in text or "\\u001b]0;owned" in text
    data = json.loads(out.getvalue())  # the JSON still holds what was typed
    assert data["unanswered"][0]["text"] == HOSTILE


def test_report_shows_questions_whose_text_was_not_logged(tmp_path: Path) -> None:
    settings = report_settings(tmp_path)
    with QuestionLog(settings.log_db, clock=FakeClock(T0), store_text=False) as qlog:
        qlog.record(answer("Where is Croydon", None, 0.1), "telegram")
    out = io.StringIO()
    report_command(parse(), settings, out, now=T0)
    assert "(text not logged)" in out.getvalue()


def test_the_report_has_a_section_per_release_when_several_were_asked_about(
        tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "q.db", clock=lambda: T0) as qlog:
        qlog.record(fallback("potholes in 2030", POTHOLES), "cli")
        qlog.record(fallback("referrals in 2030", SLAVERY), "cli")
        qlog.record(fallback("blah", ""), "cli")
        found = qlog.unanswered(T0 - dt.timedelta(days=1))
    text = format_report(found, T0 - dt.timedelta(days=1), 3, 0, 0.6, dt.UTC)
    lines = text.splitlines()
    at = {line: n for n, line in enumerate(lines)}
    assert at[f"Release {SLAVERY}:"] > at[f"Release {POTHOLES}:"]  # newest first
    assert lines.index(NO_RELEASE) == len(lines) - 2
    assert any("potholes in 2030" in line for line in lines[at[f"Release {POTHOLES}:"]:
                                                             at[f"Release {SLAVERY}:"]])
    one = format_report([q for q in found if q.release != POTHOLES], T0, 2, 0, 0.6, dt.UTC)
    assert "Release " not in one  # one release: no sections
