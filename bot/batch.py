"""Provides the reading of ``pressbot ask --jsonl`` input: one question a line, as text or JSON.

A line is a plain question, a JSON string, or a JSON object such as ``{"q": ..., "now": ...,
"context": [...], "id": ...}`` (so labelled question sets can be piped in as they are). A line
that starts with ``{`` is taken to be meant as JSON: when it is not a usable object (bad JSON,
nesting too deep, a field of the wrong type, a time that cannot be read) ``read_line`` raises
``BadLine`` with one sentence, and the command line answers that line with an error object
while the rest of the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from bot.engine import Engine

QUESTION_FIELDS = ("q", "question", "text", "message", "query")


class BadLine(ValueError):
    """One input line cannot be read; ``id`` is the line's id when it could be found."""

    def __init__(self, message: str, id: Any = None) -> None:
        super().__init__(message)
        self.id = id


@dataclass
class Line:
    """One input line: the question and, from a JSON object, its time, earlier questions
    and id."""

    question: str
    now: dt.datetime | None = None
    context: list[str] = field(default_factory=list)
    id: Any = None


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text} is too large")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _loads(text: str) -> Any:
    """JSON without NaN, Infinity or numbers too large to write back out."""
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except RecursionError:
        raise BadLine("not valid JSON: nested too deeply") from None
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise BadLine(f"not valid JSON: {reason}") from None


def parse_time(value: str, tz: str) -> dt.datetime:
    """An ISO-8601 time; without an offset it is local time in ``tz``. Raises ValueError."""
    when = dt.datetime.fromisoformat(value)
    return when.replace(tzinfo=ZoneInfo(tz)) if when.tzinfo is None else when


def read_line(line: str, tz: str) -> Line:
    """Read one input line; raise BadLine when a JSON line cannot be used."""
    text = line.strip()
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return Line(line)  # a question that starts with a quotation mark
        return Line(value) if isinstance(value, str) else Line(line)
    if not text.startswith("{"):
        return Line(line)
    value = _loads(text)
    if not isinstance(value, dict):
        raise BadLine("not a JSON object")
    ident = value.get("id")
    question = next((value[k] for k in QUESTION_FIELDS if k in value), None)
    if not isinstance(question, str):
        found = "no question" if question is None else f"a {type(question).__name__}"
        raise BadLine(f"the object has {found}; give the question as a string in \"q\"", ident)
    now = value.get("now")
    if now is not None:
        if not isinstance(now, str):
            raise BadLine("\"now\" must be an ISO-8601 time such as 2020-01-30T10:00", ident)
        try:
            when = parse_time(now, tz)
        except (ValueError, OverflowError):
            raise BadLine(f"\"now\": {now[:40]!r} is not an ISO-8601 time such as "
                          "2020-01-30T10:00", ident) from None
    else:
        when = None
    context = value.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise BadLine("\"context\" must be a list of earlier questions (strings)", ident)
    return Line(question, when, context, ident)


def error_object(number: int, message: str, id: Any = None) -> dict[str, Any]:
    """The output for a line that could not be answered."""
    payload: dict[str, Any] = {"line": number, "error": message}
    return payload if id is None else {"id": id, **payload}


def answer_lines(engine: Engine, lines: Iterable[str], out: TextIO, now: dt.datetime | None,
                 tz: str, *, one_conversation: bool) -> tuple[int, int]:
    """Answer one question per line, writing one JSON object per line in the same order;
    return (lines that got an error object, lines read).

    Each line is its own conversation unless ``one_conversation``. A line that cannot be read
    or answered gets ``{"line": N, "error": ...}`` (with its "id" when it has one), and the
    batch goes on.
    """
    from bot.dialogue import Conversation
    from bot.render import to_json

    shared = Conversation() if one_conversation else None
    failed = number = 0
    for number, raw in enumerate(lines, 1):
        try:
            line = read_line(raw, tz)
        except BadLine as exc:
            payload, failed = error_object(number, str(exc), exc.id), failed + 1
        else:
            conversation = shared or Conversation()
            when = line.now or now
            try:
                for earlier in line.context:
                    engine.ask(earlier, conversation=conversation, now=when)
                payload = to_json(engine.ask(line.question, conversation=conversation,
                                             now=when))
            except Exception as exc:  # one line's failure must not lose the rest of the batch
                payload = error_object(number, f"could not answer: {type(exc).__name__}: {exc}")
                failed += 1
            if line.id is not None:
                payload = {"id": line.id, **payload}
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        out.flush()
    return failed, number
