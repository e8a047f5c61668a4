"""Tests for bot/yamlfiles.py: a YAML file that is not valid, has a key twice or fails its
pydantic model is refused in one line naming the file, the field (or line) and the reason."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.errors import KnowledgeError
from bot.yamlfiles import read_yaml
from tests.conftest import INTENTS_DIR, KNOWLEDGE_DIR, assert_names, load_error

if TYPE_CHECKING:
    from conftest import KnowledgeCopy


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


def test_invalid_yaml_names_the_file(kb_copy: KnowledgeCopy) -> None:
    kb_copy.release_yaml.write_text("id: [unclosed\n", encoding="utf-8")
    message = load_error(kb_copy)
    assert str(kb_copy.release_yaml) in message and "not valid YAML" in message


def test_unknown_field_in_an_intent(kb_copy: KnowledgeCopy) -> None:
    path = kb_copy.intent_file("nrm_total")
    position = [i["id"] for i in kb_copy.read_yaml(path)].index("nrm_total")
    kb_copy.edit_intent("nrm_total", lambda i: i.update(keywordz={"nrm": 1}))
    assert_names(load_error(kb_copy), path, f"{position}.keywordz",
                 "Extra inputs are not permitted")


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
