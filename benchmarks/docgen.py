"""Provides ``python -m benchmarks.docgen``: the generated parts of README.md and docs/*.md.

A generated part sits between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``; the
rest of each document is written by hand. Every figure in a generated part comes from here, so
the documents cannot contradict each other or the code:

    python -m benchmarks.docgen                       # rewrite every generated part
    python -m benchmarks.docgen --check               # exit 1, naming each part that is stale
    python -m benchmarks.docgen --show accuracy-table # print one part

The accuracy tables score every ``tests/devset/*.jsonl`` with ``bot.evaluate`` (what
``pressbot eval`` runs), the transcripts ask the engine real questions at a fixed time, and the
benchmark tables are rendered from ``benchmarks/results.json``: the benchmarks are not rerun
here (``python -m benchmarks.run`` does that), so those tables name the date and commit of
the run they show.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from bot import evaluate
from bot.config import load_settings
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.errors import UsageError
from bot.render import to_text

ROOT = Path(__file__).resolve().parent.parent
REGION = re.compile(r"<!-- generated:(?P<name>[\w-]+) -->\n(?P<body>.*?)"
                    r"<!-- /generated:(?P=name) -->", re.S)
OPENER = re.compile(r"<!-- generated:([\w-]+) -->")
TZ = "Europe/London"
# Every set is scored at one fixed time, a Monday morning in office hours, so that a case
# without its own "now" gets the same routing whenever the tables are regenerated.
EVAL_NOW = "2020-02-03T10:00"

# The question sets, in the order the table lists them: (who wrote it as, errors read?).
# Every set was written by a separate writer from tests/devset/WRITING.md and the release
# alone, without seeing the code, the intents or the other sets.
SETS: dict[str, tuple[str, bool]] = {
    "questions": ("the development set: journalists, the public, worried askers; follow-ups",
                  True),
    "holdout": ("the same mix, by a second writer", True),
    "journalists": ("newsroom jargon, fact-checks with wrong numbers", True),
    "public": ("members of the public and students; many worried askers", True),
    "mixed": ("a mix of askers, deliberately unusual phrasings", True),
    "fresh": ("voice-to-text, non-native English, formal letters, one-word queries", True),
    "unseen": ("a month of imagined real traffic", True),
    "december": ("a month after publication: every kind of asker", True),
    "hard": ("formal letters, non-native English, rambling, fact-checks by number", True),
    "spring": ("journalists on phones, students, sceptics, worried askers", True),
    "voices": ("many voices: second languages, dyslexia, dictation, two questions at once",
               True),
    "autumn": ("a tester covering every intent", True),
    "summer": ("mostly journalists, at all hours", True),
    "winter": ("a winter of traffic", True),
    "community": ("community groups: little English, many worried askers", True),
    "newsroom": ("a week of journalists, with newsroom jargon", True),
    "round1": ("months of everyday traffic", True),
    "round2": ("months of everyday traffic", True),
    "round3": ("a year's inbox", True),
    "round4": ("the first month after publication", True),
    "round5": ("every kind of asker, many languages", True),
    "round6": ("every kind of asker", True),
    "round7": ("every kind of asker, natural variety", True),
    "round8": ("mostly journalists, at all hours", True),
    "round9": ("every kind of asker", True),
    "round10": ("the first weeks after publication", True),
    "switchboard": ("contact questions at edge times (bank holidays, other time zones, 17:40), "
                    "follow-ups asking for a number", True),
    "threads": ("conversations: follow-ups with what was said before (what \"it\" or \"that\" "
                "means, changes of subject, who is asking said earlier)", True),
    "worried": ("worried people in hard wordings (hints, inside greetings, after figures, other "
                "languages) beside near-misses: work and study askers, the press office's "
                "urgent line, other crimes", True),
    "danger": ("people in danger in very varied wordings and languages, some as follow-ups, "
               "beside near-misses: the helpline asked about, bad jobs, other crimes, study", True),
    "roles": ("askers who say who they are (students, academics, researchers, documentary "
              "makers, freelancers, producers): contacts, facts, two-part questions, "
              "follow-ups", True),
    "blind": ("journalists, the public and worried askers", False),
    "blind2": ("a year of inbox", False),
    "blind3": ("every kind of asker", False),
    "blind4": ("every kind of asker", False),
    "blind5": ("the first two months: every kind of asker, many on phones", False),
    "blind6": ("mostly journalists and fact-checkers, at all hours", False),
    "blind7": ("community groups, charities and worried askers; little English, shorthand", False),
    "blind8": ("students, teachers and researchers, with the usual mix", False),
    "blind9": ("nights and weekends: one-word messages, dictation, two questions at once", False),
    "blind10": ("a month of traffic: follow-ups, pasted letters, sceptics, misremembering", False),
    "blind11": ("councillors, caseworkers, advisers and their constituents; long questions", False),
    "blind12": ("news desks at home and abroad, broadcasters at odd hours, fact-checkers", False),
    "blind13": ("pupils, parents and worried people describing jobs vaguely", False),
    "blind14": ("an ordinary week: very short messages, follow-ups, misspelled names", False),
    "blind15": ("freelancers, bloggers, local radio, charity and council press staff; two asks",
                False),
    "blind16": ("phones in a hurry: voice notes, heavy shorthand, second languages", False),
    "blind17": ("asking for work or study, beside people worried about someone at work", False),
    "blind18": ("journalists on deadline; many fact-checks, right and wrong", False),
    "blind19": ("older people, carers, tenants, service workers; many worried askers", False),
    "blind20": ("conversations: a third are follow-ups to earlier messages", False),
}


@dataclass(frozen=True)
class Transcript:
    """Questions asked in one conversation at one time, shown as ``pressbot chat`` prints them."""

    intro: str
    now: str
    questions: tuple[str, ...]


TRANSCRIPTS: dict[str, Transcript] = {
    "transcript-office": Transcript(
        "In office hours", "2020-02-03T10:00",
        ("how much did referrals rise?", "where is that figure from?",
         "I am a student, who can I contact about this?",
         "my neighbour's cleaner never goes out and they keep her passport",
         "how many referrals were there in 2022?")),
    "transcript-night": Transcript(
        "On a Saturday night, a journalist gets the out-of-hours line",
        "2020-02-01T22:30",
        ("I'm a reporter on deadline, who do I call?",
         "journalist here, what's the 2018 figure?")),
    "transcript-two": Transcript(
        "Two questions in one message get one answer covering both", "2020-02-03T10:00",
        ("Who is Unmesh Desai and what did he say?",)),
}


class DocgenError(Exception):
    """A document's generated parts cannot be read or filled."""


@dataclass(frozen=True)
class SetScore:
    name: str
    questions: int
    right: int
    wrong: int
    precision: float
    recall: float

    @property
    def accuracy(self) -> float:
        return self.right / self.questions

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.questions


def _pct(x: float) -> str:
    return f"{x:.1%}"


@dataclass
class Sources:
    """What the generated parts are made from, each computed at most once per run."""

    root: Path
    engine: Engine

    @cached_property
    def scores(self) -> list[SetScore]:
        return self._score("devset")

    @cached_property
    def heldout(self) -> list[SetScore]:
        """Sets the shipped classifier never saw (tests/heldout)."""
        return self._score("heldout")

    def _score(self, folder: str) -> list[SetScore]:
        paths = {p.stem: p for p in sorted((self.root / "tests" / folder).glob("*.jsonl"))}
        order = [n for n in SETS if n in paths] + [n for n in paths if n not in SETS]
        now = dt.datetime.fromisoformat(EVAL_NOW)
        out = []
        for name in order:
            report = evaluate.run(self.engine, evaluate.read_cases(paths[name]), now)
            precision, recall = report.fallback_scores()
            right = sum(o.ok for o in report.outcomes)
            wrong = sum(not o.ok and o.got is not None for o in report.outcomes)
            out.append(SetScore(name, len(report.outcomes), right, wrong, precision, recall))
        return out

    @cached_property
    def results(self) -> dict[str, Any]:
        path = self.root / "benchmarks" / "results.json"
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DocgenError(f"cannot read {path}: {exc}") from None
        return data


def _pooled(scores: Sequence[SetScore]) -> tuple[int, float, float]:
    n = sum(s.questions for s in scores)
    return n, sum(s.right for s in scores) / n, sum(s.wrong for s in scores) / n


def accuracy_table(src: Sources) -> str:
    rows = ["| set | questions | written as | errors read | accuracy | wrong answers "
            "| fallback precision / recall |", "| --- | ---: | --- | --- | ---: | ---: | --- |"]
    for s in src.scores:
        about, read = SETS.get(s.name, ("", True))
        rows.append(f"| `{s.name}.jsonl` | {s.questions:,} | {about} | "
                    f"{'yes' if read else '**never**'} | {_pct(s.accuracy)} | "
                    f"{_pct(s.wrong_rate)} | {_pct(s.precision)} / {_pct(s.recall)} |")
    return "\n".join(rows) + "\n"


def accuracy_summary(src: Sources) -> str:
    scores = src.scores
    never = [s for s in scores if not SETS.get(s.name, ("", True))[1]]
    dev = [s for s in scores if s.name == "questions"]
    rows = ["| question sets | questions | right | wrong answers |", "| --- | ---: | ---: | ---: |"]
    held = src.heldout
    for label, group in ((f"all {len(scores)} sets", scores),
                         (f"the {len(never)} sets whose errors were never read", never),
                         ("the development set", dev),
                         (f"{len(held)} held-out set(s), never trained on", held)):
        if group:
            n, right, wrong = _pooled(group)
            rows.append(f"| {label} | {n:,} | {_pct(right)} | {_pct(wrong)} |")
    return "\n".join(rows) + "\n"


def _measured(results: dict[str, Any]) -> str:
    m = results["machine"]
    quick = " --quick" if (results.get("profile") or {}).get("quick") else ""
    return (f"Measured by `python -m benchmarks.run{quick}` on {m['date']} at commit "
            f"`{m['commit']}`: "
            f"{m['nproc']} cores ({m['cpu']}), Python {m['python']}, "
            f"{results['seconds']} s in all.\n\n")


def _ms(d: dict[str, Any]) -> str:
    return f"{d['p50_ms']:.2f} / {d['p99_ms']:.2f} ms"


def benchmarks_table(src: Sources) -> str:
    from benchmarks.run import table  # the table `python -m benchmarks.run` prints

    return _measured(src.results) + table(src.results) + "\n"


def speed_summary(src: Sources) -> str:
    r = src.results
    rows = ["| measure | result |", "| --- | --- |"]
    if r.get("latency"):
        lat = r["latency"]
        rows.append(f"| answer time in the library, `Engine.ask` p50 / p99, each question new "
                    f"| {_ms(lat['engine_ask'])} |")
        if "engine_ask_again" in lat:
            rows.append(f"| the same, each question heard again | {_ms(lat['engine_ask_again'])} |")
    if r.get("startup"):
        st = r["startup"]
        rows.append(f"| `pressbot ask`, start to first answer (median) "
                    f"| {st['first_answer_s']:.2f} s |")
        rows.append(f"| `pressbot ask`, peak memory | {st['peak_rss_mb']:.0f} MB |")
    sizes = {s["size"]: s for s in (r.get("scale") or {}).get("sizes", [])}
    if 10_000 in sizes:
        s = sizes[10_000]
        rows.append(f"| answer time with {s['total_examples']:,} example questions loaded, "
                    f"p50 / p99 | {_ms(s.get('answer_all', s['latency_all']))} |")
    tg = r.get("telegram") or {}
    if tg.get("rate_limiter_off"):
        rows.append(f"| Telegram pipeline, rate limiter off "
                    f"| {tg['rate_limiter_off']['updates_per_s']:.0f} updates/s |")
    if tg.get("rate_limiter_on"):
        rows.append(f"| Telegram pipeline, rate limiter on (`pressbot run`) "
                    f"| {tg['rate_limiter_on']['sustained_sends_per_s']:.1f} messages/s |")
    return _measured(r) + "\n".join(rows) + "\n"


def transcript(src: Sources, script: Transcript) -> str:
    now = dt.datetime.fromisoformat(script.now).replace(tzinfo=src.engine.hours.tz)
    conversation = Conversation()
    turns = []
    for question in script.questions:
        answer = src.engine.ask(question, conversation=conversation, now=now)
        turns.append(f"> {question}\n\n{to_text(answer, suggestions=True)}")
    return (f"{script.intro} (`pressbot chat --now {script.now}`, the questions piped in):"
            "\n\n```text\n" + "\n\n".join(turns) + "\n```\n")


def generators() -> dict[str, Callable[[Sources], str]]:
    """Every part a document may contain, by name."""
    parts: dict[str, Callable[[Sources], str]] = {
        "accuracy-table": accuracy_table,
        "accuracy-summary": accuracy_summary,
        "benchmarks-table": benchmarks_table,
        "speed-summary": speed_summary,
    }
    for name, script in TRANSCRIPTS.items():
        parts[name] = partial(transcript, script=script)
    return parts


@contextmanager
def sources(root: Path = ROOT) -> Iterator[Sources]:
    """An engine on the project's data, with a throwaway cache, no question log, and the
    default office hours whatever the machine's configuration says."""
    with tempfile.TemporaryDirectory(prefix="pressbot-docgen-") as tmp:
        settings = load_settings(
            knowledge_dir=root / "knowledge", intents_dir=root / "intents",
            cache_path=Path(tmp) / "knowledge.db", log_db=Path(tmp) / "questions.db",
            log_questions=False, office_open=dt.time(9, 0), office_close=dt.time(18, 0),
            office_days="mon-fri", timezone=TZ, _env_file=None)
        yield Sources(root, Engine(settings))


def fill(document: str, src: Sources, where: str = "document") -> str:
    """The document with every generated part replaced by what it should contain now."""
    parts = generators()
    named = OPENER.findall(document)
    closed = [m.group("name") for m in REGION.finditer(document)]
    if named != closed:
        unclosed = next(n for n in named if named.count(n) != closed.count(n))
        raise DocgenError(f"{where}: <!-- generated:{unclosed} --> has no "
                          f"<!-- /generated:{unclosed} -->")
    unknown = sorted(set(named) - set(parts))
    if unknown:
        raise DocgenError(f"{where}: no generator for {', '.join(unknown)}; "
                          f"known: {', '.join(parts)}")
    return REGION.sub(lambda m: f"<!-- generated:{m['name']} -->\n{parts[m['name']](src)}"
                                f"<!-- /generated:{m['name']} -->", document)


def documents(root: Path) -> list[Path]:
    """README.md and every docs/*.md that has a generated part."""
    found = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    return [p for p in found if p.is_file() and OPENER.search(p.read_text(encoding="utf-8"))]


def stale(root: Path, src: Sources) -> list[str]:
    """Each document whose generated parts differ from what they should be, with the parts."""
    out = []
    for path in documents(root):
        text = path.read_text(encoding="utf-8")
        new = fill(text, src, str(path.relative_to(root)))
        if new != text:
            old_parts = dict(REGION.findall(text))
            changed = [n for n, body in REGION.findall(new) if old_parts.get(n) != body]
            out.append(f"{path.relative_to(root)}: {', '.join(changed)}")
    return out


def main(argv: Sequence[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.docgen", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true",
                       help="change nothing; exit 1 if a generated part is out of date")
    group.add_argument("--show", metavar="NAME", choices=sorted(generators()),
                       help="print one generated part")
    args = parser.parse_args(argv)
    try:
        with sources(root) as src:
            if args.show:
                sys.stdout.write(generators()[args.show](src))
                return 0
            if args.check:
                out_of_date = stale(root, src)
                for line in out_of_date:
                    print(f"out of date: {line} (run python -m benchmarks.docgen)",
                          file=sys.stderr)
                return 1 if out_of_date else 0
            for path in documents(root):
                text = path.read_text(encoding="utf-8")
                new = fill(text, src, str(path.relative_to(root)))
                if new != text:
                    path.write_text(new, encoding="utf-8")
                    print(f"updated {path.relative_to(root)}")
            return 0
    except (DocgenError, UsageError) as exc:
        print(f"docgen: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
