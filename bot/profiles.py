"""Provides intent profiles: what the matcher reads once from each intent to score questions.

``build_profiles`` reads every intent of a knowledge base: the weight of each of its words
(from its keywords and how often its examples use them), its examples' canonical words, the
years and figures it states, how distinctive each word is among its release's intents, and, for
one item of a list, the words that are its own. ``Asked`` is the question's side: what its
terms bring to every intent's score, worked out once per ranking.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from bot.knowledge import Knowledge
from bot.models import Intent
from bot.provenance import PLACEHOLDER
from bot.reading import Reader

# Concepts with which a question asks for a figure ("how many", "how much", "what percentage",
# "what share"): an answer of another type fits it only if the question also asks for that.
FIGURE_ASKING = frozenset({"howmany", "howmuch", "percent", "share"})
# A figure-like answer's concepts (lexicon concepts): it fits a question asking for a figure.
FIGURE_ANSWERS = FIGURE_ASKING | {"stats", "rise"}
# A keyword this strong is how a question asks for its intent's type ("recommend": 3).
ASKING_WEIGHT = 3.0
# The lexicon's concept of what is still missing from a sum ("gap", "shortfall").
SHORTFALL = "shortfall"


def sorted_words(text: str) -> str:
    """The text's words in sorted order, one space apart: what ``fuzz.token_sort_ratio``
    compares (it splits at the same white space as ``str.split``)."""
    return " ".join(sorted(text.split()))


class Asked:
    """What ``Matcher.score`` reads of the question's terms alone, worked out once for all the
    candidates of one ranking: the terms, their sorted words, the question's weight per
    release (the intents of a release share its idf) and, when the ranking found them in the
    postings, the terms each candidate has (``hits``, by the profile's ``number``)."""

    __slots__ = ("terms", "sorted_canon", "weights", "_without", "hits")

    def __init__(self, terms: frozenset[str], hits: dict[int, list[str]] | None = None) -> None:
        self.terms = terms
        self.sorted_canon = sorted_words(" ".join(sorted(terms)))
        self.weights: dict[str, float] = {}
        self._without: Asked | None = None
        self.hits = hits

    def hit(self, profile: Profile) -> list[str]:
        """The terms the profile has a weight for, in the order of ``terms`` (the order its
        sums add them in): from ``hits`` when given, each term's postings read once for all
        the candidates, not every term looked up in every candidate's weights."""
        if self.hits is not None:
            return self.hits.get(profile.number, [])
        return [t for t in self.terms if t in profile.weights]

    def without_report(self) -> Asked:
        """The same without the term "report" (a document, not a call for help)."""
        if self._without is None:
            self._without = Asked(self.terms - {"report"})
        return self._without


@dataclass
class Profile:
    intent: Intent
    weights: dict[str, float]
    top: float
    years: frozenset[int]
    figure_values: frozenset[float]
    examples: list[str]
    home_values: frozenset[float] = frozenset()  # the figures of its years, not just mentions
    own_values: frozenset[float] = frozenset()  # the figures whose years are exactly its own
    release: str = ""
    idf: dict[str, float] = field(default_factory=dict)
    max_idf: float = 1.0
    # For one item of a list (a recommendation of the recommendations): its own keywords, those
    # the list's intent does not have. A question naming none of them, only
    # the release's subject, asks for the list ("what does the committee want TfL to do?").
    item_words: frozenset[str] | None = None
    # Read once from its keywords, for ``bot.clashes.other_type`` on every question: the words
    # that ask for its type, its strong words, and whether it is a figure-like answer.
    asking: frozenset[str] = frozenset()
    strong: frozenset[str] = frozenset()
    figure_like: bool = False
    # Whether its figure is a gap or shortfall (its own strong words say so, as the reader's
    # concepts read them: ``bot.clashes.unasked_shortfall``), read once by ``build_profiles``.
    shortfall: bool = False
    # The units of the figures it states as its own ("money", "percent", "count"): a question
    # asking for a sum of money is not answered by a percentage (``bot.clashes.unit_clash``).
    units: frozenset[str] = frozenset()
    # The places of those figures, as the reader's terms ("the UK": "uk"): a question about
    # another place is not answered by them (``bot.clashes.place_clash``).
    places: frozenset[str] = frozenset()
    # Each example with its words sorted, as ``fuzz.token_sort_ratio`` reads it: the matcher
    # compares the question's sorted terms with these by ``fuzz.ratio``, the same score.
    sorted_examples: list[str] = field(default_factory=list)
    # Each of its terms' idf times its weight capped at 1, what ``Matcher.score`` sums over the
    # terms a question shares with it: worked out once, by ``bot.shortlist.build_postings``.
    coverage: dict[str, float] = field(default_factory=dict)
    # Each of its terms' keyword weight (0 for a term of its examples alone), what
    # ``Matcher.score`` sums for its keyword coverage: also by ``build_postings``.
    keyword_of: dict[str, float] = field(default_factory=dict)
    number: int = -1  # its place among the matcher's profiles (``build_postings``)

    def __post_init__(self) -> None:
        # (The example itself when its words are in order already: no second copy kept.)
        self.sorted_examples = [e if s == e else s
                                for e, s in ((e, sorted_words(e)) for e in self.examples)]
        keywords = self.intent.keywords
        self.asking = frozenset(k for k, w in keywords.items() if w >= ASKING_WEIGHT)
        self.strong = frozenset(k for k, w in keywords.items() if w >= 1)
        self.figure_like = bool(FIGURE_ANSWERS & set(keywords))


def build_profiles(knowledge: Knowledge, reader: Reader) -> list[Profile]:
    """The profile of every intent of the knowledge base, in its order."""
    # The places each release states figures for, as the reader's terms: once per release.
    places = {r.id: frozenset(t for fig in r.figures
                              for t in reader.terms(reader.tokens(fig.place, correct=False)))
              for r in knowledge.releases}
    profiles = [_profile(knowledge, reader, i, places) for i in knowledge.intents]
    for p in profiles:
        p.shortfall = p.figure_like and any(SHORTFALL in reader.concepts.get(w, ())
                                            for w in p.strong)
    _compute_idf(profiles)
    _item_words(profiles)
    return profiles


def _profile(knowledge: Knowledge, reader: Reader, intent: Intent,
             places: dict[str, frozenset[str]]) -> Profile:
    weights: dict[str, float] = {}
    counts: dict[str, int] = defaultdict(int)
    canon: list[str] = []
    for example in intent.examples:
        terms = reader.terms(reader.tokens(example, correct=False))
        for t in terms:
            counts[t] += 1
        canon.append(" ".join(sorted(terms)))
    for t, c in counts.items():
        weights[t] = min(1.0, c / len(intent.examples) * 1.5)
    for k, w in intent.keywords.items():
        weights[k] = max(weights.get(k, 0.0), w)
    release = knowledge.release(intent.release)
    figures = {f.id: f for f in release.figures}
    used = [m.group(2) for a in intent.answer for m in PLACEHOLDER.finditer(a)
            if m.group(1) == "fig"]
    # Explicit years win; otherwise the intent covers the years of the figures it states.
    years = set(intent.years) or {y for fid in used for y in figures[fid].years}
    top = sum(sorted(intent.keywords.values())[-2:]) or 1.0
    if intent.context_figures:  # it speaks about whichever figure was asked about
        used = list(figures)
    # The 2013 answer mentions the 2018 figure too, but only the 2013 one is its own; the
    # rise (2013-2018) is the 1,155% one, though it also states 187 and 2,346.
    spans = {f: figures[f].years for f in used}
    home = [figures[f].value for f in used if not intent.years
            or spans[f] <= set(intent.years)]
    own = [figures[f].value for f in used if not intent.years
           or spans[f] == set(intent.years)]
    mine = [] if intent.context_figures else [
        figures[f] for f in used if not intent.years or spans[f] <= set(intent.years)]
    units = frozenset(fig.unit for fig in mine)
    # A figure's own card (its slot names the figure) is for that figure's place alone: the
    # UK-wide total's answer also gives London's share, but is not London's figure.
    if intent.slot in figures and not intent.context_figures:
        mine = [figures[intent.slot]]
    # Its places are those its figures are for, and those what they count names ("London's
    # cases compared with any other region in the UK"), among the places the release's
    # figures are for.
    known = places[release.id]
    return Profile(intent=intent, weights=weights, top=top, years=frozenset(years),
                   figure_values=frozenset(figures[f].value for f in used),
                   examples=canon, release=release.id, home_values=frozenset(home),
                   own_values=frozenset(own), units=units,
                   places=frozenset(t for fig in mine for t in reader.terms(reader.tokens(
                       f"{fig.place} {fig.counts}", correct=False)) if t in known))

def _compute_idf(profiles: list[Profile]) -> None:
    """How distinctive each word is, among the intents of the same release only: loading
    other releases must not change how this release's own questions are scored."""
    groups: dict[str, list[Profile]] = defaultdict(list)
    for p in profiles:
        groups[p.release].append(p)
    for group in groups.values():
        df: dict[str, int] = defaultdict(int)
        for p in group:
            for t in p.weights:
                df[t] += 1
        n = len(group)
        idf = {t: math.log(1 + n / d) for t, d in df.items()}
        for p in group:
            p.idf, p.max_idf = idf, math.log(1 + n)

def _item_words(profiles: list[Profile]) -> None:
    """Each list item's own words (``Profile.item_words``)."""
    by_id = {p.intent.id: p for p in profiles}
    for p in profiles:
        items = [by_id[i] for i in p.intent.items if i in by_id]
        for item in items:
            item.item_words = frozenset(t for t, w in item.intent.keywords.items()
                                        if w >= 1 and t not in p.weights)
