"""Tests for bot/configdoc.py: the settings table in docs/operations.md has one row per setting,
does not depend on the machine, is up to date, and is checked and rewritten between its markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import configdoc
from bot.config import Settings, env_name

ROOT = Path(__file__).resolve().parent.parent

# No configuration from the machine running the tests (conftest.py).
pytestmark = pytest.mark.usefixtures("clean_env")


def test_table_has_one_row_per_setting() -> None:
    table = configdoc.settings_table()
    for name in Settings.model_fields:
        assert f"| `{env_name(name)}` |" in table
    assert len(table.splitlines()) == 2 + len(Settings.model_fields)


def test_table_does_not_depend_on_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    before = configdoc.settings_table()
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/else")
    monkeypatch.setenv("HOME", "/home/someone")
    assert configdoc.settings_table() == before
    assert str(ROOT) not in before


def test_documented_table_matches_settings() -> None:
    document = "docs/operations.md"
    text = (ROOT / document).read_text(encoding="utf-8")
    assert configdoc.START in text, f"{document} has no settings table"
    assert configdoc.replace_table(text) == text, (
        f"the settings table in {document} is stale: run python -m bot.configdoc --write {document}"
    )


def test_configdoc_check_and_write(tmp_path: Path) -> None:
    doc = tmp_path / "ops.md"
    doc.write_text(f"intro\n{configdoc.START}\nold table\n{configdoc.END}\nafter\n")
    assert configdoc.main(["--check", str(doc)]) == 1
    assert configdoc.main(["--write", str(doc)]) == 0
    assert configdoc.main(["--check", str(doc)]) == 0
    text = doc.read_text()
    assert text.startswith("intro\n") and text.endswith("after\n")
    assert "old table" not in text
    (tmp_path / "none.md").write_text("no markers")
    assert configdoc.main(["--check", str(tmp_path / "none.md")]) == 1
