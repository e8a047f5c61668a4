"""Tests for bot.knowledge: provenance checks that catch broken edits (naming the file, the field
and the reason), the all-or-nothing load, and the SQLite cache (rebuilt on change, safe to
delete, corrupt files ignored)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from bot import knowledge as kb
from bot.errors import KnowledgeError
from bot.yamlfiles import read_yaml

if TYPE_CHECKING:
    from conftest import KnowledgeCopy

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"
INTENTS_DIR = ROOT / "intents"


def load_error(copy: KnowledgeCopy) -> str:
    with pytest.raises(KnowledgeError) as exc:
        kb.load_from_files(copy.knowledge, copy.intents)
    return str(exc.value)


def assert_names(message: str, path: Path, field: str, reason: str) -> None:
    """The message is one line naming the file, then the field, then the reason."""
    assert "\n" not in message
    assert message.startswith(f"{path}: "), message
    assert f": {field}" in message, message
    assert reason in message, message
    assert message.index(str(path)) < message.index(field) < message.index(reason)


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


def test_figure_sentence_not_in_the_release(kb_copy: KnowledgeCopy) -> None:
    n = kb_copy.figure_index("met_referrals_2013")

    def change(data: dict[str, Any]) -> None:
        f = kb_copy.figure(data, "met_referrals_2013")
        f["sentence"] = f["sentence"].replace("made in London", "made in Greater London")

    kb_copy.edit_release(change)
    assert_names(load_error(kb_copy), kb_copy.release_yaml, f"figures.{n}.sentence",
                 "not found verbatim in release.txt")


def test_figure_value_that_does_not_match_its_sentence(kb_copy: KnowledgeCopy) -> None:
    n = kb_copy.figure_index("met_referrals_2013")
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "met_referrals_2013").update(value=178))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, f"figures.{n}",
                 "value 178 does not match as_written '187'")


def test_figure_written_form_not_in_its_sentence(kb_copy: KnowledgeCopy) -> None:
    n = kb_copy.figure_index("met_referrals_2018")
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "met_referrals_2018").update(
        value=2436, as_written="2,436"))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, f"figures.{n}",
                 "as_written '2,436' does not occur in its sentence")


def test_figure_display_that_does_not_match_its_value(kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "met_referrals_2018").update(
        display="2,436"))
    assert "display" in load_error(kb_copy)


def test_unknown_field_in_the_release(kb_copy: KnowledgeCopy) -> None:
    n = kb_copy.figure_index("nrm_total_2017")
    kb_copy.edit_release(lambda d: kb_copy.figure(d, "nrm_total_2017").update(colour="red"))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, f"figures.{n}.colour",
                 "Extra inputs are not permitted")


def test_misspelt_top_level_field(kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_release(lambda d: d.update(publsher=d.pop("publisher")))
    message = load_error(kb_copy)
    assert str(kb_copy.release_yaml) in message
    assert "publsher: Extra inputs are not permitted" in message


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("recommendations.1.sentence",
         lambda d: d["recommendations"][1].update(sentence=d["recommendations"][1]["sentence"]
                                                  .replace("more detectives", "many detectives"))),
        ("quotes.0.paragraphs.0",
         lambda d: d["quotes"][0]["paragraphs"].__setitem__(
             0, d["quotes"][0]["paragraphs"][0].replace("It’s clear", "It is clear"))),
        ("recommendations_intro",
         lambda d: d.update(recommendations_intro="The letter makes these recommendations:")),
        ("contacts.0.phone", lambda d: d["contacts"][0].update(phone="020 7983 4068")),
        ("notes.1.text", lambda d: d["notes"][1].update(text="The chair is not available.")),
        ("accessibility.sentence",
         lambda d: d["accessibility"].update(
             sentence=d["accessibility"]["sentence"].replace("5 working", "3 working"))),
    ],
)
def test_other_quoted_text_must_be_verbatim(kb_copy: KnowledgeCopy, field: str,
                                            change: Callable[[dict[str, Any]], None]) -> None:
    kb_copy.edit_release(change)
    assert_names(load_error(kb_copy), kb_copy.release_yaml, field,
                 "not found verbatim in release.txt")


def test_unknown_source_reference(kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_release(lambda d: d["figures"][0].update(source="the_guardian"))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, "figures.0.source",
                 "unknown source 'the_guardian'")


def test_derived_figure_of_an_unknown_figure(kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_release(lambda d: d["derived"][0].update(of=["met_referrals_2019",
                                                              "met_referrals_2013"]))
    assert_names(load_error(kb_copy), kb_copy.release_yaml, "derived.0.of",
                 "unknown figure 'met_referrals_2019'")


def test_release_text_missing(kb_copy: KnowledgeCopy) -> None:
    (kb_copy.release_dir / "release.txt").unlink()
    assert_names(load_error(kb_copy), kb_copy.release_yaml, "text_file", "cannot read")


def test_edited_release_text_is_caught(kb_copy: KnowledgeCopy) -> None:
    """The text is the ground truth: changing it under the data is caught too."""
    text = kb_copy.release_dir / "release.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("2,346", "2,364"), encoding="utf-8")
    message = load_error(kb_copy)
    assert str(kb_copy.release_yaml) in message and "not found verbatim" in message


def test_invalid_yaml_names_the_file(kb_copy: KnowledgeCopy) -> None:
    kb_copy.release_yaml.write_text("id: [unclosed\n", encoding="utf-8")
    message = load_error(kb_copy)
    assert str(kb_copy.release_yaml) in message and "not valid YAML" in message


def test_safeguarding_file_is_validated(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.knowledge / "safeguarding.yaml"
    data = kb_copy.read_yaml(path)
    data["contacts"][0]["colour"] = "red"
    kb_copy.write_yaml(path, data)
    assert_names(load_error(kb_copy), path, "contacts.0.colour", "Extra inputs are not permitted")


# --------------------------------------------------------------------------- broken intent edits


def test_template_with_a_typed_in_number(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("referrals_rise",
                               lambda i: i.update(answer=["That is 2,159 more referrals."]))
    assert_names(load_error(kb_copy), path, "referrals_rise.answer.0",
                 "the number 2,159 is not in the release")


def test_template_with_a_typed_in_derived_share(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("nrm_london_share",
                               lambda i: i.update(answer=["That is about 1,540 people."]))
    assert_names(load_error(kb_copy), path, "nrm_london_share.answer.0",
                 "the number 1,540 is not in the release")


def test_template_with_a_number_that_is_only_part_of_a_release_number(
        kb_copy: KnowledgeCopy) -> None:
    kb_copy.edit_intent("referrals_rise",
                        lambda i: i.update(answer=["Referrals rose by 18 per cent a year."]))
    assert "the number 18 is not in the release" in load_error(kb_copy)


def test_template_placeholder_to_an_unknown_figure(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("referrals_rise", lambda i: i.update(
        answer=["In 2019 there were {fig:met_referrals_2019} referrals."]))
    assert_names(load_error(kb_copy), path, "referrals_rise.answer.0",
                 "unknown placeholder {fig:met_referrals_2019}")


def test_template_placeholder_to_an_unknown_calculation(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("referrals_rise",
                               lambda i: i.update(answer=["{calc:met_referrals_sum}"]))
    assert_names(load_error(kb_copy), path, "referrals_rise.answer.0",
                 "unknown placeholder {calc:met_referrals_sum}")


def test_template_that_drops_the_qualifier_more_than(kb_copy: KnowledgeCopy) -> None:
    def drop(intent: dict[str, Any]) -> None:
        intent["answer"] = [re.sub(r"(?i)more than\s+(\{fig:nrm_london_share_2017\})", r"\1", a)
                            for a in intent["answer"]]

    original = kb_copy.read_yaml(kb_copy.intent_file("nrm_total"))
    path = kb_copy.edit_intent("nrm_total", drop)
    assert kb_copy.read_yaml(path) != original, "the template no longer says 'more than'"
    message = load_error(kb_copy)
    assert message.startswith(f"{path}: nrm_total.answer.")
    assert "{fig:nrm_london_share_2017} must follow its qualifier 'more than'" in message


def test_unknown_field_in_an_intent(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.intent_file("nrm_total")
    position = [i["id"] for i in kb_copy.read_yaml(path)].index("nrm_total")
    kb_copy.edit_intent("nrm_total", lambda i: i.update(keywordz={"nrm": 1}))
    assert_names(load_error(kb_copy), path, f"{position}.keywordz",
                 "Extra inputs are not permitted")


def test_followup_to_an_unknown_intent(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.edit_intent("nrm_total", lambda i: i.update(followups=["nrm_totl"]))
    assert_names(load_error(kb_copy), path, "nrm_total.followups", "unknown intent 'nrm_totl'")


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


def test_a_duplicate_lexicon_key_is_rejected_with_its_line(kb_copy: KnowledgeCopy) -> None:
    """PyYAML keeps the last of two equal keys silently; the loader refuses the file instead."""
    lexicon = kb_copy.intents / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8")
    first = text.splitlines().index("phrases:") + 2  # the line after "phrases:", 1-based
    text = text.replace("phrases:\n", "phrases:\n  zebra crossing: first\n", 1)
    text = text.replace("concepts:\n", "  zebra crossing: second\nconcepts:\n", 1)
    lexicon.write_text(text, encoding="utf-8")
    again = text.splitlines().index("  zebra crossing: second") + 1
    message = load_error(kb_copy)
    assert_names(message, lexicon, f"line {again}", "duplicate key 'zebra crossing'")
    assert f"already on line {first}" in message


def test_a_small_lexicon_with_a_duplicate_typo_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("typos:\n  teh: the\n  recieve: receive\n  teh: ten\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as exc:
        read_yaml(path)
    assert str(exc.value) == (f"{path}: line 4: duplicate key 'teh', already on line 2; "
                              "keep one")


def test_the_real_yaml_files_have_no_duplicate_keys() -> None:
    for path in sorted(INTENTS_DIR.glob("*.yaml")) + sorted(KNOWLEDGE_DIR.rglob("*.yaml")):
        read_yaml(path)  # raises on a duplicate


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
