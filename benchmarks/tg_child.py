"""Provides the bot process for the Telegram benchmark when the rate limiter is to be off.

``python -m benchmarks.tg_child --base-url URL`` does what ``pressbot run --base-url URL``
does (settings from the environment, logging, the engine with the bank holidays read aside, the
question log, long polling until SIGTERM) with one difference: the application is built without
its rate limiter, so the benchmark sees the pipeline's own ceiling. With the limiter on, the
benchmark runs the real ``pressbot run`` instead.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.config import load_settings
from bot.prebuild import start_aside

if TYPE_CHECKING:
    from bot.tg.context import PressApp


def without_rate_limiter(app: PressApp) -> PressApp:
    """Check that the application sends without python-telegram-bot's rate limiter."""
    from bot.tg.ratelimit import NoRateLimiter

    if not isinstance(app.bot.rate_limiter, NoRateLimiter):
        raise RuntimeError("could not turn the rate limiter off")
    return app


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True, help="the fake Bot API's base URL")
    args = parser.parse_args(argv)
    settings = load_settings()
    ready = start_aside(settings)  # as ``pressbot run`` does: before the Telegram side's imports
    from bot.logs import setup_logging
    from bot.tg.app import build_application, make_deps
    from bot.tg.runner import bot_token, engine_and_bank_holidays, quiet_http_logs, run_loop, serve

    setup_logging(settings)
    quiet_http_logs()
    deps = make_deps(settings, engine_and_bank_holidays(settings, ready))
    app = without_rate_limiter(build_application(deps, token=bot_token(settings),
                                                 base_url=args.base_url, rate_limited=False))
    try:
        run_loop(serve(app, webhook_url=None, secret=None, listen="127.0.0.1", port=0))
    finally:
        deps.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
