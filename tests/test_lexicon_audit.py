"""Tests for bot.lexicon_audit: entries that never fire are listed, entries that an earlier rule
always rewrites are listed as shadowed (naming the rule where it can), and nothing is deleted."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot import knowledge as kb
from bot import lexicon_audit as la
from bot.cli import Environment, main
from bot.models import Lexicon

if TYPE_CHECKING:
    from conftest import KnowledgeCopy

ROOT = Path(__file__).resolve().parent.parent
REAL = kb.load_from_files(ROOT / "knowledge", ROOT / "intents")
SMALL = Lexicon(
    typos={"teh": "the", "zorp": "zebra", "pls": "please"},
    phrases={"pls help": "help", "out of hours": "outofhours", "quokka parade": "parade"},
    patterns={"hello (?:there|world)": "greeting", "hello there": "salutation"},
    concepts={"rise": ["rise", "zyzzyva"]},
)
QUESTIONS = ["teh referrals pls help", "press office out of hours", "hello there",
             "did it rise", "pls call back"]


def audit() -> la.Audit:
    return la.run(REAL.model_copy(update={"lexicon": SMALL}), QUESTIONS)


def keys(findings: list[la.Finding]) -> dict[str, str]:
    return {f"{f.entry.section}:{f.entry.key}": f.why for f in findings}


def test_unused_entries_are_listed() -> None:
    result = audit()
    never = keys(result.never)
    assert {"typos:zorp", "phrases:quokka parade", "concepts:zyzzyva"} <= set(never)
    assert result.questions == len(QUESTIONS)
    assert result.examples == sum(len(i.examples) for i in REAL.intents)
    assert result.entries == 3 + 3 + 2 + 2


def test_entries_that_fire_are_not_listed() -> None:
    result = audit()
    listed = set(keys(result.never)) | set(keys(result.shadowed))
    for fired in ("typos:teh", "typos:pls", "phrases:out of hours",
                  "patterns:hello (?:there|world)", "concepts:rise"):
        assert fired not in listed


def test_a_phrase_holding_a_typos_word_fires() -> None:
    result = audit()
    listed = set(keys(result.never)) | set(keys(result.shadowed))
    assert "phrases:pls help" not in listed  # looked for as "please help", after the typo


def test_a_pattern_that_an_earlier_pattern_rewrites_first_is_shadowed() -> None:
    shadowed = keys(audit().shadowed)
    assert shadowed["patterns:hello there"] == (
        "the earlier pattern 'hello (?:there|world)' rewrites it first")


def test_the_report_names_lines_and_deletes_nothing(kb_copy: KnowledgeCopy,
                                                    tmp_path: Path) -> None:
    lexicon = kb_copy.intents / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8").replace(
        "phrases:\n", "phrases:\n  quokka parade: parade\n", 1)
    lexicon.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  quokka parade: parade") + 1
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "one.jsonl").write_text("\n".join(json.dumps({"q": q, "intent": "referrals_rise"})
                                              for q in QUESTIONS) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["--knowledge", str(kb_copy.knowledge), "--intents", str(kb_copy.intents),
                 "check", "--questions", str(sets)], Environment(stdout=out, stderr=err))
    assert code == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("OK: ")
    assert lines[1].startswith(f"Lexicon audit over {len(QUESTIONS)} labelled questions")
    assert f"  line {line}: phrases: 'quokka parade': its words occur in no question" in lines
    assert lexicon.read_text(encoding="utf-8") == text


def test_check_rejects_a_lexicon_with_a_duplicate_key(kb_copy: KnowledgeCopy) -> None:
    lexicon = kb_copy.intents / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8").replace(
        "typos:\n", "typos:\n  teh: the\n  recieve: receive\n  teh: ten\n", 1)
    lexicon.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  teh: ten") + 1
    out, err = io.StringIO(), io.StringIO()
    code = main(["--intents", str(kb_copy.intents), "check"], Environment(stdout=out, stderr=err))
    assert code == 3
    assert out.getvalue() == ""
    assert f"{lexicon}: line {line}: duplicate key 'teh', already on line {line - 2}" in (
        err.getvalue())


def test_check_without_labelled_questions_skips_the_audit(kb_copy: KnowledgeCopy,
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.chdir(tmp_path)  # no tests/devset here, as for a deployed bot
    out = io.StringIO()
    assert main(["--knowledge", str(kb_copy.knowledge), "check"], Environment(stdout=out)) == 0
    assert out.getvalue().splitlines()[1].startswith("Lexicon audit skipped")


def test_a_missing_questions_folder_is_a_usage_error(tmp_path: Path) -> None:
    err = io.StringIO()
    code = main(["check", "--questions", str(tmp_path / "nowhere")],
                Environment(stdout=io.StringIO(), stderr=err))
    assert code == 2
    assert err.getvalue().strip().endswith("no such folder of labelled questions")


def test_check_in_a_checkout_audits_against_tests_devset(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.chdir(ROOT)
    assert la.questions_dir(None) == Path("tests/devset")


@pytest.mark.parametrize("section", la.SECTIONS)
def test_every_section_of_the_real_lexicon_is_audited(section: str) -> None:
    assert any(e.section == section for e in la.entries(REAL))


def test_every_phrase_of_the_real_lexicon_holding_a_typos_word_fires() -> None:
    """A phrase written with a word the typos rewrite ("wen kann ich", German, beside the typo
    wen -> when) is looked for as the typos leave it, so it is written in its natural form and
    fires on its own words."""
    typos = REAL.lexicon.typos
    typed = [p.lower() for p in REAL.lexicon.phrases
             if any(typos.get(w, w) != w for w in p.lower().split())]
    assert len(typed) >= 10
    result = la.run(REAL, typed)
    silent = {f.entry.key for f in result.never + result.shadowed if f.entry.section == "phrases"}
    assert silent & set(typed) == set()
