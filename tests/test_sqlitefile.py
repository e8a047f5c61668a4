"""Tests for bot/sqlitefile.py: a SQLite file is replaced whole or not at all, and no temporary
file is left behind."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.sqlitefile import write_atomically


def rows(path: Path) -> list[tuple[int]]:
    with sqlite3.connect(path) as db:
        found: list[tuple[int]] = db.execute("SELECT n FROM t ORDER BY n").fetchall()
    return found


def fill_with(*values: int) -> Callable[[sqlite3.Connection], None]:
    def fill(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE t (n INTEGER)")
        conn.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
    return fill


def test_the_file_is_written_in_a_new_folder_and_nothing_else_is_left(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "cache.db"
    write_atomically(path, fill_with(1, 2))
    assert rows(path) == [(1,), (2,)]
    assert [p.name for p in path.parent.iterdir()] == ["cache.db"]


def test_a_new_file_replaces_the_old_one_whole(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    write_atomically(path, fill_with(1, 2))
    write_atomically(path, fill_with(3))
    assert rows(path) == [(3,)]


def test_a_failed_fill_keeps_the_old_file_and_removes_the_temporary_one(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    write_atomically(path, fill_with(1))

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE t (n INTEGER)")
        conn.execute("INSERT INTO t VALUES (9)")
        raise RuntimeError("half way")

    with pytest.raises(RuntimeError, match="half way"):
        write_atomically(path, broken, prefix=".tmp-")
    assert rows(path) == [(1,)]
    assert [p.name for p in tmp_path.iterdir()] == ["cache.db"]
