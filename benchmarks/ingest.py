"""Provides the ingest benchmark: how long `pressbot ingest` takes for one release.

It times the whole of ingesting, from the file's bytes to the written folder (reading, HTML to
text, extraction, phone checks, validation with the loader's provenance checks, writing): for
the modern slavery release's text, the HTML test page, and a release of about 4,000 characters
(the damp-homes test release with invented figure paragraphs added until it is that long). The
first run in the process (imports and the phone metadata loading) is reported apart from the
steady state. ``pressbot ingest`` of the 4,000-character release is also timed as a whole
command (start-up included), wall and CPU. Nothing is asserted; the target is under 1 s per
release.

    python -m benchmarks.ingest [--repeats N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import child_env, machine, percentile
from benchmarks.speed import pressbot_command
from bot.config import PROJECT_ROOT

RELEASES = PROJECT_ROOT / "tests" / "releases"
MODERN_SLAVERY = PROJECT_ROOT / "knowledge" / "releases" / "2020-01-30-modern-slavery"
TARGET_CHARS = 4_000


def four_thousand() -> bytes:
    """The damp-homes release, lengthened with dated figure paragraphs to ~4,000 characters."""
    text = (RELEASES / "damp-homes.txt").read_text(encoding="utf-8")
    head, tail = text.split("The London Assembly Housing Committee has written", 1)
    extra: list[str] = []
    year = 2010
    while len(head) + len(tail) + sum(len(p) for p in extra) < TARGET_CHARS:
        extra.append(f"In {year}, {1_000 + 37 * (year - 2009):,} tenants in outer London reported "
                     f"damp to their council, {year - 2005} per cent of those surveyed.\n\n")
        year += 1
    return (head + "".join(extra) + "The London Assembly Housing Committee has written"
            + tail).encode("utf-8")


def ingest_once(data: bytes, name: str, out: Path) -> float:
    from bot.config import load_settings
    from bot.ingest import draft
    from bot.ingest.command import read_text

    start = time.perf_counter()
    d = draft.build(read_text(data, name), load_settings(), name)
    draft.write(d, out / "releases", force=True)
    return time.perf_counter() - start


def command_runs(data: bytes, runs: int) -> dict[str, float]:
    """``pressbot ingest FILE --out DIR`` as a whole process (start-up included), ``runs``
    times: the median wall and CPU (user + sys) seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "release.txt"
        source.write_bytes(data)
        env = child_env(folder)
        walls, cpus = [], []
        for n in range(runs):
            start = time.perf_counter()
            proc = subprocess.Popen([*pressbot_command(), "ingest", str(source), "--out",
                                     str(folder / f"out{n}")], env=env, cwd=folder,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError(f"pressbot ingest failed: exit status {status}")
            walls.append(time.perf_counter() - start)
            cpus.append(usage.ru_utime + usage.ru_stime)
    return {"median_s": statistics.median(walls), "cpu_median_s": statistics.median(cpus),
            "runs": runs}


def measure(repeats: int) -> dict[str, Any]:
    inputs = {"4000-char release": (four_thousand(), "long.txt"),
              "modern slavery release.txt": ((MODERN_SLAVERY / "release.txt").read_bytes(),
                                             "release.txt"),
              "youth-clubs.html": ((RELEASES / "youth-clubs.html").read_bytes(),
                                   "youth-clubs.html")}
    results: dict[str, Any] = {"machine": machine(), "repeats": repeats, "inputs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        first = True
        for label, (data, name) in inputs.items():
            cold = ingest_once(data, name, out) if first else None
            first = False
            times = [ingest_once(data, name, out) for _ in range(repeats)]
            results["inputs"][label] = {
                "chars": len(data.decode("utf-8")),
                "first_run_s": cold,
                "median_s": statistics.median(times),
                "p90_s": percentile(times, 90),
                "max_s": max(times)}
    results["command"] = command_runs(inputs["4000-char release"][0], max(3, repeats // 10))
    results["load_average"] = os.getloadavg()[0]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ingest",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results = measure(args.repeats)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    m = results["machine"]
    print(f"ingest benchmark: {args.repeats} runs each, {m.get('nproc')} CPU(s), "
          f"{m.get('cpu', '')}")
    for label, r in results["inputs"].items():
        cold = f", first run in the process {r['first_run_s'] * 1000:.0f} ms" \
            if r["first_run_s"] is not None else ""
        print(f"  {label} ({r['chars']:,} characters): median {r['median_s'] * 1000:.1f} ms, "
              f"p90 {r['p90_s'] * 1000:.1f} ms, max {r['max_s'] * 1000:.1f} ms{cold}")
    c = results["command"]
    print(f"  `pressbot ingest` of the 4000-char release as a whole command: median "
          f"{c['median_s'] * 1000:.0f} ms wall, {c['cpu_median_s'] * 1000:.0f} ms CPU over "
          f"{c['runs']} runs (load average {results['load_average']:.1f})")
    print("  target: under 1 s per release (issue 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
