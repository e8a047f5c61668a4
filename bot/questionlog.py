"""Provides the question log: every question asked, whether it was answered, and reports on it.

The log is its own SQLite database (``PRESSBOT_LOG_DB``), separate from the knowledge cache, so
rebuilding the knowledge never touches it. It runs in WAL mode with ``synchronous=FULL`` and
commits every row before ``record`` returns (rows recorded at the same time, from several
threads, share one commit), so a killed process (or a power cut) loses no row that ``record``
reported as written. The file is created 0600 in a folder created 0700. Only the
running service purges: rows older than its retention period go when it opens the log and then
at most once an hour while recording; reports and the command line open it with
``purge=False``.

Nothing identifying a person is stored: no Telegram user id, name or username. When a hash key
is configured (``PRESSBOT_LOG_HASH_KEY``) the chat id is stored as an HMAC-SHA256, which lets
editors count distinct chats without being able to recover the id; without a key no chat
reference is stored at all. Before a question is written, ``mask`` (bot.masking) replaces e-mail
addresses, self-introduced names, street addresses, UK postcodes, passport and National
Insurance numbers and phone numbers with placeholders such as ``[postcode]``; with
``PRESSBOT_LOG_TEXT=false`` no text is stored at all, only the question's type and outcome.
Masking works on the stored copy: the engine has already answered the question as typed.
``pressbot report`` reads it through ``bot.report``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from bot.answermodels import Answer
from bot.config import Settings
from bot.errors import PressbotError
from bot.masking import mask as mask  # importable from here, as before
from bot.masking import normalise as normalise

log = logging.getLogger(__name__)

MAX_TEXT = 2000
"""Longer questions are truncated; Telegram allows 4096 characters, editors need far fewer."""

PURGE_INTERVAL = dt.timedelta(hours=1)
DEFAULT_MIN_CONFIDENCE = 0.6
"""Answered questions below this confidence count as 'low confidence' in reports."""

SCHEMA_VERSION = 2  # 2: release_id
_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,          -- UTC, ISO 8601 with microseconds: sorts as text
    text TEXT NOT NULL,          -- the question, masked and truncated
    normalised TEXT NOT NULL,    -- what reports group on
    kind TEXT NOT NULL,          -- answer, fallback, clarify, safeguarding, invalid
    intent TEXT,                 -- NULL when no intent matched
    confidence REAL NOT NULL,
    fallback INTEGER NOT NULL,   -- 1 when intent is NULL
    channel TEXT NOT NULL,       -- telegram, cli, ...
    chat TEXT,                   -- HMAC-SHA256 of the chat id, or NULL
    release_id TEXT NOT NULL DEFAULT ''  -- the release asked about; '' for none
);
CREATE INDEX IF NOT EXISTS questions_time ON questions (time);
"""

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class _Pending:
    """A row waiting for its commit, and its id once written (None if the write failed)."""

    row: tuple[object, ...]
    written: bool = False
    row_id: int | None = None


class QuestionLogError(PressbotError):
    """The question log cannot be opened or read."""


@dataclass(frozen=True)
class UnansweredQuestion:
    """A group of unanswered or low-confidence questions with the same normalised text."""

    text: str  # the most recent wording
    count: int
    fallbacks: int  # how many of them had no intent at all
    best_confidence: float
    last_seen: dt.datetime
    release: str = ""  # the id of the release asked about; '' for none


@dataclass(frozen=True)
class Stats:
    """Question counts for /stats."""

    today: int
    week: int
    week_answered: int
    top_intents: list[tuple[str, int]]

    @property
    def answer_rate(self) -> float | None:
        """Share of this week's questions that matched an intent; None when there were none."""
        return self.week_answered / self.week if self.week else None


def _iso(moment: dt.datetime) -> str:
    """Fixed-width UTC text, so that comparing strings in SQL compares times."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _create_private(path: Path) -> None:
    """Create the log's folder (0700) and file (0600) if missing, so that nobody else on the
    machine can read the questions; SQLite gives its -wal and -shm files the file's mode."""
    missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    if path.exists():
        return
    # FileExistsError: another process created it first, and that one set the mode.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


class QuestionLog:
    """The question log database; one instance per process, safe to share between threads."""

    def __init__(
        self,
        path: Path | str,
        retention_days: int = 90,
        hash_key: str | None = None,
        clock: Clock = utc_now,
        *,
        purge: bool = True,
        store_text: bool = True,
    ) -> None:
        """Open (creating if needed) the log at ``path``.

        ``purge=False`` opens it without ever deleting rows: only the running service purges,
        with its own retention setting, so a report or a one-off ``ask`` run from a shell with
        another (or the default) retention cannot delete what the service keeps.
        ``store_text=False`` keeps only each question's type and outcome, not its words.
        """
        if retention_days < 1:
            raise ValueError("retention_days must be at least 1")
        self.path = Path(path)
        self.retention = dt.timedelta(days=retention_days)
        self.purges = purge
        self.store_text = store_text
        self._key = hash_key.encode() if hash_key else None
        self._clock = clock
        self._lock = threading.Lock()  # one writer (and one committer) at a time
        self._queued = threading.Lock()  # guards _queue, which a commit empties
        self._queue: list[_Pending] = []
        self._last_purge: dt.datetime | None = None
        try:
            _create_private(self.path)
            # check_same_thread=False: the bot may record from a worker thread; _lock serialises.
            # isolation_level=None: autocommit, so each INSERT is its own committed transaction.
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout = 5000")  # the CLI and the bot may both write
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                log.warning("question log %s is not in WAL mode (%s)", self.path, mode)
            # FULL: a commit is on disk before record() returns, even across a power cut.
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.executescript(_SCHEMA)
            self._migrate()
            if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as exc:
            raise QuestionLogError(f"cannot open the question log {self.path}: {exc}") from exc
        if not purge:
            return
        try:
            self.purge()
        except sqlite3.Error as exc:  # e.g. a read-only copy: reading still works
            log.warning("could not purge the question log %s: %s", self.path, exc)

    def _migrate(self) -> None:
        """Bring a log written by an older version up to date, keeping every row: a version 1
        log gains ``release_id`` ('' for its rows, which named no release)."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(questions)")}
        if "release_id" not in columns:
            self._db.execute("ALTER TABLE questions ADD COLUMN release_id TEXT NOT NULL "
                             "DEFAULT ''")

    @classmethod
    def from_settings(
        cls, settings: Settings, clock: Clock = utc_now, *, purge: bool = True
    ) -> QuestionLog:
        """The log as settings describe it; pass ``purge=False`` anywhere but the service."""
        key = settings.log_hash_key.get_secret_value() if settings.log_hash_key else None
        return cls(settings.log_db, settings.log_retention_days, key, clock, purge=purge,
                   store_text=settings.log_text)

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> QuestionLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def chat_hash(self, chat_id: int) -> str | None:
        """The keyed hash stored for a chat id, or None when no key is configured."""
        if self._key is None:
            return None
        return hmac.new(self._key, str(chat_id).encode(), hashlib.sha256).hexdigest()

    def record(self, answer: Answer, channel: str, chat_id: int | None = None) -> int | None:
        """Store one question and return its row id once committed.

        Returns None, after logging a warning, when the database cannot be written (full disk,
        locked too long): losing a log row must never stop the bot answering.
        """
        now = self._clock()
        text = mask(answer.question)[:MAX_TEXT] if self.store_text else ""
        row = (
            _iso(now),
            text,
            normalise(text),
            answer.kind,
            answer.intent,
            answer.confidence,
            int(answer.intent is None),
            channel,
            self.chat_hash(chat_id) if chat_id is not None else None,
            answer.release,
        )
        pending = _Pending(row)
        with self._queued:
            self._queue.append(pending)
        # Group commit: whoever holds the lock writes every row queued so far in one
        # transaction, so the rows of questions answered at once share one fsync (FULL's cost,
        # most of a row's, is per commit); each call still returns only once its row is on disk.
        with self._lock:
            if not pending.written:
                self._write_queued()
        if pending.row_id is None:
            return None
        if self.purges and (self._last_purge is None or now - self._last_purge >= PURGE_INTERVAL):
            try:
                self.purge()
            except sqlite3.Error as exc:  # the row is committed; a later purge will catch up
                log.warning("could not purge the question log %s: %s", self.path, exc)
        return pending.row_id

    def _write_queued(self) -> None:
        """Insert every queued row in one transaction (the caller holds ``_lock``); a failure
        loses the batch, after one warning, as it would have lost each of its rows."""
        with self._queued:
            batch, self._queue = self._queue, []
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                ids = [self._db.execute(
                    "INSERT INTO questions (time, text, normalised, kind, intent, confidence,"
                    " fallback, channel, chat, release_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p.row).lastrowid for p in batch]
            for p, row_id in zip(batch, ids, strict=True):
                p.row_id = row_id
        except sqlite3.Error as exc:
            log.warning("could not write to the question log %s: %s", self.path, exc)
        finally:
            for p in batch:
                p.written = True

    def purge(self) -> int:
        """Delete rows older than the retention period; return how many were deleted."""
        now = self._clock()
        cutoff = _iso(now - self.retention)
        with self._lock:
            deleted = self._db.execute("DELETE FROM questions WHERE time < ?", (cutoff,)).rowcount
        self._last_purge = now
        if deleted:
            log.info("purged %d logged questions older than %s", deleted, cutoff)
        return deleted

    # ------------------------------------------------------------------ reading

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM questions").fetchone()[0])

    def totals(self, since: dt.datetime, until: dt.datetime) -> tuple[int, int]:
        """(questions, questions that matched an intent) between two moments, inclusive."""
        with self._lock:
            total, answered = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(1 - fallback), 0) FROM questions"
                " WHERE time >= ? AND time <= ?",
                (_iso(since), _iso(until)),
            ).fetchone()
        return int(total), int(answered)

    def unanswered(
        self,
        since: dt.datetime,
        limit: int = 20,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> list[UnansweredQuestion]:
        """The most frequent questions since ``since`` with no intent or a low confidence.

        Invalid input (empty messages and the like) is left out: editors cannot fix it by adding
        example questions.
        """
        # text and time are "bare columns" next to MAX(time): SQLite takes them from the row
        # with the latest time, so each group shows its most recent wording.
        query = """
            SELECT text, COUNT(*) AS n, SUM(fallback), MAX(confidence), MAX(time), release_id
            FROM questions
            WHERE time >= ? AND kind != 'invalid' AND (fallback = 1 OR confidence < ?)
            GROUP BY release_id, normalised
            ORDER BY n DESC, MAX(time) DESC
            LIMIT ?
        """
        with self._lock:
            rows = self._db.execute(query, (_iso(since), min_confidence, limit)).fetchall()
        return [
            UnansweredQuestion(text, n, fallbacks, best, dt.datetime.fromisoformat(last), release)
            for text, n, fallbacks, best, last, release in rows
        ]

    def stats(self, now: dt.datetime, top: int = 5) -> Stats:
        """Counts for today and this week (since Monday), in ``now``'s time zone.

        Pass ``now`` in the office's time zone so that "today" starts at local midnight; a
        naive ``now`` is taken as UTC.
        """
        if now.tzinfo is None:
            now = now.replace(tzinfo=dt.UTC)
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        week = today - dt.timedelta(days=today.weekday())
        n_today, _ = self.totals(today, now)
        n_week, answered = self.totals(week, now)
        with self._lock:
            intents = self._db.execute(
                "SELECT intent, COUNT(*) AS n FROM questions"
                " WHERE time >= ? AND time <= ? AND intent IS NOT NULL"
                " GROUP BY intent ORDER BY n DESC, intent LIMIT ?",
                (_iso(week), _iso(now), top),
            ).fetchall()
        return Stats(n_today, n_week, answered, [(i, int(n)) for i, n in intents])
