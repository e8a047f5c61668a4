"""Provides ``pressbot report``: unanswered questions and answer rates from the question log.

``add_report_arguments`` declares its options and ``report_command`` runs it; both are called
from ``bot.cli``. The log itself is ``bot.questionlog``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from dataclasses import asdict
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.errors import UsageError
from bot.questionlog import DEFAULT_MIN_CONFIDENCE, QuestionLog, UnansweredQuestion
from bot.safetext import printable

_RELATIVE = re.compile(r"(\d+)\s*([hdw])")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str) -> dt.timedelta | dt.datetime:
    """Parse ``--since``: '7d', '24h', '2w', an ISO date or an ISO date-time.

    Raises argparse.ArgumentTypeError so that argparse reports a bad value as a usage error.
    """
    text = value.strip().lower()
    match = _RELATIVE.fullmatch(text)
    if match:
        return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a period like 7d, 24h or 2w, or a date like 2025-01-31"
        ) from None


def resolve_since(
    since: dt.timedelta | dt.datetime | str, now: dt.datetime, tz: dt.tzinfo
) -> dt.datetime:
    """Turn a parsed ``--since`` into an aware moment; a date without a zone is in ``tz``."""
    if isinstance(since, str):
        try:
            since = parse_since(since)
        except argparse.ArgumentTypeError as exc:
            raise UsageError(f"--since: {exc}") from None
    if isinstance(since, dt.timedelta):
        return now - since
    return since if since.tzinfo is not None else since.replace(tzinfo=tz)


def _confidence(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``pressbot report``'s options to its subparser."""
    parser.add_argument(
        "--since",
        type=parse_since,
        default=dt.timedelta(days=7),
        help="period to report: 7d, 24h, 2w, or an ISO date such as 2025-01-31 (default 7d)",
    )
    parser.add_argument("--json", action="store_true", help="write JSON instead of a table")
    parser.add_argument(
        "--limit", type=int, default=20, help="show at most N questions (default 20)"
    )
    parser.add_argument(
        "--min-confidence",
        type=_confidence,
        default=DEFAULT_MIN_CONFIDENCE,
        help=f"answers below this confidence count as low confidence "
        f"(default {DEFAULT_MIN_CONFIDENCE})",
    )


def report_command(
    args: argparse.Namespace,
    settings: Settings,
    out: TextIO,
    now: dt.datetime | None = None,
) -> int:
    """Run ``pressbot report``: the most frequent unanswered and low-confidence questions."""
    tz = ZoneInfo(settings.timezone)
    now = now or dt.datetime.now(tz)
    since = resolve_since(getattr(args, "since", dt.timedelta(days=7)), now, tz)
    limit = getattr(args, "limit", 20)
    min_confidence = getattr(args, "min_confidence", DEFAULT_MIN_CONFIDENCE)
    if limit < 1:
        raise UsageError("--limit must be at least 1")

    questions: list[UnansweredQuestion] = []
    total = answered = 0
    # Reading must not create an empty log where none exists (e.g. a mistyped PRESSBOT_LOG_DB).
    if settings.log_db.exists():
        # purge=False: a report only reads. Purging is the running service's job, with its own
        # retention setting, which this shell may not share.
        with QuestionLog.from_settings(settings, clock=lambda: now, purge=False) as qlog:
            questions = qlog.unanswered(since, limit, min_confidence)
            total, answered = qlog.totals(since, now)

    if getattr(args, "json", False):
        payload: dict[str, Any] = {
            "log": str(settings.log_db),
            "since": since.isoformat(),
            "until": now.isoformat(),
            "min_confidence": min_confidence,
            "questions_total": total,
            "questions_answered": answered,
            "unanswered": [{**asdict(q), "last_seen": q.last_seen.isoformat()} for q in questions],
        }
        # printable(json=True) writes control and bidi characters as \uXXXX: the same JSON data,
        # but nothing a terminal would obey.
        out.write(printable(json.dumps(payload, ensure_ascii=False, indent=2), json=True) + "\n")
        return 0

    if not settings.log_db.exists():
        # Most often PRESSBOT_LOG_DB differs from the bot's (e.g. run outside its service).
        out.write(printable(f"No question log at {settings.log_db} (set PRESSBOT_LOG_DB).") + "\n")
    out.write(format_report(questions, since, total, answered, min_confidence, tz))
    return 0


NOT_LOGGED = "(text not logged)"
NO_RELEASE = "No release (small talk, or asked before a release was chosen):"


def question_line(text: str, width: int) -> str:
    """A logged question as one safe line for an operator: whitespace runs become one space,
    control and bidi characters become visible escapes, and the line is cut at ``width``."""
    line = printable(" ".join(text.split())) or NOT_LOGGED
    return line if len(line) <= width else line[: width - 1] + "…"


def format_report(
    questions: list[UnansweredQuestion],
    since: dt.datetime,
    total: int,
    answered: int,
    min_confidence: float,
    tz: dt.tzinfo,
) -> str:
    """The plain-text report: a summary line, then one line per question group; with several
    releases asked about, in a section per release, newest first."""
    start = since.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    lines = [f"Questions since {start}: {total}"]
    if total:
        lines[0] += f", {answered / total:.0%} answered."
    if not questions:
        lines.append("No unanswered or low-confidence questions in this period.")
        return "\n".join(lines) + "\n"
    lines.append(
        f"Unanswered (no intent) or low-confidence (below {min_confidence:.2f}) questions, "
        "most frequent first:"
    )
    lines.append(f"{'count':>5}  {'no intent':>9}  {'last seen':<16}  question")
    # Release ids start with their date: newest first, then questions about none.
    named = sorted({q.release for q in questions if q.release}, reverse=True)
    releases = named + [""] * any(not q.release for q in questions)
    for release in releases:
        if len(named) > 1:  # several releases asked about: a section for each
            lines.append(f"Release {printable(release)}:" if release else NO_RELEASE)
        for q in questions:
            if q.release != release:
                continue
            seen = q.last_seen.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            text = question_line(q.text, 100)
            lines.append(f"{q.count:>5}  {q.fallbacks:>9}  {seen:<16}  {text}")
    return "\n".join(lines) + "\n"
