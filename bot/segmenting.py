"""Provides ``Segmenter``: the words of a text in a script written without spaces between them.

Chinese and Japanese (Han, hiragana, katakana), Thai, Lao, Khmer and Burmese run a sentence's
words together ("新闻办公室电话号码是多少"), so no word of them is ever a lexicon entry unless the
whole run is one; Korean (Hangul) separates words by spaces but writes its particles on the word
("런던의", "건수는"). The segmenter cuts each run of those scripts into the longest words the
lexicon knows in them, left to right (dictionary-based longest match, the classic way to read
these scripts without a language model): "新闻 办公室 电话号码 是 多少", "런던 의", "건수 는".
Letters of no known word are kept together as one word, as typed ("天气很好" stays whole), so a
message the lexicon knows nothing of reads as before. A run also ends where another script or
a digit starts ("2018年" is "2018 年", "NHKの記者" is "NHK の 記者").

A combining mark (Thai's vowel and tone marks, Burmese's and Khmer's signs) belongs to the letter
before it: no word is cut before one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# The scripts written without spaces between words, and Hangul, whose words carry particles.
_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # hiragana, katakana (with the prolonged sound mark ー)
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
)
_CLASS = "".join(f"{chr(a)}-{chr(b)}" for a, b in _RANGES)
_RUN = re.compile(f"[{_CLASS}]+")
_ANY = re.compile(f"[{_CLASS}]")
# No lexicon word of these scripts is longer, in code points: Thai, Lao, Khmer and Burmese
# spell a word with vowel signs, tone marks and (Khmer) subscript letters, each its own code
# point, so "ข่าวประชาสัมพันธ์" (a press release) is 17 and "ការិយាល័យសារព័ត៌មាន" (the press
# office) 20; a bound of 12 left every longer word unfound.
MAX_WORD = 24


def unspaced(word: str) -> bool:
    """Whether a word is written wholly in the scripts segmented here."""
    return bool(word) and _RUN.fullmatch(word) is not None


class Segmenter:
    """Cuts runs of the unspaced scripts into the words of a vocabulary."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.words = frozenset(w for w in vocabulary if unspaced(w))
        self.longest = min(MAX_WORD, max(map(len, self.words), default=0))

    def __call__(self, text: str) -> str:
        """The text with a space between each word found in a run of those scripts, and around
        each run (most messages have none: returned as they are)."""
        if not self.words or text.isascii() or _ANY.search(text) is None:
            return text
        return _RUN.sub(lambda m: f" {' '.join(self.cut(m.group()))} ", text)

    def cut(self, run: str) -> list[str]:
        """The run's words, longest known first from each place; unknown letters kept together."""
        out: list[str] = []
        unknown = ""
        i = 0
        while i < len(run):
            end = self._match(run, i)
            if end:
                if unknown:
                    out.append(unknown)
                    unknown = ""
                out.append(run[i:end])
                i = end
            else:
                unknown += run[i]
                i += 1
        if unknown:
            out.append(unknown)
        return out

    def _match(self, run: str, start: int) -> int:
        """The end of the longest known word at ``start`` that ends before no combining mark
        (0 if none)."""
        for end in range(min(len(run), start + self.longest), start, -1):
            if run[start:end] in self.words and not (
                    end < len(run) and unicodedata.category(run[end])[0] == "M"):
                return end
        return 0
