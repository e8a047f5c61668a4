"""Provides writing a whole SQLite file atomically: built under a temporary name beside it, then
moved into place, so a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, fill: Callable[[sqlite3.Connection], None],
                     prefix: str = ".cache-") -> None:
    """Create a fresh database, let ``fill`` write it in one transaction, and move it to
    ``path``; the temporary file is removed whatever happens. Errors are the caller's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".db", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                fill(conn)
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
