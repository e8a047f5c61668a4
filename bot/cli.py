"""Provides the `pressbot` console script: a thin command line over the engine.

Failures become one readable sentence on stderr and an exit code, in one place (``main``);
tracebacks appear only with ``--traceback``. An ``Environment`` carries the streams so the whole
program can be run in-process by the tests.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import traceback
from collections.abc import Sequence

# The shared helpers and the editors' commands live apart; their names stay importable here.
from bot.cli_common import EXIT_ERROR as EXIT_ERROR
from bot.cli_common import EXIT_INTERRUPTED as EXIT_INTERRUPTED
from bot.cli_common import EXIT_OK as EXIT_OK
from bot.cli_common import EXIT_THRESHOLD as EXIT_THRESHOLD
from bot.cli_common import Environment as Environment
from bot.cli_common import make_engine as make_engine
from bot.cli_common import parse_now as parse_now
from bot.cli_common import question_log as question_log
from bot.cli_common import settings_from as settings_from
from bot.cli_common import stdin_lines as stdin_lines
from bot.cli_editors import cmd_check, cmd_eval, cmd_ingest, cmd_report, cmd_train
from bot.errors import PressbotError, UsageError
from bot.safetext import printable

# --------------------------------------------------------------------------- commands


def check_ask_flags(args: argparse.Namespace) -> None:
    """Refuse flag combinations that conflict, or where a flag would be silently ignored."""
    if args.jsonl and args.json:
        raise UsageError("--json and --jsonl cannot be used together; --jsonl already writes "
                         "one JSON object per line.")
    if args.jsonl and args.question:
        raise UsageError("--jsonl reads the questions from stdin; give no question on the "
                         "command line, or leave out --jsonl.")
    if args.conversation and not args.jsonl:
        raise UsageError("--conversation only applies to --jsonl, where it makes the lines one "
                         "conversation.")
    if not args.jsonl and not args.question:
        raise UsageError("Give a question, e.g. pressbot ask \"who published the release?\", "
                         "or use --jsonl to read questions from stdin.")


def cmd_ask(args: argparse.Namespace, env: Environment) -> int:
    """Answer one question, or one per stdin line with --jsonl."""
    from bot.render import to_json, to_text

    check_ask_flags(args)
    settings = settings_from(args)
    now = parse_now(args.now, settings.timezone)
    engine = make_engine(settings)
    if args.jsonl:
        from bot.batch import answer_lines

        if env.stdin_isatty:  # not piped: say what the silent terminal is waiting for
            env.stderr.write("pressbot: reading one question per line; end with Ctrl-D.\n")

        # A batch is not people asking: it never goes into the question log.
        failed, total = answer_lines(engine, stdin_lines(env), env.stdout, now, settings.timezone,
                                     one_conversation=args.conversation)
        if failed:
            env.stderr.write(f"pressbot: {failed} of {total} lines could not be answered; each "
                             "has an error object in the output.\n")
            return EXIT_ERROR
        return EXIT_OK
    typed = " ".join(os.fsencode(q).decode("utf-8", errors="replace") for q in args.question)
    answer = engine.ask(typed, now=now)
    qlog = question_log(settings, env)
    if qlog is not None:
        with qlog:
            qlog.record(answer, channel="cli")
    if args.json:
        env.stdout.write(json.dumps(to_json(answer), ensure_ascii=False) + "\n")
    else:
        env.stdout.write(to_text(answer, suggestions=True) + "\n")
    return EXIT_OK


def cmd_chat(args: argparse.Namespace, env: Environment) -> int:
    """An interactive conversation; prints a transcript when piped."""
    from bot.answers import release_name
    from bot.dialogue import Conversation
    from bot.render import to_text

    settings = settings_from(args)
    now = parse_now(args.now, settings.timezone)
    engine = make_engine(settings)
    qlog = question_log(settings, env)
    conv = Conversation()
    release = engine.knowledge.release()
    env.stdout.write(f"pressbot: ask about {release_name(release)}. Type 'quit' to leave.\n")
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


def cmd_run(args: argparse.Namespace, env: Environment) -> int:
    """Run the Telegram bot (long polling, or a webhook with --webhook-url)."""
    from bot.prebuild import start_aside

    settings = settings_from(args)
    # Its children work while the Telegram side is imported; not for a bot that cannot start.
    ready = start_aside(settings) if settings.telegram_bot_token else None
    from bot.tg.runner import run

    # Flags win over the environment; PRESSBOT_MODE=webhook turns on the configured webhook.
    webhook_url = args.webhook_url or (settings.webhook_url if settings.mode == "webhook"
                                       else None)
    return run(settings, base_url=args.base_url or settings.telegram_api_base_url,
               webhook_url=webhook_url, listen=args.listen or settings.webhook_listen,
               port=args.port or settings.webhook_port, ready=ready)


def cmd_health(args: argparse.Namespace, env: Environment) -> int:
    """Exit 0 if the bot is receiving and answering, 1 if not, with one line (for HEALTHCHECK)."""
    from bot.health import health_command

    settings = settings_from(args)
    return health_command(settings.inbox_file, env.stdout,
                          stale_seconds=settings.health_stale_seconds,
                          max_backlog=settings.health_max_backlog)


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1-65535."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return port


# --------------------------------------------------------------------------- parser


def version() -> str:
    """The installed package's version."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("pressbot")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def accuracy_threshold(value: str) -> float:
    """``--min-accuracy``: 0-1 is a fraction; above 1 up to 100, or with %, a percentage."""
    text = value.strip()
    percent = text.endswith("%")
    try:
        number = float(text.removesuffix("%").strip())
    except ValueError:
        number = math.nan
    if percent or number > 1:
        number /= 100
    if not 0 <= number <= 1:  # also rejects nan
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an accuracy: give a fraction from 0 to 1 (0.95) or a "
            "percentage from 0 to 100 (95 or 95%)")
    return number


class _Version(argparse.Action):
    """``--version``: the version is looked up only when asked for (it reads the installed
    packages' metadata, a few milliseconds every `pressbot ask` would otherwise pay)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        sys.stdout.write(f"{parser.prog} {version()}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pressbot",
        description="Answers questions about press releases, with cited figures.")
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show program's version number and exit")
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
    check.add_argument("--questions", metavar="DIR", help="labelled question sets (*.jsonl) "
                       "for the lexicon audit (default: tests/devset, when present)")
    check.set_defaults(func=cmd_check)

    ing = sub.add_parser("ingest", parents=[data], help="draft a release folder from a text "
                         "or saved web page", description=cmd_ingest.__doc__)
    ing.add_argument("files", nargs="+", metavar="FILE", help="release text or .html; - for stdin")
    ing.add_argument("--out", metavar="DIR", help="write DIR/releases/<id>/ instead of the "
                     "knowledge folder")
    ing.add_argument("--force", action="store_true", help="replace an existing release folder")
    ing.set_defaults(func=cmd_ingest)

    ev = sub.add_parser("eval", parents=[data], help="score a labelled question set",
                        description=cmd_eval.__doc__)
    ev.add_argument("file", nargs="?", help="JSONL file of labelled questions")
    ev.add_argument("--cv", metavar="DIR",
                    help="leave-one-set-out cross-validation over the sets (*.jsonl) in DIR")
    ev.add_argument("--min-accuracy", type=accuracy_threshold, metavar="X",
                    help="exit 4 if accuracy is below X: a fraction (0-1, e.g. 0.95) or a "
                         "percentage (e.g. 95 or 95%%)")
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
    run.add_argument("--port", type=port_number, metavar="N",
                     help="webhook port (default PRESSBOT_WEBHOOK_PORT, 8080)")
    run.set_defaults(func=cmd_run)

    health = sub.add_parser("health", parents=[data], help="is the running bot healthy?",
                            description=cmd_health.__doc__)
    health.set_defaults(func=cmd_health)

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


def failure(exc: BaseException) -> tuple[int, str]:
    """The one place that turns a failure into an exit code and one sentence for the operator."""
    if isinstance(exc, PressbotError):
        return exc.exit_code, str(exc)
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted."
    if isinstance(exc, OSError) and exc.filename is not None:
        # e.g. a knowledge file the service user may not read
        return EXIT_ERROR, f"cannot use {exc.filename}: {exc.strerror or exc}."
    if isinstance(exc, UnicodeDecodeError):
        return EXIT_ERROR, (f"a file is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at "
                            f"offset {exc.start}); save it as UTF-8.")
    return EXIT_ERROR, (f"unexpected error: {exc.__class__.__name__}: {exc} "
                        "(run with --traceback for details).")


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run pressbot; every failure becomes one sentence on stderr and an exit code.

    Exit codes: 0 success; 1 an error (including a --jsonl batch with unanswerable lines);
    2 a usage or configuration error; 3 invalid knowledge or intents; 4 eval below
    --min-accuracy; 130 interrupted.
    """
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
    except BrokenPipeError:
        return EXIT_OK
    except (Exception, KeyboardInterrupt) as exc:
        if args.traceback:
            traceback.print_exc(file=env.stderr)
        code, sentence = failure(exc)
        # One line, whatever the message quotes (a file's content, a path, a typed question).
        env.stderr.write(f"pressbot: {printable(sentence)}\n")
        return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
