"""Provides the durable inbox: every Telegram update is stored in SQLite before it is confirmed.

The Telegram layer writes each raw update (its JSON text) here before Telegram is told it has
it (polling: before the next ``getUpdates`` offset; webhook: before the 200), handles it from
here and marks it done once the reply is sent and the question logged. Rows move
``pending`` → ``sending`` (the first message of the reply is about to leave) → ``sent``
(Telegram confirmed it) → ``done``. At start-up a row found in ``sent`` was delivered and
becomes ``done``; one found in ``sending`` may or may not have been delivered, becomes
``interrupted`` and is never sent again (at most once: see docs/reliability.md).
Updates that cannot be parsed or keep failing are ``quarantined``, kept for an admin to see.

The file also holds the liveness figures (``meta``) so that ``pressbot health``, in another
process, can read them. It is created 0600 in a 0700 folder: it holds what users typed.
This module knows nothing of Telegram.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.errors import PressbotError

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
DONE = "done"
QUARANTINED = "quarantined"
INTERRUPTED = "interrupted"

DONE_KEPT_SECONDS = 86_400.0  # done rows (ids only) are kept a day to recognise re-deliveries

_SCHEMA = """
CREATE TABLE IF NOT EXISTS updates (
    update_id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    received REAL NOT NULL,
    finished REAL,
    reason TEXT
);
CREATE INDEX IF NOT EXISTS updates_state ON updates (state, update_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value REAL NOT NULL);
"""


class InboxError(PressbotError):
    """The inbox file cannot be opened or read."""


@dataclass(frozen=True)
class Row:
    """One stored update waiting to be handled."""

    update_id: int
    body: str
    attempts: int


@dataclass(frozen=True)
class Aside:
    """A quarantined or interrupted update, as an admin sees it (no body, no user fields)."""

    update_id: int
    state: str
    reason: str
    received: float


@dataclass(frozen=True)
class Snapshot:
    """The liveness figures: times are Unix seconds, None when never recorded."""

    heartbeat: float | None
    last_receive: float | None
    last_done: float | None
    oldest_pending: float | None
    backlog: int
    quarantined: int
    interrupted: int
    stopped: float | None


def _private_file(path: Path) -> None:
    """Create the folder 0700 and the file 0600 before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class Inbox:
    """The inbox database; one connection, used from the event loop's thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            _private_file(path)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            # WAL + NORMAL: a commit survives a killed process (not a power cut) at a
            # fraction of FULL's cost; one write per update is on the event loop.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise InboxError(f"cannot open the inbox {path}: {exc}") from None
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.chmod(side, 0o600)

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._db.close()

    # ------------------------------------------------------------------ receiving

    def add(self, updates: Iterable[tuple[int, str]], *, next_offset: int | None = None) -> int:
        """Store updates (id, raw JSON) in one transaction; returns how many were new.

        An id seen before (a re-delivery) is ignored. ``next_offset`` is stored in the same
        transaction, so the offset never runs ahead of what is stored.
        """
        now = time.time()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            before = self._db.total_changes
            self._db.executemany(
                "INSERT OR IGNORE INTO updates (update_id, body, state, received) "
                "VALUES (?, ?, ?, ?)",
                [(uid, body, PENDING, now) for uid, body in updates],
            )
            added = self._db.total_changes - before
            if next_offset is not None:
                self._set("offset", next_offset)
            self._set("last_receive", now)
        return added

    def offset(self) -> int | None:
        """The getUpdates offset to confirm everything stored, or None at first start."""
        value = self._get("offset")
        return None if value is None else int(value)

    def beat(self) -> None:
        """Record that the receiving loop is alive (a getUpdates answered, a webhook tick)."""
        self._set("heartbeat", time.time())
        self._db.execute("DELETE FROM meta WHERE key = 'stopped'")

    def stopped(self) -> None:
        """Record a clean stop, so that health reports 'stopped' rather than 'stale'."""
        self._set("stopped", time.time())

    # ------------------------------------------------------------------ handling

    def recover(self) -> int:
        """At start-up: rows left in ``sending`` become ``interrupted`` (never resent)."""
        now = time.time()
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "UPDATE updates SET state = ?, reason = ?, finished = ?, body = '' "
                "WHERE state = ?",
                (DONE, "reply sent; the run stopped before it was marked done", now, SENT),
            )
            cur = self._db.execute(
                "UPDATE updates SET state = ?, reason = ?, finished = ? WHERE state = ?",
                (INTERRUPTED, "the run stopped while the reply was being sent; not sent again",
                 now, SENDING),
            )
        return cur.rowcount

    def pending(self, limit: int, exclude: Sequence[int] = (), after: int | None = None
                ) -> list[Row]:
        """Up to ``limit`` pending rows in update order, leaving out ids in ``exclude`` and,
        with ``after``, every id up to it."""
        if limit <= 0:
            return []
        rows = self._db.execute(
            "SELECT update_id, body, attempts FROM updates WHERE state = ? AND update_id > ? "
            "ORDER BY update_id LIMIT ?",
            (PENDING, -(2**63) if after is None else after, limit + len(exclude)),
        ).fetchall()
        skip = set(exclude)
        return [Row(*r) for r in rows if r[0] not in skip][:limit]

    def sending(self, update_id: int) -> None:
        """The reply to this update is about to be sent: from now on it is never resent."""
        self._db.execute(
            "UPDATE updates SET state = ? WHERE update_id = ? AND state = ?",
            (SENDING, update_id, PENDING),
        )

    def sent(self, update_id: int) -> None:
        """Telegram confirmed (part of) the reply: it was delivered."""
        self._db.execute(
            "UPDATE updates SET state = ? WHERE update_id = ? AND state = ?",
            (SENT, update_id, SENDING),
        )

    def done(self, update_id: int, reason: str | None = None) -> None:
        """Handled: the body is dropped (only the id is kept, to recognise re-deliveries)."""
        self.done_many([(update_id, reason)])

    def done_many(self, handled: Sequence[tuple[int, str | None]]) -> None:
        """Mark several updates done in one transaction (see ``done``)."""
        if not handled:
            return
        now = time.time()
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "UPDATE updates SET state = ?, body = '', finished = ?, reason = ? "
                "WHERE update_id = ?",
                [(DONE, now, reason, uid) for uid, reason in handled],
            )
            self._set("last_done", now)

    def failed(self, update_id: int) -> int:
        """A try failed before anything was sent: back to pending; returns the attempts so far."""
        self._db.execute(
            "UPDATE updates SET state = ?, attempts = attempts + 1 WHERE update_id = ?",
            (PENDING, update_id),
        )
        row = self._db.execute(
            "SELECT attempts FROM updates WHERE update_id = ?", (update_id,)
        ).fetchone()
        return int(row[0]) if row else 0

    def quarantine(self, update_id: int, reason: str) -> None:
        """Keep the update aside (with its body, for an admin) and move on."""
        now = time.time()
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "UPDATE updates SET state = ?, reason = ?, finished = ? WHERE update_id = ?",
                (QUARANTINED, reason, now, update_id),
            )
            self._set("last_done", now)

    def prune(self, now: float | None = None) -> int:
        """Forget done rows older than a day; returns how many."""
        cutoff = (now or time.time()) - DONE_KEPT_SECONDS
        cur = self._db.execute(
            "DELETE FROM updates WHERE state = ? AND finished < ?", (DONE, cutoff)
        )
        return cur.rowcount

    # ------------------------------------------------------------------ reading

    def state_of(self, update_id: int) -> str | None:
        """The state of one update (None if unknown)."""
        row = self._db.execute(
            "SELECT state FROM updates WHERE update_id = ?", (update_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def aside(self, limit: int = 10) -> list[Aside]:
        """The latest quarantined and interrupted updates, newest first."""
        rows = self._db.execute(
            "SELECT update_id, state, coalesce(reason, ''), received FROM updates "
            "WHERE state IN (?, ?) ORDER BY received DESC, update_id DESC LIMIT ?",
            (QUARANTINED, INTERRUPTED, limit),
        ).fetchall()
        return [Aside(*r) for r in rows]

    def snapshot(self) -> Snapshot:
        """The liveness figures (see ``bot.health``)."""
        return read_snapshot(self._db)

    # ------------------------------------------------------------------ meta

    def _set(self, key: str, value: float) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _get(self, key: str) -> float | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else float(row[0])


def read_snapshot(db: sqlite3.Connection) -> Snapshot:
    """The liveness figures from an open inbox database."""
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    counts = dict(db.execute("SELECT state, count(*) FROM updates GROUP BY state").fetchall())
    oldest = db.execute(
        "SELECT min(received) FROM updates WHERE state IN (?, ?, ?)", (PENDING, SENDING, SENT)
    ).fetchone()[0]
    return Snapshot(
        heartbeat=meta.get("heartbeat"),
        last_receive=meta.get("last_receive"),
        last_done=meta.get("last_done"),
        oldest_pending=oldest,
        backlog=sum(int(counts.get(state, 0)) for state in (PENDING, SENDING, SENT)),
        quarantined=int(counts.get(QUARANTINED, 0)),
        interrupted=int(counts.get(INTERRUPTED, 0)),
        stopped=meta.get("stopped"),
    )


def snapshot_of(path: Path) -> Snapshot:
    """Read the liveness figures of an inbox file read-only (another process may be writing)."""
    if not path.exists():
        raise InboxError(f"no inbox at {path}: the bot has not run with this data folder")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            db.execute("PRAGMA busy_timeout=2000")
            return read_snapshot(db)
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise InboxError(f"cannot read the inbox {path}: {exc}") from None
