"""Start-up of an `eiso` command (issue 15 §3): CPU time of `eiso check` and the heavy libraries it imports.

    .venv/bin/python bench/startup.py [--runs 5] [--reference /path/to/another/checkout]

Runs `python -m eiso check` (SQLite, no database work) `--runs` times and prints the best and median CPU time
(user + system, of the child process) with Python's bytecode cache (`PYTHONPYCACHEPREFIX` in a temporary
directory, as an installed package has) and without it (`PYTHONDONTWRITEBYTECODE=1`, every module of the
checkout compiled at each start, as in this development environment), then which heavy libraries the process
imported (from `-X importtime`). With `--reference`, the same figures for another checkout (e.g. a
`git worktree` of an older commit) in the same run, so that the ratio holds on a shared machine. Not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = (
    "pyhanko",
    "aiohttp",
    "celery",
    "kombu",
    "openpyxl",
    "numpy",
    "docx",
    "weasyprint",
    "matplotlib",
    "qrcode",
    "holidays",
    "ninja",
    "pydantic",
    "psycopg",
)


def cpu_of(command: list[str], env: dict[str, str], cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(checkout: Path, runs: int) -> dict[str, object]:
    command = [sys.executable, "-m", "eiso", "check"]
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DATABASE_URL")}
    figures: dict[str, object] = {"checkout": str(checkout)}
    with tempfile.TemporaryDirectory() as cache:
        cached = dict(base, PYTHONPYCACHEPREFIX=cache)
        cpu_of(command, cached, checkout)  # writes the bytecode cache
        times = [cpu_of(command, cached, checkout) for _ in range(runs)]
    figures["cpu_cached_best"] = round(min(times), 2)
    figures["cpu_cached_median"] = round(statistics.median(times), 2)
    uncached = dict(base, PYTHONDONTWRITEBYTECODE="1")
    times = [cpu_of(command, uncached, checkout) for _ in range(runs)]
    figures["cpu_uncached_best"] = round(min(times), 2)
    figures["cpu_uncached_median"] = round(statistics.median(times), 2)
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        env=uncached,
        cwd=checkout,
        capture_output=True,
        text=True,
    ).stderr
    # importtime prints a module after the modules it imported, indented one level deeper: read it backwards
    # to know each module's importer, and count a heavy package where something outside it first imports it.
    cumulative: dict[str, int] = {}
    importers: list[tuple[int, str]] = []
    for line in reversed(trace.splitlines()):
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)$", line)
        if not match:
            continue
        depth, name = len(match.group(2)), match.group(3)
        while importers and importers[-1][0] >= depth:
            importers.pop()
        package = name.split(".")[0]
        importer = importers[-1][1].split(".")[0] if importers else ""
        if package in HEAVY and importer != package:
            cumulative[package] = cumulative.get(package, 0) + int(match.group(1)) // 1000
        importers.append((depth, name))
    figures["heavy_imported_ms"] = cumulative
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reference", type=Path, help="another checkout measured in the same run")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    for checkout in ([args.reference] if args.reference else []) + [ROOT]:
        print(measure(checkout.resolve(), args.runs))
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
