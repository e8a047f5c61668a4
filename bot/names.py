"""Provides the names of the person each loaded release quotes first, its chair, of its committee,
its contacts, the bodies its recommendations name and its sources, in the forms a question uses
them (``People``), read from the releases themselves: the lexicon names nobody and nothing.

A release names its chair and its first quote's speaker ("Unmesh Desai AM"). A question names
them by the full name, one of its words (the first name, the surname, a middle name, the
"Liaison" of "Public Liaison Unit"), or a title and the surname ("Mr Desai": the
titles are the lexicon's ``titles``); a post-nominal written in capitals ("AM", "OBE") is no part
of how anyone is asked for. The reader reads every such form as the person quoted (the concept
``PERSON``, the chair's), as the lexicon's own words for that person are read ("chairman"):
"what did Desai say?" as "what did the chair say?". A single word is read so only when it is no
everyday English word and no word the lexicon already reads ("Jane", "Green" and "Khan" are
read as the person only in a full name or after a title). In the lexicon's patterns,
``{speaker}`` stands for every form of every name, so a pattern written for the person quoted
("get {speaker} on") holds for any release's; the name it matched is kept after its words.
A later speaker (an organisation responding) is no chair and is not read so.

A release's contacts are read the same way, each as the lexicon's word for its line
(``CONTACT_WORDS``, by the contact's audience): the media contact ("Aoife Nolan": "can I get
Aoife on the phone", "is Nolan the press officer?") as the press office, the public line
("Public Liaison Unit") as non-media enquiries (the out-of-hours line's "name" is a role, "the
duty press officer", which the lexicon's own words read). A body a recommendation names (a run
of capitalised words in its title or text: "the London Modern Slavery Partnership Board") is
read as the keyword its intent weighs most (``bodies``: "strategy"), so a question naming it
asks for that recommendation. A name of three words or more is also found by its tails
("Liaison Unit", "Partnership Board"), its initials ("PLU", "SCVU") and without a part joined by
"and" ("Specialist Crimes Unit"). Where a name of more than one word is found, its words are read
as the name, not each as the lexicon reads it alone ("unit" of "Public Liaison Unit" is no police
unit; "green" of "Sue Green" no colour). A release's committee ("Police & Crime Committee",
"&" read as "and") is read as the committee, also without the word joining its parts ("police
crime committee"); a source's name (a run of capitalised words in it: "Annual Report") as a
source of its publisher (``sources``). Every name is read once, when the reader is built
(``read_names``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from bot.models import Intent, Release

# The concept a quoted person's name is read as: the lexicon's concept of the chair, the person
# a committee release quotes (and what "him" after the quote is read as: bot.dialogue).
PERSON = "chair"
# The lexicon's word a release's committee ("Police & Crime Committee") is read as.
COMMITTEE = "committee"
# The lexicon's word a source's name is read as, beside its publisher's ("Annual Report").
SOURCE = "source"
# The lexicon's word each contact's name is read as, by the contact's audience.
CONTACT_WORDS = {"media": "pressoffice", "public": "nonmedia"}
# A name is read by its initials only when they are at least this long ("PLU", not "AN").
INITIALS = 3
# A body's name as a release writes it: capitalised words, perhaps joined by "and" or "of".
BODY = re.compile(r"[A-Z][\w’'-]*(?:(?:\s+(?:and|of|for|&))?\s+[A-Z][\w’'-]*)+")
# The word that governs the name after it, perhaps through an article: the verb of "lobby the
# Home Secretary", "Lobbying the Home Secretary".
GOVERNS = re.compile(r"([A-Za-z][\w’'-]*)\s+(?:(?:the|a|an)\s+)?\Z")
# A capitalised word that begins a sentence, not a name: "The Met", "A London strategy".
LEADING = frozenset({"The", "A", "An"})
# The words that join two parts of a name, either of which may be left out.
AND = frozenset({"and"})  # "&" is read as "and" (``name_words``)
# In a lexicon pattern, where the names of the people quoted go (the chair's only).
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


def name_words(name: str, titles: Collection[str]) -> list[str]:
    """A name's own words, as written: without post-nominals and titles before it."""
    words = [w if w != "&" else "and" for w in re.findall(r"[\w’'-]+|&", name)
             if not POST_NOMINAL.fullmatch(w)]
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
        surname, full = tuple(read(words[-1])), tuple(read(" ".join(words)))
        found = {full, surname, *(tuple(read(w)) for w in words)}
        found |= {full[n:] for n in range(1, len(full) - 1) if full[n] not in stopwords}
        # "Specialist Crimes and Vulnerabilities Unit" is also "the Specialist Crimes Unit".
        # ... and, as "Police & Crime Committee" is, without the word that joins them.
        found |= {tuple(read(" ".join(words[:n] + words[n + drop:]))) for n in
                  range(1, len(words) - 1) for drop in (1, 2)
                  if words[n] in AND and n + drop < len(words)}
        found |= {(t, *surname) for t in titles if surname}
        letters = "".join(w[0] for w in words if w[0].isupper()).lower()
        if len(words) > 2 and len(letters) >= INITIALS and letters not in everyday \
                and letters not in known:
            found.add((letters,))
        forms |= {f for f in found if len(f) > 1 or f and len(f[0]) > 2
                  and f[0] not in stopwords}
    single = frozenset(f[0] for f in forms if len(f) == 1 and f[0].isalpha() and len(f[0]) > 2
                       and f[0] not in everyday and f[0] not in known)
    return People(words=single, forms=frozenset(forms),
                  names=frozenset(w for f in forms for w in f if w not in titles))


@dataclass(frozen=True)
class Names:
    """Every kind of name the releases give (the chairs', each audience's contacts'), each with
    the concepts its names are read as (the lexicon's reading of its word)."""

    kinds: tuple[tuple[frozenset[str], People], ...] = ()

    @cached_property
    def starts(self) -> dict[str, tuple[tuple[int, int], ...]]:
        """The first word of every form of more than one word: the kinds (by index) and sizes of
        the forms it starts, so reading a question looks each word up once."""
        found: dict[str, set[tuple[int, int]]] = {}
        for k, (_, people) in enumerate(self.kinds):
            for form in people.forms:
                if len(form) > 1:
                    found.setdefault(form[0], set()).add((k, len(form)))
        return {w: tuple(sorted(s)) for w, s in found.items()}

    def read(self, tokens: list[str]) -> tuple[set[str], set[int]]:
        """The concepts read words name by a form of more than one word, and where its words are
        read as the name only (those no single word of the name is read as by itself)."""
        concepts: set[str] = set()
        covered: set[int] = set()
        starts = self.starts
        if starts.keys().isdisjoint(tokens):
            return concepts, covered
        for n, t in enumerate(tokens):
            for k, size in starts.get(t, ()):
                read_as, people = self.kinds[k]
                if n + size <= len(tokens) and tuple(tokens[n:n + size]) in people.forms:
                    concepts |= read_as
                    covered.update(i for i in range(n, n + size) if tokens[i] not in people.words)
        return concepts, covered


def name_runs(text: str) -> Iterator[tuple[str, int]]:
    """Each name in a text, with where its run starts: runs of two or more capitalised words
    ("the London Modern Slavery Partnership Board"), without a leading "The" or "A"."""
    for m in BODY.finditer(text):
        run = m.group(0).split()
        if len(run) - (run[0] in LEADING) > 1:
            yield " ".join(run[run[0] in LEADING:]), m.start()


def capitalised(*texts: str) -> list[str]:
    """The names in these texts (``name_runs``), each once, in order."""
    return sorted({name for text in texts for name, _ in name_runs(text)})


def bodies(release: Release, intents: Iterable[Intent],
           reads_as: Callable[[str], frozenset[str]] | None = None) -> list[tuple[str, list[str]]]:
    """The bodies each recommendation names (runs of capitalised words: "the London Modern
    Slavery Partnership Board"), each with the keyword of its intent that says what is asked of
    it where one does: the concept (``reads_as``: the concepts a text reads as) of the word that
    governs it in the recommendation ("lobby the Home Secretary": ``lobby``), if its intent
    weighs that word; otherwise the keyword its intent weighs most ("strategy")."""
    found = []
    for intent in intents:
        rec = next((r for r in release.recommendations if r.id == intent.slot), None)
        if rec is None or intent.release != release.id or not intent.keywords:
            continue
        asked: dict[str, set[str]] = {}
        for text in (rec.title, rec.action, rec.sentence):
            for name, start in name_runs(text):
                verb = GOVERNS.search(text, 0, start)
                said = reads_as(verb.group(1)) if verb and reads_as else frozenset()
                asked.setdefault(name, set()).update(said & intent.keywords.keys())
        top = max(intent.keywords.values())
        strongest = {k for k, weight in intent.keywords.items() if weight == top}
        by_word: dict[str, set[str]] = {}
        for name, words in asked.items():
            for word in words or strongest:
                by_word.setdefault(word, set()).add(name)
        found += [(k, sorted(by_word.get(k, ()))) for k in intent.keywords
                  if k in strongest or k in by_word]
    return found


def sources(release: Release, read: Callable[[str], list[str]]) -> list[tuple[str, list[str]]]:
    """The names a release's sources go by (runs of capitalised words in a source's name: "the
    Home Office's 2018 Annual Report"), without their publisher's name (which names the
    publisher, not the source: "Transport for London"), each with its publisher's words and
    ``SOURCE``: "the annual report" asks where the Home Office's figures come from. A source
    with no publisher is read by no name: the capitals of "Accessibility statistics, Transport
    for London, 2024" may all be its publisher's."""
    found = []
    for source in release.sources:
        if not source.publisher:  # its name's capitals may all be its publisher's, unnamed
            continue
        publisher = rf"\b{re.escape(source.publisher)}(?:[’']s)?(?!\w)"
        names = (" ".join(re.sub(publisher, " ", name).split())
                 for name in capitalised(source.name, source.short))
        found.append((" ".join([*read(source.publisher), SOURCE]),
                      sorted({n for n in names if len(n.split()) > 1})))
    return found


def read_names(releases: Iterable[Release], intents: Collection[Intent],
               read: Callable[[str], list[str]], reading: Callable[[str], frozenset[str]],
               titles: Collection[str], everyday: Collection[str], known: Collection[str],
               stopwords: Collection[str]) -> Names:
    """Every kind of name the releases give, each read by ``read_people`` and read as the
    concepts ``reading`` gives its lexicon word: the person each release quotes first and its
    chair first (the patterns' ``{speaker}``), then its committee, its contacts by audience,
    the bodies its recommendations name, then the names of its sources (a kind's word may be
    several, each read: "homeoffice source"), found only by a form of two words or more: one
    word of a source's name ("Annual") is no question about where a figure comes from."""
    releases = list(releases)

    def reads_as(text: str) -> frozenset[str]:
        return frozenset().union(*map(reading, read(text)))

    chairs = [n for r in releases for n in (r.chair, *(q.speaker for q in r.quotes[:1]))]
    others: dict[str, list[str]] = {}  # one kind per word, however many releases name it
    for word, names in [(COMMITTEE, [r.committee for r in releases if r.committee]),
                        *((word, [c.name for r in releases for c in r.contacts
                                  if c.audience == audience])
                          for audience, word in CONTACT_WORDS.items()),
                        *(kind for r in releases for kind in bodies(r, intents, reads_as))]:
        others.setdefault(word, []).extend(names)
    cited: dict[str, list[str]] = {}
    for word, names in (kind for r in releases for kind in sources(r, read)):
        cited.setdefault(word, []).extend(names)

    def kind(words: str, names: list[str]) -> tuple[frozenset[str], People]:
        return (frozenset().union(*map(reading, words.split())),
                read_people(names, read, titles, everyday, known, stopwords))

    kinds = [kind(word, names) for word, names in [(PERSON, chairs), *others.items()]]
    for concepts, people in (kind(word, names) for word, names in cited.items()):
        kinds.append((concepts, replace(people, words=frozenset())))
    return Names(tuple(kinds))
