"""Provides the names of the person each loaded release quotes first, its chair, in the forms a
question uses them (``People``), read from the releases themselves: the lexicon names nobody.

A release names its chair and its first quote's speaker ("Unmesh Desai AM"). A question names
them by the full name, the first name, the surname, or a title and the surname ("Mr Desai": the
titles are the lexicon's ``titles``); a post-nominal written in capitals ("AM", "OBE") is no part
of how anyone is asked for. The reader reads every such form as the person quoted (the concept
``PERSON``, the chair's), as the lexicon's own words for that person are read ("chairman"):
"what did Desai say?" as "what did the chair say?". A single word is read so only when it is no
everyday English word and no word the lexicon already reads ("Jane", "Green" and "Khan" are
read as the person only in a full name or after a title). In the lexicon's patterns,
``{speaker}`` stands for every form of every name, so a pattern written for the person quoted
("get {speaker} on") holds for any release's; the name it matched is kept after its words.
A later speaker (an organisation responding) is no chair and is not read so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

# The concept a quoted person's name is read as: the lexicon's concept of the chair, the person
# a committee release quotes (and what "him" after the quote is read as: bot.dialogue).
PERSON = "chair"
# In a lexicon pattern, where the names of the people quoted go.
PLACEHOLDER = "{speaker}"
# The group of a pattern's regular expression that holds the name it matched.
GROUP = "speaker"
# A regular expression that matches nothing: a pattern's names when no release quotes anyone.
NOTHING = "(?!x)x"
# A word written in capitals, as post-nominals are ("AM", "MP", "OBE", "QC").
POST_NOMINAL = re.compile(r"[A-Z]{2,}")


@dataclass(frozen=True)
class People:
    """The names of the people quoted, as read text (lower case, the reader's own words).

    ``words``: the single words read as the person; ``forms``: every form of every name, each
    as its words ("unmesh desai", "mr desai", "desai"); ``names``: the words of all the forms, to
    tell a text that may name someone from one that cannot."""

    words: frozenset[str] = frozenset()
    forms: frozenset[tuple[str, ...]] = frozenset()
    names: frozenset[str] = frozenset()

    @property
    def longest(self) -> int:
        return max((len(f) for f in self.forms), default=0)

    def alternation(self) -> str:
        """Every form as a regular expression's alternatives, the longest first."""
        spelled = sorted((" ".join(f) for f in self.forms), key=lambda f: (-len(f), f))
        return "|".join(re.escape(f) for f in spelled) if spelled else NOTHING

    def in_pattern(self, pattern: str) -> str:
        """A lexicon pattern with ``{speaker}`` standing for the names (the first of them as the
        group ``speaker``, which ``in_words`` keeps)."""
        if PLACEHOLDER not in pattern:
            return pattern
        named = pattern.replace(PLACEHOLDER, f"(?P<{GROUP}>{self.alternation()})", 1)
        return named.replace(PLACEHOLDER, f"(?:{self.alternation()})")

    @staticmethod
    def in_words(pattern: str, words: str) -> str:
        """What a pattern's match is rewritten as: its words, and the name it matched, if any
        (the name still says who, and which release: "get Desai on" reads "interview desai")."""
        return f" {words} \\g<{GROUP}> " if PLACEHOLDER in pattern else f" {words} "

    def named(self, tokens: list[str]) -> bool:
        """Whether read words name one of the people by a form of more than one word."""
        for size in range(2, self.longest + 1):
            for start in range(len(tokens) - size + 1):
                if tuple(tokens[start:start + size]) in self.forms:
                    return True
        return False


def name_words(name: str, titles: Collection[str]) -> list[str]:
    """A name's own words, as written: without post-nominals and titles before it."""
    words = [w for w in re.findall(r"[\w’'-]+", name) if not POST_NOMINAL.fullmatch(w)]
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    return words


def read_people(names: Iterable[str], read: Callable[[str], list[str]], titles: Collection[str],
                everyday: Collection[str], known: Collection[str],
                stopwords: Collection[str]) -> People:
    """The forms of these names, each read by ``read`` (the reader's words for a text, before
    its patterns); ``everyday`` and ``known`` words are read as the person only in a longer
    form, and a stopword or a word of two letters ("Will", "Jo") only in a longer form."""
    forms: set[tuple[str, ...]] = set()
    for name in names:
        words = name_words(name, titles)
        if not words:
            continue
        surname = tuple(read(words[-1]))
        found = {tuple(read(" ".join(words))), tuple(read(words[0])), surname}
        found |= {(t, *surname) for t in titles if surname}
        forms |= {f for f in found if len(f) > 1 or f and len(f[0]) > 2
                  and f[0] not in stopwords}
    single = frozenset(f[0] for f in forms if len(f) == 1 and f[0].isalpha() and len(f[0]) > 2
                       and f[0] not in everyday and f[0] not in known)
    return People(words=single, forms=frozenset(forms),
                  names=frozenset(w for f in forms for w in f if w not in titles))
