"""Provides figures a release writes in words: proportions ("one in five"), fractions ("a third
of", "two thirds of", "half of"), numbers ("twelve", "forty-two", "two thousand", "three
million") and multiplications ("doubled"), each read as a value.

Only what has one honest value is read: "one in five" is 20 per cent, "doubled" is two times;
"a few" or "dozens" are not figures. A number in words is read only from ten up, or with a scale
word ("two thousand"): "two committees" and "five years" are prose, not statistics.
"""

from __future__ import annotations

import re

from bot.numbers import SCALES as QUESTION_SCALES
from bot.numbers import TENS
from bot.numbers import UNITS as ONES

# A release may count in billions; a question's numbers are read without them (bot.numbers).
SCALES = {**QUESTION_SCALES, "billion": 1_000_000_000}
# The denominators of fractions as words ("a third", "two fifths").
PARTS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
         "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# Growth said in one word, with the number of times it means.
CHANGES = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4}

_WORD = "|".join(sorted([*ONES, *TENS], key=len, reverse=True))
_SCALE = "|".join(SCALES)
# "forty-two", "two thousand", "three hundred and fifty", "1.2 million" is digits (figures.py).
# "and" only after a scale word and before a number ("three hundred and fifty").
# Not part of a longer word: "twenty-first", "one-off".
NUMBER_WORDS = (rf"(?i:\b(?:{_WORD})(?:[ -](?:{_SCALE})(?:\sand(?=\s(?:{_WORD})\b))?"
                rf"|[ -](?:{_WORD}))*\b(?![-’'\w])|\ba (?:{_SCALE})\b)")
_PART = "|".join(w for w in sorted(PARTS, key=len, reverse=True))
FRACTION = rf"(?i:\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine)[ -](?:{_PART})s?" \
           r"|half)(?= of\b))"
# Up to three digits: "45 in 2022" is a count and a year, not a proportion.
_SMALL = rf"(?:{_WORD}|\d{{1,3}}(?![\d,]))"
PROPORTION = rf"(?i:\b{_SMALL} (?:in|out of) (?:every )?{_SMALL}\b)"
CHANGE = r"(?i:\b(?:" + "|".join(CHANGES) + r")\b)"
# After these, a number in words is a length of time, not a figure ("twelve months").
TIME_NOUNS = re.compile(r"\s(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|"
                        r"centuries|times|o'clock)\b")


def words_value(text: str) -> float | None:
    """'forty-two' -> 42, 'two thousand three hundred and five' -> 2305; None if not a
    number in words."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word == "and":
            continue
        if word in ONES or word in TENS:
            current += ONES.get(word, 0) + TENS.get(word, 0)
        elif word == "a":
            current = max(current, 1)
            continue
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def small(text: str) -> float | None:
    return float(text) if text.isdigit() else words_value(text)


def proportion(written: str) -> float | None:
    """'one in five' -> 20.0 (per cent); None when it is no proportion ("one in 2023")."""
    m = re.fullmatch(rf"({_SMALL}) (?:in|out of) (?:every )?({_SMALL})", written.lower())
    if m is None:
        return None
    part, whole = small(m.group(1)), small(m.group(2))
    if part is None or whole is None or not 0 < part < whole or whole > 1000:
        return None
    return round(part / whole * 100, 2)


def fraction(written: str) -> float:
    """'two thirds' -> 66.67, 'half' -> 50.0 (per cent)."""
    words = written.lower().replace("-", " ").split()
    if words == ["half"]:
        return 50.0
    count = 1.0 if words[0] in ("a", "an") else words_value(words[0]) or 1.0
    part = PARTS[words[1].removesuffix("s") if words[1] not in PARTS else words[1]]
    return round(count / part * 100, 2)


def number_words(sentence: str, m: re.Match[str]) -> float | None:
    """The value of a number in words, when it is a figure: ten or more, or scaled, and not a
    length of time ("twelve months"; but "three million hours" of care is a figure)."""
    value = words_value(m.group(0))
    scaled = any(s in m.group(0).lower() for s in SCALES)
    if value is None or (TIME_NOUNS.match(sentence[m.end():]) and not scaled):
        return None
    return value if value >= 10 or scaled else None
