"""Provides the many-releases benchmark: the real release beside 99 invented ones, as files.

The invented releases are written as data into a temporary copy of knowledge/ and intents/
(each with its own made-up subject word, committee, chair, two figures and a few intents), so
start-up is measured the way the bot starts. It prints:

* start-up of ``pressbot ask`` to its answer (median of warm-cache runs; the cold run apart);
* p50/p99 per question over the dev-set questions, each asked in a conversation already on the
  modern slavery release (the common case once a chat has chosen one);
* the dev set's ``pressbot eval`` accuracy asked that way, against the release alone.

Run: ``python -m benchmarks.releases [--releases N] [--repeats N]``. Not a test: nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import child_env, dev_cases, latency_summary, time_calls
from bot.config import PROJECT_ROOT, Settings
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.evaluate import run
from bot.models import Figure, Intent, Period, Quote, Release

QUESTION = "how much did referrals rise?"
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


def _word(rng: random.Random, taken: set[str]) -> str:
    while True:
        word = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS)
                       for _ in range(rng.choice((3, 4))))
        if word not in taken:
            taken.add(word)
            return word


def invented(base: Release, n: int, rng: random.Random,
             taken: set[str]) -> tuple[Release, list[Intent]]:
    """One invented release (its text the real one's plus its own paragraphs) and its intents."""
    subject, committee = _word(rng, taken), _word(rng, taken).capitalize() + " Committee"
    speaker = f"{_word(rng, taken).capitalize()} {_word(rng, taken).capitalize()} AM"
    date = dt.date(2020, 2, 1) + dt.timedelta(days=rng.randrange(2000))
    rid = f"{date.isoformat()}-{subject}-{n}"
    years = sorted(rng.sample(range(2010, 2020), 2))
    values = [rng.randrange(1_000, 99_999) for _ in years]
    sentences = [f"In {y}, {v:,} {subject} were counted in London."
                 for y, v in zip(years, values, strict=True)]
    said = f"We must do better on {subject}."
    own = [f"{subject.capitalize()} in London", *sentences,
           f"{speaker}, Chair of the {committee}, said:", f"“{said}”"]
    figures = [Figure(id=f"{subject}_{y}", value=v, as_written=f"{v:,}", display=f"{v:,}",
                      qualifier="", unit="people", counts=f"{subject} counted", place="London",
                      period=Period(start=y, end=y, printed=""), source=base.sources[0].id,
                      sentence=s)
               for y, v, s in zip(years, values, sentences, strict=True)]
    release = base.model_copy(update={
        "id": rid, "title": f"{subject.capitalize()} in London", "date": date,
        "committee": committee, "chair": speaker, "summary": f"The {committee} on {subject}.",
        "figures": figures, "derived": [],
        "quotes": [Quote(speaker=speaker, role=f"Chair of the {committee}", paragraphs=[said])],
        "text": base.text + "\n\n" + "\n\n".join(own)})
    last = speaker.split()[1].lower()
    intents = [Intent(id=f"{subject}_{y}", label=f"{subject} in {y}", type="figure",
                      slot=f"{subject}_{y}", release=rid, years=[y], trigger=0.0,
                      examples=[f"how many {subject} in {y}", f"{subject} in {y}",
                                f"{subject} figures {y}"],
                      keywords={subject: 3.0, "stats": 1.0},
                      answer=[f"In {y}, {{fig:{subject}_{y}}} {subject} were counted."])
               for y in years]
    intents += [
        Intent(id=f"{subject}_quote", label=f"The chair on {subject}", type="quote", slot="",
               release=rid, trigger=0.0, examples=["what did the chair say", "chair quote",
                                                   f"what did {last} say"],
               keywords={"quote": 2.0, "chair": 1.0, subject: 1.0, last: 1.0},
               answer=["{quote}"]),
        Intent(id=f"{subject}_chair", label="Who the chair is", type="speaker", slot="",
               release=rid, trigger=0.0, examples=["who is the chair", f"who is {last}"],
               keywords={"chair": 3.0, "who": 2.0, last: 1.0}, requires=[["chair", last]],
               answer=["{chair} chairs the {committee}."]),
    ]
    return release, intents


def write_knowledge(folder: Path, count: int, seed: int = 1) -> tuple[Path, Path]:
    """A copy of knowledge/ and intents/ with ``count`` invented releases added as files."""
    knowledge, intents = folder / "knowledge", folder / "intents"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
    shutil.copytree(PROJECT_ROOT / "intents", intents)
    base = Engine(_settings(folder / "base", knowledge, intents)).knowledge
    rng, taken = random.Random(seed), set[str]()
    rows: list[dict[str, Any]] = []
    for n in range(count):
        release, made = invented(base.releases[0], n, rng, taken)
        where = knowledge / "releases" / release.id
        where.mkdir()
        (where / "release.txt").write_text(release.text, encoding="utf-8")
        data = release.model_dump(mode="json", exclude={"text"}, exclude_defaults=True)
        (where / "release.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                            encoding="utf-8")
        rows += [i.model_dump(mode="json", exclude_defaults=True) for i in made]
    (intents / "invented.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True),
                                           encoding="utf-8")
    return knowledge, intents


def _settings(folder: Path, knowledge: Path, intents: Path) -> Settings:
    return Settings(_env_file=None, knowledge_dir=knowledge,
                    intents_dir=intents, cache_path=folder / "k.db", log_db=folder / "q.db",
                    log_questions=False)


def startup(folder: Path, knowledge: Path, intents: Path, runs: int) -> dict[str, float]:
    """Seconds from spawning ``pressbot ask`` to its exit: the cold run, then the median; and
    the median CPU time (user + sys) of the warm runs."""
    env = child_env(folder, PRESSBOT_KNOWLEDGE_DIR=str(knowledge),
                    PRESSBOT_INTENTS_DIR=str(intents))
    command = [sys.executable, "-m", "bot.cli", "ask", QUESTION]
    times, cpu = [], []
    for _ in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"pressbot ask failed: exit status {status}")
        times.append(time.perf_counter() - start)
        cpu.append(usage.ru_utime + usage.ru_stime)
    return {"cold_s": round(times[0], 3), "warm_median_s": round(statistics.median(times[1:]), 3),
            "warm_cpu_median_s": round(statistics.median(cpu[1:]), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=100, help="releases in all (default 100)")
    parser.add_argument("--repeats", type=int, default=3, help="passes over the questions")
    parser.add_argument("--runs", type=int, default=5, help="warm start-up runs")
    args = parser.parse_args(argv)
    cases = dev_cases()
    with tempfile.TemporaryDirectory(prefix="pressbot-releases-") as tmp:
        folder = Path(tmp)
        knowledge, intents = write_knowledge(folder, args.releases - 1)
        started = startup(folder / "child", knowledge, intents, args.runs)
        engine = Engine(_settings(folder, knowledge, intents))
        slavery = engine.knowledge.releases[0].id
        alone = run(Engine(_settings(folder / "alone", PROJECT_ROOT / "knowledge",
                                     PROJECT_ROOT / "intents")), cases)

        def ask(q: str) -> None:
            engine.ask(q, conversation=Conversation(release=slavery))

        questions = [c.q for c in cases]
        time_calls(ask, questions, 1)  # warm-up
        latency = latency_summary(time_calls(ask, questions, args.repeats))
        beside = run(engine, cases, None, release=slavery)
    print(f"Releases loaded: {len(engine.knowledge.releases)} "
          f"({len(engine.knowledge.intents)} intents)")
    print(f"Start-up, pressbot ask to its answer: {started['warm_median_s']:.2f} s median warm, "
          f"{started['warm_cpu_median_s']:.2f} s CPU (cold cache {started['cold_s']:.2f} s; "
          f"load average {os.getloadavg()[0]:.1f}); target ≤ 1 s")
    print(f"Per question, in a conversation on {slavery}: p50 {latency['p50_ms']:.2f} ms, "
          f"p99 {latency['p99_ms']:.2f} ms over {latency['samples']} calls; target p99 ≤ 5 ms")
    print(f"Dev set ({len(cases)} q) accuracy: alone {alone.accuracy:.1%}, with the others "
          f"loaded {beside.accuracy:.1%}; target unchanged")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
