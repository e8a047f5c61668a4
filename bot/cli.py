"""Provides the `pressbot` console script: a thin command line over the engine.

Failures become one readable sentence on stderr and an exit code, in one place (``main``);
tracebacks appear only with ``--traceback``. An ``Environment`` carries the streams so the whole
program can be run in-process by the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO
from zoneinfo import ZoneInfo

from bot.config import Settings, load_settings
from bot.errors import PressbotError, UsageError

EXIT_OK, EXIT_ERROR, EXIT_THRESHOLD, EXIT_INTERRUPTED = 0, 1, 4, 130


@dataclass
class Environment:
    """The outside world as the CLI sees it; tests pass their own streams."""

    stdin: BinaryIO = field(default_factory=lambda: sys.stdin.buffer)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool = field(default_factory=lambda: sys.stdin.isatty())


# --------------------------------------------------------------------------- helpers


def parse_now(value: str | None, tz: str) -> dt.datetime | None:
    """An ISO-8601 time; without an offset it is taken as local (Europe/London) time."""
    if value is None:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--now: {value!r} is not an ISO-8601 time such as "
                         "2020-01-30T10:00") from None
    return when.replace(tzinfo=ZoneInfo(tz)) if when.tzinfo is None else when


def stdin_lines(env: Environment) -> Iterator[str]:
    """Lines from stdin; invalid UTF-8 is replaced rather than fatal."""
    for raw in env.stdin:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


QUESTION_FIELDS = ("q", "question", "text", "message", "query")


@dataclass
class Line:
    """One --jsonl input line: the question and, from a JSON object, its time, earlier
    questions and id."""

    question: str
    now: dt.datetime | None = None
    context: list[str] = field(default_factory=list)
    id: Any = None


def read_line(line: str, tz: str) -> Line:
    """A plain question, or a JSON object such as {"q": ..., "now": ..., "context": [...],
    "id": ...} (so labelled question sets can be piped in as they are)."""
    text = line.strip()
    if not text.startswith(("{", '"')):
        return Line(line)
    try:
        value = json.loads(text)
    except ValueError:
        return Line(line)
    if isinstance(value, str):
        return Line(value)
    if not isinstance(value, dict):
        return Line(line)
    question = next((value[k] for k in QUESTION_FIELDS if isinstance(value.get(k), str)), None)
    if question is None:
        return Line(line)  # JSON, but not a question we know how to find: read it as text
    try:
        now = parse_now(value["now"], tz) if isinstance(value.get("now"), str) else None
    except UsageError:
        now = None  # a bad time in one line falls back to --now, as if none were given
    context = value.get("context")
    earlier = [c for c in context if isinstance(c, str)] if isinstance(context, list) else []
    return Line(question, now, earlier, value.get("id"))


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


def question_log(settings: Settings) -> Any:
    """The question log, or None when logging is off or the log cannot be opened."""
    if not settings.log_questions:
        return None
    try:
        from bot.questionlog import QuestionLog
    except ImportError:
        return None
    try:
        return QuestionLog.from_settings(settings)
    except Exception:  # a broken log must never stop answers
        return None


# --------------------------------------------------------------------------- commands


def cmd_ask(args: argparse.Namespace, env: Environment) -> int:
    """Answer one question, or one per stdin line with --jsonl."""
    from bot.dialogue import Conversation
    from bot.render import to_json, to_text

    settings = settings_from(args)
    now = parse_now(args.now, settings.timezone)
    if not args.jsonl and not args.question:
        raise UsageError("Give a question, e.g. pressbot ask \"how much did referrals rise?\", "
                         "or use --jsonl to read questions from stdin.")
    engine = make_engine(settings)
    qlog = question_log(settings)
    shared = Conversation() if args.conversation else None
    typed = " ".join(os.fsencode(q).decode("utf-8", errors="replace") for q in args.question)
    lines = (read_line(raw, settings.timezone) for raw in stdin_lines(env)) if args.jsonl \
        else iter([Line(typed)])
    for line in lines:
        conversation = shared or Conversation()
        when = line.now or now
        for earlier in line.context:
            engine.ask(earlier, conversation=conversation, now=when)
        answer = engine.ask(line.question, conversation=conversation, now=when)
        if qlog is not None:
            qlog.record(answer, channel="cli")
        if args.jsonl or args.json:
            payload = to_json(answer)
            if line.id is not None:
                payload = {"id": line.id, **payload}
            env.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
            env.stdout.flush()
        else:
            env.stdout.write(to_text(answer, suggestions=True) + "\n")
    return EXIT_OK


def cmd_chat(args: argparse.Namespace, env: Environment) -> int:
    """An interactive conversation; prints a transcript when piped."""
    from bot.dialogue import Conversation
    from bot.render import to_text

    settings = settings_from(args)
    now = parse_now(args.now, settings.timezone)
    engine = make_engine(settings)
    qlog = question_log(settings)
    conv = Conversation()
    release = engine.knowledge.release()
    env.stdout.write(f"pressbot: ask about “{release.title}” ({release.date:%d %B %Y}). "
                     "Type 'quit' to leave.\n")
    while True:
        if env.stdin_isatty:
            env.stdout.write("\nyou> ")
            env.stdout.flush()
        line = env.stdin.readline()
        if not line:
            break
        question = line.decode("utf-8", errors="replace").strip()
        if question.lower() in {"quit", "exit", "bye"}:
            break
        if not env.stdin_isatty:
            env.stdout.write(f"\n> {question}\n")
        answer = engine.ask(question, conversation=conv, now=now)
        if qlog is not None:
            qlog.record(answer, channel="cli")
        env.stdout.write("\n" + to_text(answer, suggestions=True) + "\n")
        env.stdout.flush()
    return EXIT_OK


def cmd_check(args: argparse.Namespace, env: Environment) -> int:
    """Validate knowledge/ and intents/ from the files, ignoring the cache."""
    from bot.knowledge import load_from_files

    settings = settings_from(args)
    k = load_from_files(settings.knowledge_dir, settings.intents_dir)
    figures = sum(len(r.figures) for r in k.releases)
    recs = sum(len(r.recommendations) for r in k.releases)
    examples = sum(len(i.examples) for i in k.intents)
    env.stdout.write(f"OK: {len(k.releases)} release(s), {figures} figures, {recs} "
                     f"recommendations, {len(k.intents)} intents, {examples} example "
                     "questions. Every quoted sentence is in its release.\n")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, env: Environment) -> int:
    """Score a labelled question set."""
    from bot import evaluate

    settings = settings_from(args)
    if args.cv:
        from bot.crossval import cv_command

        return cv_command(args.cv, make_engine(settings), env.stdout, env.stderr,
                          parse_now(args.now, settings.timezone))
    if not args.file:
        raise UsageError("Give a labelled set (FILE.jsonl), or --cv DIR.")
    cases = evaluate.read_cases(Path(args.file))
    report = evaluate.run(make_engine(settings), cases, parse_now(args.now, settings.timezone))
    if args.json:
        env.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        env.stdout.write(evaluate.format_report(report, show_errors=args.errors) + "\n")
    if args.min_accuracy is not None and report.accuracy < args.min_accuracy:
        env.stderr.write(f"pressbot: accuracy {report.accuracy:.1%} is below the threshold "
                         f"{args.min_accuracy:.1%}.\n")
        return EXIT_THRESHOLD
    return EXIT_OK


def cmd_train(args: argparse.Namespace, env: Environment) -> int:
    """Rebuild the question classifier and its decision thresholds from the labelled sets."""
    from bot.crossval import train_command

    settings = settings_from(args)
    return train_command(args.data, make_engine(settings), settings.intents_dir, env.stderr,
                         args.model_only)


def cmd_run(args: argparse.Namespace, env: Environment) -> int:
    """Run the Telegram bot (long polling, or a webhook with --webhook-url)."""
    from bot.tg.runner import run

    settings = settings_from(args)
    # Flags win over the environment; PRESSBOT_MODE=webhook turns on the configured webhook.
    webhook_url = args.webhook_url or (settings.webhook_url if settings.mode == "webhook"
                                       else None)
    return run(settings, base_url=args.base_url or settings.telegram_api_base_url,
               webhook_url=webhook_url, listen=args.listen or settings.webhook_listen,
               port=args.port or settings.webhook_port)


def cmd_report(args: argparse.Namespace, env: Environment) -> int:
    """Show what people asked that the bot could not answer."""
    from bot.report import report_command

    return int(report_command(args, settings_from(args), env.stdout))


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pressbot",
        description="Answers questions about the London Assembly release “More must be done to "
                    "tackle Modern Slavery” (30 January 2020), with cited figures.")
    parser.add_argument("--traceback", "--debug", action="store_true",
                        help="show the full traceback on errors")
    parser.add_argument("--knowledge", metavar="DIR", help="knowledge folder (default: bundled)")
    parser.add_argument("--intents", metavar="DIR", help="intents folder (default: bundled)")
    # The same options after the subcommand (`pressbot check --knowledge DIR`); SUPPRESS keeps
    # a subcommand from resetting a value given before it.
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS,
                      help="knowledge folder (default: bundled)")
    data.add_argument("--intents", metavar="DIR", default=argparse.SUPPRESS,
                      help="intents folder (default: bundled)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser("ask", parents=[data], help="answer a question",
                         description=cmd_ask.__doc__)
    ask.add_argument("question", nargs="*", help="the question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--jsonl", action="store_true",
                     help="read one question per stdin line, write one JSON object per line")
    ask.add_argument("--conversation", action="store_true",
                     help="with --jsonl: the lines form one conversation")
    ask.add_argument("--now", metavar="ISO", help="the time for contact routing")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", parents=[data], help="talk to the bot in the terminal",
                          description=cmd_chat.__doc__)
    chat.add_argument("--now", metavar="ISO", help="the time for contact routing")
    chat.set_defaults(func=cmd_chat)

    check = sub.add_parser("check", parents=[data], help="validate knowledge/ and intents/",
                           description=cmd_check.__doc__)
    check.set_defaults(func=cmd_check)

    ev = sub.add_parser("eval", parents=[data], help="score a labelled question set",
                        description=cmd_eval.__doc__)
    ev.add_argument("file", nargs="?", help="JSONL file of labelled questions")
    ev.add_argument("--cv", metavar="DIR",
                    help="leave-one-set-out cross-validation over the sets (*.jsonl) in DIR")
    ev.add_argument("--min-accuracy", type=float, metavar="X",
                    help="exit 4 if accuracy is below X (0–1)")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--errors", action="store_true", help="list every wrong case")
    ev.add_argument("--now", metavar="ISO", help="the time for contact routing")
    ev.set_defaults(func=cmd_eval)

    tr = sub.add_parser("train", parents=[data], help="rebuild the question classifier",
                        description=cmd_train.__doc__)
    tr.add_argument("--data", metavar="DIR", help="labelled sets (default: tests/devset)")
    tr.add_argument("--model-only", action="store_true",
                    help="keep the decision thresholds (skips the cross-validation runs)")
    tr.set_defaults(func=cmd_train)

    run = sub.add_parser("run", parents=[data], help="run the Telegram bot",
                         description=cmd_run.__doc__)
    run.add_argument("--base-url", metavar="URL",
                     help="Bot API base URL (default: Telegram's; env TELEGRAM_API_BASE_URL)")
    run.add_argument("--webhook-url", metavar="URL", help="serve a webhook at this public URL")
    run.add_argument("--listen", metavar="HOST",
                     help="webhook listen address (default PRESSBOT_WEBHOOK_LISTEN, 127.0.0.1)")
    run.add_argument("--port", type=int, metavar="N",
                     help="webhook port (default PRESSBOT_WEBHOOK_PORT, 8080)")
    run.set_defaults(func=cmd_run)

    report = sub.add_parser("report", parents=[data],
                            help="unanswered and low-confidence questions",
                            description=cmd_report.__doc__)
    try:
        from bot.report import add_report_arguments

        add_report_arguments(report)
    except ImportError:  # pragma: no cover - the question log is part of the package
        pass
    report.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run pressbot; every failure becomes one sentence on stderr and an exit code."""
    env = env or Environment()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has already printed its message
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(env.stdout)
        return EXIT_ERROR
    try:
        return int(args.func(args, env))
    except PressbotError as exc:
        if args.traceback:
            traceback.print_exc(file=env.stderr)
        env.stderr.write(f"pressbot: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        env.stderr.write("pressbot: interrupted.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if args.traceback:
            traceback.print_exc(file=env.stderr)
        env.stderr.write(f"pressbot: unexpected error: {exc.__class__.__name__}: {exc} "
                         "(run with --traceback for details).\n")
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
