"""Tests of the durable inbox: private file, storing before confirming, states, quarantine,
recovery after a crash, pruning and the liveness snapshot read by another connection."""

from __future__ import annotations

import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.inbox import (
    DONE,
    INTERRUPTED,
    PENDING,
    QUARANTINED,
    SENDING,
    Inbox,
    InboxError,
    snapshot_of,
)


@pytest.fixture
def inbox(tmp_path: Path) -> Iterator[Inbox]:
    box = Inbox(tmp_path / "data" / "inbox.db")
    yield box
    box.close()


def test_the_file_is_private(inbox: Inbox) -> None:
    assert stat.S_IMODE(inbox.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(inbox.path.parent.stat().st_mode) == 0o700


def test_updates_are_stored_once_with_the_offset(inbox: Inbox) -> None:
    assert inbox.offset() is None
    assert inbox.add([(5, '{"update_id": 5}'), (6, '{"update_id": 6}')], next_offset=7) == 2
    assert inbox.offset() == 7
    # A re-delivered batch (the offset was not confirmed before a crash) is not stored twice.
    assert inbox.add([(6, '{"update_id": 6}'), (7, '{"update_id": 7}')], next_offset=8) == 1
    assert [r.update_id for r in inbox.pending(10)] == [5, 6, 7]
    assert [r.update_id for r in inbox.pending(10, exclude=[6])] == [5, 7]
    assert [r.update_id for r in inbox.pending(1)] == [5]


def test_done_drops_the_body_and_is_not_pending_again(inbox: Inbox) -> None:
    inbox.add([(1, '{"update_id": 1, "message": {"text": "my name is X"}}')])
    inbox.sending(1)
    assert inbox.state_of(1) == SENDING
    assert inbox.pending(10) == []
    inbox.done(1)
    assert inbox.state_of(1) == DONE
    body = inbox._db.execute("SELECT body FROM updates").fetchone()[0]
    assert body == ""
    inbox.add([(1, "{}")])  # a re-delivery of a handled update is ignored
    assert inbox.pending(10) == []


def test_failures_count_and_quarantine_keeps_the_update_aside(inbox: Inbox) -> None:
    inbox.add([(1, "{}"), (2, "{}")])
    assert inbox.failed(1) == 1
    assert inbox.failed(1) == 2
    assert inbox.state_of(1) == PENDING
    inbox.quarantine(2, "cannot be parsed (TypeError)")
    assert inbox.state_of(2) == QUARANTINED
    (aside,) = inbox.aside()
    assert (aside.update_id, aside.state, aside.reason) == (2, QUARANTINED,
                                                           "cannot be parsed (TypeError)")
    assert inbox.snapshot().quarantined == 1


def test_a_reply_interrupted_while_sending_is_never_resumed(tmp_path: Path) -> None:
    path = tmp_path / "inbox.db"
    first = Inbox(path)
    first.add([(1, "{}"), (2, "{}"), (3, "{}")])
    first.sending(2)
    first.done(3)
    del first  # as if killed: no close
    second = Inbox(path)
    assert second.recover() == 1
    assert second.state_of(2) == INTERRUPTED
    assert [r.update_id for r in second.pending(10)] == [1]
    assert second.snapshot().interrupted == 1
    second.close()


def test_a_reply_confirmed_sent_is_done_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "inbox.db"
    first = Inbox(path)
    first.add([(1, "{}")])
    first.sending(1)
    first.sent(1)
    del first
    second = Inbox(path)
    assert second.recover() == 0
    assert second.state_of(1) == DONE
    assert second.snapshot().backlog == 0
    second.close()


def test_old_done_rows_are_pruned(inbox: Inbox) -> None:
    inbox.add([(1, "{}"), (2, "{}")])
    inbox.done(1)
    assert inbox.prune(now=time.time()) == 0
    assert inbox.prune(now=time.time() + 2 * 86_400) == 1
    assert inbox.state_of(1) is None and inbox.state_of(2) == PENDING


def test_snapshot_from_another_connection(inbox: Inbox) -> None:
    inbox.add([(1, "{}"), (2, "{}")], next_offset=3)
    inbox.beat()
    inbox.done(1)
    snap = snapshot_of(inbox.path)
    assert snap.backlog == 1
    assert snap.heartbeat is not None and snap.last_receive is not None
    assert snap.last_done is not None and snap.oldest_pending is not None
    assert snap.stopped is None
    inbox.stopped()
    assert snapshot_of(inbox.path).stopped is not None


def test_a_missing_or_unreadable_inbox_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(InboxError, match="no inbox at"):
        snapshot_of(tmp_path / "nowhere.db")
    (tmp_path / "junk.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(InboxError, match="cannot read the inbox"):
        snapshot_of(tmp_path / "junk.db")
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(InboxError, match="cannot open the inbox"):
        Inbox(tmp_path / "dir.db")
