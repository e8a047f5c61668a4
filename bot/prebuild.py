"""Provides building a cold start's caches in a child process (``build_aside``), so that a
long-running bot never holds what building them leaves behind.

A start without a current knowledge cache reads every YAML file, imports ``wordfreq`` for its
word list and parses the classifier's JSON: about 10 MB more at the polling bot's peak than a
start from the caches (modules kept for good, and freed memory the process does not give
back). ``pressbot run`` has a child build them (``python -m bot.prebuild``: the settings, without
their secrets, pickled on its stdin; it builds the engine, which writes every cache) and then
loads from them as any warm start does. A child that fails or is slow changes nothing: the
engine then builds what is missing itself, as it always did.
"""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys
from collections.abc import Callable

from bot.bankholidays import read_aside, years_from
from bot.config import Settings
from bot.knowledge import cache_is_current

log = logging.getLogger(__name__)

WAIT = 300.0  # seconds: a cold build takes about one here
SECRETS = ("telegram_bot_token", "telegram_bot_token_file", "telegram_webhook_secret")


def start_aside(settings: Settings) -> Callable[[], None]:
    """Start the children a bot's start needs: the one that reads the coming years' bank
    holidays (``bot.bankholidays``), and, when the knowledge cache is not current, the one that
    builds the caches. Returns what to call before loading the engine: it waits for both (and
    hands the bank holidays to ``bot.routing``). ``pressbot run`` starts them before importing
    the Telegram side, so that they work while it does."""
    finish = read_aside(years_from(settings.timezone))
    building = _start_build(settings)

    def ready() -> None:
        if building is not None:
            _built(building)
        finish()

    return ready


def build_aside(settings: Settings, command: list[str] | None = None) -> bool:
    """When the knowledge cache is not current, have a child process build the caches; True
    when it did (the engine then loads from them)."""
    building = _start_build(settings, command)
    return building is not None and _built(building)


def _start_build(settings: Settings,
                 command: list[str] | None = None) -> subprocess.Popen[bytes] | None:
    if cache_is_current(settings.knowledge_dir, settings.intents_dir, settings.cache_path):
        return None
    plain = settings.model_copy(update=dict.fromkeys(SECRETS))
    try:
        child = subprocess.Popen(command or [sys.executable, "-m", "bot.prebuild"],
                                 stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        assert child.stdin is not None
        with child.stdin:
            child.stdin.write(pickle.dumps(plain))
    except OSError as exc:  # no child, or one that did not take its settings
        log.warning("building the caches here: the child process could not (%s)", exc)
        return None
    return child


def _built(child: subprocess.Popen[bytes]) -> bool:
    try:
        code = child.wait(timeout=WAIT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        log.warning("building the caches here: the child process took over %.0f s", WAIT)
        return False
    if code:
        log.warning("building the caches here: the child process failed (exit code %d)", code)
        return False
    return True


def main() -> int:
    from bot.engine import Engine
    from bot.logs import setup_logging

    settings = pickle.loads(sys.stdin.buffer.read())
    if not isinstance(settings, Settings):
        raise SystemExit("bot.prebuild: expected pickled Settings on stdin")
    setup_logging(settings)  # its lines (a generated card left out) read as the bot's own
    Engine(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
