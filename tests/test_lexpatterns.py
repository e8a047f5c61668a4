"""PatternBlocks gives the text that applying each pattern in turn gives, short or long."""

from __future__ import annotations

import re

from bot.lexpatterns import LONG_TEXT, PatternBlocks, pattern_blocks


def _patterns(raw: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b(?:{p})\b"), f" {w} ") for p, w in raw.items()]


RAW = {
    "for nothing": "unpaid",
    "(?:took|takes) (?:my|her) passport": "documents",
    "unpaid (?:work|job)": "forced",  # matches only after the first pattern's substitution
    r"(\w+) \1": "repeated",  # a backreference: never combined with others
    "nowhere to go": "danger",
    "help me|please help": "help concern",
}


def _one_by_one(patterns: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for pattern, words in patterns:
        text = pattern.sub(words, text)
    return text


def test_same_text_as_each_pattern_in_turn() -> None:
    patterns = _patterns(RAW)
    blocks = PatternBlocks(patterns)
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
    assert len(texts[1]) >= LONG_TEXT


def test_a_backreference_is_a_block_of_its_own() -> None:
    blocks = pattern_blocks(_patterns(RAW))
    alone = [b for b in blocks if b[0] is None]
    assert [len(members) for _, members in alone] == [1]
    assert [p.pattern for _, members in blocks for p, _ in members] == [
        p.pattern for p, _ in _patterns(RAW)]
