"""Provides the question reader: normalisation, concepts, years, numbers and who is asking.

``Reader.features(question)`` turns free text into what the matcher scores: canonical words
(case, punctuation, typos, "per cent", thousands separators and number words normalised;
phrases, regular-expression patterns and word senses from ``intents/lexicon.yaml`` applied),
the concepts they express, the years and figures named (told apart by ``bot.numbers``: "a 2000
per cent rise" names a percentage, "my 2000 word essay" no figure at all), and whether a
journalist or a member of the public is asking. Nothing here knows about intents' scores.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot import numbers as num
from bot import punctuation, readmemo, subjectwords, textfacts
from bot.asker import about_asker
from bot.errors import KnowledgeError
from bot.features import AFTER_RELEASE
from bot.features import Features as Features  # where it lived before
from bot.features import stem as stem
from bot.figureyears import NATIONAL_FIGURE, FigureYears
from bot.knowledge import Knowledge
from bot.lexpatterns import PatternBlocks
from bot.names import read_names
from bot.numbers import words_to_numbers as words_to_numbers  # where it lived before
from bot.phrasing import PhraseJoiner
from bot.readmemo import normalised_texts as normalised_texts  # where it lived before
from bot.segmenting import Segmenter
from bot.timecue import CUE, asks_for_out_of_hours

ELLIPSIS_STARTS = ("and ", "what about", "how about", "and what", "or ", "also ", "same for",
                   "in ", "for ", "what of ")
# Of those, the openings that as often frame a whole question ("for my essay, how much did
# referrals rise?", "in 2018 how many referrals were there?"): a fragment only when short.
FRAMING_STARTS = ("for ", "in ")
MAX_QUESTION_CHARS = 1000
# The ASCII characters of Unicode's categories C (controls) and Z (the space), read as a space.
_ASCII_BLANKS = {c: " " for c in range(128) if unicodedata.category(chr(c))[0] in "CZ"}
# A small number names a figure only with its unit: "30 per cent", "3 times" (normalised).
SMALL_FIGURE_UNITS = frozenset({"percent", "share", "times", "ratio", "fold", "per"})
# Places the release has no figures for: elsewhere in the UK, and abroad (lexicon concepts).
PLACES = ("borough", "ukplace", "otherplace")
EVERYDAY_WORDS = 5000
# Stands for "last year", "this year"…: a year the release, from 2020, cannot cover.
RELATIVE_YEAR = 0
_NOT_LETTERS = re.compile(r"[\W_]+")  # what a name is looked for without
_MARKS = re.compile(punctuation.NOT_IN_WORD + "]|_")  # read as a space before the typos, again


class Reader:
    """Reads questions in the words of one knowledge base's lexicon."""

    def __init__(self, knowledge: Knowledge) -> None:
        lex = knowledge.lexicon
        self.typos = dict(lex.typos)
        self.senses = dict(lex.senses)
        self._relative_re = re.compile(r"\b(" + "|".join(
            re.escape(p) for p in sorted(lex.relative_years, key=len, reverse=True)) + r")\b"
        ) if lex.relative_years else None
        self.phrases = {k.lower(): v for k, v in lex.phrases.items()}
        self.stopwords = frozenset(lex.stopwords)
        self.offtopic = frozenset(lex.offtopic)
        self.concepts: dict[str, set[str]] = defaultdict(set)
        for concept, words in lex.concepts.items():
            for w in words:
                self.concepts[w.lower()].add(concept)
        # Phrases are joined after the typos, so each is looked for as the typos leave its
        # words: "wen kann ich" (German) as "when kann ich", after the typo wen -> when. A
        # phrase written in those words itself keeps them.
        self._phrase_keys = dict(zip(self.phrases, self.phrases, strict=True))
        for p in self.phrases:
            if not self.typos.keys().isdisjoint(words := p.split()):
                seen = " ".join(self.typos.get(w, w) for w in words)
                self._phrase_keys.setdefault(" ".join(seen.split()), p)
        # The words of the scripts written without spaces (and Korean's, with their particles)
        # are cut out of a run of them by the lexicon's own words in those scripts.
        self._segment = Segmenter({w for words in (
            self.typos, self.stopwords, self.offtopic, self.concepts, lex.common, self.senses)
            for w in words} | {w for p in self.phrases for w in [p, *p.split()]})
        self._joiner = PhraseJoiner(self._phrase_keys, lambda key: self.phrases[
            self._phrase_keys[key]]) if self.phrases else None
        # The names each release gives (bot.names): its chair's, the patterns' {speaker} (a later
        # speaker, TfL's, is no chair), and its contacts', each as the word for its line.
        known = set(self.concepts) | self.stopwords | self.offtopic | set(self.senses) | set(
            self.typos) | set(lex.common)
        self.names = read_names(
            knowledge.releases, knowledge.intents, lambda text: self._unpatterned(text).split(),
            lambda word: frozenset(self.concepts.get(word) or {word}), frozenset(lex.titles),
            frozenset(knowledge.english[:EVERYDAY_WORDS]), known, self.stopwords)
        self.people = self.names.kinds[0][1]
        self.figures = FigureYears(knowledge)
        self.value_topics = self.figures.value_topics
        sources = [(rf"\b(?:{self.people.in_pattern(p)})\b", self.people.in_words(p, w))
                   for p, w in self.figures.filled(lex)]
        try:
            self._blocks = PatternBlocks(sources)  # compiled now, or when first needed
        except re.error as exc:
            raise KnowledgeError(f"intents/lexicon.yaml: patterns: {exc}") from None
        # Patterns swapped in for the reader's own (the lexicon audit's recording copies).
        self._swapped: list[tuple[re.Pattern[str], str]] | None = None
        # A text that may name a chair or a year after the data is read afresh, never from or
        # into the memo readers share (another reads no such names, or its own years: afresh).
        fresh = sorted(self.people.names) + self.figures.afresh(lex)
        self._naming = re.compile("|".join(map(re.escape, fresh))) if fresh else None
        key = readmemo.memo_key(lex)
        self._memo = readmemo.memo_for(key)
        self._recent = readmemo.recent_for(key)
        self._parts = (self.typos, self.phrases)
        # The bot's own vocabulary: what it can understand, and what typos are corrected to,
        # the primary release's first: with other releases loaded,
        # a typo is read as a word of the primary release when one is close enough.
        primary = knowledge.release().id
        vocab: set[str] = set(self.concepts) | self.offtopic | self.stopwords | set(lex.common)
        vocab |= set(self.senses) | set(self.typos.values())
        lexicon_words = frozenset(vocab)
        others: set[str] = set()
        for intent in knowledge.intents:
            into = vocab if knowledge.release(intent.release).id == primary else others
            into |= set(intent.keywords)
            for e in intent.examples:
                tokens = self.tokens(e, correct=False)
                into |= set(tokens) | self.terms(tokens)
        for r in knowledge.releases:
            (vocab if r.id == primary else others).update(self.tokens(r.text, correct=False))
        self.vocab = frozenset(vocab | others)
        self.english = frozenset(knowledge.english)
        # The list is ordered by frequency: its head is everyday English, never "unknown".
        self.everyday = frozenset(knowledge.english[:EVERYDAY_WORDS])
        # Typos are corrected towards the bot's own vocabulary only: never into an off-topic
        # word ("subbing" is not "stabbing") or a mere stopword.
        skip = self.offtopic | self.stopwords | set(lex.common)
        self._correctable = [sorted(w for w in words - skip if len(w) >= 4 and w.isalpha())
                             for words in (vocab, others - vocab)]
        # The primary release's words split in two: the lexicon's, the same for every reader
        # of the lexicon (their best match for a word is shared: ``_correct``), and the rest.
        shared = tuple(w for w in self._correctable[0] if w in lexicon_words)
        self._shared, self._corrected = shared, readmemo.corrected_for(shared)
        self._own = [w for w in self._correctable[0] if w not in lexicon_words]
        # A name is read as whom it names (and as itself where an intent is found by it: a card
        # by its speaker's name); added after the vocabulary is split, as the release's words.
        keywords = {k for i in knowledge.intents for k in i.keywords}
        for concepts, people in self.names.kinds:
            for w in people.words:
                self.concepts[w] |= concepts | ({w} & keywords)
        self.concepts[NATIONAL_FIGURE] |= self.figures.at(  # "the national figure"
            set(self.concepts[NATIONAL_FIGURE]), lambda p: self.terms(self._unpatterned(p).split()))
        self.domain = subjectwords.subject(self, knowledge)
        # A word the lexicon lists as off-topic (written for one release: "bus", "rent",
        # "tube") is on topic for a release whose text uses it, or names the concept it stands
        # for ("Underground"), as a word: not a class such as another country.
        own = {w for r in knowledge.releases for w in re.findall(r"[a-z]+", r.text.lower())}
        self.offtopic = frozenset(w for w in self.offtopic
                                  if w not in own and not self.concepts.get(w, set()) & own)
        self.topic_words = subjectwords.topic_words(self, knowledge)
        # A relative year a release words its own figures with ("felt unsafe in the past
        # year") is its wording, the release's own year, not a year relative to today.
        texts = " ".join(r.text.lower() for r in knowledge.releases)
        self.own_relative = frozenset(p for p in lex.relative_years
                                      if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", texts))
        self._built = (self.senses, self.concepts)
        self._readings = readmemo.Readings(self._read)

    @property
    def patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """The lexicon's patterns (filled with the release's names), compiled, in order."""
        return self._blocks.patterns() if self._swapped is None else self._swapped

    @patterns.setter
    def patterns(self, swapped: list[tuple[re.Pattern[str], str]]) -> None:
        self._swapped = swapped

    def normalise(self, question: str) -> str:
        """Lower-case, canonical text: digits for numbers, phrases joined, punctuation gone."""
        # Only while the reader reads with the parts it was built with (the lexicon audit
        # swaps in recording copies, which must see every text read).
        typos, phrases = self._parts
        memo = self._memo if (self.typos is typos and self.phrases is phrases
                              and self._swapped is None) else None
        if memo is None or self._naming is not None and self._naming.search(
                _NOT_LETTERS.sub("", question.lower())):
            return self._normalise(question)
        known = memo.get(question)
        if known is None and len(memo) >= readmemo.MEMO_SIZE:
            known = self._recent.get(question)
        if known is None:
            known = self._normalise(question)
            if len(memo) < readmemo.MEMO_SIZE:
                memo[question] = known
            else:
                if len(self._recent) >= readmemo.RECENT_SIZE:
                    self._recent.clear()
                self._recent[question] = known
        return known

    def _normalise(self, question: str) -> str:
        text = self._unpatterned(question)
        if self._swapped is None:
            return " ".join(self._blocks.apply(text).split())
        for pattern, words in self._swapped:  # the lexicon audit's recording copies
            text = pattern.sub(words, text)
        return " ".join(text.split())

    def _unpatterned(self, question: str) -> str:
        """The normalised text before the lexicon's patterns."""
        text = num.whole_numbers(question[:MAX_QUESTION_CHARS])  # "2 346" is one number
        if text.isascii():  # NFKC changes no ASCII; its C and Z characters are the controls
            text = text.lower().translate(_ASCII_BLANKS)  # and the space
        else:
            text = num.ascii_digits(unicodedata.normalize("NFKC", text).lower())
            text = punctuation.blanks(text)
        text = self._segment(punctuation.plain(text))
        text = " ".join(map(self.typos.get, (ws := text.split()), ws))  # get(w, w): w, or its fix
        text = words_to_numbers(self._phrases(text))
        text = " ".join(map(self.typos.get, (ws := _MARKS.sub(" ", text).split()), ws))
        return self._phrases(text)

    def _phrases(self, text: str) -> str:
        if self._joiner is not None:
            text = self._joiner.join(text)
        return " ".join(text.split())

    def tokens(self, text: str, correct: bool = True) -> list[str]:
        tokens = self.normalise(text).split()
        if not correct:
            return tokens
        tokens = num.texting(tokens, lambda w: w in self.vocab or w in self.english)
        fixed = [self._correct(t) if t not in self.vocab and t not in self.english
                 and len(t) >= 5 and t.isalpha() else t for t in tokens]
        # A corrected word may complete a phrase ("out of hours"), so look for phrases again.
        return self._phrases(" ".join(fixed)).split() if fixed != tokens else tokens

    def _correct(self, word: str) -> str:
        """The closest word of the primary release's, then of the others', as ``extractOne``
        over each sorted list would give it: the best score, ties to the first in order."""
        try:  # one look-up: another thread may clear the shared corrections at any time
            best = self._corrected[word]
        except KeyError:
            found = process.extractOne(word, self._shared, scorer=fuzz.ratio, score_cutoff=80)
            best = (str(found[0]), float(found[1])) if found else None
            if len(self._corrected) >= readmemo.CORRECTED_SIZE:
                self._corrected.clear()
            self._corrected[word] = best
        own = process.extractOne(word, self._own, scorer=fuzz.ratio, score_cutoff=80)
        if own is not None and (best is None or (own[1], best[0]) > (best[1], own[0])):
            best = (str(own[0]), float(own[1]))
        if best is not None:
            return best[0]
        found = process.extractOne(word, self._correctable[1], scorer=fuzz.ratio, score_cutoff=80)
        return str(found[0]) if found else word

    def terms(self, tokens: Iterable[str]) -> set[str]:
        ambiguous: list[str] = []
        last = ""
        tokens = list(tokens)  # a name of more than one word ("Mr Green"): its words, the name
        terms, covered = self.names.read(tokens)
        for n, t in enumerate(tokens):
            last = t
            if n in covered:
                continue
            if t in self.senses:
                ambiguous.append(t)
            elif not (t in self.stopwords and t not in self.concepts):
                terms |= self.concepts.get(t) or {t}
        for t in ambiguous:
            sense = self.senses[t]
            fits = (bool(terms & set(sense.when)) and not terms & set(sense.unless)
                    and (not sense.last or t == last))
            meaning = sense.then if fits else sense.otherwise
            if meaning:
                terms |= self.concepts.get(meaning) or {meaning}
        return terms

    def naming(self, f: Features, value: float) -> Features:
        """The features as if the question had named this figure (``FigureYears.naming``)."""
        return self.figures.naming(f, value)

    def features(self, question: str) -> Features:
        """Read a question: its terms, years, numbers, audience and time cues. Each text is
        read once (``readmemo.Readings``), unless the parts it is read with were swapped (the
        lexicon audit's recording copies, which must see every text read)."""
        typos, phrases = self._parts
        if (self.typos is typos and self.phrases is phrases and self._swapped is None
                and self.senses is self._built[0] and self.concepts is self._built[1]):
            return self._readings.get(question)
        return self._read(question)

    def _read(self, question: str) -> Features:
        tokens = self.tokens(question)
        text = " ".join(tokens)
        years: list[int] = []
        relative = [m for m in self._relative_re.findall(text)
                    if m not in self.own_relative] if self._relative_re else []
        if relative:
            years.append(RELATIVE_YEAR)
        numbers: list[float] = []
        percents: list[float] = []
        compared: set[float] = set()
        reference: set[int] = set()  # years named only as what another is compared with
        grouped, phone = textfacts.numbers_typed(question)
        facts = textfacts.token_facts(tuple(tokens))
        for n, t in enumerate(tokens):
            if t in phone:
                continue  # a group of a phone number typed: a line to ring, not a figure
            if t.isdecimal() and len(t) <= 15:  # longer is no figure, and float() overflows
                value = int(t)
                nxt = tokens[n + 1] if n + 1 < len(tokens) else ""
                kind = num.kind(tokens, n, grouped=value in grouped)
                if kind == "measure":
                    continue  # "my 2000 word essay": the asker's own, not a figure
                if kind == "year":
                    if nxt not in ("annual", "report", "homeoffice", "source"):
                        years.append(value)  # not "the 2018 annual report": a title
                        if num.compared(tokens, n):
                            reference.add(value)  # "in 2012, before the 2013 numbers"
                elif value < 100 and nxt not in SMALL_FIGURE_UNITS:
                    continue  # "year 10", "3 recommendations", "5 mins": no figure named
                else:
                    numbers.append(float(value))  # "a 2000 per cent rise", "2,000 people"
                    if kind == "percent":
                        percents.append(float(value))
                    if num.compared(tokens, n):
                        compared.add(float(value))
        years = self.figures.figure_years(self.figures.asked_years(years, reference), numbers,
                                          percents, compared)
        named = textfacts.unknown_names(question, self.vocab, self.everyday)  # "Sian Berry"
        terms = self.terms(t for t in tokens if not t.isdigit()) - named
        # "I have 5,413 for the NRM figure": a transposed or mistyped digit checks that figure.
        numbers += [v for n in numbers for v in self.value_topics
                    if n not in self.value_topics and num.near(n, v) and v not in numbers]
        if len({v for v in numbers if v in self.value_topics}) >= 2:
            terms.add("@span")  # "187 to 2,346": two figures named, a change between them
        for figure in numbers:  # "is 5143 uk-wide?": naming a figure names its series
            if figure in self.value_topics:
                terms |= self.value_topics[figure] | {"stats", "@figure"}
        if "where" in tokens and "from" in tokens[tokens.index("where"):]:
            terms.add("source")  # "where's the 5,143 from?"
        years, terms = self.figures.dated(terms, years, tokens)  # "this release from 2019?"
        if len(set(years)) >= 2:
            terms.add("@span")  # "the 2013 and 2018 figures": a change over time
        # Who is asking: a journalist (even a student one) is media unless they say "not a
        # journalist"; a resident asking for "the press office" is still the public.
        if "nonmedia" in tokens:
            audience = "public"
        elif "journalist" in terms:
            audience = "media"
        elif "citizen" in terms:
            audience = "public"
        elif "media" in terms:
            audience = "media"
        elif facts.describes_self:
            # "I am a nurse, who do I call?": someone who says what they are, with no word of
            # the press, is the public (the conversation carries it the same way: bot.dialogue).
            audience = "public"
            terms.add("citizen")
        else:
            audience = ""
        content = [t for t in tokens if t not in self.stopwords and not t.isdigit()]
        unknown = tuple(t for t in content if t not in self.vocab and t not in self.everyday
                        and t not in named)
        strange = [t for t in content if t not in self.vocab and t not in self.english]
        if len(strange) * 2 >= len(content) >= 4 and any(
                self.senses[t].then == "danger" for t in tokens if t in self.senses):
            terms.add("danger")  # "passport" amid words of another language: harm, unread
        if "danger" in terms and len(unknown) * 2 >= len(content) >= 4:
            # A sign of harm in a message mostly in another language: most likely from, or
            # about, a victim (the person is in words the bot does not know).
            terms.add("victim")
        terms |= {AFTER_RELEASE} if facts.after_release else set()
        asker = about_asker(tokens, lambda rest: bool(self.terms(rest) & self.domain))
        offtopic = tuple(t for t in content if t in self.offtopic and t not in asker and (
            t in facts.places or self.concepts.get(t, set()).isdisjoint(PLACES))) + tuple(
            place for t in facts.places if t not in self.stopwords
            for place in PLACES if place in self.concepts.get(t, ())
        ) + tuple(t for t in terms if t in self.offtopic and t not in content)
        # A short message is a fragment when it opens like one or names nothing of the subject;
        # a longer one when it opens like one, unless as a frame ("for my essay, how much ...").
        opens = text.startswith(ELLIPSIS_STARTS)
        elliptical = (opens or not terms & self.domain) if len(content) <= 3 else (
            opens and not text.startswith(FRAMING_STARTS))
        after_hours = CUE in terms
        if after_hours and not asks_for_out_of_hours(
                tokens, lambda t: t == CUE or CUE in self.concepts.get(t, ()),
                self.stopwords.__contains__):
            terms.discard(CUE)  # "it's Saturday": said in passing, still leads the answer
        foreign = facts.other_script or (len(content) >= 4 and len(strange) * 5 >= len(content) * 3)
        return Features(text=text, tokens=tuple(tokens), terms=frozenset(terms),
                        years=tuple(sorted(set(years))), numbers=tuple(numbers),
                        audience=audience, after_hours=after_hours,
                        unknown=unknown, offtopic=offtopic, elliptical=elliptical,
                        foreign=foreign, year_offset=facts.year_offset,
                        topics=frozenset(t for t, s in zip(tokens, facts.stems, strict=True)
                                         if s in self.topic_words))

