"""Tests for bot.config: readable errors naming the variable, list parsing, and every setting
described for the docs table (the table itself is tested in test_configdoc.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings, env_name, load_settings
from bot.errors import ConfigError

# No configuration from the machine running the tests (conftest.py).
pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("PRESSBOT_LOG_RETENTION_DAYS", "0", "greater than or equal to 1"),
        ("PRESSBOT_LOG_RETENTION_DAYS", "ninety", "valid integer"),
        ("PRESSBOT_TIMEZONE", "Europe/Londn", "unknown time zone"),
        ("PRESSBOT_OFFICE_DAYS", "monday-friday", "list of days"),
        ("PRESSBOT_OFFICE_OPEN", "25:00", "time"),
        ("PRESSBOT_ADMIN_IDS", "alice,bob", "not a Telegram user id"),
        ("PRESSBOT_ADMIN_IDS", "[1, 2", "delimiter"),
        ("PRESSBOT_LOG_LEVEL", "LOUD", "DEBUG"),
        ("PRESSBOT_LOG_JSON", "maybe", "boolean"),
        ("PRESSBOT_MODE", "push", "polling"),
        ("PRESSBOT_WEBHOOK_PORT", "70000", "less than or equal to 65535"),
        ("TELEGRAM_WEBHOOK_SECRET", "has spaces in it", "A-Z"),
        ("PRESSBOT_LOG_RETENTION_DAYS", "1000000", "less than or equal to 3650"),
        ("PRESSBOT_LOG_TEXT", "sometimes", "boolean"),
        ("TELEGRAM_WEBHOOK_SECRET", "short_secret", "shorter than 16 characters"),
        ("TELEGRAM_BOT_TOKEN", "123:abc", "shorter than 16 characters"),
        ("PRESSBOT_LOG_HASH_KEY", "fifteen-chars!!", "shorter than 16 characters"),
    ],
)
def test_bad_value_names_the_variable_and_the_reason(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, reason: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("Invalid configuration: ")
    assert variable in message
    assert reason in message
    assert "\n" not in message  # one readable line, not a pydantic dump


def test_every_problem_is_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBOT_LOG_RETENTION_DAYS", "0")
    monkeypatch.setenv("PRESSBOT_TIMEZONE", "Nowhere/Special")
    with pytest.raises(ConfigError, match="PRESSBOT_LOG_RETENTION_DAYS.*PRESSBOT_TIMEZONE"):
        load_settings()


def test_webhook_mode_needs_an_https_url_and_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBOT_MODE", "webhook")
    with pytest.raises(ConfigError, match="PRESSBOT_WEBHOOK_URL"):
        load_settings()
    monkeypatch.setenv("PRESSBOT_WEBHOOK_URL", "http://bot.example.org/telegram")
    with pytest.raises(ConfigError, match="PRESSBOT_WEBHOOK_URL: webhook mode needs .*https"):
        load_settings()
    monkeypatch.setenv("PRESSBOT_WEBHOOK_URL", "https://bot.example.org/telegram")
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        load_settings()
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "s3cret_-value-0123456789")
    assert load_settings().mode == "webhook"


def test_error_does_not_echo_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "almost-right but has a space")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "almost-right" not in str(caught.value)


def test_error_exit_code_is_configuration() -> None:
    assert ConfigError.exit_code == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", []), ("123", [123]), ("123,456", [123, 456]), (" 1 , 2 ,", [1, 2]), ("[7, 8]", [7, 8])],
)
def test_admin_ids_are_comma_separated(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: list[int]
) -> None:
    monkeypatch.setenv("PRESSBOT_ADMIN_IDS", value)
    assert load_settings().admin_ids == expected


def test_log_level_is_case_insensitive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBOT_LOG_LEVEL", "debug")
    assert load_settings().log_level == "DEBUG"


def test_dotenv_file_is_read_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=123:from-dotenv-0123456789\nPRESSBOT_LOG_RETENTION_DAYS=30\n"
        "PRESSBOT_ADMIN_IDS=5,6\n"
    )
    monkeypatch.setenv("PRESSBOT_LOG_RETENTION_DAYS", "45")
    settings = load_settings()
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:from-dotenv-0123456789"
    assert settings.log_retention_days == 45
    assert settings.admin_ids == [5, 6]


def test_secrets_are_hidden_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:very-secret-0123456789")
    monkeypatch.setenv("PRESSBOT_LOG_HASH_KEY", "another-secret-0123456789")
    text = repr(load_settings())
    assert "very-secret" not in text
    assert "another-secret-0123456789" not in text


def test_defaults_are_valid() -> None:
    settings = load_settings()
    assert settings.mode == "polling"
    assert settings.log_retention_days == 90
    assert settings.log_db != settings.cache_path


# ------------------------------------------------------------------ the documentation table


def test_every_setting_is_described() -> None:
    missing = [name for name, info in Settings.model_fields.items() if not info.description]
    assert not missing, f"add a description= to {missing}"


def test_env_names() -> None:
    assert env_name("log_db") == "PRESSBOT_LOG_DB"
    assert env_name("telegram_bot_token") == "TELEGRAM_BOT_TOKEN"
    assert env_name("TELEGRAM_BOT_TOKEN") == "TELEGRAM_BOT_TOKEN"


def test_a_short_secret_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBOT_LOG_HASH_KEY", "hunter2-hunter2")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "hunter2" not in str(caught.value)


def test_a_non_utf8_env_file_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"PRESSBOT_LOG_LEVEL=INFO\nPRESSBOT_TIMEZONE=\xff\xfe\n")
    with pytest.raises(ConfigError, match=r"\.env is not UTF-8 text \(byte 0xff") as caught:
        load_settings()
    assert "\n" not in str(caught.value)


def test_the_token_can_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("424242:from-a-secret-file-0123456789\n", encoding="utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN_FILE", str(secret))
    token = load_settings().telegram_bot_token
    assert token is not None and token.get_secret_value() == "424242:from-a-secret-file-0123456789"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "424242:the-variable-wins-0123456789")
    token = load_settings().telegram_bot_token
    assert token is not None and token.get_secret_value() == "424242:the-variable-wins-0123456789"


@pytest.mark.parametrize(("content", "reason"), [(None, "cannot read"), ("", "does not hold")])
def test_an_unusable_token_file_is_one_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: str | None, reason: str
) -> None:
    secret = tmp_path / "token"
    if content is not None:
        secret.write_text(content, encoding="utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN_FILE", str(secret))
    with pytest.raises(ConfigError, match=f"TELEGRAM_BOT_TOKEN_FILE: .*{reason}"):
        load_settings()


# ------------------------------------------------------- how variables are read (kept as they were)


def test_names_are_case_insensitive_and_values_given_in_code_win(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("pressbot_log_retention_days", "12")
    monkeypatch.setenv("telegram_bot_token", "123:lower-case-name-0123456789")
    settings = load_settings()
    assert settings.log_retention_days == 12
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:lower-case-name-0123456789"
    assert load_settings(log_retention_days=7).log_retention_days == 7
    token = load_settings(telegram_bot_token="123:given-in-code-0123456789").telegram_bot_token
    assert token is not None and token.get_secret_value() == "123:given-in-code-0123456789"


def test_the_env_file_can_be_left_out_and_holds_only_settings(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "# a comment\nexport PRESSBOT_LOG_RETENTION_DAYS=30\nPRESSBOT_LOG_LEVEL='debug'\n"
        "PRESSBOT_ADMIN_IDS\nSOMETHING_ELSE=1\nPRESSBOT_NOT_A_SETTING=2\n"
        'PRESSBOT_STANDING_MEDIA_NAME="Press office # 1"\n'
    )
    settings = load_settings()
    assert settings.log_retention_days == 30
    assert settings.log_level == "DEBUG"
    assert settings.admin_ids == []  # a name without a value is unset
    assert settings.standing_media_name == "Press office # 1"
    assert load_settings(_env_file=None).log_retention_days == 90


def test_an_empty_variable_is_a_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBOT_LOG_RETENTION_DAYS", "")
    with pytest.raises(ConfigError, match="PRESSBOT_LOG_RETENTION_DAYS: .*valid integer"):
        load_settings()
    monkeypatch.setenv("PRESSBOT_LOG_RETENTION_DAYS", "5")
    monkeypatch.setenv("PRESSBOT_LOG_HASH_KEY", "")
    assert load_settings().log_hash_key is None


def test_reading_settings_imports_neither_pydantic_settings_nor_asyncio() -> None:
    """pydantic-settings (which imports asyncio) was a third of `pressbot ask`'s start-up."""
    code = ("import sys\nfrom bot.config import load_settings\nload_settings()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pydantic_settings', 'asyncio', 'dotenv')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
