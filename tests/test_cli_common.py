"""Tests for bot/cli_common.py: --now read as local time, stdin lines that are not UTF-8, the
settings the command line overrides, and a question log that cannot be opened."""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path

import pytest

from bot.cli_common import Environment, parse_now, question_log, settings_from, stdin_lines
from bot.errors import UsageError
from tests.conftest import engine_settings


def env(stdin: bytes = b"") -> Environment:
    return Environment(stdin=io.BytesIO(stdin), stdout=io.StringIO(), stderr=io.StringIO(),
                       stdin_isatty=False)


def test_now_is_read_as_local_time_and_a_bad_one_is_a_usage_error() -> None:
    assert parse_now(None, "Europe/London") is None
    summer = parse_now("2020-07-01T10:00", "Europe/London")
    assert summer is not None and (summer.hour, summer.utcoffset()) == (10, dt.timedelta(hours=1))
    with pytest.raises(UsageError, match="--now: 'tomorrow' is not an ISO-8601 time"):
        parse_now("tomorrow", "Europe/London")


def test_stdin_lines_replace_bad_bytes_and_drop_line_ends() -> None:
    assert list(stdin_lines(env(b"first\r\nsec\xffond\nlast"))) == ["first", "sec\ufffdond",
                                                                    "last"]


def test_the_command_line_folders_override_the_settings(tmp_path: Path,
                                                        clean_env: None) -> None:
    args = argparse.Namespace(knowledge=str(tmp_path / "k"), intents=str(tmp_path / "i"))
    settings = settings_from(args)
    assert (settings.knowledge_dir, settings.intents_dir) == (tmp_path / "k", tmp_path / "i")
    assert settings_from(argparse.Namespace()).knowledge_dir != tmp_path / "k"


def test_no_log_when_logging_is_off(tmp_path: Path) -> None:
    e = env()
    assert question_log(engine_settings(tmp_path, log_questions=False), e) is None
    assert e.stderr.getvalue() == ""  # type: ignore[attr-defined]


def test_a_log_that_cannot_be_opened_is_one_line_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the log's folder should be")
    e = env()
    log = question_log(engine_settings(tmp_path, log_questions=True,
                                       log_db=tmp_path / "blocked" / "questions.db"), e)
    assert log is None
    message = e.stderr.getvalue()  # type: ignore[attr-defined]
    assert message.startswith("pressbot: not logging this question: ")
    assert message.count("\n") == 1


def test_a_log_that_opens_is_returned(tmp_path: Path) -> None:
    log = question_log(engine_settings(tmp_path, log_questions=True), env())
    assert log is not None
    log.close()
    assert (tmp_path / "data" / "questions.db").exists()
