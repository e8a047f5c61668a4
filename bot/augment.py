"""Provides the classifier's extra training copies: stand-alone questions wrapped in the words
that askers of other subjects put around theirs (who they are, why they ask, how they sign off).

Many messages open with the asker ("charity caseworker here:", "I'm a student writing an
essay.") or close with a sign-off ("Yours faithfully"), and many messages the release does not
answer are written that way too, so the classifier came to read those words as "none". They do
not change what is asked. The classifier learns that from the labelled data themselves: each
labelled message of one sentence is copied once, at a lower weight, inside the opening and
closing words of a labelled message the release does not answer (``wraps``), keeping its own
label. The wraps come only from the data being fitted (in cross-validation, from the fold's own
training sets), never from the intents' own examples. Everything is deterministic: the wrap
for a question is chosen by a hash of its text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

# Where a message's sentences and lead-ins part: after ". ! ? : ;" and around a dash between
# words ("local radio - who do we call").
_BREAK = re.compile(r"(?<=[.!?:;])\s+|\s+[-\u2013\u2014]+\s+")
WEIGHT = 0.5  # the sample weight of a wrapped copy (an original question weighs 1)
FORM = "wrapped/2"  # names how copies are made: part of the model's data hash
INTENTS = "intents"  # the group of the intents' own examples (bot.training)


@dataclass(frozen=True)
class Wrap:
    """The words a message puts before its question and after it (either may be empty)."""

    lead: str
    tail: str

    def around(self, text: str) -> str:
        return " ".join(part for part in (self.lead, text, self.tail) if part)


def pieces(text: str) -> list[str]:
    """A message's sentences and lead-ins, in order (``_BREAK``)."""
    return [p for p in _BREAK.split(text.strip()) if p]


def wrap_of(text: str) -> Wrap | None:
    """The words around a message's question: the pieces before the last piece that asks
    (ends with "?") and the pieces after it. None when the message has no such piece, nothing
    around it, or an asking piece too short to stand alone ("Is that right?": the words before
    it carry the question); or when the words around it ask something or state a figure."""
    found = pieces(text)
    asking = [n for n, p in enumerate(found) if p.endswith("?")]
    if not asking or len(found[asking[-1]].split()) < 3:
        return None
    lead, tail = found[:asking[-1]], found[asking[-1] + 1:]
    if not (lead or tail) or any("?" in p or any(c.isdigit() for c in p) for p in lead + tail):
        return None
    return Wrap(" ".join(lead), " ".join(tail))


def pick(text: str, count: int) -> int:
    """A fixed index below ``count`` for a text, the same on every run."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") % count


def wraps(items: Sequence[tuple[str, str, str]], fallback: str) -> list[Wrap]:
    """Distinct wraps of the labelled messages ((text, label, group) each) that the release
    does not answer, the intents' own examples left out; sorted, so the list depends on the
    data only."""
    found = {w for text, label, group in items
             if group != INTENTS and label == fallback and (w := wrap_of(text)) is not None}
    return sorted(found, key=lambda w: (w.lead, w.tail))


def copies(items: Sequence[tuple[str, str, str]], fallback: str,
           keep: Collection[str] = ()) -> list[tuple[str, str]]:
    """One wrapped copy (text, label) of each labelled message of one piece, in order; none of
    a class in ``keep`` (the priority classes: a call for help is learned as it was written)."""
    pool = wraps(items, fallback)
    if not pool:
        return []
    return [(pool[pick(text, len(pool))].around(text), label) for text, label, _ in items
            if label not in keep and len(pieces(text)) == 1]
