"""Provides answer building: templates filled from the knowledge, cited, dated and routed.

Numbers only ever come from the knowledge base: a ``{fig:…}`` placeholder states a stored figure
as the release writes it, and a ``{calc:…}`` placeholder is calculated from stored figures
and labelled as calculated (filling a template: ``bot.templates``). Every answer names its
source and the release's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bot import routing, templates
from bot.answermodels import Answer, AnswerKind, Citation, ContactCard, Span, Suggestion
from bot.contactcheck import Known, check
from bot.contactlines import contact_cards, contact_paragraph, route_paragraphs
from bot.factcheck import roughly_note, unknown_note, wrong_date, wrong_number, wrong_year
from bot.knowledge import Knowledge
from bot.models import ExternalContact, Figure, Intent, Release
from bot.templates import Kept, Paragraph, long_date

OVERVIEW_TYPES = ("figures", "recommendation", "contacts")  # "all" cards offered to the lost
# Said after the help numbers to a message in another language the bot cannot read.
UNREAD = "I could not read your message. I answer questions in English about {about}."


def release_name(release: Release) -> str:
    """“Title” (30 January 2020), or what is missing said plainly."""
    title = f"“{release.title}”" if release.title else "without a headline"
    return f"{title} ({long_date(release.date)})" if release.date else f"{title} (undated)"


def numbers_line(lead: str, contacts: Iterable[ExternalContact]) -> Paragraph:
    """Numbers that are not the release's in one line, each with its label and when to call,
    ending with a note saying they are not from the release."""
    line: Paragraph = [Span(text=lead)]
    for n, c in enumerate(contacts):
        line += [Span(text="; " if n else ""), Span(text=f"{c.label}: ", style="label"),
                 Span(text=c.phone, style="phone"), Span(text=f" ({c.when})")]
    line += [Span(text=". "), Span(text="These numbers are not from the release.", style="note")]
    return [s for s in line if s.text]


def release_label(release: Release) -> str:
    """A release as a button or list shows it: its title and date."""
    return f"{release.title} ({long_date(release.date)})"


class AnswerBuilder:
    """Turns a matched intent (or no match) into an Answer."""

    def __init__(self, knowledge: Knowledge, hours: routing.OfficeHours,
                 known: Known | None = None) -> None:
        self.knowledge = knowledge
        self.hours = hours
        self.known = known  # words the reader knows: a name that is none is a person
        self.figure_values = {f.id: f.value for r in knowledge.releases for f in r.figures}
        self.kept = Kept()  # templates' paragraphs and releases' known values, made once
        self._suggested: dict[str, Suggestion] = {}  # each intent's, made once (frozen)

    # ------------------------------------------------------------------ pieces

    def citation(self, release: Release, source_id: str = "") -> Citation:
        src = next((s for s in release.sources if s.id == source_id), None)
        return Citation(source=src.short if src else "", release_title=release.title,
                        release_date=release.date, publisher=release.publisher)

    def safeguarding_line(self) -> Paragraph:
        """One line of help for a possible victim, saying the numbers are not the release's."""
        s = self.knowledge.safeguarding  # (made once: the knowledge's; a new list each time)
        return self.kept.once("help line", lambda: numbers_line(
            f"{s.worry} " if s.worry else "", s.contacts))

    def other_crime_line(self) -> Paragraph | None:
        """Where to report a crime that is not the help's subject (the police), with the numbers
        said not to be the release's; None when the knowledge gives no such line."""
        other = self.knowledge.safeguarding.other_crime
        return numbers_line(f"{other.lead}: ", other.contacts) if other else None

    def dating(self, figures: Iterable[Figure], release: Release) -> Paragraph:
        years = sorted({y for f in figures for y in f.years})
        if not years:
            return [Span(text=f"The release ({long_date(release.date)}) gives no year for "
                         "these figures; they are not current figures.", style="note")]
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        labels = {f.period.label() if f.period else "" for f in figures}
        if len(labels) == 1 and "" not in labels:
            span = labels.pop()  # one period, as the release prints it ("2025-26")
        return [Span(text=f"These are {span} figures, published on {long_date(release.date)}; "
                     "they are not current figures.", style="note")]

    def suggestions(self, ids: Iterable[str]) -> list[Suggestion]:
        out = []
        for i in ids:
            made = self._suggested.get(i)
            if made is None:
                intent = self.knowledge.intent(i)
                made = self._suggested[i] = Suggestion(intent=intent.id, label=intent.label)
            out.append(made)
        return out

    def starters(self, release_id: str = "") -> list[Suggestion]:
        """Where to start: all the figures, all the recommendations and all the contacts of
        the release (the first one when none is given; those it has)."""
        release = self.knowledge.release(release_id).id
        cards = (self.knowledge.card(t, "all", release) for t in OVERVIEW_TYPES)
        return [Suggestion(intent=c.id, label=c.label) for c in cards if c is not None]

    # ------------------------------------------------------------------ templates

    def fill(self, template: str, release: Release, used: list[str],
             calcs: list[str]) -> list[Paragraph]:
        """Expand one template into paragraphs, recording the figures it states."""
        if template.strip() == "{safeguarding}":
            return self.safeguarding_paragraphs()
        if template.strip() == "{help_line}":  # the help numbers in one line, as fallbacks end
            return [self.safeguarding_line()]
        return templates.fill(template, release, used, calcs)

    def safeguarding_paragraphs(self) -> list[Paragraph]:
        s = self.knowledge.safeguarding
        paras: list[Paragraph] = [[Span(text=s.note)]]
        for c in s.contacts:
            paras.append([Span(text=f"{c.label}: ", style="label"),
                          Span(text=c.phone, style="phone"), Span(text=f", {c.when}.")])
        where = "; ".join(f"{c.phone} is {c.provenance}" for c in s.contacts)
        publisher = self.knowledge.release().publisher
        paras.append([Span(text=f"These numbers are not in the {publisher} release: {where}.",
                           style="note")])
        return paras

    # ------------------------------------------------------------------ whole answers

    def build(self, question: str, intent: Intent, confidence: float, *, audience: str = "",
              after_hours: bool = False, now: dt.datetime, context_figures: list[str] | None
              = None, asked_numbers: tuple[float, ...] = ()) -> Answer:
        """The answer for a matched intent."""
        release = self.knowledge.release(intent.release)
        used: list[str] = []
        calcs: list[str] = []
        paras: list[Paragraph] = []
        for template in intent.answer:
            paras.extend(self.kept.fill(template, release, used, calcs, self.fill))
        if intent.context_figures:
            paras.extend(self.sources_paragraphs(release, context_figures or [], used))
        cards: list[ContactCard] = []
        if intent.route:
            paras_c, cards = route_paragraphs(release, intent.route, audience, after_hours, now,
                                              self.hours)
            paras.extend(paras_c)
            said = check(question, release, intent.route, audience, after_hours, now,
                         self.hours, self.knowledge.safeguarding.contacts, self.known)
            if said:  # "is 020 7983 4100 the press number?": checked against the line asked
                paras.insert(0, said)
        if calcs:
            paras.append([Span(text="Calculated by pressbot from the release’s figures: "
                               + "; ".join(calcs) + ".", style="note")])
        figs = self.kept.figures(release)
        stated = [figs[f] for f in dict.fromkeys(used)]
        if stated:
            paras.append(self.dating(stated, release))
            if audience == "media" and not intent.route:
                # A journalist gets the press line with the figure, in one message (when the
                # release publishes one).
                decision = routing.decide("media", audience, after_hours, now, self.hours)
                paras.extend(contact_paragraph(c) for c in
                             contact_cards(release, decision.contacts[:1]))
            correction = wrong_year(question, stated, asked_numbers, release) or (
                wrong_number(question, stated, self.known_numbers(release), release)
                if self.unknown_numbers(release, asked_numbers) else [])
            if correction:
                paras.insert(0, correction)
            elif self.unknown_numbers(release, asked_numbers):
                # A fact-check with a wrong number: say so, without repeating the number.
                paras[:0] = roughly_note(question, stated) or unknown_note(
                    question, self.known_numbers(release))
        if intent.slot == "date" and (said := wrong_date(question, release)):
            paras.insert(0, said)  # "was this release from 2019?": a check of its date
        sources = list(dict.fromkeys(f.source for f in stated))
        citations = [self.citation(release, s) for s in sources] or [self.citation(release)]
        if intent.type == "safeguarding":
            citations = []
        kind: AnswerKind = "safeguarding" if intent.type == "safeguarding" else "answer"
        if intent.type == "safeguarding":
            s = self.knowledge.safeguarding.contacts
            cards = [ContactCard(id=c.id, label=c.label, name=c.label, phone=c.phone,
                                 organisation=c.label, instruction=c.when) for c in s]
        return Answer(question=question, kind=kind, intent=intent.id,
                      confidence=confidence, paragraphs=paras, citations=citations,
                      contacts=cards, suggestions=self.suggestions(intent.followups),
                      figures=list(dict.fromkeys(used)), release=intent.release)

    def safeguarding(self, question: str, *, now: dt.datetime) -> Answer:
        """The help numbers, for a message the safety layer judged may be about someone in
        danger: the knowledge's priority (safeguarding) intent."""
        intent = max((i for i in self.knowledge.intents if i.priority), key=lambda i: i.priority)
        return self.build(question, intent, 1.0, now=now)

    def unknown_numbers(self, release: Release, asked: tuple[float, ...]) -> list[float]:
        """Numbers in a question that are neither a stated nor a derived figure."""
        known = self.known_numbers(release)
        return [n for n in asked if n >= 10 and n not in known]

    def known_numbers(self, release: Release) -> frozenset[float]:
        """The release's figures and the values derived from them (``templates.known_values``)."""
        return self.kept.known(release)

    def sources_paragraphs(self, release: Release, focus: list[str],
                           used: list[str]) -> list[Paragraph]:
        """Where figures come from: the ones just discussed, or all of them."""
        figures = [f for f in release.figures if not focus or f.id in focus] or release.figures
        paras: list[Paragraph] = []
        for src in release.sources:
            mine = [f for f in figures if f.source == src.id]
            if not mine:
                continue
            spans: Paragraph = [Span(text=f"{src.short}: ", style="label")]
            for n, f in enumerate(mine):
                spans += [Span(text="; " if n else ""),
                          Span(text=f"{f.qualifier} " if f.qualifier else ""),
                          Span(text=f.display, style="figure"),
                          Span(text=f" ({f.counts}, {f.period.label()})" if f.period
                               else f" ({f.counts})")]
                used.append(f.id)
            spans.append(Span(text="."))
            paras.append([s for s in spans if s.text])
        paras.append([Span(text=f"The {release.publisher} cites these in its release of "
                           f"{long_date(release.date)}; it does not link to the underlying "
                           "data.")])
        return paras

    def fallback(self, question: str, *, close: list[Intent], years: tuple[int, ...],
                 covered: frozenset[int], offtopic: bool, audience: str,
                 scope: tuple[list[str], list[int]] | None = None,
                 release_id: str = "", releases: int = 1, another_crime: bool = False,
                 unread: bool = False) -> Answer:
        """An honest 'I don't know', the closest topics and the right contact (of the release
        asked about, else the first). ``releases``: how many it could be about (several: none
        named); ``another_crime``: where to report another crime reported (``other_crime_line``);
        ``unread``: another language not read, the help numbers first."""
        release = self.knowledge.release(release_id)
        about = f"the {release.publisher} release {release_name(release)}"
        paras: list[Paragraph] = [[Span(text=f"I’m not sure I can answer that from {about}, "
                                        "and I won’t guess.")]]
        missing = [str(y) if y else "the period you asked about" for y in years
                   if y not in covered]
        if releases > 1:
            # No release was chosen: nothing one release lacks says why (its years, its topic).
            paras = [[Span(text=f"I’m not sure I can answer that from the {releases} releases "
                           "I know, and I won’t guess. Name the subject of the release you "
                           "mean to ask about it.")]]
            scope, missing, offtopic = None, [], False
            about = f"the {releases} releases I know"
        if unread:  # the help numbers first: a message not read may be a victim's own words
            paras = [self.safeguarding_line(), [Span(text=UNREAD.format(about=about))]]
        if scope is not None:
            asked = ", ".join(str(y) if y else "the period you asked about" for y in years)
            names = " or ".join(s.name for s in release.sources if s.id in scope[0])
            paras.append([Span(text=f"The release has no figures for {asked} from {names}: "
                               f"those it gives are for {', '.join(map(str, scope[1]))}.")])
        elif missing and covered:  # (a release with no figures covers no years)
            have = ", ".join(str(y) for y in sorted(covered)[:-1]) + f" and {max(covered)}"
            paras.append([Span(text=f"The release has no figures for {', '.join(missing)}: "
                               f"its figures cover {have}, published on "
                               f"{long_date(release.date)}.")])
        elif offtopic:
            paras.append([Span(text=f"The release is about this: {release.summary}")])
        if another_crime and (police := self.other_crime_line()):
            paras.append(police)
        if close:
            paras.append([Span(text="Closest topics: " + "; ".join(i.label for i in close)
                               + ".")])
        ids = ("media", "out_of_hours") if audience == "media" else ("non_media",)
        cards = contact_cards(release, ids)
        paras.append([Span(text="For anything else:")])
        paras.extend(contact_paragraph(c) for c in cards)
        cards = [c for c in cards if c.phone_valid]
        if audience != "media" and not unread:
            # A question not understood may be a possible victim's, in broken English.
            paras.append(self.safeguarding_line())
        suggestions = self.suggestions(i.id for i in close) or self.starters(release_id)
        return Answer(question=question, kind="fallback", intent=None, confidence=0.0,
                      paragraphs=paras, citations=[self.citation(release)], contacts=cards,
                      suggestions=suggestions)

    def combine(self, first: Answer, second: Answer) -> Answer:
        """One answer to two questions asked together: the first, then the second, labelled."""
        label = self.knowledge.intent(second.intent).label if second.intent else ""
        known = {c.id for c in first.contacts}
        return first.model_copy(update={
            "paragraphs": [*first.paragraphs, [Span(text=f"You also asked: {label}",
                                                    style="label")], *second.paragraphs],
            "citations": list(dict.fromkeys([*first.citations, *second.citations])),
            "contacts": [*first.contacts, *(c for c in second.contacts if c.id not in known)],
            "figures": list(dict.fromkeys([*first.figures, *second.figures])),
            "suggestions": [s for s in first.suggestions if s.intent != second.intent],
        })

    def clarify(self, question: str, options: list[tuple[Intent, float]],
                audience: str = "") -> Answer:
        """Two intents scored too close to call: ask which was meant, ending with the help
        numbers in one line as the fallback does (not for the press): a message not understood
        may be a possible victim's, who must not have to choose before seeing them."""
        labels = " or ".join(f"“{i.label}”" for i, _ in options)
        paras: list[Paragraph] = [[Span(text=f"Did you mean {labels}? Choose one, or rephrase "
                                        "your question.")]]
        if audience != "media":
            paras.append(self.safeguarding_line())
        return Answer(question=question, kind="clarify", intent=None,
                      confidence=options[0][1], paragraphs=paras,
                      suggestions=self.suggestions(i.id for i, _ in options))

    def which_release(self, question: str, options: list[tuple[Release, str]]) -> Answer:
        """The question fits several releases equally: ask which, never guess. ``options``:
        each release (newest first) with the intent that would answer it there."""
        names = "; ".join(f"“{r.title}” ({long_date(r.date)})" for r, _ in options)
        return Answer(question=question, kind="clarify", intent=None, confidence=0.0,
                      paragraphs=[[Span(text="That could be about more than one release. Which "
                                        f"do you mean? {names}.")]],
                      suggestions=[Suggestion(intent=i, label=release_label(r), release=r.id)
                                   for r, i in options])

    def overview(self, release: Release) -> Answer:
        """What a release is about, for opening it (a deep link, /releases)."""
        return Answer(question=release.id, kind="answer", intent=None, confidence=1.0,
                      paragraphs=[[Span(text=f"“{release.title}”", style="label"),
                                   Span(text=f", {release.committee}, {release.publisher}, "
                                        f"{long_date(release.date)}.")],
                                  [Span(text=release.summary)],
                                  [Span(text="Ask me about its figures, recommendations, quote "
                                        "or contacts.")]],
                      citations=[self.citation(release)], release=release.id)

    def invalid(self, question: str, message: str) -> Answer:
        """A message that is not a question we can read (empty, huge…)."""
        return Answer(question=question[:200], kind="invalid", intent=None, confidence=0.0,
                      paragraphs=[[Span(text=message)]],
                      suggestions=self.starters())
