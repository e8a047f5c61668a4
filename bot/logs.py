"""Provides logging set-up: a configurable level, optional JSON lines, and secret redaction.

Call ``setup_logging(settings)`` once at start-up. Every record that reaches pressbot's handler
passes through ``RedactSecrets``, which removes the bot token and the webhook secret from the
message, the arguments, any extra fields and the formatted traceback, and shows control and
bidi characters (which a user may have typed) as visible escapes. The ``httpx`` and
``httpcore`` loggers are held at WARNING because python-telegram-bot's HTTP client logs each
request URL at INFO, and Telegram puts the bot token in the URL path.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import urllib.parse
from collections.abc import Iterable
from typing import Any, TextIO

from bot.config import Settings
from bot.safetext import printable

REDACTED = "[REDACTED]"

# Anything shaped like a Telegram bot token ("123456789:AA…", 35 characters after the colon) is
# redacted even when it is not the configured token, e.g. an old token in a stale .env file.
TOKEN_PATTERN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}")

# Loggers whose INFO output would include request URLs, and so the token.
NOISY_LOGGERS = ("httpx", "httpcore")

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD_ATTRS = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "taskName",
}

# Marks the handler setup_logging installs, so a second call replaces it instead of doubling.
_HANDLER_MARK = "_pressbot_handler"


class RedactSecrets(logging.Filter):
    """Replaces known secrets, and anything shaped like a bot token, with ``[REDACTED]``, and
    control and bidi characters with visible escapes (``bot.safetext.printable``)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        variants: set[str] = set()
        for secret in secrets:
            # Very short "secrets" would redact ordinary words; they are configuration mistakes
            # that pydantic does not catch, and redacting them would make logs unreadable.
            if len(secret) >= 8:
                variants.add(secret)
                variants.add(urllib.parse.quote(secret, safe=""))
        # Longest first so that a secret containing another is replaced whole.
        self._secrets = sorted(variants, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return TOKEN_PATTERN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        # Render the message once, then drop the arguments: an argument could be any object
        # whose str() contains the token, and redacting the rendered text is the only safe way.
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string must not lose the record
            message = f"{record.msg!r} % {record.args!r}"
        # printable: a message may quote what a user typed; its control characters must not
        # reach the operator's terminal, nor a line feed forge a log line.
        record.msg = printable(self.redact(message))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            # Formatters use a record's exc_text when it is set, so the redacted text is what
            # gets written; exc_info stays for handlers that want the exception object.
            record.exc_text = printable(self.redact(record.exc_text), keep_newlines=True)
        if record.stack_info:
            record.stack_info = printable(self.redact(record.stack_info), keep_newlines=True)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, printable(self.redact(value)))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, and any extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                event[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            event["exception"] = record.exc_text
        if record.stack_info:
            event["stack"] = record.stack_info
        # default=str: an extra field that is not JSON (a Path, a datetime) must not lose the line.
        # printable(json=True): C1 and bidi characters as \uXXXX, which json.dumps leaves raw.
        return printable(json.dumps(event, ensure_ascii=False, default=str), json=True)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def secrets_of(settings: Settings) -> list[str]:
    """The secret values in settings that must never appear in a log line."""
    values = [
        settings.telegram_bot_token,
        settings.telegram_webhook_secret,
        settings.log_hash_key,
    ]
    return [v.get_secret_value() for v in values if v is not None and v.get_secret_value()]


def setup_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Configure the root logger from settings; safe to call more than once.

    ``stream`` defaults to standard error, which systemd's journal and Docker both collect.
    """
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter() if settings.log_json else logging.Formatter(TEXT_FORMAT))
    # A handler filter, not a logger filter: logger filters do not see records propagated
    # from child loggers such as "telegram.ext" or "httpx".
    handler.addFilter(RedactSecrets(secrets_of(settings)))
    setattr(handler, _HANDLER_MARK, True)

    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.captureWarnings(True)
