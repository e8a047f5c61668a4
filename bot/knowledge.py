"""Provides loading and validation of knowledge/ and intents/, and the SQLite cache.

Loading is all-or-nothing: every file is parsed and validated, every quoted sentence is checked
against the release text, and only then is a ``Knowledge`` object returned. Any problem raises
``KnowledgeError`` naming the file, the field and the reason, so a half-loaded knowledge base is
never served. The SQLite database is a cache keyed by a hash of the source files: deleting it
loses nothing, and a changed file rebuilds it. Reading and validating one YAML file is
``bot.yamlfiles``; the provenance checks are ``bot.provenance``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import logging
import sqlite3
from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.errors import KnowledgeError
from bot.models import Intent, Lexicon, Release, Safeguarding
from bot.provenance import check_intents, check_provenance
from bot.routing import public_lines
from bot.safetywords import CHECKED, VOCABULARY_FILE, SafetyVocabulary
from bot.sqlitefile import write_atomically
from bot.yamlfiles import read_yaml, validate

log = logging.getLogger(__name__)

# Bump when the models change shape, or bot/cards.py writes cards differently, so old caches
# are rebuilt rather than misread.
CACHE_FORMAT = "9"
# The spelling vocabulary: the most frequent English words from this package. Its version is part
# of the cache key, so upgrading it rebuilds the cache.
WORD_PACKAGE = "wordfreq"
ENGLISH_WORDS = 20_000
# Files in the intents folder that hold no intents: the lexicon, the question types that cards
# are generated from (bot.cards), and the safeguarding layer's vocabulary (bot.safetywords).
NOT_INTENTS = ("lexicon.yaml", "types.yaml", VOCABULARY_FILE)
_INDEX_KEY = "lookup_index"  # where ``Knowledge._lookup`` keeps its index


class Knowledge(BaseModel):
    """Everything the engine knows: releases, safeguarding help, intents and the lexicon."""

    model_config = ConfigDict(extra="forbid")

    releases: list[Release]
    safeguarding: Safeguarding
    safety: SafetyVocabulary
    intents: list[Intent]
    lexicon: Lexicon
    english: list[str] = []
    content_hash: str

    def _lookup(self) -> _Index:
        """Intents and releases by id, and intents by (type, slot), built on first use:
        answering looks intents up many times a question, and with 100 releases scanning 400
        intents took most of its time. Built again when a list is replaced (as
        ``model_copy(update=...)`` does) or changes length, so it never answers for a list
        other than the one it was built from. Kept in the instance's ``__dict__`` outside the
        fields (as a ``cached_property`` would be), so equality and dumps ignore it."""
        index = self.__dict__.get(_INDEX_KEY)
        if (not isinstance(index, _Index) or index.intents is not self.intents
                or index.releases is not self.releases or index.sizes != (
                    len(self.intents), len(self.releases))):
            index = self.__dict__[_INDEX_KEY] = _Index(self.intents, self.releases)
        return index

    def release(self, release_id: str = "") -> Release:
        """The release with this id, or the first (primary) release."""
        if not release_id and self.releases:
            return self.releases[0]
        found = self._lookup().release_by_id.get(release_id)
        if found is None:
            raise KeyError(release_id)
        return found

    def card(self, type_: str, slot: str = "", release: str = "") -> Intent | None:
        """The intent that answers this question type and slot (of this release, or of any)."""
        for i in self._lookup().by_card.get((type_, slot), ()):
            if not release or i.release in ("", release):
                return i
        return None

    def example(self, release_id: str = "") -> str:
        """A question the release being discussed answers (the newest when none is), to show
        how to ask: the first example of its first card about figures ("" when it has none)."""
        ids = {r.id for r in self.releases}
        chosen = release_id if release_id in ids else max(
            self.releases, key=lambda r: r.date or dt.date.min).id
        for i in self.intents:
            if i.release == chosen and i.type in ("change", "figure"):
                return i.examples[0].rstrip("?") + "?"
        return ""

    def intent(self, intent_id: str) -> Intent:
        found = self._lookup().intent_by_id.get(intent_id)
        if found is None:
            raise KeyError(intent_id)
        return found

    def public_line(self, intent_id: str) -> Intent | None:
        """The public's own line in place of this intent's lines, when those are not the
        public's to be given (``bot.routing.public_lines``); None otherwise."""
        own = self._lookup().public_line.get(intent_id)
        return self.intent(own) if own else None


class _Index:
    """Intents by id and by (type, slot), releases by id: the first of each in list order,
    as a scan of the lists finds them."""

    def __init__(self, intents: list[Intent], releases: list[Release]) -> None:
        self.intents, self.releases = intents, releases
        self.sizes = (len(intents), len(releases))
        self.intent_by_id: dict[str, Intent] = {}
        self.by_card: dict[tuple[str, str], list[Intent]] = defaultdict(list)
        for i in intents:
            self.intent_by_id.setdefault(i.id, i)
            self.by_card[(i.type, i.slot)].append(i)
        self.release_by_id: dict[str, Release] = {}
        for r in releases:
            self.release_by_id.setdefault(r.id, r)
        self.public_line = public_lines(intents)


# --------------------------------------------------------------------------- reading files


def source_files(knowledge_dir: Path, intents_dir: Path) -> list[Path]:
    """Every file whose content the knowledge base depends on, in a stable order."""
    files = [p for p in sorted(knowledge_dir.rglob("*")) if p.is_file()]
    files += [p for p in sorted(intents_dir.rglob("*")) if p.is_file()
              and p.suffix in (".yaml", ".txt")]
    return files


def content_hash(knowledge_dir: Path, intents_dir: Path) -> str:
    """A hash of the cache format, the word list's package version and every source file."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    digest.update(_word_list_version().encode())
    for path in source_files(knowledge_dir, intents_dir):
        digest.update(str(path.relative_to(path.parent.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _load_release(folder: Path) -> Release:
    path = folder / "release.yaml"
    data = read_yaml(path)
    release: Release = validate(Release, data, path)
    text_path = folder / release.text_file
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{path}: text_file: cannot read {text_path}: {exc}") from None
    release = release.model_copy(update={"text": text})
    check_provenance(release, path)
    return release


def _load_intents(intents_dir: Path) -> tuple[list[Intent], Lexicon]:
    lexicon_path = intents_dir / "lexicon.yaml"
    lexicon: Lexicon = validate(Lexicon, read_yaml(lexicon_path) or {}, lexicon_path)
    intents: list[Intent] = []
    seen: dict[str, Path] = {}
    for path in sorted(intents_dir.glob("*.yaml")):
        if path.name in NOT_INTENTS:
            continue
        data = read_yaml(path)
        if not isinstance(data, list):
            raise KnowledgeError(f"{path}: top level: must be a list of intents")
        for n, item in enumerate(data):
            intent: Intent = validate(Intent, item, path, prefix=f"{n}.")
            if intent.id in seen:
                raise KnowledgeError(f"{path}: {n}.id: {intent.id!r} is already defined in "
                                     f"{seen[intent.id]}")
            seen[intent.id] = path
            intents.append(intent)
    if not intents:
        raise KnowledgeError(f"{intents_dir}: no intents found")
    return intents, lexicon


def _cards(releases: list[Release], intents: list[Intent], lexicon: Lexicon,
           intents_dir: Path) -> list[Intent]:
    """The cards of the releases without hand-written intents, each checked like a hand-written
    intent; a card that fails (a template naming what its release lacks) is left out."""
    from bot.cards import TYPES_FILE, generate, load_types

    path = intents_dir / TYPES_FILE
    taken = {i.id for i in intents}
    kept: list[Intent] = []
    for card in generate(releases, intents, load_types(intents_dir), lexicon):
        try:
            if card.id in taken:
                raise KnowledgeError(f"{path}: {card.id}: the id is already taken")
            check_intents([card], releases, {card.id: path})
        except KnowledgeError as exc:
            log.warning("left out a generated card: %s", exc)
            continue
        taken.add(card.id)
        kept.append(card)
    return kept


def load_from_files(knowledge_dir: Path, intents_dir: Path) -> Knowledge:
    """Parse and validate everything; raise KnowledgeError on the first problem."""
    releases_dir = knowledge_dir / "releases"
    folders = sorted(p for p in releases_dir.iterdir() if p.is_dir()) if releases_dir.is_dir() \
        else []
    if not folders:
        raise KnowledgeError(f"{releases_dir}: no release folders found")
    releases = [_load_release(folder) for folder in folders]
    safe_path = knowledge_dir / "safeguarding.yaml"
    safeguarding: Safeguarding = validate(Safeguarding, read_yaml(safe_path), safe_path)
    intents, lexicon = _load_intents(intents_dir)
    where: dict[str, Path] = {}
    for path in sorted(intents_dir.glob("*.yaml")):
        if path.name not in NOT_INTENTS:
            for item in read_yaml(path) or []:
                where[item["id"]] = path
    check_intents(intents, releases, where)
    intents += _cards(releases, intents, lexicon, intents_dir)
    for release in releases:
        for n, fig in enumerate(release.figures):
            for topic in fig.topics:
                if topic not in lexicon.concepts:
                    raise KnowledgeError(f"{releases_dir / release.id / 'release.yaml'}: "
                                         f"figures.{n}.topics: {topic!r} is not a concept in "
                                         f"{intents_dir / 'lexicon.yaml'}")
    for n, concept in enumerate(safeguarding.subject):
        if concept not in lexicon.concepts:
            raise KnowledgeError(f"{safe_path}: subject.{n}: {concept!r} is not a concept in "
                                 f"{intents_dir / 'lexicon.yaml'}")
    vocabulary_path = intents_dir / VOCABULARY_FILE
    safety: SafetyVocabulary = validate(SafetyVocabulary, read_yaml(vocabulary_path),
                                         vocabulary_path)
    for name in ("help_concepts", "work_concepts", "person_concepts", "figure_concepts"):
        for n, concept in enumerate(getattr(safety, name)):
            if concept not in lexicon.concepts:
                raise KnowledgeError(f"{vocabulary_path}: {name}.{n}: {concept!r} is not a "
                                     f"concept in {intents_dir / 'lexicon.yaml'}")
    return Knowledge(releases=releases, safeguarding=safeguarding, safety=safety,
                     intents=intents, lexicon=lexicon, english=english_words(),
                     content_hash=content_hash(knowledge_dir, intents_dir))


def english_words() -> list[str]:
    """The most frequent English words, most frequent first, from the ``wordfreq`` package.

    The matcher never 'corrects' a word on this list as a typo ('office' stays 'office'), and
    reads the head of the list as everyday words. Only plain ASCII words are kept, as in the
    list this replaced, so spelling correction behaves as before ("café" is not on it).
    Imported here, not at the top, because the package takes about 0.15 s to load and read and
    a warm cache never needs it. wordfreq keeps every list it has read for the life of the
    process; this reads one once, so it is let go at once. It reads the "small" list (about
    29,000 words, 2 MB in memory), whose head is the "large" list's head word for word
    (``tests/test_knowledge.py`` checks it): the large one (the default) took about 25 MB at its
    peak, most of a cold start's memory, for the same 20,000 words.
    """
    try:
        import wordfreq
    except ImportError as exc:
        raise KnowledgeError(f"the English word list is missing: {exc} "
                             "(pip install the project to get wordfreq)") from None
    top = wordfreq.top_n_list("en", ENGLISH_WORDS, wordlist="small")
    if len(top) < ENGLISH_WORDS:  # a shorter small list than this version's: the large one
        top = wordfreq.top_n_list("en", ENGLISH_WORDS)
    words = [w for w in top if w.isascii() and w.isalpha()]
    for cached in (wordfreq.get_frequency_list, wordfreq.top_n_list):
        clear = getattr(cached, "cache_clear", None)  # functools' caches; absent, nothing held
        if callable(clear):
            clear()
    return words


def _word_list_version() -> str:
    """The installed word list's package version, part of the cache key."""
    try:
        return f"{WORD_PACKAGE} {importlib.metadata.version(WORD_PACKAGE)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{WORD_PACKAGE} missing"


# --------------------------------------------------------------------------- SQLite cache


def build_cache(knowledge: Knowledge, path: Path) -> None:
    """Write the knowledge to a fresh SQLite file, then move it into place atomically.

    The cache holds one row per key in ``meta``: the validated knowledge as JSON, the hash of
    the files it came from and the cache format. Nothing else is stored because nothing else
    is read; the engine matches in memory.
    """
    def fill(conn: sqlite3.Connection) -> None:
        conn.execute("create table meta (key text primary key, value text)")
        conn.executemany("insert into meta (key, value) values (?, ?)", [
            ("content_hash", knowledge.content_hash),
            ("format", CACHE_FORMAT),
            ("knowledge_json", knowledge.model_dump_json()),
        ])

    write_atomically(path, fill, prefix=".knowledge-")


def cache_is_current(knowledge_dir: Path, intents_dir: Path, cache_path: Path) -> bool:
    """Whether the cache holds these files' knowledge (its key checked, its content not read):
    a start that finds it so builds nothing."""
    try:
        conn = sqlite3.connect(f"file:{cache_path}?mode=ro", uri=True)
        try:
            rows = dict(conn.execute("select key, value from meta where key in "
                                     "('content_hash', 'format')").fetchall())
        finally:
            conn.close()
        return (rows.get("format") == CACHE_FORMAT
                and rows.get("content_hash") == content_hash(knowledge_dir, intents_dir))
    except (sqlite3.Error, OSError):
        return False


def _read_cache(path: Path, expected_hash: str) -> Knowledge | None:
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = dict(conn.execute("select key, value from meta").fetchall())
        finally:
            conn.close()
        if rows.get("content_hash") != expected_hash or rows.get("format") != CACHE_FORMAT:
            return None
        # Its patterns were checked when the cache was built (bot.safetywords.CHECKED).
        return Knowledge.model_validate_json(rows["knowledge_json"], context={CHECKED: True})
    except (sqlite3.Error, ValidationError, KeyError) as exc:
        log.warning("ignoring unreadable knowledge cache %s: %s", path, exc)
        return None


def load(knowledge_dir: Path, intents_dir: Path, cache_path: Path | None = None) -> Knowledge:
    """Load the knowledge base, from the cache when it matches the files, else from the files."""
    for folder in (knowledge_dir, intents_dir):
        if not folder.is_dir():
            raise KnowledgeError(f"{folder}: folder not found")
    expected = content_hash(knowledge_dir, intents_dir)
    if cache_path is not None:
        cached = _read_cache(cache_path, expected)
        if cached is not None:
            return cached
    knowledge = load_from_files(knowledge_dir, intents_dir)
    if cache_path is not None:
        try:
            build_cache(knowledge, cache_path)
        except (OSError, sqlite3.Error) as exc:
            # A read-only disk must not stop the bot: the cache only saves start-up time.
            log.warning("could not write knowledge cache %s: %s", cache_path, exc)
    return knowledge
