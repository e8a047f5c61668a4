"""Tests of the health verdict, ``pressbot health`` and sd_notify over a real Unix socket."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest

from bot.health import health_command, judge, notify
from bot.inbox import Inbox, Snapshot

NOW = 1_000_000.0


def snap(**changes: object) -> Snapshot:
    values: dict[str, object] = dict(heartbeat=NOW - 5, last_receive=NOW - 5, last_done=None,
                                     oldest_pending=None, backlog=0, quarantined=0,
                                     interrupted=0, stopped=None)
    values.update(changes)
    return Snapshot(**values)  # type: ignore[arg-type]


def verdict(s: Snapshot) -> tuple[bool, str]:
    v = judge(s, stale_seconds=60, max_backlog=100, now=NOW)
    return v.ok, v.line


def test_fresh_and_empty_is_healthy() -> None:
    ok, line = verdict(snap(quarantined=2))
    assert ok and line == "ok: received 5s ago, backlog 0, 2 quarantined"


@pytest.mark.parametrize(("changes", "why"), [
    ({"heartbeat": None}, "not receiving: no successful"),
    ({"heartbeat": NOW - 61}, "not receiving: last successful receive 61s ago"),
    ({"stopped": NOW - 3}, "stopped 3s ago"),
    ({"backlog": 101, "oldest_pending": NOW - 1}, "backlog of 101"),
    ({"backlog": 3, "oldest_pending": NOW - 90, "last_done": NOW - 70}, "stuck: 3 updates"),
])
def test_unhealthy(changes: dict[str, object], why: str) -> None:
    ok, line = verdict(snap(**changes))
    assert not ok and line.startswith(why)


def test_a_backlog_that_is_moving_is_healthy() -> None:
    assert verdict(snap(backlog=50, oldest_pending=NOW - 90, last_done=NOW - 1))[0]
    assert verdict(snap(backlog=50, oldest_pending=NOW - 2, last_done=None))[0]
    # Started again after a stop: the newer heartbeat wins.
    assert verdict(snap(stopped=NOW - 30, heartbeat=NOW - 1))[0]


def test_health_command(tmp_path: Path) -> None:
    out = io.StringIO()
    assert health_command(tmp_path / "inbox.db", out, stale_seconds=60, max_backlog=10) == 1
    assert out.getvalue().startswith("pressbot: no inbox at")
    inbox = Inbox(tmp_path / "inbox.db")
    inbox.beat()
    out = io.StringIO()
    assert health_command(inbox.path, out, stale_seconds=60, max_backlog=10) == 0
    assert out.getvalue().startswith("pressbot: ok: received")
    assert out.getvalue().count("\n") == 1
    inbox.close()


def test_notify_speaks_to_the_notify_socket(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False  # not under systemd: nothing to do
    path = str(tmp_path / "notify.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(path)
        monkeypatch.setenv("NOTIFY_SOCKET", path)
        assert notify("READY=1") is True
        assert listener.recv(100) == b"READY=1"
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "gone.sock"))
    assert notify("WATCHDOG=1") is False  # systemd went away: never an exception


def test_pressbot_health_reads_the_configured_inbox(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli import Environment, main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PRESSBOT_LOG_DB", str(tmp_path / "questions.db"))
    monkeypatch.delenv("PRESSBOT_INBOX_PATH", raising=False)
    out, err = io.StringIO(), io.StringIO()
    assert main(["health"], Environment(stdout=out, stderr=err)) == 1
    assert out.getvalue() == f"pressbot: no inbox at {tmp_path / 'inbox.db'}: " \
                             "the bot has not run with this data folder\n"
    inbox = Inbox(tmp_path / "inbox.db")  # beside the question log by default
    inbox.beat()
    out = io.StringIO()
    assert main(["health"], Environment(stdout=out, stderr=err)) == 0
    inbox.close()
