"""Provides the figures a release states: value, unit, the figure as written, its years, place
and source (a note marker like [2] pointing into the notes to editors).

A figure's year comes only from its own sentence; when the sentence gives several years and no
span, the nearest one is taken and the editor is told to check it. No year, no period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.ingest import wordnum
from bot.ingest.clauses import WHAT_OF, Clause, clauses
from bot.ingest.text import sentences

WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "twice": 2}
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
MONEY = rf"£{NUMBER}(?:\s?(?:million|billion|bn|m|k)\b)?"
PERCENT = rf"{NUMBER}\s?(?:per cent|percent|%)"
TIMES = rf"(?:{wordnum.NUMBER_WORDS}|\b\d+) times\b"
# A count in digits, with its scale word ("1.2 million people").
COUNT = rf"(?<![\w£.,\[/–-]){NUMBER}(?:\s(?:million|billion)\b|(?![\w\]%]|[.,]\d))"
# Earlier alternatives win at the same place: "one in five" is a proportion before "one" is
# read as a number, "three times" a multiplication.
FIGURE = re.compile(f"(?P<money>{MONEY})|(?P<percent>{PERCENT})|"
                    f"(?P<proportion>{wordnum.PROPORTION})|(?P<fraction>{wordnum.FRACTION})|"
                    f"(?P<times>{TIMES})|(?P<change>{wordnum.CHANGE})|"
                    f"(?P<words>{wordnum.NUMBER_WORDS})|(?P<count>{COUNT})")
# The unit of each kind of figure; the others are their own unit.
UNITS = {"proportion": "percent", "fraction": "percent", "change": "times", "words": "count"}
SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
SPAN = re.compile(r"\b((?:19|20)\d\d) ?[-/–] ?((?:19|20)?\d\d)\b|\b(?:between|from) "
                  r"((?:19|20)\d\d) (?:and|to) ((?:19|20)\d\d)\b")
# A year after one of these is when something happened ("in 2017"), not a name ("2018 Report").
TIME_WORDS = re.compile(r"\b(?:in|during|by|since|until|of|for|from|to|between|and)\s$", re.I)
OVER_YEARS = re.compile(r"\bover (?:the (?:last|past) )?(\w+) years\b")
CHANGE_WORDS = re.compile(r"^\s*(?:\w+\s)?(?:increase|rise|fall|drop|decrease|reduction|jump|"
                          r"growth|cut)\b")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Note markers: "[2]"; a superscript "²"; or "(2)" at the end of a sentence, when the notes to
# editors have a note 2 (elsewhere "(2)" may be anything).
MARKER = re.compile(r"\[(?P<square>\d{1,2})\]|(?P<sup>[" + SUPERSCRIPTS + r"]{1,2})|"
                    r"\((?P<paren>\d{1,2})\)(?=[.!?]?[”’\"]?$)")
QUALIFIERS = ("more than", "almost", "nearly", "over", "around", "about", "up to", "at least",
              "fewer than", "less than", "approximately", "just over", "just under", "roughly")
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
         r"December)"
PLACE = re.compile(r"\b(?:in|across|throughout|for) (the UK|the capital|London|England|"
                   r"(?:Great )?Britain|Wales|Scotland|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")


@dataclass
class FigureFinder:
    """Collects figures across a release's sentences, with readable, unique ids."""

    notes: set[int]
    figures: list[dict[str, Any]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    year: int | None = None  # the release's, for "since 2019"

    def scan(self, block: str, skip: set[float] | None = None) -> None:
        """Add the figures of one block, except values in ``skip`` (already found)."""
        for sentence in sentences(block):
            plain = self.unmarked(sentence)
            found = [m for m in FIGURE.finditer(plain) if _readable(sentence, m, plain)]
            # Each figure gets the words of its own clause, split at the other figures.
            parts = clauses(plain, [(m.start(), m.end()) for m in found])
            for m, part in zip(found, parts, strict=True):
                fig = self.figure(sentence, m, plain, part)
                if fig["value"] not in (skip or set()):
                    self.figures.append(fig)

    def markers(self, sentence: str) -> list[tuple[int, int, int]]:
        """(start, end, note number) of each note marker in a sentence."""
        out = []
        for x in MARKER.finditer(sentence):
            sup = x.group("sup")
            number = int(sup.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))) if sup \
                else int(x.group("square") or x.group("paren"))
            if x.group("paren") is None or number in self.notes:
                out.append((x.start(), x.end(), number))
        return out

    def unmarked(self, sentence: str) -> str:
        """The sentence with its superscript and "(2)" markers blanked, at the same length, so
        that "61,000¹" reads as 61,000 and "(2)" is no figure; positions stay the sentence's."""
        for start, end, _ in self.markers(sentence):
            if sentence[start] != "[":
                sentence = sentence[:start] + " " * (end - start) + sentence[end:]
        return sentence

    def figure(self, sentence: str, m: re.Match[str], plain: str,
               part: Clause) -> dict[str, Any]:
        """A figure ``_readable`` accepted, with the words of its clause."""
        kind = m.lastgroup or "count"
        unit = UNITS.get(kind, kind)
        written = sentence[m.start():m.end()]
        value = _value(kind, written, plain, m)
        assert value is not None
        # A figure in words is shown as the release words it ("one in five"), never restated.
        display = (re.sub(r"\s?(?:per cent|percent|%)$", "", written) + "%"
                   if kind == "percent" else written)
        before = plain[:m.start()].rstrip().lower()
        qualifier = next((q for q in sorted(QUALIFIERS, key=len, reverse=True)
                          if before.endswith(q)), "")
        counts = _counts(plain, m, part, before=kind == "change")
        period = self.period(plain, m, counts)
        place = _place(plain, m)
        source = self.source(sentence, m)
        fid = self.unique_id(counts or unit, period)
        fig: dict[str, Any] = {
            "id": fid, "value": value, "as_written": written, "display": display,
            "qualifier": qualifier, "unit": "count" if unit == "count" else unit,
            "counts": counts, "place": place, "sentence": sentence}
        if period:
            fig["period"] = {"start": period[0], "end": period[1]}
            printed = _printed(plain, period)
            if printed:
                fig["period"]["printed"] = printed
        else:
            self.checks.append(f"figure {written!r} ({fid}): its sentence gives no year")
        if source:
            fig["source"] = source
        return fig

    def period(self, sentence: str, m: re.Match[str],
               counts: str) -> tuple[int, int] | None:
        span = SPAN.search(sentence)
        years = [(y.start(), int(y.group(0))) for y in YEAR.finditer(sentence)
                 if not (m.start() <= y.start() < m.end())]
        if span:
            start, end = int(span.group(1) or span.group(3)), span.group(2) or span.group(4)
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            others = [(pos, y) for pos, y in years if not span.start() <= pos < span.end()]
            nearer = min((abs(pos - m.start()) for pos, _ in others), default=len(sentence))
            if end_year >= start and abs(span.start() - m.start()) <= nearer:
                if others:
                    self.checks.append(f"figure {m.group(0)!r}: its sentence names several "
                                       f"years; I took {start}-{end_year}, check it")
                return start, end_year
            if end_year >= start:
                years = others  # another year is nearer the figure: "£38k in 2023 ... 2025-26"
        timed = [(pos, y) for pos, y in years if TIME_WORDS.search(sentence[max(0, pos - 9):pos])]
        years = timed or years
        if len({y for _, y in years}) == 1:
            years = years[:1]
        if not years:
            return None
        if len(years) == 1:
            year = years[0][1]
            over = OVER_YEARS.search(sentence)
            n = WORDS.get(over.group(1), int(over.group(1)) if over and
                          over.group(1).isdigit() else 0) if over else 0
            if n and CHANGE_WORDS.match(sentence[m.end():]):
                return year - n, year  # "a 40 per cent rise over five years" to that year
            if re.search(rf"\bsince {year}\b", sentence, re.I):
                if self.year and self.year > year:
                    return year, self.year  # "doubled since 2019": to the release's year
                self.checks.append(f"figure {m.group(0)!r}: 'since {year}' but the release has "
                                   f"no date; I took {year} alone, check it")
            return year, year
        year = min(years, key=lambda py: abs(py[0] - m.start()))[1]
        self.checks.append(f"figure {m.group(0)!r}: its sentence names several years; "
                           f"I took {year}, check it")
        return year, year

    def source(self, sentence: str, m: re.Match[str]) -> str:
        markers = [(pos, n) for pos, _, n in self.markers(sentence)]
        after = [n for pos, n in markers if pos >= m.end()] or [n for _, n in markers]
        if not after:
            return ""
        if after[0] not in self.notes:
            self.checks.append(f"figure {m.group(0)!r}: note marker [{after[0]}] points to no "
                               "note to editors")
            return ""
        return f"note_{after[0]}"

    def unique_id(self, counts: str, period: tuple[int, int] | None) -> str:
        words = [w for w in re.findall(r"[a-z]+", counts.lower())
                 if w not in {"of", "the", "a", "an", "in", "to", "for", "and", "were", "was",
                              "is", "are", "on", "by", "with", "that", "who", "had", "have"}]
        base = "_".join(words[:2]) or "figure"
        if period:
            base += f"_{period[1]}" if period[0] == period[1] else f"_{period[0]}_{period[1]}"
        taken = {f["id"] for f in self.figures}
        fid, n = base, 2
        while fid in taken:
            fid, n = f"{base}_{n}", n + 1
        return fid


def _printed(sentence: str, period: tuple[int, int]) -> str:
    """A span of years as the sentence prints it in figures ("2025-26", "2019/20"), so that it
    is never restated with a year the release does not print ("2025–2026")."""
    for m in re.finditer(r"\b((?:19|20)\d\d) ?[-/–] ?((?:19|20)?\d\d)\b", sentence):
        start, end = int(m.group(1)), m.group(2)
        if (start, int(end) if len(end) == 4 else start // 100 * 100 + int(end)) == period:
            return m.group(0)
    return ""


def _readable(sentence: str, m: re.Match[str], plain: str) -> bool:
    """Whether a match is a figure: not a year or a date, not run into a note marker (left to
    the editor, never misread), and words that are a number ("one in 2023" is not)."""
    kind = m.lastgroup or "count"
    if sentence[m.start():m.end()] != m.group(0) or (kind == "count"
                                                      and _is_date_or_year(plain, m)):
        return False
    return _value(kind, m.group(0), plain, m) is not None


def _is_date_or_year(sentence: str, m: re.Match[str]) -> bool:
    text = m.group(0)
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return True
    after, before = sentence[m.end():m.end() + 12], sentence[max(0, m.start() - 12):m.start()]
    return bool(re.match(r"\s" + MONTHS, after) or re.search(MONTHS + r"\s$", before)
                or re.match(r"\s?(?:am|pm|a\.m|p\.m)\b", after))


def _value(kind: str, written: str, sentence: str, m: re.Match[str]) -> float | None:
    """The figure's value, or None when the words are not one ("one in 2023", "two staff")."""
    if kind == "proportion":
        return wordnum.proportion(written)
    if kind == "fraction":
        return wordnum.fraction(written)
    if kind == "change":
        return float(wordnum.CHANGES[written.lower()])
    if kind == "words":
        return wordnum.number_words(sentence, m)
    if kind == "times":
        times = written[:-len(" times")]
        return wordnum.words_value(times) or float(times.replace(",", ""))
    digits = re.sub(r"[^\d.]", "", written).rstrip(".")
    scale = re.search(r"(million|billion|bn|m|k)$", written)
    return (float(digits) if digits.strip(".") else 0.0) * (SCALE[scale.group(1)] if scale
                                                            else 1)


def _counts(sentence: str, m: re.Match[str], part: Clause, before: bool = False) -> str:
    """What the figure counts, as the sentence words it: the words right after it, or its
    clause's subject when those only say when (before it, for a change: "referrals doubled")."""
    if before:
        # "The number of carers asking for help has more than doubled": what doubled.
        subject = re.split(r"[,;:(–—]", part.subject if part.shared
                           else sentence[:m.start()])[-1]
        subject = re.sub(r"\s*\b(?:has|have|had|was|were|is|are)?\s*(?:more than|almost|nearly|"
                         r"over|roughly|about|just over|just under)?\s*$", "", subject)
        subject = WHAT_OF.sub("", subject)
        return " ".join(subject.split()[-10:])
    return part.counts


def _place(sentence: str, m: re.Match[str]) -> str:
    places = [(abs(p.start() - m.start()), p.group(1)) for p in PLACE.finditer(sentence)
              if not re.fullmatch(MONTHS, p.group(1))]
    return min(places)[1] if places else ""
