"""Provides the scale benchmark: synthetic releases beside the real one, up to 100,000 examples.

A synthetic knowledge base holds the real release and its intents plus generated releases, as
if many releases were loaded. Each generated release has its own subject words; each of its
intents has two topic words of its own (made-up words, drawn with a Zipf-like skew so that some
are shared by many intents, as common words are), one of the shared concepts every release has
(a rise, a count, a chair, a contact…) and, for a third of them, a year. Their example
questions are built from templates of ordinary English around those words.

At each size the benchmark measures the build time (``Knowledge`` and ``Matcher``) and:

* the answer time, ``Engine.ask`` with every release loaded: the real dev-set questions asked in
  a conversation already on the modern slavery release (as ``benchmarks.releases`` asks them),
  and generated questions for the synthetic intents asked in a new conversation, so that the
  release chooser picks among all the releases;
* the matching itself at that scale: ``Matcher.best`` of one matcher over every release's
  intents at once, on the same questions, and the synthetic questions' top-1 accuracy there;
* the real dev set's ``pressbot eval`` accuracy asked in a conversation on the modern slavery
  release, with the synthetic releases loaded beside it: whether loading many releases changes
  that release's answers. (A question asked with no conversation may rightly go to a synthetic
  release that shares its words: that is the release chooser's job, measured by
  ``benchmarks.releases`` and the tests, not by this benchmark.)

The dev-set accuracy is measured a second time with "disjoint" releases, whose shared concept is a
made-up word too, to separate the effect of size from that of other releases' intents sharing the
generic concepts (a rise, the chair). At 10,000 examples it also times the
alternatives to an index: a naive full ``WRatio`` scan with ``extractOne``, the same with the
examples pre-processed once, the cheaper ``QRatio`` scorer, and ``cdist`` on all cores.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import latency_summary, time_calls
from benchmarks.speed import FIXED_NOW
from bot.config import Settings
from bot.dialogue import Conversation
from bot.engine import Engine
from bot.evaluate import Case, Report, run
from bot.knowledge import Knowledge
from bot.matching import Matcher
from bot.models import Intent, Release
from bot.parts import State, load_opinion

EXAMPLES_PER_INTENT = 6
INTENTS_PER_RELEASE = 10
NAIVE_SIZE = 10_000

_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
# Concepts from the real lexicon that any release's questions use: (concept, words for it).
SHARED = [
    ("rise", ["rise", "increase", "growth"]), ("howmany", ["how many", "count of"]),
    ("stats", ["figures", "statistics", "data"]), ("chair", ["chair", "head"]),
    ("contact", ["contact", "phone number"]), ("quote", ["quote", "statement"]),
    ("recommend", ["recommendations", "proposals"]), ("london", ["london", "the capital"]),
    ("source", ["source", "origin"]),
]
TEMPLATES = [
    "what is the {shared} for {a} {b}",
    "{a} {b} {shared}",
    "tell me about the {a} {shared}",
    "how is {b} {a} doing",
    "{shared} on {subject} {a}",
    "what does the report say about {a} and {b}",
    "{a} {b} in {year}",
    "latest on {subject} {b}",
]
QUESTION_TEMPLATES = [
    "whats the {shared} of {a} {b}",
    "{b} {a}?",
    "can you tell me the {a} {b} {shared} please",
    "{subject} {a} {shared} {year}",
]


class MemoryEngine(Engine):
    """An Engine over a Knowledge object built in memory instead of loaded from files, with
    the stored classifier as its second opinion, as the bot has."""

    def __init__(self, settings: Settings, knowledge: Knowledge) -> None:
        self._memory = knowledge
        super().__init__(settings)

    def _load(self) -> State:
        return self._state_for(self._memory, load_opinion(self.settings.intents_dir,
                                                          list(self._memory.intents)))


@dataclass
class Synthetic:
    """A generated knowledge base and questions (with their intended intents) for it."""

    knowledge: Knowledge
    questions: list[tuple[str, str]]
    synthetic_examples: int
    knowledge_seconds: float


class _Words:
    """Made-up words that are not in the real vocabulary."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self.rng = rng
        self.taken = taken

    def make(self, count: int) -> list[str]:
        words: list[str] = []
        while len(words) < count:
            syllables = self.rng.choice((2, 3, 3))
            word = "".join(self.rng.choice(_CONSONANTS) + self.rng.choice(_VOWELS)
                           for _ in range(syllables))
            if word not in self.taken:
                self.taken.add(word)
                words.append(word)
        return words


def _zipf_weights(n: int, s: float = 0.9) -> list[float]:
    return [1.0 / (rank + 1) ** s for rank in range(n)]


def synthesise(base: Knowledge, examples: int, seed: int = 1, questions_wanted: int = 200,
               shared: bool = True) -> Synthetic:
    """The real knowledge plus about ``examples`` generated example questions in new releases.

    With ``shared`` false the generated intents share no concept with the real ones: their
    "shared" concept is a made-up word too.
    """
    start = time.perf_counter()
    rng = random.Random(seed)
    qrng = random.Random(seed + 1)  # questions: the knowledge base must not depend on them
    real = base.release()
    taken = {w.lower() for i in base.intents for e in i.examples for w in e.split()}
    taken |= {w.lower() for w in real.text.split()}
    taken |= {w for words in base.lexicon.concepts.values() for w in words}
    taken |= set(base.english)
    words = _Words(rng, taken)
    n_intents = max(1, round(examples / EXAMPLES_PER_INTENT))
    n_releases = max(1, -(-n_intents // INTENTS_PER_RELEASE))
    topics = words.make(max(60, n_intents // 2))
    concepts = SHARED if shared else [(w, [w]) for w in words.make(len(SHARED))]
    weights = _zipf_weights(len(topics))
    releases: list[Release] = []
    intents: list[Intent] = []
    questions: list[tuple[str, str]] = []
    per_question = max(1, n_intents // max(1, questions_wanted))
    made = 0
    for r in range(n_releases):
        subject = words.make(1)[0]
        rid = f"synthetic-{r:05d}"
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        releases.append(real.model_copy(update={
            "id": rid, "title": f"The {subject} report", "date": day, "figures": [],
            "derived": [], "text": f"The {subject} report. Figures on {subject}.",
            "summary": f"A report on {subject}."}))
        for k in range(INTENTS_PER_RELEASE):
            if made >= n_intents:
                break
            a, b = rng.choices(topics, weights, k=2)
            while b == a:
                b = rng.choice(topics)
            concept, phrases = rng.choice(concepts)
            year = rng.randrange(2005, 2026) if rng.random() < 1 / 3 else None
            fill = {"a": a, "b": b, "subject": subject, "year": str(year or ""),
                    "shared": rng.choice(phrases)}
            texts = [" ".join(t.format(**fill).split())
                     for t in rng.sample(TEMPLATES, EXAMPLES_PER_INTENT)]
            intent = Intent.model_validate({
                "id": f"{rid}-{k}", "label": f"{a} {b} ({subject})", "family": f"synthetic{r}",
                "type": "release_fact",
                "release": rid, "years": [year] if year else [], "examples": texts,
                "keywords": {a: 3.0, b: 1.5, subject: 0.5, concept: 1.0},
                "answer": ["{summary}"]})
            intents.append(intent)
            if made % per_question == 0 and len(questions) < questions_wanted:
                fill["shared"] = qrng.choice(phrases)
                q = qrng.choice(QUESTION_TEMPLATES).format(**fill)
                questions.append((" ".join(q.split()), intent.id))
            made += 1
    knowledge = Knowledge(releases=[*base.releases, *releases], safeguarding=base.safeguarding,
                          safety=base.safety,
                          intents=[*base.intents, *intents], lexicon=base.lexicon,
                          english=base.english, content_hash=f"synthetic-{examples}-{seed}")
    return Synthetic(knowledge, questions, sum(len(i.examples) for i in intents),
                     time.perf_counter() - start)


def _changes(before: Report, after: Report) -> list[dict[str, Any]]:
    """Dev-set cases whose outcome changed when the synthetic releases were loaded."""
    return [{"q": a.case.q, "expected": a.case.expected, "was": a.got, "now": b.got,
             "ok": b.ok} for a, b in zip(before.outcomes, after.outcomes, strict=True)
            if a.ok != b.ok or a.got != b.got]


def one_size(settings: Settings, base: Knowledge, size: int, cases: Sequence[Case],
             queries: int, before: Report,
             repeats: int = 1) -> tuple[dict[str, Any], MemoryEngine, Synthetic]:
    """Build, time and score one synthetic knowledge base of ``size`` generated examples; then
    the dev-set accuracy again with releases that share no concept with the real one."""
    syn = synthesise(base, size, questions_wanted=queries)
    gc.collect()
    start = time.perf_counter()
    # One matcher over every release's intents: the scale of the matching itself. (The engine
    # matches a question against its release's intents only, bot.releases.)
    matcher = Matcher(syn.knowledge)
    matcher_seconds = time.perf_counter() - start
    engine = MemoryEngine(settings, syn.knowledge)
    real_release = base.releases[0].id
    real_questions = [c.q for c in cases]
    synthetic_questions = [q for q, _ in syn.questions]
    time_calls(matcher.best, real_questions[:50], 1)  # warm-up
    real = time_calls(matcher.best, real_questions, repeats)
    synthetic = time_calls(matcher.best, synthetic_questions, repeats)
    hits = 0
    for q, expected in syn.questions:
        m = matcher.best(q)
        hits += m is not None and m.intent.id == expected

    def on_release(q: str) -> None:
        engine.ask(q, conversation=Conversation(release=real_release), now=FIXED_NOW)

    def chosen(q: str) -> None:
        engine.ask(q, conversation=Conversation(), now=FIXED_NOW)

    # Warm-up: a release's matcher is built the first time a question goes to it.
    time_calls(on_release, real_questions[:50], 1)
    time_calls(chosen, synthetic_questions, 1)
    asked_real = time_calls(on_release, real_questions, repeats)
    asked_synthetic = time_calls(chosen, synthetic_questions, repeats)
    report = run(engine, list(cases), FIXED_NOW, release=real_release)
    disjoint = synthesise(base, size, questions_wanted=0, shared=False)
    report_disjoint = run(MemoryEngine(settings, disjoint.knowledge), list(cases), FIXED_NOW,
                          release=real_release)
    del disjoint
    return {
        "synthetic_examples": syn.synthetic_examples,
        "total_examples": sum(len(i.examples) for i in syn.knowledge.intents),
        "intents": len(syn.knowledge.intents), "releases": len(syn.knowledge.releases),
        "knowledge_build_s": round(syn.knowledge_seconds, 3),
        "matcher_build_s": round(matcher_seconds, 3),
        # Engine.ask with every release loaded: the answer time.
        "answer_real": latency_summary(asked_real),
        "answer_synthetic": latency_summary(asked_synthetic),
        "answer_all": latency_summary(asked_real + asked_synthetic),
        # Matcher.best of one matcher over every release: the matching at this scale.
        "latency_real": latency_summary(real), "latency_synthetic": latency_summary(synthetic),
        "latency_all": latency_summary(real + synthetic),
        "dev_accuracy": round(report.accuracy, 4),
        "dev_wrong_answer_rate": round(report.wrong_answer_rate(), 4),
        "dev_changes": _changes(before, report),
        "dev_accuracy_disjoint": round(report_disjoint.accuracy, 4),
        "dev_wrong_answer_rate_disjoint": round(report_disjoint.wrong_answer_rate(), 4),
        "dev_changes_disjoint": _changes(before, report_disjoint),
        "synthetic_questions": len(syn.questions),
        "synthetic_accuracy": round(hits / len(syn.questions), 4) if syn.questions else None,
    }, engine, syn


def alternatives(engine: Engine, syn: Synthetic, cases: Sequence[Case],
                 queries: int) -> dict[str, Any]:
    """Full scans with rapidfuzz against pressbot's index, all over the same examples."""
    from rapidfuzz import fuzz, process, utils

    texts = [e for i in syn.knowledge.intents for e in i.examples]
    processed = [utils.default_process(t) for t in texts]
    questions = ([c.q for c in cases] + [q for q, _ in syn.questions])
    rng = random.Random(7)
    sample = rng.sample(questions, min(queries, len(questions)))

    def wratio(q: str) -> None:
        process.extractOne(q, texts, scorer=fuzz.WRatio, processor=utils.default_process)

    def wratio_pre(q: str) -> None:
        process.extractOne(utils.default_process(q), processed, scorer=fuzz.WRatio)

    def qratio(q: str) -> None:
        process.extractOne(utils.default_process(q), processed, scorer=fuzz.QRatio)

    def cdist(q: str) -> None:
        process.cdist([utils.default_process(q)], processed, scorer=fuzz.WRatio, workers=-1)

    options: dict[str, Callable[[str], Any]] = {
        "extractOne WRatio, full scan": wratio,
        "extractOne WRatio, examples pre-processed": wratio_pre,
        "extractOne QRatio, full scan": qratio,
        "cdist WRatio, all cores": cdist,
        "pressbot Matcher.best (inverted index)": _whole(engine),
    }
    if importlib.util.find_spec("numpy") is None:  # cdist returns a numpy array
        del options["cdist WRatio, all cores"]
    out = {}
    for name, fn in options.items():
        time_calls(fn, sample[:5], 1)
        out[name] = latency_summary(time_calls(fn, sample, 1))
    return {"examples": len(texts), "queries": len(sample), "options": out}


def _whole(engine: Engine) -> Callable[[str], Any]:
    """Matcher.best over every loaded release's intents at once."""
    return Matcher(engine.knowledge).best


def benchmark(settings: Settings, base: Knowledge, cases: Sequence[Case],
              sizes: Sequence[int], queries: int, naive_queries: int,
              naive_size: int = NAIVE_SIZE, repeats: int = 1) -> dict[str, Any]:
    """Every size in ``sizes``; the full-scan comparison at ``naive_size`` (or the largest)."""
    results = []
    compare_at = naive_size if naive_size in sizes else max(sizes)
    compared: dict[str, Any] = {}
    # A fixed time, as the latency runs use: a contact question's line depends on the clock, and
    # a run after office hours would score the media questions against the daytime line.
    before = run(MemoryEngine(settings, base), list(cases), FIXED_NOW,
                 release=base.releases[0].id)
    for size in sizes:
        row, engine, syn = one_size(settings, base, size, cases, queries, before, repeats)
        row["size"] = size
        results.append(row)
        if size == compare_at:
            compared = alternatives(engine, syn, cases, naive_queries)
        del engine, syn
        gc.collect()
    return {"examples_per_intent": EXAMPLES_PER_INTENT,
            "dev_accuracy_alone": round(before.accuracy, 4), "sizes": results,
            "full_scan_comparison": {"size": compare_at, **compared}}


def folder_settings(folder: Path) -> Settings:
    return Settings(_env_file=None, cache_path=folder / "k.db",
                    log_db=folder / "q.db", log_questions=False)
