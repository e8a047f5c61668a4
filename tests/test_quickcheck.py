"""``quickcheck.found`` answers as ``pattern.search`` does, for the safety layer's cues of other
languages over every readable question, and for small patterns of each kind; so does
``found_in`` (the text's words found once) for each of the layer's patterns."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.engine import Engine
from bot.lexneeds import text_words
from bot.quickcheck import PLAIN_FIRST, Check, check_of, found, found_in

ROOT = Path(__file__).resolve().parent.parent


def _made(pattern: re.Pattern[str]) -> Check:
    """The pattern's check, made now (not at its PLAIN_FIRST-th search)."""
    for _ in range(PLAIN_FIRST):
        check = check_of(pattern)
    assert check is not None
    return check


def test_found_is_search() -> None:
    patterns = [re.compile(p) for p in (
        r"\bhelp me\b", "aiuto|ajuda|pomoc|救命|助けて|паспорт|ab", "xyzzy|護照|hộ chiếu",
        "|".join(f"word{n}x" for n in range(30)), r"(\w+) \1", "")]
    texts = ["please help me", "aiuto!", "救命", "my паспорт", "ab", "護照", "hộ chiếu", "",
             "a word7x here", "word 7x", "the the", "help", "x"]
    for pattern in patterns:
        _made(pattern)
        for text in texts:
            assert found(pattern, text) == (pattern.search(text) is not None), (pattern, text)


def test_many_strings_are_filed_under_pieces() -> None:
    check = _made(re.compile("|".join(f"word{n}x" for n in range(30))))
    assert len(check.by_piece) > 8 and not check.may_match("no such word here")


def test_the_first_searches_are_plain() -> None:
    pattern = re.compile("only|here")
    assert all(check_of(pattern) is None for _ in range(PLAIN_FIRST - 1))
    assert isinstance(check_of(pattern), Check) and found(pattern, "only") and not found(
        pattern, "nothing")


def test_the_cues_of_other_languages_over_every_readable_question(engine: Engine) -> None:
    cues = engine.knowledge.safety.compiled().other_languages
    assert cues is not None
    _made(cues)
    files = [p for p in sorted((ROOT / "tests" / "devset").glob("*.jsonl"))
             if not p.name.startswith("blind")] + sorted((ROOT / "tests" / "readable").glob(
                 "*.jsonl"))
    texts = [e.lower() for i in engine.knowledge.intents for e in i.examples]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                case = json.loads(line)
                texts += [t.lower() for t in (case["q"], *case.get("context", []))]
    matched = 0
    for text in texts:
        expected = cues.search(text) is not None
        assert found(cues, text) == expected, text
        matched += expected
    assert matched > 20  # questions in other languages are among them: the check is not empty


def test_found_in_is_search_for_every_pattern_of_the_safety_layer(engine: Engine) -> None:
    c = engine.knowledge.safety.compiled()
    patterns = [p for p in (*vars(c).values(), *c.phrase_signs.values())
                if isinstance(p, re.Pattern)]
    texts = [" ".join(re.findall(r"\w+", e.lower())) for i in engine.knowledge.intents
             for e in i.examples]
    texts += ["my boss keeps my passport and i cannot leave", "who do i call to report it",
              "i think i have seen trafficking", ""]
    checked = 0
    for pattern in patterns:
        check = _made(pattern)
        checked += bool(check.words)
        for text in texts:
            assert found_in(pattern, text, text_words(text)) == (
                pattern.search(text) is not None), (pattern.pattern[:60], text)
    assert checked > 10  # most of the layer's patterns need whole words: they are checked
