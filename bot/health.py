"""Provides the liveness verdict (``pressbot health``, the webhook's /healthz, the watchdog) and
systemd's sd_notify.

"Healthy" means the bot is receiving and answering: the receiving loop has beaten within the
staleness window (a getUpdates answered, or the webhook server's tick), it was not stopped,
the backlog is under the limit, and if anything is waiting, something was finished (or the
waiting began) within the window. ``notify`` speaks systemd's notify protocol over
``$NOTIFY_SOCKET`` with the standard library, and does nothing when the variable is unset.
This module knows nothing of Telegram.
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.inbox import InboxError, Snapshot, snapshot_of


@dataclass(frozen=True)
class Verdict:
    """Healthy or not, and one line saying why."""

    ok: bool
    line: str


def judge(snap: Snapshot, *, stale_seconds: float, max_backlog: int,
          now: float | None = None) -> Verdict:
    """The verdict on a snapshot of the inbox."""
    now = time.time() if now is None else now
    if snap.stopped is not None and (snap.heartbeat is None or snap.stopped >= snap.heartbeat):
        return Verdict(False, f"stopped {now - snap.stopped:.0f}s ago")
    if snap.heartbeat is None:
        return Verdict(False, "not receiving: no successful getUpdates or webhook tick yet")
    age = now - snap.heartbeat
    if age > stale_seconds:
        return Verdict(False, f"not receiving: last successful receive {age:.0f}s ago "
                              f"(limit {stale_seconds:.0f}s)")
    if snap.backlog > max_backlog:
        return Verdict(False, f"backlog of {snap.backlog} updates (limit {max_backlog})")
    if snap.backlog and snap.oldest_pending is not None:
        progress = max(snap.last_done or 0.0, snap.oldest_pending)
        if now - progress > stale_seconds:
            return Verdict(False, f"stuck: {snap.backlog} updates waiting and none finished "
                                  f"in {now - progress:.0f}s")
    aside = f", {snap.quarantined} quarantined" if snap.quarantined else ""
    return Verdict(True, f"ok: received {age:.0f}s ago, backlog {snap.backlog}{aside}")


def check_file(path: Path, *, stale_seconds: float, max_backlog: int) -> Verdict:
    """The verdict on the inbox file at ``path`` (unhealthy if it cannot be read)."""
    try:
        snap = snapshot_of(path)
    except InboxError as exc:
        return Verdict(False, str(exc))
    return judge(snap, stale_seconds=stale_seconds, max_backlog=max_backlog)


def health_command(path: Path, out: TextIO, *, stale_seconds: float, max_backlog: int) -> int:
    """``pressbot health``: one line, exit 0 when healthy and 1 otherwise."""
    verdict = check_file(path, stale_seconds=stale_seconds, max_backlog=max_backlog)
    out.write(f"pressbot: {verdict.line}\n")
    return 0 if verdict.ok else 1


def notify(state: str) -> bool:
    """Send ``state`` (e.g. ``READY=1``) to systemd; False when not under systemd or it failed."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address or address[0] not in "/@":
        return False
    target = "\0" + address[1:] if address[0] == "@" else address  # '@' is an abstract socket
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(target)
            sock.sendall(state.encode("utf-8"))
    except OSError:
        return False
    return True
