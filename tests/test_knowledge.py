"""Tests for bot.knowledge: the all-or-nothing load (a missing text file, folder or a duplicated
intent is refused naming the file, the field and the reason), the SQLite cache (rebuilt on
change, safe to delete, corrupt files ignored) and the English word list.

The provenance checks' tests are in test_provenance.py, the YAML files' in test_yamlfiles.py."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot import knowledge as kb
from bot.errors import KnowledgeError
from tests.conftest import assert_names, load_error

if TYPE_CHECKING:
    from conftest import KnowledgeCopy

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
INTENTS_DIR = ROOT / "intents"


def test_the_real_knowledge_loads() -> None:
    k = kb.load_from_files(KNOWLEDGE_DIR, INTENTS_DIR)
    assert len(k.releases) >= 1
    assert len(k.intents) >= 20
    assert k.content_hash == kb.content_hash(KNOWLEDGE_DIR, INTENTS_DIR)


def test_an_unchanged_copy_loads(kb_copy: KnowledgeCopy) -> None:
    """The edit helpers rewrite YAML; rewriting without a change must still load."""
    kb_copy.edit_release(lambda data: None)
    kb_copy.edit_intent("referrals_rise", lambda intent: None)
    kb.load_from_files(kb_copy.knowledge, kb_copy.intents)


# --------------------------------------------------------------------------- broken release edits


def test_release_text_missing(kb_copy: KnowledgeCopy) -> None:
    (kb_copy.release_dir / "release.txt").unlink()
    assert_names(load_error(kb_copy), kb_copy.release_yaml, "text_file", "cannot read")


def test_safeguarding_file_is_validated(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.knowledge / "safeguarding.yaml"
    data = kb_copy.read_yaml(path)
    data["contacts"][0]["colour"] = "red"
    kb_copy.write_yaml(path, data)
    assert_names(load_error(kb_copy), path, "contacts.0.colour", "Extra inputs are not permitted")


def test_the_other_crime_line_is_validated(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.knowledge / "safeguarding.yaml"
    data = kb_copy.read_yaml(path)
    data["other_crime"]["contacts"] = []
    kb_copy.write_yaml(path, data)
    assert_names(load_error(kb_copy), path, "other_crime.contacts", "at least 1 item")
    data["other_crime"]["contacts"] = [{"id": "police", "label": "Police", "phone": "101",
                                        "when": "otherwise"}]
    kb_copy.write_yaml(path, data)
    assert_names(load_error(kb_copy), path, "other_crime.contacts.0.provenance", "required")


# --------------------------------------------------------------------------- broken intent edits


def test_duplicate_intent_id(kb_copy: KnowledgeCopy) -> None:
    kb_copy.add_intents("zz_extra.yaml", [{"id": "referrals_rise", "label": "dup", "type": "quote",
                                           "examples": ["a duplicate"]}])
    message = load_error(kb_copy)
    assert "zz_extra.yaml" in message and "'referrals_rise' is already defined" in message


def test_missing_folders(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="folder not found"):
        kb.load(tmp_path / "nope", INTENTS_DIR)
    (tmp_path / "empty").mkdir()
    with pytest.raises(KnowledgeError, match="no release folders found"):
        kb.load_from_files(tmp_path / "empty", INTENTS_DIR)


# --------------------------------------------------------------------------- the SQLite cache


def meta(cache: Path) -> dict[str, str]:
    with sqlite3.connect(cache) as conn:
        return dict(conn.execute("select key, value from meta").fetchall())


def test_cache_holds_only_what_is_read_back(tmp_path: Path) -> None:
    """One table: the knowledge as JSON, keyed by the hash of its files and the cache format."""
    cache = tmp_path / "k.db"
    k = kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache)
    with sqlite3.connect(cache) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
    assert tables == ["meta"]
    assert set(meta(cache)) == {"content_hash", "format", "knowledge_json"}
    assert meta(cache)["content_hash"] == kb.content_hash(KNOWLEDGE_DIR, INTENTS_DIR)
    assert kb.Knowledge.model_validate_json(meta(cache)["knowledge_json"]) == k


def test_cache_gives_the_same_knowledge_as_the_files(tmp_path: Path) -> None:
    cache = tmp_path / "k.db"
    from_files = kb.load_from_files(KNOWLEDGE_DIR, INTENTS_DIR)
    kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache)  # builds
    assert kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache) == from_files  # reads


def test_warm_cache_is_read_without_parsing_the_files(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "k.db"
    expected = kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache)

    def refuse(*args: object) -> None:
        raise AssertionError("the files were parsed although the cache matched")

    monkeypatch.setattr(kb, "load_from_files", refuse)
    assert kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache) == expected


def test_a_warm_cache_is_not_checked_again_for_regular_expressions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The safeguarding patterns were checked one by one when the cache was built from the
    files; reading the cache back does not compile each of them again (about 7 ms a start)."""
    import re

    cache = tmp_path / "k.db"
    built = kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache)
    one_by_one = set(built.safety.victim) | set(built.safety.not_work)
    compiled: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    assert kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache) == built
    assert not one_by_one & set(compiled)
    compiled.clear()
    kb.load_from_files(KNOWLEDGE_DIR, INTENTS_DIR)  # the files are still checked
    assert one_by_one <= set(compiled)


def test_cache_is_rebuilt_when_a_file_changes(kb_copy: KnowledgeCopy, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "k.db"
    before = kb.load(kb_copy.knowledge, kb_copy.intents, cache)
    old_hash = meta(cache)["content_hash"]
    kb_copy.edit_intent("referrals_rise",
                        lambda i: i["examples"].append("zebra question about the rise"))
    after = kb.load(kb_copy.knowledge, kb_copy.intents, cache)
    assert "zebra question about the rise" in after.intent("referrals_rise").examples
    assert "zebra question about the rise" not in before.intent("referrals_rise").examples
    assert meta(cache)["content_hash"] != old_hash
    assert meta(cache)["content_hash"] == kb.content_hash(kb_copy.knowledge, kb_copy.intents)


def test_content_hash_depends_on_content_only(kb_copy: KnowledgeCopy) -> None:
    first = kb.content_hash(kb_copy.knowledge, kb_copy.intents)
    assert first == kb.content_hash(kb_copy.knowledge, kb_copy.intents)
    assert first == kb.content_hash(KNOWLEDGE_DIR, INTENTS_DIR)  # same files elsewhere
    text = kb_copy.release_dir / "release.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert kb.content_hash(kb_copy.knowledge, kb_copy.intents) != first


def test_deleting_the_cache_loses_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "k.db"
    first = kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache)
    cache.unlink()
    assert kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache) == first
    assert cache.exists()


@pytest.mark.parametrize("garbage", [b"", b"this is not a database", b"SQLite format 3\x00" * 3])
def test_a_corrupt_cache_file_is_ignored_and_replaced(tmp_path: Path, garbage: bytes) -> None:
    cache = tmp_path / "k.db"
    cache.write_bytes(garbage)
    k = kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache)
    assert k == kb.load_from_files(KNOWLEDGE_DIR, INTENTS_DIR)
    assert meta(cache)["content_hash"] == k.content_hash


def test_a_cache_with_unreadable_content_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "k.db"
    good = kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache)
    with sqlite3.connect(cache) as conn:
        conn.execute("update meta set value = '{\"releases\": 1' where key = 'knowledge_json'")
    assert kb.load(KNOWLEDGE_DIR, INTENTS_DIR, cache) == good


def test_an_unwritable_cache_location_does_not_stop_loading(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    k = kb.load(KNOWLEDGE_DIR, INTENTS_DIR, blocker / "k.db")
    assert k.releases


def test_a_broken_edit_is_not_hidden_by_a_warm_cache(kb_copy: KnowledgeCopy,
                                                     tmp_path: Path) -> None:
    """Never serve a stale or half-loaded knowledge base: the files are the truth."""
    cache = tmp_path / "cache" / "k.db"
    kb.load(kb_copy.knowledge, kb_copy.intents, cache)
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "met_referrals_2013").update(value=178))
    with pytest.raises(KnowledgeError, match="value 178"):
        kb.load(kb_copy.knowledge, kb_copy.intents, cache)


def test_loading_never_writes_into_the_knowledge_folders(kb_copy: KnowledgeCopy,
                                                         tmp_path: Path) -> None:
    def snapshot() -> dict[str, bytes]:
        return {str(p.relative_to(tmp_path)): p.read_bytes()
                for folder in (kb_copy.knowledge, kb_copy.intents)
                for p in sorted(folder.rglob("*")) if p.is_file()}

    before = snapshot()
    kb.load(kb_copy.knowledge, kb_copy.intents, tmp_path / "cache" / "k.db")
    kb.load(kb_copy.knowledge, kb_copy.intents, tmp_path / "cache" / "k.db")
    assert snapshot() == before


# --------------------------------------------------------------------------- the English word list


def test_the_english_words_come_from_the_wordfreq_package() -> None:
    from wordfreq import top_n_list

    words = kb.english_words()
    assert not (INTENTS_DIR / "english-words.txt").exists()
    assert words[:3] == ["the", "to", "and"]
    assert {"office", "referral", "journalist"} <= set(words)
    assert all(w.isascii() and w.isalpha() and w == w.lower() for w in words)
    assert words == [w for w in top_n_list("en", kb.ENGLISH_WORDS) if w in set(words)]
    assert 15_000 < len(words) <= kb.ENGLISH_WORDS


def test_the_word_list_is_read_from_the_small_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """The large list (the default) took about 25 MB at a cold start's peak for the same words;
    it is read only when the small one is shorter than the words wanted."""
    import wordfreq

    real = wordfreq.top_n_list
    read: list[str] = []

    def top_n_list(lang: str, n: int, wordlist: str = "best") -> list[str]:
        read.append(wordlist)
        return real(lang, n, wordlist=wordlist)

    monkeypatch.setattr(wordfreq, "top_n_list", top_n_list)
    words = kb.english_words()
    assert read == ["small"]
    monkeypatch.setattr(kb, "ENGLISH_WORDS", 40_000)  # more than the small list holds
    read.clear()
    longer = kb.english_words()
    assert read == ["small", "best"] and longer[:len(words)] == words


def test_the_word_list_is_not_held_once_read() -> None:
    """wordfreq would keep the whole English list (about 20 MB) for the life of the bot."""
    import wordfreq

    kb.english_words()
    assert wordfreq.get_frequency_list.cache_info().currsize == 0


def test_the_word_list_version_keys_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    before = kb.content_hash(KNOWLEDGE_DIR, INTENTS_DIR)
    assert kb._word_list_version().startswith("wordfreq ")
    monkeypatch.setattr(kb, "_word_list_version", lambda: "wordfreq 0.0-other")
    assert kb.content_hash(KNOWLEDGE_DIR, INTENTS_DIR) != before


def test_a_warm_cache_never_loads_the_word_package(tmp_path: Path) -> None:
    """The word list is stored in the cache, so start-up does not pay for importing wordfreq."""
    code = ("import sys\nfrom pathlib import Path\nfrom bot import knowledge as kb\n"
            f"k = kb.load(Path({str(KNOWLEDGE_DIR)!r}), Path({str(INTENTS_DIR)!r}), "
            f"Path({str(tmp_path / 'k.db')!r}))\n"
            "print(len(k.english), 'wordfreq' in sys.modules)\n")
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, check=True)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, check=True)
    count = len(kb.english_words())
    assert cold.stdout.split() == [str(count), "True"]
    assert warm.stdout.split() == [str(count), "False"]
