"""Provides the words that say a question is about a release's subject, as a reader reads them:
the concepts of its uncommon words (``subject``) and the stemmed words of its topic
(``topic_words``). ``bot.reading.Reader`` works both out once, when it is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.features import stem
from bot.knowledge import Knowledge

if TYPE_CHECKING:  # the reader imports this module
    from bot.reading import Reader

# The subject is told by the release's uncommon words: those outside the head of the English
# word list (which "people", "made" and "rise" are in).
SUBJECT_COMMON = 2000
# A release's topic words are those outside the head of the list: a subject may be a
# fairly everyday word ("bus" drivers, "food" banks), but "outside" or "day" is none.
TOPIC_COMMON = 1000


def subject(reader: Reader, knowledge: Knowledge) -> frozenset[str]:
    """The concepts that show a question is about a release's subject at all: the uncommon
    words of its title, of what its figures count and of who published its sources, and
    the concepts the safeguarding help names (the exploitation every release is about)."""
    common = frozenset(knowledge.english[:SUBJECT_COMMON])
    texts = [t for r in knowledge.releases for t in (
        r.title, *(f.counts for f in r.figures), *(s.publisher for s in r.sources))]
    found = {t for text in texts for t in reader.terms(reader.tokens(text, correct=False))
             if t not in common and not t.isdigit()}
    return frozenset(found | set(knowledge.safeguarding.subject))


def topic_words(reader: Reader, knowledge: Knowledge) -> frozenset[str]:
    """The words a release names its topic by, as typed (stemmed): its headline's and what
    its figures count, without stopwords and the commonest English words."""
    common = frozenset(knowledge.english[:TOPIC_COMMON])
    texts = [t for r in knowledge.releases for t in (r.title, *(f.counts for f in r.figures))]
    return frozenset(stem(t) for text in texts for t in reader.tokens(text, correct=False)
                     if t not in reader.stopwords and t not in common and t.isalpha())
