"""Provides a cache of parsed data (the classifier model, normalised texts, what the lexicon's
patterns need) beside the knowledge cache.

Parsing the gzip JSON model takes about 50 ms at every start; reading the same structure back
with ``marshal`` takes about 15. The cache is a small SQLite file keyed by a hash of the source
file's bytes, this cache's format and the Python version (``marshal``'s format is Python's), and
it holds a SHA-256 of the stored bytes, checked before they are read: a stale, torn or foreign
entry is never read, only rebuilt. As with the knowledge cache, deleting it loses nothing, and a
cache that cannot be read or written only costs start-up time.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import re
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.sqlitefile import write_atomically

if TYPE_CHECKING:
    from bot.models import Lexicon

log = logging.getLogger(__name__)

# Bump when what is stored changes shape, so old entries are rebuilt rather than misread.
FORMAT = "1"


def key_of(data: bytes, kind: str) -> str:
    """The key of one source file's parsed form: its bytes, its kind and everything that
    changes how the parsed form is stored."""
    digest = hashlib.sha256(f"{kind}\0{FORMAT}\0{marshal.version}\0{sys.version}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def read(path: Path, key: str) -> Any | None:
    """The value stored under ``key``, or None (no such file, another key, a bad entry)."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("select key, digest, value from parsed").fetchone()
        finally:
            conn.close()
        if row is None or row[0] != key:
            return None
        _, digest, value = row
        if not isinstance(value, bytes) or hashlib.sha256(value).hexdigest() != digest:
            log.warning("ignoring a damaged parsed-model cache %s", path)
            return None
        return marshal.loads(value)
    except (sqlite3.Error, ValueError, EOFError, TypeError) as exc:
        log.warning("ignoring unreadable parsed-model cache %s: %s", path, exc)
        return None


def write(path: Path, key: str, value: Any) -> None:
    """Store ``value`` (built-in types only) under ``key`` in a fresh file moved into place
    atomically; a failure is logged, never raised (the cache only saves start-up time)."""
    try:
        blob = marshal.dumps(value)

        def fill(conn: sqlite3.Connection) -> None:
            conn.execute("create table parsed (key text, digest text, value blob)")
            conn.execute("insert into parsed values (?, ?, ?)",
                         (key, hashlib.sha256(blob).hexdigest(), blob))

        write_atomically(path, fill, prefix=".parsed-")
    except (OSError, sqlite3.Error, ValueError) as exc:
        log.warning("could not write parsed-model cache %s: %s", path, exc)


# --------------------------------------------------------------------------- normalised texts


@functools.lru_cache(maxsize=1)  # read once: both caches' keys (texts, needs) are made of it
def _reading_code() -> bytes:
    """The source of the code that normalises text: a change to it changes every entry (the
    reader's punctuation, phrases, patterns, names and figures' years as well as its own)."""
    from bot import (
        figureyears,
        lexneeds,
        lexpatterns,
        names,
        numbers,
        phrasing,
        punctuation,
        reading,
        rxparse,
    )

    return b"".join(Path(m.__file__).read_bytes() for m in (
        reading, numbers, punctuation, phrasing, lexpatterns, lexneeds, rxparse, names,
        figureyears) if m.__file__ is not None)


def seed_normalised(lexicon: Lexicon, content_hash: str, cache: Path) -> Callable[[], None]:
    """Fill the readers' shared normalised texts (bot.reading) for this knowledge from the
    cache, and return what to call once the engine's readers are built: it stores the texts
    they normalised, when the cache did not have them.

    Normalising the intents' examples and the release texts is a third of building an engine.
    The key is the knowledge's content hash (which covers the lexicon) and the source of the
    code that normalises text (``_reading_code``), so an edit to either reads everything
    afresh. Only a process's
    first readers of a lexicon are stored, never texts read before them (in a running bot,
    people's questions), so no question is ever written to the cache.
    """
    from bot.reading import normalised_texts

    try:
        key = key_of(content_hash.encode() + _reading_code(), "normalised")
    except OSError as exc:  # no source to hash (a frozen install): no cache
        log.warning("not caching normalised texts: %s", exc)
        return lambda: None
    memo = normalised_texts(lexicon)
    fresh = not memo
    stored = read(cache, key)
    if isinstance(stored, dict) and all(isinstance(k, str) and isinstance(v, str)
                                        for k, v in stored.items()):
        for text, normal in stored.items():
            memo.setdefault(text, normal)
        return lambda: None

    def save() -> None:
        if fresh:
            write(cache, key, dict(memo))

    return save


# --------------------------------------------------------------------------- the patterns' needs


Patterns = list[tuple["re.Pattern[str]", str]]


def seed_needs(content_hash: str, cache: Path) -> Callable[[Callable[[], Patterns]], None]:
    """Fill ``bot.lexpatterns.SEEDED`` for this knowledge from the cache, and return what to call
    with a way to the engine's reader's patterns once it is built: it stores what they need,
    when the cache did not have it.

    Reading what the patterns need takes about 0.1 s and compiling them some tens of
    milliseconds; with the needs known, a process compiles only the patterns a question has the
    words of. The key is that of the normalised texts (the knowledge, which covers the lexicon,
    and the code that reads the patterns); the stored needs are only of patterns that compiled.
    """
    from bot.lexpatterns import needs_by_source, seed

    try:
        key = key_of(content_hash.encode() + _reading_code(), "needs")
    except OSError as exc:  # no source to hash (a frozen install): no cache
        log.warning("not caching the patterns' needs: %s", exc)
        return lambda patterns: None
    stored = read(cache, key)
    if isinstance(stored, dict) and all(
            isinstance(k, str) and isinstance(v, tuple) and len(v) == 2
            for k, v in stored.items()):
        seed(stored)
        return lambda patterns: None

    def save(patterns: Callable[[], Patterns]) -> None:
        write(cache, key, needs_by_source([pattern for pattern, _ in patterns()]))

    return save
