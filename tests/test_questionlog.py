"""Tests for bot.questionlog: durability, retention, privacy and the unanswered questions and
statistics reports read. `pressbot report` is tested in test_report.py, masking in
test_masking.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.questionlog import MAX_TEXT, QuestionLog, QuestionLogError
from tests.questionlog_factory import LONDON, T0, FakeClock, answer, fill, rows

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ recording


def test_records_what_the_issue_asks_for(tmp_path: Path) -> None:
    path = tmp_path / "questions.db"
    with QuestionLog(path, clock=FakeClock()) as qlog:
        qlog.record(answer("How many referrals in 2019?", "referrals", 0.83), "telegram", 42)
        qlog.record(answer("what is the weather", None, 0.1), "cli")
    first, second = rows(path)
    assert first["time"] == "2025-06-18T12:00:00.000000+00:00"
    assert first["text"] == "How many referrals in 2019?"
    assert first["intent"] == "referrals"
    assert first["confidence"] == pytest.approx(0.83)
    assert first["fallback"] == 0
    assert first["channel"] == "telegram"
    assert second["intent"] is None
    assert second["fallback"] == 1
    assert second["kind"] == "fallback"
    assert second["channel"] == "cli"


def test_time_is_stored_in_utc(tmp_path: Path) -> None:
    local = dt.datetime(2025, 6, 18, 13, 0, tzinfo=LONDON)
    with QuestionLog(tmp_path / "q.db", clock=lambda: local) as qlog:
        qlog.record(answer(), "cli")
    assert rows(tmp_path / "q.db")[0]["time"] == "2025-06-18T12:00:00.000000+00:00"


def test_wal_mode_and_separate_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "questions.db"
    with QuestionLog(path) as qlog:
        qlog.record(answer(), "cli")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_very_long_text_is_truncated(tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "q.db") as qlog:
        qlog.record(answer("why " * 5000), "telegram")
    assert len(rows(tmp_path / "q.db")[0]["text"]) == MAX_TEXT


def test_emails_and_phone_numbers_are_masked(tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "q.db") as qlog:
        qlog.record(answer("call me on 07700 900123 or jo.bloggs@example.org", None, 0), "cli")
        qlog.record(answer("Is 1,155% since 2013 right? 4,000 people?", None, 0), "cli")
    masked, kept = (r["text"] for r in rows(tmp_path / "q.db"))
    assert masked == "call me on [phone] or [email]"
    assert kept == "Is 1,155% since 2013 right? 4,000 people?"


# ------------------------------------------------------------------ privacy


def test_without_a_key_no_chat_reference_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with QuestionLog(path) as qlog:
        qlog.record(answer(), "telegram", chat_id=987654321012)
    assert rows(path)[0]["chat"] is None
    assert b"987654321012" not in _all_bytes(path)


def test_keyed_hash_never_stores_the_raw_id(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    chat_id = 987654321012
    with QuestionLog(path, hash_key="k" * 32) as qlog:
        qlog.record(answer(), "telegram", chat_id=chat_id)
        qlog.record(answer(), "telegram", chat_id=chat_id)
        qlog.record(answer(), "telegram", chat_id=-100123456789)
    stored = [r["chat"] for r in rows(path)]
    expected = hmac.new(b"k" * 32, str(chat_id).encode(), hashlib.sha256).hexdigest()
    assert stored[0] == stored[1] == expected  # repeat askers can be counted…
    assert stored[2] != expected
    assert str(chat_id) not in stored[0]
    assert b"987654321012" not in _all_bytes(path)  # …but the id is nowhere in the files
    # Without the key the hash cannot be recomputed from a guessed id.
    assert hashlib.sha256(str(chat_id).encode()).hexdigest() != expected


def test_different_keys_give_different_hashes(tmp_path: Path) -> None:
    one = QuestionLog(tmp_path / "a.db", hash_key="first-key-0123456789")
    two = QuestionLog(tmp_path / "b.db", hash_key="second-key-0123456789")
    assert one.chat_hash(5) != two.chat_hash(5)
    one.close()
    two.close()


def test_no_columns_for_people(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    QuestionLog(path).close()
    db = sqlite3.connect(path)
    columns = {row[1] for row in db.execute("PRAGMA table_info(questions)")}
    db.close()
    assert not columns & {"user_id", "username", "first_name", "last_name", "chat_id", "name"}


def _all_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


# ------------------------------------------------------------------ durability


WRITER = textwrap.dedent(
    """
    import sys
    from bot.answermodels import Answer
    from bot.questionlog import QuestionLog

    qlog = QuestionLog(sys.argv[1])
    n = 0
    while True:
        n += 1
        a = Answer(question=f"question {n}", kind="answer", intent="x", confidence=0.5,
                   paragraphs=[])
        row_id = qlog.record(a, "cli")
        # Reported only after record() returned, i.e. after the commit.
        print(row_id, flush=True)
    """
)


def test_killed_process_loses_no_committed_row(tmp_path: Path) -> None:
    path = tmp_path / "questions.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    reported: list[int] = []
    try:
        for line in child.stdout:
            reported.append(int(line))
            if len(reported) == 300:  # mid-stream: the writer is still looping
                child.send_signal(signal.SIGKILL)
                break
        # Lines already in the pipe were also reported as committed.
        reported.extend(int(line) for line in child.stdout if line.strip())
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert len(reported) >= 300

    with QuestionLog(path) as qlog:  # reopening recovers the WAL
        stored = {r["id"] for r in rows(path)}
        assert qlog.count() == len(stored)
    assert set(reported) <= stored
    assert len(stored) - len(reported) <= 1  # at most the row being written when killed
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_rows_recorded_at_once_from_threads_are_each_committed_with_their_own_id(
        tmp_path: Path) -> None:
    # Threads recording together share commits (group commit): each call must still return
    # its own row's id, and only once that row is stored.
    path = tmp_path / "q.db"
    with QuestionLog(path) as qlog:
        start = threading.Barrier(8)

        def worker(n: int) -> list[tuple[int | None, str]]:
            start.wait()
            out = []
            for k in range(25):
                label = f"thread {n} question {k}"
                row_id = qlog.record(answer(label), "telegram")
                stored = sqlite3.connect(path).execute(
                    "SELECT text FROM questions WHERE id = ?", (row_id,)).fetchone()
                out.append((row_id, stored[0] if stored else ""))
                assert stored == (label,)
            return out

        with ThreadPoolExecutor(8) as pool:
            results = [r for rs in pool.map(worker, range(8)) for r in rs]
    ids = [row_id for row_id, _ in results]
    assert len(set(ids)) == len(ids) == 200
    assert {r["id"]: r["text"] for r in rows(path)} == dict(results)


def test_a_failed_write_does_not_raise(tmp_path: Path) -> None:
    qlog = QuestionLog(tmp_path / "q.db")
    qlog.close()  # every later statement fails, as on a full or vanished disk
    assert qlog.record(answer(), "cli") is None


def test_unopenable_log_is_a_readable_error(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(QuestionLogError, match=r"cannot open the question log .*dir\.db"):
        QuestionLog(tmp_path / "dir.db")


# ------------------------------------------------------------------ retention


def test_retention_deletes_exactly_what_is_older_than_the_period(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    clock = FakeClock(T0)
    with QuestionLog(path, retention_days=90, clock=clock) as qlog:
        for label, offset in [
            ("older", dt.timedelta(days=90, microseconds=1)),
            ("boundary", dt.timedelta(days=90)),
            ("younger", dt.timedelta(days=89, hours=23)),
            ("today", dt.timedelta(0)),
        ]:
            clock.now = T0 - offset
            qlog.record(answer(label), "cli")
    reopened = QuestionLog(path, retention_days=90, clock=FakeClock(T0))  # purges on open
    assert [r["text"] for r in rows(path)] == ["boundary", "younger", "today"]
    reopened.close()


def test_retention_runs_hourly_while_recording(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    clock = FakeClock(T0)
    qlog = QuestionLog(path, retention_days=1, clock=clock)  # purges at T0
    qlog.record(answer("first"), "cli")
    clock.advance(days=1, minutes=30)  # "first" is now too old, and the last purge is old
    qlog.record(answer("second"), "cli")
    assert [r["text"] for r in rows(path)] == ["second"]
    clock.advance(days=1, minutes=1)
    qlog.record(answer("third"), "cli")
    assert [r["text"] for r in rows(path)] == ["third"]
    qlog.close()


def test_no_purge_within_the_hour(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    clock = FakeClock(T0)
    qlog = QuestionLog(path, retention_days=1, clock=clock)  # purged at T0
    clock.now = T0 - dt.timedelta(days=2)
    qlog.record(answer("backdated"), "cli")  # older than a day, yet recorded …
    clock.now = T0 + dt.timedelta(minutes=59)
    qlog.record(answer("within the hour"), "cli")
    assert len(rows(path)) == 2  # … and kept: the last purge was under an hour ago
    clock.now = T0 + dt.timedelta(minutes=60)
    qlog.record(answer("an hour later"), "cli")
    assert [r["text"] for r in rows(path)] == ["within the hour", "an hour later"]
    qlog.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ages=st.lists(st.integers(min_value=0, max_value=200 * 86_400_000_000), max_size=20),
    days=st.integers(min_value=1, max_value=120),
)
def test_retention_property(tmp_path: Path, ages: list[int], days: int) -> None:
    path = tmp_path / f"q-{days}-{len(ages)}-{abs(hash(tuple(ages)))}.db"
    clock = FakeClock(T0)
    with QuestionLog(path, retention_days=days, clock=clock) as qlog:
        for i, age in enumerate(ages):
            clock.now = T0 - dt.timedelta(microseconds=age)
            qlog.record(answer(str(i)), "cli")
        clock.now = T0
        qlog.purge()
    kept = {r["text"] for r in rows(path)}
    limit = days * 86_400_000_000
    assert kept == {str(i) for i, age in enumerate(ages) if age <= limit}


# ------------------------------------------------------------------ reports


def test_unanswered_groups_counts_and_orders(tmp_path: Path) -> None:
    clock = FakeClock()
    with QuestionLog(tmp_path / "q.db", clock=clock) as qlog:
        fill(qlog, clock)
        found = qlog.unanswered(T0 - dt.timedelta(days=7), limit=10)
    assert [(q.text, q.count) for q in found] == [
        ("Where is Croydon", 4),  # the most recent wording
        ("What about Brexit", 2),
        ("How many referrals roughly", 1),  # answered, but with low confidence
    ]
    croydon = found[0]
    assert croydon.fallbacks == 4
    assert croydon.best_confidence == pytest.approx(0.3)
    assert croydon.last_seen == T0 - dt.timedelta(hours=1)
    assert found[2].fallbacks == 0


def test_unanswered_since_limit_and_threshold(tmp_path: Path) -> None:
    clock = FakeClock()
    with QuestionLog(tmp_path / "q.db", clock=clock) as qlog:
        fill(qlog, clock)
        assert len(qlog.unanswered(T0 - dt.timedelta(days=30))) == 4  # includes "Old"
        assert len(qlog.unanswered(T0 - dt.timedelta(days=7), limit=1)) == 1
        strict = qlog.unanswered(T0 - dt.timedelta(days=7), min_confidence=0.0)
        assert [q.text for q in strict] == ["Where is Croydon", "What about Brexit"]
        generous = qlog.unanswered(T0 - dt.timedelta(days=7), min_confidence=0.99)
        assert "How many referrals?" in {q.text for q in generous}
        assert qlog.unanswered(T0 - dt.timedelta(minutes=30)) == []


def test_stats_today_week_rate_and_top_intents(tmp_path: Path) -> None:
    clock = FakeClock()
    with QuestionLog(tmp_path / "q.db", clock=clock) as qlog:
        fill(qlog, clock)
        stats = qlog.stats(T0)
    # T0 is Wednesday noon: "today" is Wednesday, "this week" is since Monday 00:00.
    assert stats.today == 1
    assert stats.week == 9
    assert stats.week_answered == 2
    assert stats.answer_rate == pytest.approx(2 / 9)
    assert stats.top_intents == [("referrals", 2)]


def test_stats_follow_the_local_day(tmp_path: Path) -> None:
    clock = FakeClock(dt.datetime(2025, 6, 17, 23, 30, tzinfo=dt.UTC))  # 00:30 Wednesday local
    with QuestionLog(tmp_path / "q.db", clock=clock) as qlog:
        qlog.record(answer(), "cli")
        assert qlog.stats(dt.datetime(2025, 6, 18, 12, 0, tzinfo=LONDON)).today == 1
        assert qlog.stats(dt.datetime(2025, 6, 18, 12, 0, tzinfo=dt.UTC)).today == 0


def test_stats_of_an_empty_log(tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "q.db") as qlog:
        stats = qlog.stats(T0)
    assert (stats.today, stats.week, stats.answer_rate, stats.top_intents) == (0, 0, None, [])


# ------------------------------------------------------------------ privacy and read-only use


def test_personal_data_is_masked_in_the_stored_copy(tmp_path: Path) -> None:
    question = ("My name is Jane Smith, I live at flat 3, 45 Acacia Road, London SW1A 1AA. "
                "Passport number 123456789, phone 07700 900123. How much did referrals rise?")
    path = tmp_path / "q.db"
    with QuestionLog(path) as qlog:
        qlog.record(answer(question), "cli")
    (stored,) = [r["text"] for r in rows(path)]
    for secret in ("Jane", "Smith", "Acacia", "45", "SW1A", "1AA", "123456789", "07700", "900123"):
        assert secret not in stored
    for placeholder in ("[name]", "[address]", "[postcode]", "[passport]", "[phone]"):
        assert placeholder in stored
    assert stored.endswith("How much did referrals rise?")


def test_log_text_off_keeps_only_type_and_outcome(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with QuestionLog(path, store_text=False) as qlog:
        qlog.record(answer("Where is Croydon?", None, 0.1), "telegram")
    (row,) = rows(path)
    assert row["text"] == "" and row["normalised"] == ""
    assert (row["kind"], row["intent"], row["fallback"]) == ("fallback", None, 1)


def test_log_file_is_0600_in_a_0700_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "questions.db"
    with QuestionLog(path) as qlog:
        qlog.record(answer(), "cli")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700
    for extra in path.parent.glob("questions.db-*"):  # the WAL files share the mode
        assert extra.stat().st_mode & 0o077 == 0


def test_opening_without_purge_deletes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    clock = FakeClock(T0 - dt.timedelta(days=200))
    with QuestionLog(path, clock=clock) as qlog:
        qlog.record(answer("old"), "cli")
    clock.now = T0
    with QuestionLog(path, retention_days=1, clock=clock, purge=False) as qlog:
        qlog.record(answer("new"), "cli")
        clock.advance(hours=2)
        qlog.record(answer("newer"), "cli")
    assert [r["text"] for r in rows(path)] == ["old", "new", "newer"]
