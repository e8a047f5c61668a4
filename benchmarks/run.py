"""Provides ``python -m benchmarks.run``: every benchmark, one printed table, and a JSON file.

    python -m benchmarks.run                 # the full run (under 10 minutes on 2 cores)
    python -m benchmarks.run --quick         # small sizes, few repeats (CI; under a minute)
    python -m benchmarks.run --out FILE      # where the JSON goes (benchmarks/results.json)
    python -m benchmarks.run --skip telegram --skip minilm
    python -m benchmarks.run --table-from benchmarks/results.json   # reprint a saved run

The table is Markdown, ready for the README; every number in it is measured by this run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import accuracy, scale, speed, telegram
from benchmarks.common import DEVSET, Profile, dev_cases, machine, make_engine
from bot import readmemo

SECTIONS = ("accuracy", "latency", "startup", "scale", "telegram")
SETS = {"dev": DEVSET, "holdout": DEVSET.with_name("holdout.jsonl"),
        "blind": DEVSET.with_name("blind.jsonl")}
TOP_KEYS = ("machine", "profile", "accuracy", "latency", "startup", "scale", "telegram",
            "targets", "seconds")


def _pct(x: float) -> str:
    return f"{x:.1%}"


def _ms(d: dict[str, Any]) -> str:
    return f"{d['p50_ms']:.3g} / {d['p99_ms']:.3g} ms"


def _ok(flag: bool | None) -> str:
    return "n/a" if flag is None else ("yes" if flag else "**no**")


def targets(results: dict[str, Any]) -> dict[str, bool | None]:
    """The issue's targets, each True, False or None (not measured in this run)."""
    out: dict[str, bool | None] = {}
    acc = results.get("accuracy") or {}
    # Only a verdict when all three alternatives ran.
    compared = set(acc.get("baselines_compared") or ()) == set(accuracy.BASELINES)
    beats = acc.get("pressbot_beats_all", {}).get("dev") if compared else None
    out["beats_baselines_on_accuracy"] = beats["accuracy"] if beats else None
    out["beats_baselines_on_wrong_answers"] = beats["wrong_answer_rate"] if beats else None
    lat = results.get("latency")
    out["answer_p99_le_1ms"] = lat["engine_ask"]["p99_ms"] <= 1.0 if lat else None
    st = results.get("startup")
    out["startup_le_1s"] = st["first_answer_s"] <= 1.0 if st else None
    # Issue 11's targets for `pressbot ask` as a whole process.
    out["startup_le_0_5s"] = st["first_answer_s"] <= 0.5 if st else None
    out["ask_rss_le_120mb"] = st["peak_rss_mb"] <= 120 if st else None
    tg = results.get("telegram") or {}
    on, off = tg.get("rate_limiter_on"), tg.get("rate_limiter_off")
    peaks = [r["peak_rss_mb"] for r in (on, off) if r and r.get("peak_rss_mb") is not None]
    out["polling_rss_le_120mb"] = max(peaks) <= 120 if peaks else None
    out["pipeline_ge_300_updates_per_s"] = off["updates_per_s"] >= 300 if off else None
    out["rate_limit_30_per_s_honoured"] = tg.get("limit_honoured") if on else None
    sc = results.get("scale") or {}
    rows = {r["size"]: r for r in sc.get("sizes", [])}
    answer = rows[10_000].get("answer_all", rows[10_000]["latency_all"]) if 10_000 in rows else {}
    out["scale_10k_p99_lt_5ms"] = answer["p99_ms"] < 5.0 if answer else None
    alone = sc.get("dev_accuracy_alone")
    for key, variant in (("dev_accuracy", "shared"), ("dev_accuracy_disjoint", "disjoint")):
        out[f"scale_dev_accuracy_no_drop_{variant}"] = (
            all(r[key] >= alone for r in rows.values()) if rows and alone is not None else None)
    return out


def _old_scale_row(r: dict[str, Any], sc: dict[str, Any]) -> tuple[str, str, str]:
    """A scale row as runs before the engine's answer time was measured wrote it."""
    return (f"Scale: {r['total_examples']:,} examples ({r['intents']:,} intents)",
            f"build {r['knowledge_build_s'] + r['matcher_build_s']:.2f} s; answer "
            f"{_ms(r['latency_all'])}; dev accuracy {_pct(r['dev_accuracy'])} "
            f"(disjoint releases {_pct(r['dev_accuracy_disjoint'])}; alone "
            f"{_pct(sc['dev_accuracy_alone'])})",
            "p99 < 5 ms at 10,000" if r["size"] == 10_000 else "")


def table(results: dict[str, Any]) -> str:
    """One Markdown table of everything measured."""
    rows: list[tuple[str, str, str]] = []
    acc = results.get("accuracy")
    if acc:
        for set_name, info in acc["sets"].items():
            for m in acc["methods"]:
                if "skipped" in m:
                    if set_name == "dev":
                        rows.append((f"Accuracy: {m['label']}", f"skipped: {m['skipped']}", ""))
                    continue
                s = m["sets"][set_name]
                if m["name"] == "pressbot":
                    ev = s["eval"]
                    how = (f"threshold fixed; `pressbot eval`, which also checks the answer "
                           f"text: {_pct(ev['accuracy'])} right, "
                           f"{_pct(ev['wrong_answer_rate'])} wrong")
                else:
                    how = f"threshold {m['threshold']:.3g} tuned on dev"
                rows.append((f"Accuracy, {set_name} set ({info['cases']} q): {m['label']}",
                             f"{_pct(s['accuracy'])} right, {_pct(s['wrong_answer_rate'])} "
                             f"wrong; fallback P {_pct(s['fallback_precision'])} / R "
                             f"{_pct(s['fallback_recall'])}", how))
    lat = results.get("latency")
    if lat:
        rows.append(("Answer time in-process, each question new, Engine.ask p50 / p99",
                     _ms(lat["engine_ask"]), "p99 ≤ 1 ms"))
        if "engine_ask_again" in lat:
            rows.append(("The same questions heard again, Engine.ask p50 / p99",
                         _ms(lat["engine_ask_again"]), ""))
        rows.append(("Matcher.best alone p50 / p99", _ms(lat["matcher_best"]), ""))
    st = results.get("startup")
    if st:
        rows.append(("Start-up to first answer, `pressbot ask` (median)",
                     f"{st['first_answer_s']:.2f} s (cold cache "
                     f"{st['cold_cache_first_answer_s']:.2f} s; bare Python "
                     f"{st['python_startup_s']:.2f} s"
                     + (f"; CPU {st['cpu_s']:.2f} s" if "cpu_s" in st else "") + ")",
                     "≤ 0.5 s"))
        rows.append(("Peak RSS, `pressbot ask`", f"{st['peak_rss_mb']:.0f} MB", "≤ 120 MB"))
    sc = results.get("scale")
    if sc:
        for r in sc["sizes"]:
            if "answer_all" not in r:  # a run from before the engine's answer time was kept
                rows.append(_old_scale_row(r, sc))
                continue
            rows.append((f"Scale: {r['total_examples']:,} examples ({r['intents']:,} intents, "
                         f"{r['releases']:,} releases)",
                         f"build {r['knowledge_build_s'] + r['matcher_build_s']:.2f} s; answer "
                         f"{_ms(r['answer_all'])}; one matcher over all {_ms(r['latency_all'])}; "
                         f"dev accuracy on its release {_pct(r['dev_accuracy'])} "
                         f"(disjoint releases {_pct(r['dev_accuracy_disjoint'])}; alone "
                         f"{_pct(sc['dev_accuracy_alone'])})",
                         "answer p99 < 5 ms at 10,000" if r["size"] == 10_000 else ""))
        comp = sc.get("full_scan_comparison") or {}
        for name, lat_ in (comp.get("options") or {}).items():
            rows.append((f"At {comp['examples']:,} examples: {name}", _ms(lat_), ""))
    tg = results.get("telegram")
    if tg:
        if "skipped" in tg:
            rows.append(("Telegram pipeline", f"skipped: {tg['skipped']}", ""))
        else:
            off, on = tg["rate_limiter_off"], tg["rate_limiter_on"]
            rows.append(("Telegram pipeline, rate limiter off",
                         f"{off['updates_per_s']:.0f} updates/s ({off['sends_per_s']:.0f} "
                         f"messages/s; median of runs of {off['updates']} updates: "
                         + ", ".join(f"{x:.0f}" for x in off["runs_updates_per_s"])
                         + (f"; the bot's CPU time {off['bot_cpu_s'] / off['updates'] * 1e3:.1f}"
                            " ms per update" if off.get("bot_cpu_s") else "")
                         + (f"; {off['updates_per_bot_cpu_s']:.0f} updates per second of the "
                            f"bot's CPU during the run, which had {off['bot_core_share']:.0%} "
                            "of a core" if off.get("updates_per_bot_cpu_s") else "") + ")",
                         "≥ 300 updates/s"))
            rows.append(("Telegram pipeline, rate limiter on (`pressbot run`)",
                         f"{on['sustained_sends_per_s']:.1f} messages/s sustained after the "
                         f"first burst of {telegram.BURST}", "≤ 30 messages/s"))
            peaks = [r["peak_rss_mb"] for r in (off, on) if r.get("peak_rss_mb") is not None]
            rows.append(("Peak RSS, polling mode under load (`pressbot run`, limiter off/on)",
                         " / ".join(f"{p:.0f} MB" for p in peaks), "≤ 120 MB"))
    lines = ["| Benchmark | Result | Target / note |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    met = results.get("targets") or {}
    lines.append("| Targets met | " + ", ".join(f"{k}: {_ok(v)}" for k, v in met.items())
                 + " | |")
    return "\n".join(lines)


def _heading(results: dict[str, Any], quick: bool) -> str:
    m = results["machine"]
    return (f"pressbot benchmarks, {m['date']}, commit {m['commit']}: {m['nproc']} cores, "
            f"{m['cpu']}, Python {m['python']}{' (quick)' if quick else ''}; "
            f"{results['seconds']} s\n")


def run_all(profile: Profile, skip: Sequence[str] = (),
            log: Callable[[str], None] = print) -> dict[str, Any]:
    """Run every section not in ``skip``; each failure is recorded, not raised."""
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine(), "profile": vars(profile)}
    with tempfile.TemporaryDirectory(prefix="pressbot-bench-") as tmp:
        engine = make_engine(Path(tmp))
        # The reader's memories before any question: the answer-time figure puts them back
        # before each call (the accuracy section asks every question first).
        first_hearing = readmemo.snapshot()
        cases = dev_cases()
        sets = {name: dev_cases(path) for name, path in SETS.items() if path.exists()}
        questions = [c.q for c in cases if not c.context]
        steps: dict[str, Callable[[], Any]] = {
            "accuracy": lambda: accuracy.benchmark(
                engine, sets, baselines=[b for b in accuracy.BASELINES if b not in skip]),
            "latency": lambda: speed.answer_latency(engine, cases, profile.latency_repeats,
                                                 first_hearing),
            "startup": lambda: speed.startup(profile.startup_runs),
            "scale": lambda: scale.benchmark(
                engine.settings, engine.knowledge, cases, profile.scale_sizes,
                profile.scale_queries, profile.naive_queries,
                repeats=profile.scale_repeats),
            "telegram": lambda: telegram.benchmark(
                questions, profile.tg_updates_unlimited, profile.tg_updates_limited,
                profile.tg_repeats),
        }
        for name, step in steps.items():
            if name in skip:
                results[name] = None
                continue
            log(f"benchmark: {name}…")
            t = time.perf_counter()
            try:
                results[name] = step()
            except Exception as exc:  # one broken section must not lose the others
                results[name] = {"error": f"{exc.__class__.__name__}: {exc}"}
            log(f"benchmark: {name} done in {time.perf_counter() - t:.1f} s")
    for name in SECTIONS:
        if isinstance(results.get(name), dict) and "error" in results[name]:
            results[name + "_error"] = results.pop(name)["error"]
            results[name] = None
    results["targets"] = targets(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes and few repeats, as CI runs it")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results.json"),
                        help="JSON results file (default: benchmarks/results.json)")
    parser.add_argument("--skip", action="append", default=[],
                        choices=[*SECTIONS, *accuracy.BASELINES],
                        help="leave out a section or a baseline (repeatable)")
    parser.add_argument("--table-from", type=Path, metavar="JSON",
                        help="print the table of an earlier run's JSON file; run nothing")
    args = parser.parse_args(argv)
    if args.table_from:
        saved = json.loads(args.table_from.read_text())
        print(_heading(saved, quick=saved["profile"]["quick"]))
        print(table(saved))
        return 0
    results = run_all(Profile.make(args.quick), args.skip,
                      log=lambda m: print(m, file=sys.stderr, flush=True))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(_heading(results, quick=args.quick))
    print(table(results))
    for name in SECTIONS:
        if results.get(name + "_error"):
            print(f"\n{name} failed: {results[name + '_error']}")
    print(f"\nJSON: {args.out}")
    return 1 if any(results.get(n + "_error") for n in SECTIONS) else 0


if __name__ == "__main__":
    sys.exit(main())
