"""Provides filling one answer template from a release: placeholders for its figures (as the
release writes them), derived figures (calculated here from stored figures only, with the
working), quotes, notes, recommendations and accessible formats; and ``Kept``, which makes each
template's paragraphs for a release once (the answer builder fills the same few again and again).

The ``{safeguarding}`` and ``{help_line}`` placeholders are filled by ``bot.answers.AnswerBuilder``
(the help numbers in full, or in one line): their numbers come from the knowledge, not the release.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

from bot.answermodels import Span
from bot.models import Derived, Figure, Quote, Release
from bot.provenance import PLACEHOLDER, squash

Paragraph = list[Span]


def long_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "an unknown date"


def _count_word(n: int) -> str:
    """Small counts as words, so a count is never mistaken for one of the release's figures."""
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return words[n] if n < len(words) else str(n)


def group(n: float) -> str:
    return f"{n:,.0f}"


class Calculator:
    """Derived figures: the result and the working, from the stored figures only."""

    def __init__(self, release: Release) -> None:
        self.figures = {f.id: f for f in release.figures}

    def value(self, d: Derived) -> tuple[str, str]:
        """(display text, working) for a derived figure."""
        a, b = (self.figures[x] for x in d.of)
        if d.op == "difference":
            diff = group(a.value - b.value)
            return diff, f"{a.display} − {b.display} = {diff}"
        if d.op == "ratio":
            r = a.value / b.value
            return f"{r:.1f} times", f"{a.display} ÷ {b.display} = {r:.2f}"
        share = a.value / 100 * b.value
        # Rounded down: the release says "more than" the share, so never overstate it.
        return group(math.floor(share / 10) * 10), f"{a.display} of {b.display} = {share:,.1f}"


def fill(template: str, release: Release, used: list[str],
         calcs: list[str]) -> list[Paragraph]:
    """Expand one template into paragraphs, recording the figures it states."""
    simple = {
        "chair": release.quote.speaker if release.quote else release.chair,
        "title": f"“{release.title}”" if release.title else "an untitled release",
        "date": long_date(release.date), "publisher": release.publisher,
        "committee": release.committee, "summary": release.summary,
        "letter": release.letter,
    }
    whole = template.strip()
    if whole == "{recs}":
        return recommendations(release, None)
    if whole.startswith("{rec:"):
        return recommendations(release, whole[5:-1])
    if whole == "{quote}":
        return quotes(release.quotes) or [[Span(text="The release quotes no one.")]]
    if whole.startswith("{quote:"):  # one quote, the N-th (from 1)
        return quotes(release.quotes[int(whole[7:-1]) - 1:int(whole[7:-1])])
    if whole == "{accessibility}":
        a = release.accessibility
        if a is None:
            return [[Span(text="The release does not say how to ask for an accessible "
                          "format.")]]
        return [[Span(text="If you use assistive technology (such as a screen reader) and need "
                      "a document from the release page in a more accessible format, get in "
                      f"touch via {a.route}. The release says: "),
                 Span(text=f"“{a.sentence}”", style="quote")]]
    figures = {f.id: f for f in release.figures}
    derived = {d.id: d for d in release.derived}
    calc = Calculator(release)
    spans: Paragraph = []
    pos = 0
    for m in PLACEHOLDER.finditer(template):
        spans.append(Span(text=template[pos:m.start()]))
        kind, arg = m.group(1), m.group(2) or ""
        if kind == "fig":
            spans.append(Span(text=figures[arg].display, style="figure"))
            used.append(arg)
        elif kind == "calc":
            shown, working = calc.value(derived[arg])
            spans.append(Span(text=shown, style="figure"))
            calcs.append(working)
            used.extend(derived[arg].of)
        elif kind == "sentence":  # the release's own sentence a figure comes from
            spans.append(Span(text=f"“{squash(figures[arg].sentence)}”", style="quote"))
        elif kind == "note":
            note = next(n for n in release.notes if str(n.number) == arg)
            spans.append(Span(text=note.text))
        else:
            spans.append(Span(text=simple[kind]))
        pos = m.end()
    spans.append(Span(text=template[pos:]))
    return [[s for s in spans if s.text]]

def quotes(said: list[Quote]) -> list[Paragraph]:
    """Each quote verbatim, after who said it."""
    paras: list[Paragraph] = []
    for q in said:
        paras += [[Span(text=f"{q.speaker}, {q.role}, said:" if q.role
                        else f"{q.speaker} said:")],
                  *[[Span(text=f"“{p}”", style="quote")] for p in q.paragraphs]]
    return paras


# "… wrote to the Mayor …", "… has written to the Home Secretary": whom the letter is to.
LETTER_TO = re.compile(r"\b(?:wrote|written|writing|write) to (the [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*"
                       r"|[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)")


def recommendations(release: Release, rec_id: str | None) -> list[Paragraph]:
    """The release's recommendations, or one of them, introduced by what the release has: the
    letter that makes them (only when it has one), the words that introduce its list, or the
    committee. A sentence that holds several recommendations is quoted once."""
    recs = [r for r in release.recommendations if rec_id in (None, r.id)]
    partial = not release.recommendations_complete
    who = f"The {release.committee}" if release.committee else "The committee"
    if rec_id is None:
        to = LETTER_TO.search(release.letter)
        if release.letter:
            some = (f"The letter makes a number of recommendations, including these "
                    f"{_count_word(len(recs))} (the release does not list them all):")
            head = (f"{who} wrote to {to.group(1)}. " if to else f"{who} wrote a letter. ") \
                + (some if partial else "Its recommendations are:")
        elif release.recommendations_intro.endswith(":"):
            head = release.recommendations_intro  # "The committee calls on TfL to:"
        else:
            head = f"{who} recommends" + (" (the release may not list every recommendation):"
                                          if partial else ":")
        sentences = list(dict.fromkeys(r.sentence for r in recs))
        body = [[Span(text=f"{n}. "), Span(text=s, style="quote")]
                for n, s in enumerate(sentences, 1)]
        return [[Span(text=head)], *body]
    r = recs[0]
    lead = ("One of the letter’s recommendations" if release.letter else
            "One of the committee’s recommendations") + (
        " (the release lists it among others)" if partial else "") + (
        f", addressed to {r.addressee}:" if r.addressee else ":")
    return [[Span(text=lead)], [Span(text=r.sentence, style="quote")]]


def known_values(release: Release) -> frozenset[float]:
    """The release's figures and the values derived from them (as their display reads)."""
    calc = Calculator(release)
    derived = (float(calc.value(d)[0].split()[0].replace(",", "")) for d in release.derived)
    return frozenset({f.value for f in release.figures}.union(derived))


Filled = tuple[tuple[tuple[Span, ...], ...], tuple[str, ...], tuple[str, ...]]


class Kept:
    """What answers made from one knowledge base repeat, made once: each template's paragraphs
    for a release (with the figures it states and the workings it shows), each release's
    figures by id and its known values, and the knowledge's help line. Exact: a template is
    filled from the release alone (and the knowledge's help numbers), and releases, figures and
    spans are immutable; each caller gets new lists. Bounded by the knowledge (its intents'
    templates, its releases)."""

    def __init__(self) -> None:
        self._filled: dict[tuple[str, str], tuple[Release, Filled]] = {}
        self._known: dict[str, tuple[Release, frozenset[float]]] = {}
        self._figures: dict[str, tuple[Release, dict[str, Figure]]] = {}
        self._once: dict[str, tuple[Span, ...]] = {}

    def fill(self, template: str, release: Release, used: list[str], calcs: list[str],
             make: Callable[[str, Release, list[str], list[str]], list[Paragraph]]
             ) -> list[Paragraph]:
        """``make(template, release, used, calcs)``, made once per release and template."""
        kept = self._filled.get((release.id, template))
        if kept is None or kept[0] is not release:  # (another knowledge's release of that id)
            u: list[str] = []
            c: list[str] = []
            paras = make(template, release, u, c)
            kept = self._filled[release.id, template] = (
                release, (tuple(tuple(p) for p in paras), tuple(u), tuple(c)))
        paras_kept, used_kept, calcs_kept = kept[1]
        used.extend(used_kept)
        calcs.extend(calcs_kept)
        return [list(p) for p in paras_kept]

    def once(self, name: str, make: Callable[[], Paragraph]) -> Paragraph:
        """The paragraph ``make()`` gives, made the first time ``name`` is asked for (one of
        the knowledge's own, the same for every answer); a new list each time."""
        kept = self._once.get(name)
        if kept is None:
            kept = self._once[name] = tuple(make())
        return list(kept)

    def figures(self, release: Release) -> dict[str, Figure]:
        """The release's figures by id, made once per release (not to be changed)."""
        kept = self._figures.get(release.id)
        if kept is None or kept[0] is not release:
            kept = self._figures[release.id] = (release, {f.id: f for f in release.figures})
        return kept[1]

    def known(self, release: Release) -> frozenset[float]:
        """``known_values(release)``, made once per release."""
        kept = self._known.get(release.id)
        if kept is None or kept[0] is not release:
            kept = self._known[release.id] = (release, known_values(release))
        return kept[1]
