"""Tests for bot.logs: level, JSON lines, quiet HTTP loggers, and secrets never written."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from bot.config import Settings
from bot.logs import REDACTED, RedactSecrets, setup_logging

TOKEN = "7123456789:AAHfak3T0kenF0rTestsOnly_abcdefghijk"
SECRET = "webhook-secret-for-tests-0123456789"
HASH_KEY = "hash-key-for-tests-0123456789abcdef"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """setup_logging changes global state; put the root and HTTP loggers back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)
    logging.captureWarnings(False)


def make_settings(**values: Any) -> Settings:
    values.setdefault("telegram_bot_token", TOKEN)
    values.setdefault("telegram_webhook_secret", SECRET)
    values.setdefault("log_hash_key", HASH_KEY)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def configure(**values: Any) -> io.StringIO:
    stream = io.StringIO()
    setup_logging(make_settings(**values), stream=stream)
    return stream


def test_level_comes_from_settings() -> None:
    stream = configure(log_level="WARNING")
    logging.getLogger("bot.test").info("quiet")
    logging.getLogger("bot.test").warning("loud")
    assert "loud" in stream.getvalue()
    assert "quiet" not in stream.getvalue()


def test_calling_twice_does_not_duplicate_lines() -> None:
    configure()
    stream = configure()
    logging.getLogger("bot.test").warning("once")
    assert stream.getvalue().count("once") == 1


@pytest.mark.parametrize(
    "emit",
    [
        lambda log: log.warning("token is %s", TOKEN),
        lambda log: log.warning(f"token is {TOKEN}"),
        lambda log: log.warning("url %s", f"https://api.telegram.org/bot{TOKEN}/getUpdates"),
        lambda log: log.warning("secret %s and key %s", SECRET, HASH_KEY),
        lambda log: log.warning("quoted %s", TOKEN.replace(":", "%3A")),
        lambda log: log.warning("as an object %s", {"token": TOKEN}),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_secrets_never_written(emit: Any, as_json: bool) -> None:
    stream = configure(log_json=as_json)
    emit(logging.getLogger("telegram.ext.test"))
    written = stream.getvalue()
    assert written
    for secret in (TOKEN, SECRET, HASH_KEY, TOKEN.split(":")[1]):
        assert secret not in written
    assert REDACTED in written


@pytest.mark.parametrize("as_json", [False, True])
def test_secrets_redacted_in_tracebacks(as_json: bool) -> None:
    stream = configure(log_json=as_json)
    try:
        raise RuntimeError(f"request to /bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        logging.getLogger("bot.test").exception("send failed")
    written = stream.getvalue()
    assert "RuntimeError" in written
    assert TOKEN not in written
    assert REDACTED in written


def test_secrets_redacted_in_extra_fields() -> None:
    stream = configure(log_json=True)
    logging.getLogger("bot.test").warning("extra field", extra={"url": f"/bot{TOKEN}/x"})
    event = json.loads(stream.getvalue())
    assert event["url"] == f"/bot{REDACTED}/x"


def test_token_shaped_strings_are_redacted_even_when_not_configured() -> None:
    stream = configure(telegram_bot_token=None)
    other = "5555555555:AAAnotherTokenFromAnOldEnvFile_xyzxyzxyz"
    logging.getLogger("bot.test").warning("old token %s", other)
    assert other not in stream.getvalue()


def test_ordinary_numbers_survive() -> None:
    stream = configure()
    logging.getLogger("bot.test").warning("answered %s at 12:30 for chat 123456789", "1,155%")
    assert "1,155% at 12:30 for chat 123456789" in stream.getvalue()


def test_http_client_loggers_are_held_at_warning() -> None:
    stream = configure(log_level="DEBUG")
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/botX/getMe")
    logging.getLogger("httpcore.http11").debug("send_request_headers.started")
    logging.getLogger("bot.test").debug("our own debug line")
    written = stream.getvalue()
    assert "HTTP Request" not in written
    assert "send_request_headers" not in written
    assert "our own debug line" in written


def test_json_lines() -> None:
    stream = configure(log_json=True)
    logging.getLogger("bot.test").warning("hello %s", "world", extra={"chat_kind": "private"})
    logging.getLogger("bot.test").error("second")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["message"] == "hello world"
    assert first["level"] == "WARNING"
    assert first["logger"] == "bot.test"
    assert first["chat_kind"] == "private"
    assert first["time"].endswith("+00:00")


def test_short_secrets_do_not_redact_ordinary_words() -> None:
    # A misconfigured two-letter secret must not turn every "ab" in the log into [REDACTED].
    redactor = RedactSecrets(["ab"])
    assert redactor.redact("about") == "about"


@pytest.mark.parametrize("as_json", [False, True])
def test_control_and_bidi_characters_are_escaped(as_json: bool) -> None:
    stream = configure(log_json=as_json)
    typed = "hi\x1b]0;pwned\x07\u202eevil\x9b\nFAKE 2025-01-01 ERROR forged line"
    logging.getLogger("bot.test").warning("user typed %s", typed)
    written = stream.getvalue()
    assert not any(c in written for c in "\x1b\x07\u202e\x9b")
    assert len(written.splitlines()) == 1  # a typed line feed cannot forge a second line
    if as_json:
        assert json.loads(written)["message"] == "user typed " + (
            "hi\\x1b]0;pwned\\x07\\u202eevil\\x9b\\x0aFAKE 2025-01-01 ERROR forged line")
    else:
        assert "hi\\x1b]0;pwned\\x07\\u202eevil" in written


def test_tracebacks_keep_their_lines_but_lose_control_characters() -> None:
    stream = configure()
    try:
        raise ValueError("bad \x1b[2J input")
    except ValueError:
        logging.getLogger("bot.test").exception("failed")
    written = stream.getvalue()
    assert "\x1b" not in written and "bad \\x1b[2J input" in written
    assert "Traceback (most recent call last):\n" in written
