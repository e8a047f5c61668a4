"""Provides fact-checks: a figure of the release named with the wrong year, and a number the
release does not give named with a year it has a figure for, corrected.

"Did the Met record 2,346 referrals in 2017?" names a figure the release gives, but for 2018:
the answer starts "No: 2,346 ... is the figure for 2018, not 2017, according to Met data."
When the release has a figure of the same kind for the year asked ("187 in 2018?"), that
figure is given first. Of several figures named, each with its year ("from 187 in 2012 to
2,346 in 2018"), the one said with a year it is not for is corrected the same way.
"Were there 2,000 referrals in 2018?" states a number the release does not give for a year it
has a figure for: "No: the figure for 2018 is 2,346 ...". A number given as a bound or an
estimate ("more than 2,000", "about 2,300") is never called wrong, nor one set against a
figure the release itself qualifies ("more than 30%"). Only the release's figures and the year
asked are ever stated, never the asker's number.
A figure named by its value with a place it is not for ("is the 2,346 a UK-wide number?") gets
"No:", the figure and the place it is for (``wrong_place``).
A number the release does not give, with no figure of the release named beside it, gets a note
that the release does not give it (``unknown_note``).
A year of publication stated of the release itself ("was this release from 2019?") gets "No:"
and the date it was published (``wrong_date``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set

from bot import numbers
from bot.answermodels import Span
from bot.models import Figure, Release
from bot.templates import long_date

# Words just before a number that make it a bound or an estimate ("more than 2,000", "about
# 2,300", "at least 150"), and after it ("2,000 or more", "2,300-odd"): no claim to call wrong.
# Two years said as a span: "between 2013 and 2019", "from 2013 to 2017", "2013-2019" (the
# question made plain, its dash a space).
_SPAN = re.compile(r"\b((?:19|20)\d\d) (?:and |to |until |till |through |thru )?((?:19|20)\d\d)\b")
# Words that say a number is rounded, with no direction ("about 2,300"; not "under 2,300").
ROUGHLY = frozenset({"about", "around", "roughly", "approximately", "approx", "circa", "some"})
BOUNDS = numbers.APPROXIMATING | {"least", "most", "below", "above", "beyond", "exceeding",
                                  "upwards", "ish", "odd"}
BOUND_PAIRS = frozenset({("up", "to"), ("or", "more"), ("or", "less"), ("or", "so"),
                         ("or", "fewer"), ("and", "more")})


def _plain(question: str) -> str:
    """The question in lower case, digits for numbers in words ("in twenty seventeen") and for
    an o typed as a zero between digits ("2o17", as the reader reads it)."""
    lowered = numbers.zeros_for_os(numbers.whole_numbers(question).lower())
    return numbers.words_to_numbers(
        re.sub(r"[^\w\s,.%]|(?<!\d)[,.]|[,.](?!\d)", " ", lowered))


def wrong_year(question: str, stated: list[Figure], asked: tuple[float, ...],
               release: Release) -> list[Span]:
    """The correction to put first, or nothing: ``stated`` are the answer's figures, ``asked``
    the numbers the question names."""
    named = [f for f in stated if f.value in asked and (f.value >= 100 or f.unit == "percent")]
    if not named:
        return []  # (before reading the question's years: most questions name no figure)
    if len(named) >= 2:  # "from 187 in 2012 to 2,346 in 2018": each figure with its year
        said = _years_said(_plain(question))
        if any(f.value not in said for f in named):
            return []  # "5,143 or 2,346 in 2019?": the year may be said of either
        wrong = [f for f in named if said[f.value] not in f.years]
        if len(wrong) != 1 or release.date and said[wrong[0].value] > release.date.year:
            return []  # none or several wrong, or a year after it was published: no "No"
        years: tuple[int, ...] = (said[wrong[0].value],)
        named = wrong
    else:
        years = numbers.years_in(_plain(question))
    if len(years) == 2 and (span := _span_said(_plain(question))) is not None:
        return _wrong_span(named[0], span, release)
    if len(years) != 1:
        return []
    fig, year = named[0], years[0]
    if fig.period is None or year in fig.years:
        return []  # a figure without a year cannot be for the wrong one
    right = next((f for f in stated if f.unit == fig.unit and set(f.topics) & set(fig.topics)
                  and f.years == {year}), None)
    if right is not None:  # "187 in 2018?": the 2018 figure, then the year 187 is for
        return [Span(text=f"No: the figure for {year} is "),
                Span(text=right.display, style="figure"),
                Span(text=f" ({right.counts}), according to {_source(release, right)}; "),
                Span(text=fig.display, style="figure"),
                Span(text=f" is the figure for {fig.period.label()}.")]
    return [Span(text=f"No: {fig.qualifier} " if fig.qualifier else "No: "),
            Span(text=fig.display, style="figure"),
            Span(text=f" ({fig.counts}) is the figure for {fig.period.label()}, not {year}, "
                 f"according to {_source(release, fig)}.")]


def wrong_number(question: str, stated: list[Figure], known: Set[float],
                 release: Release) -> list[Span]:
    """The correction to put first, or nothing, for a number the release does not give stated
    plainly with the years of one of the answer's figures ("were there 2,000 referrals in
    2018?"): "No", and that figure. ``known``: the release's figures and derived values; when
    the question names one of them too ("187 or 178?"), it has the right one already."""
    plain = _plain(question)
    years = set(numbers.years_in(plain))
    claims = _claims(plain)
    if not years or len(claims) != 1 or any(v in known for v, _, _ in claims):
        return []
    value, percent, bounded = claims[0]
    if bounded or value < 10:
        return []
    right = [f for f in stated if f.years == years and not f.qualifier
             and (f.unit == "percent") == percent]
    period = right[0].period if len(right) == 1 else None
    if period is None:
        return []
    fig = right[0]
    return [Span(text=f"No: the figure for {period.label()} is "),
            Span(text=fig.display, style="figure"),
            Span(text=f" ({fig.counts}), according to {_source(release, fig)}.")]


def wrong_place(asked: frozenset[str], named: tuple[float, ...], stated: list[Figure],
                place_of: Callable[[str], frozenset[str]], release: Release) -> list[Span]:
    """The correction to put first, or nothing, for the one figure of the answer the question
    names by its value, said of a place it is not for ("is the 2,346 a UK-wide number?"): "No",
    and the place the release gives it for. ``asked``: the places the question names, as the
    reader's concepts; ``place_of``: a place's concepts. Nothing where a figure of the answer
    is for a place asked: the answer gives that place's figure too ("the 30% of the 5,143 in
    London") and says which is which."""
    figs = [f for f in stated if f.value in named and f.place]
    if not asked or len(figs) != 1 or any(asked & place_of(f.place) for f in stated if f.place):
        return []
    fig = figs[0]
    return [Span(text=f"No: {fig.qualifier} " if fig.qualifier else "No: "),
            Span(text=fig.display, style="figure"),
            Span(text=f" ({fig.counts}{f', {fig.period.label()}' if fig.period else ''}) is a "
                 f"figure for {fig.place}, according to {_source(release, fig)}.")]


def wrong_date(question: str, release: Release) -> list[Span]:
    """The correction to put first, or nothing, for an answer giving the release's date: "No",
    and when it was published, for the one year a question names when that is neither the year
    of publication nor a year of the release's figures ("is this from 2019?"). A year of its
    figures ("was the release from 2018?") may be what the asker meant by the figures' year,
    so it is not called wrong; the date is given all the same."""
    years = set(numbers.years_in(_plain(question)))
    figures = {y for f in release.figures for y in f.years}
    if release.date is None or len(years) != 1 or years & (figures | {release.date.year}):
        return []
    return [Span(text=f"No: it was published on {long_date(release.date)}, "
                 f"not in {years.pop()}.")]


def unknown_note(question: str, known: Set[float]) -> list[list[Span]]:
    """The note put first for a question naming a number the release does not give, or
    nothing when the question also names one of the release's figures or derived values
    itself ("is it 2,346 or 2,364?"): the release gives a number of the question, and the
    answer states it."""
    if any(v in known for v, _, _ in _claims(_plain(question))):
        return []
    return [[Span(text="The release does not give the number in your question. This is what "
                  "it says:", style="note")]]


def roughly_note(question: str, stated: list[Figure]) -> list[list[Span]]:
    """The note put first for a figure of the answer said in round numbers, with a word that
    says so ("about 2,300 referrals in 2018?", "around 5,000", "roughly 1,200 per cent"):
    roughly right, and the exact figure, not "the release does not give the number". Only for
    one such number, close to one figure of the same unit whose years hold every year said
    (``numbers.rounded``); nothing for a bound with a direction ("under 2,300": ``_claims``)."""
    plain = _plain(question)
    claims = _claims(plain)
    said = _roughly(plain)
    if len(claims) != 1 or claims[0][0] not in said:
        return []
    value, percent, _ = claims[0]
    years = set(numbers.years_in(plain))
    close = [f for f in stated if numbers.rounded(value, f.value)
             and (f.unit == "percent") == percent and years <= f.years]
    if len(close) != 1:
        return []
    return [[Span(text="Roughly, yes: the release's exact figure is "),
             Span(text=close[0].display, style="figure"), Span(text=".")]]


def _roughly(plain: str) -> set[float]:
    """The numbers said right after a word of rounding ("about 2,300")."""
    tokens = re.findall(r"[^\W\d_]+|\d+(?:[,.]\d{3})*", plain.replace("%", " percent "))
    return {float(re.sub(r"[,.]", "", t)) for before, t in zip(tokens, tokens[1:], strict=False)
            if before in ROUGHLY and re.sub(r"[,.]", "", t).isdecimal()}


def _span_said(plain: str) -> tuple[int, int] | None:
    """The span of years a question says ("between 2013 and 2019", "from 2013 to 2017",
    "2013-2019", the dash read as a space), first year before the last, or None."""
    found = _SPAN.search(plain)
    if found is None:
        return None
    first, last = int(found[1]), int(found[2])
    return (first, last) if first < last else None


def _wrong_span(fig: Figure, span: tuple[int, int], release: Release) -> list[Span]:
    """The correction for a change said over the wrong span ("a 1,155% rise between 2013 and
    2019?"): "No", the span it is for. Nothing for a figure of one year (its own check reads one
    year), for the right span, or for a span ending after the release was published (what came
    later, the release cannot say)."""
    period = fig.period
    if period is None or period.start == period.end or span == (period.start, period.end):
        return []
    if release.date and span[1] > release.date.year:
        return []
    return [Span(text=f"No: {fig.qualifier} " if fig.qualifier else "No: "),
            Span(text=fig.display, style="figure"),
            Span(text=f" ({fig.counts}) is the figure for {period.label()}, not "
                 f"{span[0]}–{span[1]}, according to {_source(release, fig)}.")]


def _years_said(plain: str) -> dict[float, int]:
    """Each number a question says a year of, right after it ("187 in 2012", "2,346
    referrals in 2018"): the number, at most two words, "in" or "for", then the year."""
    tokens = re.findall(r"[^\W\d_]+|\d+(?:[,.]\d{3})*", plain.replace("%", " percent "))
    digits = [re.sub(r"[,.]", "", t) for t in tokens]
    said: dict[float, int] = {}
    for n, t in enumerate(digits):
        if not t.isdecimal() or numbers.kind(digits, n, grouped=tokens[n] != t) == "year":
            continue
        for m in range(n + 1, min(n + 4, len(digits) - 1)):
            if digits[m] in ("in", "for") and digits[m + 1].isdecimal() and numbers.kind(
                    digits, m + 1) == "year":
                said.setdefault(float(t), int(digits[m + 1]))
                break
            if digits[m].isdecimal():
                break
    return said


def _claims(plain: str) -> list[tuple[float, bool, bool]]:
    """The numbers a question states, other than years and the asker's own measures: each
    value, whether it is a percentage, and whether it is given as a bound or an estimate."""
    tokens = re.findall(r"[^\W\d_]+|\d+(?:[,.]\d{3})*", plain.replace("%", " percent "))
    grouped = {n for n, t in enumerate(tokens) if not t.isalpha() and not t.isdigit()}
    digits = [re.sub(r"[,.]", "", t) for t in tokens]
    phones = numbers.phone_groups(plain)  # a number to ring names no figure
    found: list[tuple[float, bool, bool]] = []
    for n, t in enumerate(digits):
        if not t.isdecimal() or t.startswith("0") or tokens[n] in phones:
            continue  # a word, or a phone number's "020" or its other digit groups
        kind = numbers.kind(digits, n, grouped=n in grouped)
        if kind in ("year", "measure") or digits[n + 1:n + 2] in (["times"], ["fold"], ["x"]):
            continue  # nor a ratio ("up ten times since 2013"): no count or percentage
        before, after = tuple(digits[max(0, n - 2):n]), tuple(digits[n + 1:n + 3])
        bounded = bool(before[-1:] and before[-1] in BOUNDS or before in BOUND_PAIRS
                       or after[:1] and after[0] in BOUNDS or after in BOUND_PAIRS)
        found.append((float(t), kind == "percent", bounded))
    return found


def _source(release: Release, fig: Figure) -> str:
    return next((s.short for s in release.sources if s.id == fig.source), "the release")
