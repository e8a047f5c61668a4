"""Tests for bot/errors.py: every named error is a PressbotError with its own exit code."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError, KnowledgeError, PressbotError, UsageError


@pytest.mark.parametrize(("error", "code"), [
    (PressbotError, 1), (ConfigError, 2), (UsageError, 2), (KnowledgeError, 3)])
def test_each_error_has_its_exit_code(error: type[PressbotError], code: int) -> None:
    assert error("x").exit_code == code


def test_every_named_error_is_caught_as_a_pressbot_error() -> None:
    for error in (ConfigError, KnowledgeError, UsageError):
        with pytest.raises(PressbotError, match="the reason"):
            raise error("the reason")
