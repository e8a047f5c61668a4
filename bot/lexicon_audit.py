"""Provides the lexicon audit: entries that never fire on any labelled question or intent example,
and entries shadowed by an earlier rule.

Every question is read by the real ``Reader`` with its lexicon tables swapped for ones that
record which entry was used, so "fires" means exactly what the reader does. An entry that never
fires although its words occur in some question is *shadowed*: an earlier rule (a typo, a longer
phrase, an earlier pattern) always rewrites the text before it gets its turn. The audit only
reports; which entries to delete is a decision for the people who edit the lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar, cast

import yaml

from bot.errors import UsageError
from bot.knowledge import Knowledge
from bot.reading import Reader

V = TypeVar("V")
SECTIONS = ("typos", "phrases", "patterns", "senses", "concepts")


@dataclass(frozen=True, order=True)
class Entry:
    """One lexicon rule: a typo, a phrase, a pattern, a sense, or one word of a concept."""

    section: str
    key: str
    concept: str = ""  # for a concept word: the concept it belongs to


@dataclass(frozen=True)
class Finding:
    entry: Entry
    line: int  # in lexicon.yaml; 0 when unknown
    seen_in: int  # questions whose words contain the entry although it never fired
    why: str


@dataclass
class Audit:
    """What fired on which question, and the entries that never did."""

    questions: int
    examples: int
    entries: int
    never: list[Finding] = field(default_factory=list)
    shadowed: list[Finding] = field(default_factory=list)
    single: int = 0  # entries that fire on exactly one labelled question and on no example


class _Hits:
    def __init__(self) -> None:
        self.current = 0
        self.by_entry: dict[tuple[str, str], set[int]] = defaultdict(set)

    def hit(self, section: str, key: str) -> None:
        self.by_entry[(section, key)].add(self.current)


class _RecordingDict(dict[str, V]):
    """A dict that notes every key looked up successfully."""

    def __init__(self, data: dict[str, V], hits: _Hits, section: str) -> None:
        super().__init__(data)
        self._hits, self._section = hits, section

    def get(self, key: str, default: Any = None) -> Any:
        if dict.__contains__(self, key):
            self._hits.hit(self._section, key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> V:
        value = super().__getitem__(key)
        self._hits.hit(self._section, key)
        return value


class _RecordingPattern:
    """A compiled pattern that notes when its substitution changed something."""

    def __init__(self, regex: re.Pattern[str], key: str, hits: _Hits) -> None:
        self.regex, self.key, self._hits = regex, key, hits

    def sub(self, repl: str, text: str) -> str:
        new, count = self.regex.subn(repl, text)
        if count:
            self._hits.hit("patterns", self.key)
        return new


def _recording_reader(knowledge: Knowledge, hits: _Hits) -> Reader:
    reader = Reader(knowledge)
    lex = knowledge.lexicon
    reader.typos = _RecordingDict(reader.typos, hits, "typos")
    reader.phrases = _RecordingDict(reader.phrases, hits, "phrases")
    reader.senses = _RecordingDict(reader.senses, hits, "senses")
    reader.concepts = cast("defaultdict[str, set[str]]",
                           _RecordingDict(dict(reader.concepts), hits, "concepts"))
    wrapped = [(_RecordingPattern(regex, key, hits), words)
               for (regex, words), key in zip(reader.patterns, lex.patterns, strict=True)]
    reader.patterns = cast("list[tuple[re.Pattern[str], str]]", wrapped)
    return reader


def entries(knowledge: Knowledge) -> list[Entry]:
    lex = knowledge.lexicon
    found = [Entry("typos", k) for k in lex.typos] + [Entry("phrases", k.lower())
                                                       for k in lex.phrases]
    found += [Entry("patterns", k) for k in lex.patterns] + [Entry("senses", k)
                                                              for k in lex.senses]
    found += [Entry("concepts", w.lower(), concept) for concept, words in lex.concepts.items()
              for w in words]
    return found


def entry_lines(lexicon_yaml: Path) -> dict[tuple[str, str], int]:
    """(section, key) -> line in the file, for the report; concept words are keyed by word."""
    try:
        root = yaml.compose(lexicon_yaml.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    lines: dict[tuple[str, str], int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for section_node, body in root.value:
        section = str(section_node.value)
        if isinstance(body, yaml.MappingNode):
            for key_node, value in body.value:
                lines[(section, str(key_node.value).lower())] = key_node.start_mark.line + 1
                if section == "concepts" and isinstance(value, yaml.SequenceNode):
                    for word in value.value:
                        lines[(f"concepts:{key_node.value}", str(word.value).lower())] = (
                            word.start_mark.line + 1)
    return lines


def _surface(text: str) -> str:
    """The question's own words, lower case, without punctuation: where an entry could fire."""
    text = unicodedata.normalize("NFKC", text).lower().translate(str.maketrans("’‘`´", "''''"))
    text = re.sub(r"(?<=[a-z])'(?=[a-z])", "", text)
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


def _occurs(entry: Entry, surface: str, words: set[str], regexes: dict[str, re.Pattern[str]]
            ) -> bool:
    if entry.section == "patterns":
        return entry.key in regexes and regexes[entry.key].search(surface) is not None
    parts = entry.key.split()
    if not parts or not set(parts) <= words:
        return False
    return len(parts) == 1 or re.search(rf"(?<!\w){re.escape(entry.key)}(?!\w)",
                                        surface) is not None


def _pattern_shadow(reader: Reader, knowledge: Knowledge, key: str,
                    questions: list[str]) -> str:
    """Which earlier pattern takes away the text this pattern would match, if one does."""
    keys = list(knowledge.lexicon.patterns)
    index = keys.index(key)
    plain = [(regex.regex if isinstance(regex, _RecordingPattern) else regex, words)
             for regex, words in reader.patterns]
    saved = reader.patterns
    reader.patterns = []
    try:
        for question in questions:
            text = reader.normalise(question)  # as the patterns get it: typos, phrases done
            if not plain[index][0].search(text):
                continue
            for j in range(index):
                text = " ".join(plain[j][0].sub(plain[j][1], text).split())
                if not plain[index][0].search(text):
                    return f"the earlier pattern {keys[j]!r} rewrites it first"
    finally:
        reader.patterns = saved
    return "the steps before the patterns (typos, phrases, number words) rewrite its words first"


def run(knowledge: Knowledge, labelled: list[str], lexicon_yaml: Path | None = None) -> Audit:
    """Read every labelled question and intent example, and audit the lexicon against them."""
    hits = _Hits()
    reader = _recording_reader(knowledge, hits)
    examples = [e for i in knowledge.intents for e in i.examples]
    corpus = labelled + examples
    for n, question in enumerate(corpus):
        hits.current = n
        reader.features(question)
    all_entries = entries(knowledge)
    lines = entry_lines(lexicon_yaml) if lexicon_yaml else {}
    audit = Audit(questions=len(labelled), examples=len(examples), entries=len(all_entries))
    regexes = {}
    for key in knowledge.lexicon.patterns:
        try:
            regexes[key] = re.compile(rf"\b(?:{key})\b")
        except re.error:
            continue
    unfired: list[Entry] = []
    for entry in all_entries:
        fired = hits.by_entry.get((entry.section, entry.key), set())
        if not fired:
            unfired.append(entry)
        elif len(fired) == 1 and next(iter(fired)) < len(labelled):
            audit.single += 1
    surfaces = [(_surface(q), q) for q in corpus]
    split = [(s, set(s.split()), q) for s, q in surfaces]
    for entry in unfired:
        line = lines.get((f"concepts:{entry.concept}" if entry.concept else entry.section,
                          entry.key), 0)
        seen = [q for s, words, q in split if _occurs(entry, s, words, regexes)]
        why = _pattern_shadow(reader, knowledge, entry.key, seen) if (
            entry.section == "patterns" and seen) else ""
        if seen:
            audit.shadowed.append(Finding(entry, line, len(seen),
                                          why or "an earlier rule rewrites it first"))
        else:
            audit.never.append(Finding(entry, line, 0, "its words occur in no question"))
    return audit


def labelled_questions(folder: Path) -> list[str]:
    """The questions (and the earlier turns of follow-ups) of every set in the folder."""
    from bot.evaluate import read_cases

    questions: list[str] = []
    for path in sorted(folder.glob("*.jsonl")):
        for case in read_cases(path):
            questions.extend([*case.context, case.q])
    return questions


def _describe(finding: Finding) -> str:
    e = finding.entry
    name = f"concepts.{e.concept}: {e.key!r}" if e.concept else f"{e.section}: {e.key!r}"
    where = f"line {finding.line}: " if finding.line else ""
    seen = f" (its words occur in {finding.seen_in} question(s))" if finding.seen_in else ""
    return f"  {where}{name}: {finding.why}{seen}"


def format_audit(audit: Audit, source: str) -> Iterator[str]:
    yield (f"Lexicon audit over {audit.questions} labelled questions ({source}) and "
           f"{audit.examples} intent examples: {len(audit.never)} of {audit.entries} entries "
           f"never fire, {len(audit.shadowed)} are shadowed by an earlier rule, "
           f"{audit.single} fire on one labelled question only. Nothing is deleted.")
    for title, findings in (("Never fire:", audit.never), ("Shadowed:", audit.shadowed)):
        if findings:
            yield title
            yield from (_describe(f) for f in sorted(findings, key=_order))


def _order(finding: Finding) -> tuple[int, int, Entry]:
    return (SECTIONS.index(finding.entry.section), finding.line, finding.entry)


def report(knowledge: Knowledge, intents_dir: Path, questions_dir: Path | None,
           out: TextIO) -> None:
    """The `pressbot check` hook: audit against the labelled sets, when there are any."""
    if questions_dir is None or not any(questions_dir.glob("*.jsonl")):
        out.write("Lexicon audit skipped: no labelled questions (pressbot check --questions "
                  "DIR).\n")
        return
    audit = run(knowledge, labelled_questions(questions_dir), intents_dir / "lexicon.yaml")
    for line in format_audit(audit, str(questions_dir)):
        out.write(line + "\n")


DEFAULT_QUESTIONS = Path("tests") / "devset"


def questions_dir(given: str | None) -> Path | None:
    """The folder given, which must exist; else tests/devset in the current folder, as when a
    developer runs `pressbot check` in a checkout; else None. Relative to the current folder,
    not to the knowledge, so that the start-up and health checks of a deployed bot (run from
    its state folder) stay quick and quiet even where the repository holds the sets."""
    if given:
        if not Path(given).is_dir():
            raise UsageError(f"{given}: no such folder of labelled questions")
        return Path(given)
    return DEFAULT_QUESTIONS if DEFAULT_QUESTIONS.is_dir() else None

