"""Provides what every `pressbot` command shares: exit codes, the ``Environment`` (the streams),
and reading times, settings, the engine and the question log from the command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from bot.batch import parse_time
from bot.config import Settings, load_settings
from bot.errors import PressbotError, UsageError
from bot.safetext import printable

EXIT_OK, EXIT_ERROR, EXIT_THRESHOLD, EXIT_INTERRUPTED = 0, 1, 4, 130


@dataclass
class Environment:
    """The outside world as the CLI sees it; tests pass their own streams."""

    stdin: BinaryIO = field(default_factory=lambda: sys.stdin.buffer)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool = field(default_factory=lambda: sys.stdin.isatty())


def parse_now(value: str | None, tz: str) -> dt.datetime | None:
    """An ISO-8601 time; without an offset it is taken as local (Europe/London) time."""
    if value is None:
        return None
    try:
        return parse_time(value, tz)
    except (ValueError, OverflowError):
        raise UsageError(f"--now: {value!r} is not an ISO-8601 time such as "
                         "2020-01-30T10:00") from None


def stdin_lines(env: Environment) -> Iterator[str]:
    """Lines from stdin; invalid UTF-8 is replaced rather than fatal."""
    for raw in env.stdin:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "knowledge", None):
        overrides["knowledge_dir"] = Path(args.knowledge)
    if getattr(args, "intents", None):
        overrides["intents_dir"] = Path(args.intents)
    return load_settings(**overrides)


def make_engine(settings: Settings) -> Any:
    from bot.engine import Engine

    return Engine(settings)


def question_log(settings: Settings, env: Environment) -> Any:
    """The question log, or None when logging is off or the log cannot be opened.

    A log that cannot be opened is one line on stderr: the question is still answered, but the
    operator learns that it was not logged. The command line never purges (purge=False): only
    the running service deletes old rows, with its own retention setting.
    """
    if not settings.log_questions:
        return None
    from bot.questionlog import QuestionLog

    try:
        return QuestionLog.from_settings(settings, purge=False)
    except PressbotError as exc:  # a broken log must never stop answers
        env.stderr.write(printable(f"pressbot: not logging this question: {exc}") + "\n")
        return None
