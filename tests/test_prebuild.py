"""Tests for bot.prebuild and ``knowledge.cache_is_current``: a cold start's caches built in a
child process, after which the engine loads as from a warm start (without importing wordfreq),
the child never given a secret, and a child that fails changing nothing."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot import knowledge as kb
from bot import routing
from bot.bankholidays import years_from
from bot.config import Settings
from bot.prebuild import build_aside, start_aside

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:" + "x" * 30


def settings_in(folder: Path) -> Settings:
    return Settings(_env_file=None, cache_path=folder / "knowledge.db",  # type: ignore[call-arg]
                    log_db=folder / "questions.db", log_questions=False,
                    telegram_bot_token=SecretStr(TOKEN))


def current(settings: Settings) -> bool:
    return kb.cache_is_current(settings.knowledge_dir, settings.intents_dir, settings.cache_path)


def test_a_cold_start_builds_its_caches_in_a_child_and_loads_them_warm(tmp_path: Path) -> None:
    code = ("import sys\nfrom pathlib import Path\n"
            "from tests.test_prebuild import settings_in\n"
            "from bot.prebuild import build_aside\nfrom bot.engine import Engine\n"
            f"settings = settings_in(Path({str(tmp_path)!r}))\n"
            "print(build_aside(settings), build_aside(settings))\n"
            "Engine(settings)\n"
            "print('wordfreq' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, cwd=ROOT, check=True).stdout.split()
    assert out == ["True", "False", "False"]  # built once; then current; no word list read
    assert sorted(p.name for p in tmp_path.glob("knowledge*.db")) == [
        "knowledge-classifier.db", "knowledge-needs.db", "knowledge-normalised.db",
        "knowledge.db"]
    assert current(settings_in(tmp_path))


def test_a_start_reads_the_bank_holidays_and_builds_the_caches_aside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routing, "_READ", {})
    settings = settings_in(tmp_path)
    ready = start_aside(settings)
    ready()
    assert current(settings)
    assert sorted(routing._READ) == years_from(settings.timezone)


def test_the_cache_is_current_only_for_its_own_files(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    assert not current(settings)
    kb.load(settings.knowledge_dir, settings.intents_dir, settings.cache_path)
    assert current(settings)
    other = tmp_path / "intents"
    other.mkdir()
    for path in settings.intents_dir.iterdir():
        (other / path.name).write_bytes(path.read_bytes())
    (other / "lexicon.yaml").write_text((other / "lexicon.yaml").read_text() + "\n# edited\n")
    assert not kb.cache_is_current(settings.knowledge_dir, other, settings.cache_path)
    settings.cache_path.write_bytes(b"not a database")
    assert not current(settings)


def test_the_child_is_never_given_a_secret(tmp_path: Path) -> None:
    seen = tmp_path / "seen.txt"
    code = ("import pickle, sys\nfrom pathlib import Path\n"
            "s = pickle.loads(sys.stdin.buffer.read())\n"
            f"Path({str(seen)!r}).write_text(repr(s) + repr(s.telegram_bot_token))\n")
    assert build_aside(settings_in(tmp_path), command=[sys.executable, "-c", code])
    assert TOKEN not in seen.read_text() and seen.read_text().endswith("None")


@pytest.mark.parametrize("command", [
    [sys.executable, "-c", "raise SystemExit(3)"], [str(ROOT / "no-such-program")]])
def test_a_child_that_fails_changes_nothing(tmp_path: Path, command: list[str],
                                            caplog: pytest.LogCaptureFixture) -> None:
    settings = settings_in(tmp_path)
    assert not build_aside(settings, command=command)
    assert "building the caches here" in caplog.text
    assert not current(settings)


def test_the_settings_pickle_as_they_are(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    assert pickle.loads(pickle.dumps(settings)) == settings
