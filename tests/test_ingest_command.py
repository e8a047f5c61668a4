"""Tests for bot/ingest/command.py: reading plain text or a saved page, and `ingest` going on
past an input it cannot use, with one line on stderr for it and a non-zero status."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.config import Settings
from bot.ingest.command import ingest, read_text
from bot.ingest.text import UnusableInput
from tests.conftest import engine_settings

RELEASES = Path(__file__).resolve().parent / "releases"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return engine_settings(tmp_path)


def run(files: list[str], out: Path, settings: Settings,
        stdin: bytes = b"") -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = ingest(files, out, settings, io.BytesIO(stdin), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_a_saved_page_is_read_as_its_text() -> None:
    page = b"<html><body><nav>Menu</nav><main><p>Buses must run later.</p></main></body></html>"
    text = read_text(page, "page.html")
    assert "Buses must run later." in text and "<" not in text


@pytest.mark.parametrize(("data", "reason"), [(b"\x00\x01" * 50, "binary"), (b" \n\n", "empty")])
def test_input_that_is_no_text_is_unusable(data: bytes, reason: str) -> None:
    with pytest.raises(UnusableInput, match=reason):
        read_text(data, "x.txt")


def test_each_input_is_drafted_and_reported(settings: Settings, tmp_path: Path) -> None:
    code, out, err = run([str(RELEASES / "night-buses.txt")], tmp_path, settings)
    assert (code, err) == (0, "")
    folder = next((tmp_path / "releases").iterdir())
    assert out.startswith(f"{RELEASES / 'night-buses.txt'}: wrote {folder}/release.txt")
    assert "  found date: 2023-10-02\n" in out
    assert "then `pressbot check`" in out


def test_stdin_is_read_for_a_dash(settings: Settings, tmp_path: Path) -> None:
    text = (RELEASES / "night-buses.txt").read_bytes()
    code, out, _ = run(["-"], tmp_path, settings, stdin=text)
    assert code == 0 and out.startswith("-: wrote ")


def test_an_unusable_input_fails_alone_and_the_rest_are_drafted(settings: Settings,
                                                                tmp_path: Path) -> None:
    missing, empty = tmp_path / "missing.txt", tmp_path / "empty.txt"
    empty.write_text("\n")
    code, out, err = run([str(missing), str(empty), str(RELEASES / "night-buses.txt")],
                         tmp_path / "out", settings)
    assert code == 1
    assert err.splitlines() == [
        f"pressbot: {missing}: cannot be read or written: No such file or directory",
        f"pressbot: {empty}: is empty"]
    assert "wrote" in out and len(list((tmp_path / "out" / "releases").iterdir())) == 1
    assert run([str(missing)], tmp_path / "out", settings)[0] == 1


def test_an_existing_draft_is_not_replaced(settings: Settings, tmp_path: Path) -> None:
    night = str(RELEASES / "night-buses.txt")
    assert run([night], tmp_path, settings)[0] == 0
    code, _, err = run([night], tmp_path, settings)
    assert code == 1 and "already exists" in err
