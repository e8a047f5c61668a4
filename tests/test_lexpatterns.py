"""The lexicon's patterns and phrases, applied the quick way (``PatternBlocks`` skipping a pattern
whose words a text lacks, ``PhraseJoiner`` trying only the phrases of each word), give the very
text the plain way gives: each pattern in turn, one alternation of every phrase."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot import lexpatterns
from bot.engine import Engine
from bot.lexneeds import needed_words, text_words
from bot.lexpatterns import PLAIN_FIRST, PatternBlocks
from bot.phrasing import PhraseJoiner
from bot.reading import Reader

ROOT = Path(__file__).resolve().parent.parent


def _patterns(raw: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b(?:{p})\b"), f" {w} ") for p, w in raw.items()]


RAW = {
    "for nothing": "unpaid",
    "(?:took|takes) (?:my|her) passport": "documents",
    "unpaid": "forced",  # matches only after the first pattern's substitution
    r"(\w+) \1": "repeated",  # a backreference
    "nowhere to go": "danger",
    "help me|please help": "help concern",
}


def _sources(patterns: list[tuple[re.Pattern[str], str]]) -> list[tuple[str, str]]:
    return [(pattern.pattern, words) for pattern, words in patterns]


def _one_by_one(patterns: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for pattern, words in patterns:
        text = pattern.sub(words, text)
    return text


def test_same_text_as_each_pattern_in_turn() -> None:
    patterns = _patterns(RAW)
    blocks = PatternBlocks(_sources(patterns))
    blocks.checked()  # the quick way from the first text (not after PLAIN_FIRST plain ones)
    filler = "the committee wrote to the mayor about the figures " * 4
    texts = [
        "they took my passport and i work for nothing job",
        filler + "they took my passport and i work for nothing work please help",
        filler + "it was very very hard and there is nowhere to go",
        filler,
        "short",
    ]
    for text in texts:
        assert blocks.apply(text) == _one_by_one(patterns, text)
    # In the other order the third pattern finds nothing: the order is kept.
    assert "forced" in blocks.apply(texts[0])
    assert "forced" not in _one_by_one(patterns[::-1], texts[0])


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\b(?:for nothing)\b", [{"nothing"}]),  # the longest word of the two
    (r"\b(?:(?:took|takes) (?:my|her) passport)\b", [{"passport"}]),
    # After words that each end with a space, matched or not, a word starts: it is whole.
    (r"\b(?:never (?:\w+ ){0,2}(?:leave|go out))\b", [{"never"}, {"leave", "out"}]),
    (r"\bmy (?:\w+ )?victim\b", [{"victim"}, {"my"}]),
    (r"\bmy (?:\w+ )+victim\b", [{"victim"}, {"my"}]),
    # ... but not after a group that may end with a letter, nor one with nothing before it.
    (r"\bmy (?:\w+ ?)?victim\b", [{"my"}]),
    (r"\bmy(?:\w+ )?victim\b", []),
    (r"(\w+) \1", []),  # nothing known: always tried
    (r"(?i)\bhelp me\b", []),  # case folded: always tried
    (r"\b(?:sexy?|sex) work\b", [{"work"}]),  # the longest word each text has
    (r"\b(?:after|past) (?:[5-9]|1[01])(?: ?pm)?\b", [{"after", "past"}]),
])
def test_words_a_match_needs(pattern: str, words: list[set[str]]) -> None:
    found = [set(s) for s in needed_words(re.compile(pattern))]
    assert found == words


def test_a_word_is_needed_only_when_the_pattern_bounds_it() -> None:
    # "aid" is no whole word of "maid", nor "work" of "homework": neither can be required.
    for pattern in (r"aid (?:work|help)", r"(?:\w+ )?aid\b", r"\bhome(?:work)?\b"):
        for need in needed_words(re.compile(pattern)):
            assert "aid" not in need and "work" not in need
    assert needed_words(re.compile(r"\bhome(?:work)?\b")) == [frozenset({"home", "homework"})]


def _readable_texts(engine: Engine) -> list[str]:
    """Every readable labelled question (never the never-read sets) and intent example."""
    files = [p for p in sorted((ROOT / "tests" / "devset").glob("*.jsonl"))
             if not p.name.startswith("blind")] + sorted((ROOT / "tests" / "readable").glob(
                 "*.jsonl"))
    texts = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                case = json.loads(line)
                texts += [case["q"], *case.get("context", [])]
    texts += [e for intent in engine.knowledge.intents for e in intent.examples]
    return texts


def test_the_lexicon_reads_every_readable_question_as_the_plain_way_does(engine: Engine) -> None:
    reader: Reader = engine.matcher.reader
    reader._blocks.checked()  # the quick way from the first text
    texts = _readable_texts(engine)
    assert len(texts) > 5_000
    keys = reader._phrase_keys
    alternation = re.compile(r"(?<![\w])(" + "|".join(
        re.escape(p) for p in sorted(keys, key=len, reverse=True)) + r")(?![\w])")
    applied = 0
    for question in texts:
        raw = question.lower()
        assert reader._phrases(raw) == " ".join(alternation.sub(
            lambda m: reader.phrases[keys[m.group(1)]], raw).split())
        text = reader._unpatterned(question)
        plain = _one_by_one(reader.patterns, text)
        assert reader._blocks.apply(text) == plain, question
        applied += plain != text
        words = text_words(text)
        for pattern, _ in reader.patterns:  # every pattern that matches has the words it needs
            if pattern.search(text):
                assert all(not need.isdisjoint(words) for need in needed_words(pattern))
    assert applied > 1000  # the patterns do change many texts: the check is not empty


def test_the_first_texts_are_read_the_plain_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexpatterns, "SEEDED", {})  # no pattern's needs known beforehand
    patterns = _patterns(RAW)
    blocks = PatternBlocks(_sources(patterns))
    assert None not in blocks._compiled  # all compiled when built
    for n in range(PLAIN_FIRST + 2):
        text = "they took my passport and i work for nothing job" + " x" * n
        assert blocks.apply(text) == _one_by_one(patterns, text)
        assert (blocks._checked is None) == (n < PLAIN_FIRST)


def test_with_the_needs_known_only_the_patterns_a_text_may_match_are_compiled(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexpatterns, "SEEDED", {})
    patterns = _patterns(RAW)
    lexpatterns.seed(lexpatterns.needs_by_source([pattern for pattern, _ in patterns]))
    blocks = PatternBlocks(_sources(patterns))
    assert blocks.seeded and blocks._compiled == [None] * len(RAW)
    text = "they took my passport and i work for nothing job"
    assert blocks.apply(text) == _one_by_one(patterns, text)  # the first text: the quick way
    compiled = {source for (source, _), done in zip(blocks.sources, blocks._compiled,
                                                     strict=True) if done is not None}
    assert r"\b(?:for nothing)\b" in compiled and r"\b(?:unpaid)\b" in compiled
    assert r"\b(?:nowhere to go)\b" not in compiled  # the text has none of its words
    assert [p.pattern for p, _ in blocks.patterns()] == [p.pattern for p, _ in patterns]


def test_a_pattern_not_known_that_does_not_compile_fails_when_built(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexpatterns, "SEEDED", {})
    with pytest.raises(re.error):
        PatternBlocks([(r"\b(?:took (my\b", "documents")])


def test_phrases_longest_first_and_left_to_right() -> None:
    values = {"out of hours": "outofhours", "out of": "outof", "hours": "hrs", "of hours": "X"}
    joiner = PhraseJoiner(values, values.__getitem__)
    regex = re.compile(r"(?<![\w])(" + "|".join(
        re.escape(p) for p in sorted(values, key=len, reverse=True)) + r")(?![\w])")
    for text in ("out of hours", "out of hourss", "shout of hours", "out of-hours today hours",
                 "about out of", "", "hours hours"):
        assert joiner.join(text) == regex.sub(lambda m: values[m.group(1)], text)


def test_a_word_many_phrases_start_with_gives_the_alternations_text() -> None:
    values = {"out of hours": "outofhours", "out of": "outof", "out": "o", "out-of": "oo",
              "out of hours line": "ooh", "out there": "ot", "hours": "hrs"}
    joiner = PhraseJoiner(values, values.__getitem__)
    assert joiner._many == {"out"}  # "out" starts at least MANY phrases: tried as one pattern
    regex = re.compile(r"(?<![\w])(" + "|".join(
        re.escape(p) for p in sorted(values, key=len, reverse=True)) + r")(?![\w])")
    for text in ("out of hours", "out of hourss", "out of hours line out", "outs out-of x",
                 "out there hours", "out of hours linex", "shout out", "", "out"):
        assert joiner.join(text) == regex.sub(lambda m: values[m.group(1)], text), text
