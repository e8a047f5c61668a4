"""Provides the one settings object, read from environment variables and an optional .env file.

Every knob the bot has lives here so that the README can document it in one table. Invalid
values stop start-up with the variable's name and the reason (see ``load_settings``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from bot.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressbot"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pressbot"


class Settings(BaseSettings):
    """pressbot's configuration. Environment variables win over the .env file."""

    model_config = SettingsConfigDict(
        env_prefix="PRESSBOT_", env_file=".env", extra="ignore", populate_by_name=True
    )

    # doc_default: how the README shows a default that depends on the machine.
    knowledge_dir: Path = Field(
        PROJECT_ROOT / "knowledge",
        description="Release data folder.",
        json_schema_extra={"doc_default": "knowledge/ in the project"},
    )
    intents_dir: Path = Field(
        PROJECT_ROOT / "intents",
        description="Intent data folder.",
        json_schema_extra={"doc_default": "intents/ in the project"},
    )
    cache_path: Path = Field(
        default_factory=lambda: _default_cache_dir() / "knowledge.db",
        description="SQLite cache compiled from knowledge/ and intents/; safe to delete.",
        json_schema_extra={"doc_default": "$XDG_CACHE_HOME/pressbot/knowledge.db"},
    )
    log_db: Path = Field(
        default_factory=lambda: _default_data_dir() / "questions.db",
        description="SQLite question log (separate from the knowledge cache).",
        json_schema_extra={"doc_default": "$XDG_DATA_HOME/pressbot/questions.db"},
    )
    log_questions: bool = Field(True, description="Record questions in the question log.")
    inbox_path: Path | None = Field(
        None,
        description="SQLite inbox of received Telegram updates (0600), read by `pressbot health`.",
        json_schema_extra={"doc_default": "inbox.db beside the question log"},
    )
    stop_timeout: float = Field(
        5.0, gt=0, le=60,
        description="Seconds a stopping bot spends finishing updates in hand; the rest wait.",
    )
    health_stale_seconds: int = Field(
        60, ge=15, description="`pressbot health` fails when nothing was received for this long."
    )
    health_max_backlog: int = Field(
        5000, ge=1, description="`pressbot health` fails when more updates than this wait."
    )
    log_retention_days: int = Field(90, ge=1, description="Days a logged question is kept.")
    log_hash_key: SecretStr | None = Field(
        None, description="Key for hashing chat ids in the log; without it no id is stored."
    )
    office_open: dt.time = Field(dt.time(9, 0), description="Press office opens (local time).")
    office_close: dt.time = Field(dt.time(18, 0), description="Press office closes.")
    office_days: str = Field("mon-fri", description="Working days, e.g. 'mon-fri'.")
    timezone: str = Field("Europe/London", description="Time zone for office hours.")
    # NoDecode: an operator writes "123,456", not a JSON list; _admin_ids splits it.
    admin_ids: Annotated[list[int], NoDecode] = Field(
        default=[],
        description="Comma-separated Telegram user ids allowed /stats, /unanswered, /reload.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Least severe log level written."
    )
    log_json: bool = Field(False, description="Write logs as one JSON object per line.")

    mode: Literal["polling", "webhook"] = Field(
        "polling", description="How Telegram updates arrive: long polling or a webhook."
    )
    webhook_url: str | None = Field(
        None, description="Public https URL Telegram posts updates to (webhook mode)."
    )
    webhook_listen: str = Field(
        "127.0.0.1", description="Address the webhook server binds (behind a reverse proxy)."
    )
    webhook_port: int = Field(8080, ge=1, le=65535, description="Port the webhook server binds.")

    telegram_bot_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "telegram_bot_token"),
        description="Bot token from @BotFather; required by `pressbot run`.",
    )
    telegram_api_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("TELEGRAM_API_BASE_URL", "telegram_api_base_url"),
        description="Bot API base URL, for a local Bot API server or tests.",
    )
    telegram_webhook_secret: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("TELEGRAM_WEBHOOK_SECRET", "telegram_webhook_secret"),
        description="Secret Telegram sends with each webhook call (1-256 of A-Z a-z 0-9 _ -).",
    )

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids(cls, v: object) -> object:
        if isinstance(v, str):
            text = v.strip()
            if text.startswith("["):  # a JSON list still works
                return json.loads(text)
            parts = [p for p in text.replace(";", ",").split(",") if p.strip()]
            bad = [p.strip() for p in parts if not p.strip().lstrip("-").isdigit()]
            if bad:
                raise ValueError(f"{bad[0]!r} is not a Telegram user id; write e.g. '123,456'")
            return [int(p) for p in parts]
        return v

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, v: object) -> object:
        return v.upper() if isinstance(v, str) else v

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _secret(cls, v: SecretStr | None) -> SecretStr | None:
        # Telegram rejects setWebhook with any other secret; better to fail at start-up.
        if v is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", v.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return v

    @model_validator(mode="after")
    def _webhook(self) -> Settings:
        if self.mode != "webhook":
            return self
        if not (self.webhook_url or "").startswith("https://"):
            raise ValueError("PRESSBOT_WEBHOOK_URL: webhook mode needs a public https:// URL")
        # Without the secret anyone who learns the URL could post forged updates.
        if self.telegram_webhook_secret is None:
            raise ValueError("TELEGRAM_WEBHOOK_SECRET: webhook mode needs a secret")
        return self

    @field_validator("office_days")
    @classmethod
    def _days(cls, v: str) -> str:
        parse_days(v)
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v

    @property
    def inbox_file(self) -> Path:
        """The inbox database: PRESSBOT_INBOX_PATH, or inbox.db beside the question log."""
        return self.inbox_path or self.log_db.parent / "inbox.db"

    @property
    def working_days(self) -> frozenset[int]:
        return parse_days(self.office_days)


_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def parse_days(spec: str) -> frozenset[int]:
    """Turn 'mon-fri' or 'mon,wed,fri' into weekday numbers (Monday is 0)."""
    days: set[int] = set()
    for part in spec.lower().replace(" ", "").split(","):
        ends = part.split("-")
        if not part or len(ends) > 2 or any(e not in _DAYS for e in ends):
            raise ValueError(f"{spec!r} is not a list of days like 'mon-fri'")
        a, b = _DAYS.index(ends[0]), _DAYS.index(ends[-1])
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(days)


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning a validation error into one readable ConfigError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except SettingsError as exc:
        # Raised before validation, e.g. a list variable that is not valid JSON.
        field = re.search(r'field "(\w+)"', str(exc))
        name = env_name(field.group(1)) if field else "configuration"
        reason = f"{exc.__cause__}" if exc.__cause__ else str(exc)
        raise ConfigError(f"Invalid configuration: {name}: {reason}") from None
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            if err["loc"]:
                problems.append(f"{env_name(str(err['loc'][0]))}: {msg}")
            else:  # a model validator; its message names the variables itself
                problems.append(msg)
        raise ConfigError("Invalid configuration: " + "; ".join(problems)) from None


def env_name(field: str) -> str:
    """The environment variable that sets a Settings field (or an alias of one)."""
    info = Settings.model_fields.get(field)
    if info is not None and isinstance(info.validation_alias, AliasChoices):
        first = info.validation_alias.choices[0]
        return first if isinstance(first, str) else field.upper()
    if field.upper() == field:  # already an alias such as TELEGRAM_BOT_TOKEN
        return field
    return "PRESSBOT_" + field.upper()
