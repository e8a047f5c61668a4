"""Provides ``python -m benchmarks.peak_rss REPORT CMD…``: run CMD and write its peak RSS.

A child's peak RSS from ``wait4`` includes the memory of the process it was forked from, so a
benchmark process that has loaded a model would inflate every number. This small launcher is
a fresh interpreter: it starts CMD, passes its output through, and writes CMD's own peak RSS
(kilobytes) and exit code to REPORT as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        sys.stderr.write("usage: python -m benchmarks.peak_rss REPORT CMD [ARG…]\n")
        return 2
    report, command = argv[0], argv[1:]
    proc = subprocess.Popen(command)
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    with open(report, "w", encoding="utf-8") as out:
        json.dump({"max_rss_kb": usage.ru_maxrss, "returncode": code}, out)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
