"""Provides reading a message that lists several of a release's figures as asking for them all.

"Give me the 2013 number, the 2018 number and the NRM total", "what are the main figures: NRM
total, the London share and the rise?": a journalist on deadline asks for the figures in one
message, and the matcher, scoring one intent at a time, reads either one of them (the share
named first) or none (each explains a third of the message). A message that asks for figures
(the release's list of figures requires it: "figures", "numbers", "stats") and names at least
``ENOUGH`` of the release's single figures, each by its own word (a figure's strongest keyword:
"rise", "NRM", "share") or by a year no figure it names already carries ("2013", "2018"), asks
for the list, which states them all. A year said with a figure of that year ("the NRM total
for 2017 and London's share") names nothing more; a source, a figure named by its value or
any other word the list excludes, besides the figures' own, keeps the matcher's reading.
"""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

from bot.matching import Match, Matcher
from bot.models import Intent
from bot.profiles import Profile
from bot.reading import Features

ENOUGH = 3  # figures named: two is a two-part question ("the 2018 figure and the share")
LIST_TYPE, LIST_SLOT = "figures", "all"  # the list of a release's figures
ONE_TYPES = frozenset({"figure", "change"})  # a single figure, or the change between two
STRONG = 3.0  # a keyword this heavy names its figure on its own


def _own_word(intent: Intent) -> str:
    """The figure's own word: its heaviest keyword, when heavy enough and the only one."""
    if not intent.keywords:
        return ""
    top = max(intent.keywords.values())
    words = [k for k, w in intent.keywords.items() if w == top]
    return words[0] if top >= STRONG and len(words) == 1 else ""


# Each matcher's lists of figures (of any year), and each release's single figures with their
# own words, found once: walking every profile for them on each message cost more than the
# rest of this step, and most messages ask for no list.
_LISTS: WeakKeyDictionary[Matcher, tuple[Profile, ...]] = WeakKeyDictionary()
_FIGURES: WeakKeyDictionary[Matcher, dict[str, tuple[tuple[Intent, str], ...]]] = (
    WeakKeyDictionary())


def _figures(matcher: Matcher, release: str) -> tuple[tuple[Intent, str], ...]:
    """The release's single figures, each with its own word ("" for none)."""
    of = _FIGURES.setdefault(matcher, {})
    found = of.get(release)
    if found is None:
        found = of[release] = tuple((p.intent, _own_word(p.intent)) for p in matcher.profiles
                                    if p.release == release and p.intent.type in ONE_TYPES)
    return found


def _lists(matcher: Matcher) -> tuple[Profile, ...]:
    found = _LISTS.get(matcher)
    if found is None:
        found = _LISTS[matcher] = tuple(
            p for p in matcher.profiles
            if (p.intent.type, p.intent.slot) == (LIST_TYPE, LIST_SLOT) and not p.intent.years)
    return found


def named(matcher: Matcher, f: Features, release: str) -> set[str]:
    """The release's single figures the message names, each by its own word or a year."""
    figures = _figures(matcher, release)
    by_word = {i.id for i, w in figures if w and w in f.terms}
    years = {y for i, _ in figures if i.id in by_word for y in i.years}
    by_year = {i.id for i, w in figures if len(i.years) == 1 and not w
               for y in f.years if y in i.years and y not in years}
    return by_word | by_year


def listed(matcher: Matcher, f: Features, match: Match | None) -> Match | None:
    """The release's list of figures, where the message asks for figures and names at least
    ``ENOUGH`` of them; else the matcher's own match."""
    if match is not None and (match.intent.priority or match.intent.type == LIST_TYPE):
        return match
    for p in _lists(matcher):
        intent = p.intent
        if any(f.terms.isdisjoint(group) for group in intent.requires):
            continue
        names = named(matcher, f, p.release)
        own = {_own_word(matcher.by_id[i].intent) for i in names}
        if len(names) >= ENOUGH and f.terms.isdisjoint(set(intent.excludes) - own):
            score = max(matcher.threshold + 0.15, match.score if match else 0.0)
            return replace(match, intent=intent, confidence=round(min(1.0, score), 3),
                           score=score, alternatives=()) if match else Match(
                intent=intent, confidence=round(min(1.0, score), 3), features=f, score=score)
    return match
