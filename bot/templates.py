"""Provides filling one answer template from a release: placeholders for its figures (as the
release writes them), derived figures (calculated here from stored figures only, with the
working), quotes, notes, recommendations and accessible formats.

The ``{safeguarding}`` placeholder is filled by ``bot.answers.AnswerBuilder``: its numbers come
from the knowledge, not the release.
"""

from __future__ import annotations

import datetime as dt
import math

from bot.models import Derived, Release, Span
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
        paras: list[Paragraph] = []
        for q in release.quotes:
            paras += [[Span(text=f"{q.speaker}, {q.role}, said:" if q.role
                            else f"{q.speaker} said:")],
                      *[[Span(text=f"“{p}”", style="quote")] for p in q.paragraphs]]
        return paras or [[Span(text="The release quotes no one.")]]
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

def recommendations(release: Release, rec_id: str | None) -> list[Paragraph]:
    recs = [r for r in release.recommendations if rec_id in (None, r.id)]
    partial = not release.recommendations_complete
    if rec_id is None:
        some = (f"The letter makes a number of recommendations, including these "
                f"{_count_word(len(recs))} (the release does not list them all):")
        head = (f"The {release.committee} wrote to the Mayor. "
                + (some if partial else "Its recommendations are:"))
        body = [[Span(text=f"{n}. "), Span(text=r.sentence, style="quote")]
                for n, r in enumerate(recs, 1)]
        return [[Span(text=head)], *body]
    r = recs[0]
    lead = ("One of the letter’s recommendations" + (" (the release lists it among others)"
            if partial else "") + (f", addressed to {r.addressee}:" if r.addressee else ":"))
    return [[Span(text=lead)], [Span(text=r.sentence, style="quote")]]
