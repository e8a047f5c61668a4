"""Provides the editors' `pressbot` commands: check, eval, train, ingest and report (each imports
what it needs when run, so the other commands never load it).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.cli_common import (
    EXIT_OK,
    EXIT_THRESHOLD,
    Environment,
    make_engine,
    parse_now,
    settings_from,
)
from bot.errors import UsageError


def cmd_check(args: argparse.Namespace, env: Environment) -> int:
    """Validate knowledge/ and intents/ from the files, ignoring the cache; audit the lexicon
    against the labelled questions in tests/devset (when present) or --questions DIR."""
    from bot import lexicon_audit  # reports lexicon entries that never fire; deletes nothing
    from bot.admin import check_summary
    from bot.knowledge import load_from_files

    settings = settings_from(args)
    questions = lexicon_audit.questions_dir(getattr(args, "questions", None))
    env.stdout.write(f"OK: {check_summary(settings)}\n")
    k = load_from_files(settings.knowledge_dir, settings.intents_dir)
    lexicon_audit.report(k, settings.intents_dir, questions, env.stdout)
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


def cmd_ingest(args: argparse.Namespace, env: Environment) -> int:
    """Draft releases/<date>-<slug>/ (release.txt and release.yaml) from press releases saved
    as text or as web pages, into the knowledge folder or --out DIR; print what was found and
    what needs an editor's eye. Exits 1 only when an input is unusable."""
    from bot.ingest.command import ingest

    out = Path(args.out) if args.out else None
    return ingest(args.files, out, settings_from(args), env.stdin, env.stdout, env.stderr,
                  force=args.force)


def cmd_report(args: argparse.Namespace, env: Environment) -> int:
    """Show what people asked that the bot could not answer."""
    from bot.report import report_command

    return int(report_command(args, settings_from(args), env.stdout))
