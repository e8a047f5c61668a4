"""Provides the part of a sentence that belongs to each of its figures: the clause's subject
before the figure and the words after it that say what it counts.

A sentence may state several figures ("Of the 2,400 passengers surveyed, 44 per cent said …";
"… cost £450k in 2023 and was used by twelve thousand people"). Each figure's words stop at
the other figure and at the comma or conjunction between their clauses, so a question about
one reaches that figure and not its neighbour. A sentence with one figure is all that figure's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where one clause ends and the next begins, between two figures.
DIVIDER = re.compile(r"[,;:(–—]|\s(?:and|but|while|whereas|although|though|yet)\s")
# Where the words after the last figure of a sentence stop (its clause's end).
AFTER_END = re.compile(r"[,;:(–—]|\.(?:\s|$)|\[")
# A clause that opens with a verb ("… and was used by …") shares the sentence's subject.
NO_SUBJECT = re.compile(r"^(?:was|were|is|are|has|have|had|will|would|could|can|did|does|do|"
                        r"also|then|now)\b", re.I)
# "the committee heard that …": who reported it, not what the figure counts.
REPORTED = re.compile(r"^.*?\b(?:heard|said|says|found|finds|shows?|showed|estimates?|"
                      r"estimated|told|warned|believes?|believed) that\s+", re.I)
# Words after a figure that say when or for whom, not what it counts ("in 2023", "for 2024-25").
WHEN = re.compile(r"^(?:\s|(?:in|for|during|by|since|from|to|until|between|and|over|the|a|an|"
                  r"each|every|per|year|years|week|month|financial)\b|(?:19|20)\d\d(?:\s?[-/–]"
                  r"\s?(?:19|20)?\d\d)?\b)*$", re.I)
# The words that join a subject to its figure ("fell from", "rose by"), and its qualifier.
LINKS = re.compile(r"(?:\s+\b(?:from|to|by|of|at|on|with|more than|almost|nearly|over|around|"
                   r"about|up to|at least|fewer than|less than|approximately|just over|"
                   r"just under|roughly|only|some|rose|fell|grew|increased|decreased|dropped|"
                   r"jumped|climbed|went up|went down))+\s*$", re.I)
WHAT_OF = re.compile(r"^\s*(?:the )?(?:number|total|amount|count) of ", re.I)


@dataclass(frozen=True)
class Clause:
    """One figure's words: the subject before it and what follows it, as the sentence words
    them (``subject`` may begin with the sentence's subject when its own clause has none)."""

    subject: str
    after: str
    shared: bool  # the sentence states other figures

    @property
    def words(self) -> str:
        """The clause's words, without the figure: what a question about it may use."""
        return " ".join(f"{self.subject} {self.after}".split())

    @property
    def counts(self) -> str:
        """What the figure counts: the words after it, or, when those only say when ("in
        2023", "for 2024-25"), its subject ("A pilot … cost")."""
        after = " ".join(self.after.split()[:10]).rstrip(".")
        if after and not WHEN.match(after):
            return after
        subject = " ".join(WHAT_OF.sub("", LINKS.sub("", self.subject)).split()[-10:])
        # It follows the figure in answers ("£450k: a pilot … cost"): a sentence's opening
        # article is not capitalised there.
        subject = re.sub(r"^(?:A|An|The)\b", lambda m: m.group(0).lower(), subject)
        return subject or after


def clauses(sentence: str, spans: list[tuple[int, int]]) -> list[Clause]:
    """The clause of each figure at ``spans`` (in order, not overlapping) in ``sentence``."""
    out: list[Clause] = []
    for i, (start, end) in enumerate(spans):
        following = spans[i + 1][0] if i + 1 < len(spans) else len(sentence)
        region = sentence[end:following]
        stop = (DIVIDER if i + 1 < len(spans) else AFTER_END).search(region)
        after = region[:stop.start()] if stop else region
        between = list(DIVIDER.finditer(sentence, spans[i - 1][1], start)) if i else []
        if i and not between:
            # No divider: the two figures share one clause ("fell from 410 in 2011 to 190").
            subject = out[-1].subject
        else:
            subject = REPORTED.sub("", sentence[between[-1].end() if between else 0:start]
                                   .strip())
            if i and NO_SUBJECT.match(subject):
                # The sentence's subject, without the verb that joined it to the first figure.
                first = REPORTED.sub("", sentence[:spans[0][0]].strip()).rsplit(" ", 1)[0]
                subject = f"{first} {subject}"
        out.append(Clause(subject=subject, after=after, shared=len(spans) > 1))
    return out


def clause_words(sentence: str, written: list[str], index: int) -> str:
    """The words of the ``index``-th figure's clause, the figures found by how they are written
    (in the order the sentence states them); the whole sentence without the figure when it
    states only one, or when a figure cannot be found."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for w in written:
        at = sentence.find(w, pos)
        if at < 0:
            return sentence.replace(written[index], " ")
        spans.append((at, at + len(w)))
        pos = at + len(w)
    if len(spans) < 2:
        return sentence.replace(written[index], " ")
    return clauses(sentence, spans)[index].words
