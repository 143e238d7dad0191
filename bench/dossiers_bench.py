"""Benchmarks of the dossier import and the Biểu II.06a statistics on PostgreSQL (issue 3 §9).

Run from the repository root (only public tools: Python, psql, /usr/bin/time):

    .venv/bin/python bench/dossiers_bench.py --rows 1000000 --stats-rows 5000000

It uses its own database (default eiso_bench on 127.0.0.1, dropped and re-created), writes the generated
CSV to /tmp, and prints the figures as JSON (paste them into docs/performance.md). Not a test.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EISO = str(ROOT / ".venv" / "bin" / "eiso")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
AGENCY = "BENCH"
PROCEDURES = 40
COLUMNS = [
    "code",
    "procedure_code",
    "channel",
    "received_at",
    "due_at",
    "supplement_requested_at",
    "supplement_received_at",
    "supplement_count",
    "extended_due_at",
    "resolved_at",
    "returned_at",
    "stopped_at",
    "status",
    "division",
]


def generate_csv(path: Path, rows: int, seed: int = 2024) -> None:
    """Realistic rows spread over 2023–2024: ~85% returned, some pending, a few supplements and stops."""
    rng = random.Random(seed)
    start = dt.datetime(2023, 1, 2, 7, 30)
    span_minutes = 2 * 365 * 24 * 60
    serial: dict[str, int] = {}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for _ in range(rows):
            received = start + dt.timedelta(minutes=rng.randrange(span_minutes))
            day = f"{received:%y%m%d}"
            serial[day] = serial.get(day, 0) + 1
            code = f"000.00.20.H99-{day}-{serial[day]:06d}"
            roll = rng.random()
            done = received + dt.timedelta(days=rng.randint(0, 20), minutes=rng.randint(60, 600))
            resolved = returned = stopped = supp_req = supp_rec = ""
            count = ""
            status = 4
            if roll < 0.85:
                status, resolved = 10, f"{done:%Y-%m-%d %H:%M}"
                returned = f"{done + dt.timedelta(days=1):%Y-%m-%d %H:%M}"
            elif roll < 0.88:
                status, stopped = 8, f"{done:%d/%m/%Y %H:%M}"
            if rng.random() < 0.03:
                supp_req = f"{received + dt.timedelta(hours=2):%Y-%m-%d %H:%M}"
                supp_rec = f"{received + dt.timedelta(hours=5):%Y-%m-%d %H:%M}"
                count = "1"
            writer.writerow(
                [
                    code,
                    f"BENCH-{rng.randrange(PROCEDURES):02d}",
                    rng.choice(("direct", "online", "postal")),
                    f"{received:%Y-%m-%d %H:%M}",
                    "",
                    supp_req,
                    supp_rec,
                    count,
                    "",
                    resolved,
                    returned,
                    stopped,
                    status,
                    rng.choice(("VP", "P1", "")),
                ]
            )


def run(cmd: list[str], env: dict[str, str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, check=True, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload]


def timed(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall time and peak memory of a command, measured by GNU time."""
    result = run(["/usr/bin/time", "-v", *cmd], env)
    elapsed = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    assert elapsed and rss, result.stderr[-2000:]
    hours, minutes, seconds = elapsed.groups()
    wall = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    return {"seconds": round(wall, 2), "peak_rss_mb": round(int(rss.group(1)) / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the import benchmark")
    parser.add_argument(
        "--stats-rows", type=int, default=5_000_000, help="dossiers in the statistics benchmark"
    )
    parser.add_argument("--database", default="eiso_bench")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--user", default="postgres")
    args = parser.parse_args()

    env = dict(os.environ, DATABASE_URL=f"postgres://{args.user}@{args.host}:5432/{args.database}")
    psql = ["psql", "-h", args.host, "-U", args.user, "-v", "ON_ERROR_STOP=1", "-q"]
    run([*psql, "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {args.database}"], env)
    run([*psql, "-d", "postgres", "-c", f"CREATE DATABASE {args.database}"], env)
    run([EISO, "migrate", "-v0"], env)
    run([PYTHON, str(HERE / "bench_django.py"), "setup"], env)
    figures: dict[str, object] = {"rows": args.rows, "stats_rows": args.stats_rows}

    path = Path(tempfile.gettempdir()) / f"eiso-bench-{args.rows}.csv"
    started = time.perf_counter()
    generate_csv(path, args.rows)
    figures["csv_mb"] = round(path.stat().st_size / 2**20, 1)
    figures["generate_seconds"] = round(time.perf_counter() - started, 1)

    columns = ", ".join(f"{c} text" for c in COLUMNS)
    run([*psql, "-d", args.database, "-c", f"CREATE TABLE bench_raw ({columns})"], env)
    figures["copy"] = timed(
        [*psql, "-d", args.database, "-c", f"\\copy bench_raw FROM '{path}' CSV HEADER"], env
    )
    figures["import"] = timed([EISO, "import_dossiers", str(path), "--agency", AGENCY], env)
    figures["reimport_unchanged"] = timed([EISO, "import_dossiers", str(path), "--agency", AGENCY], env)
    copy_seconds = figures["copy"]["seconds"]  # type: ignore[index]
    figures["import_to_copy_ratio"] = round(figures["import"]["seconds"] / max(copy_seconds, 0.01), 1)  # type: ignore[index]
    # The reference of issue 15: COPY of the finished rows into a table shaped and indexed like the dossiers.
    finished = Path(tempfile.gettempdir()) / f"eiso-bench-{args.rows}-finished.copy"
    run([*psql, "-d", args.database, "-c", f"\\copy dossiers_dossier TO '{finished}'"], env)
    run(
        [
            *psql,
            "-d",
            args.database,
            "-c",
            "CREATE TABLE bench_indexed (LIKE dossiers_dossier INCLUDING ALL)",
        ],
        env,
    )
    figures["indexed_copy"] = timed(
        [*psql, "-d", args.database, "-c", f"\\copy bench_indexed FROM '{finished}'"], env
    )
    indexed = max(figures["indexed_copy"]["seconds"], 0.01)  # type: ignore[index]
    # A second reference: COPY of the same rows into the dossier table itself, with what every write there
    # pays and the LIKE copy lacks (three foreign keys checked at commit, the per-day figures trigger).
    reset = "TRUNCATE dossiers_dossier, dossiers_dossierdayfigures CASCADE"
    run([*psql, "-d", args.database, "-c", reset], env)
    figures["table_copy"] = timed(
        [*psql, "-d", args.database, "-1", "-c", f"\\copy dossiers_dossier FROM '{finished}'"], env
    )
    table_copy = max(figures["table_copy"]["seconds"], 0.01)  # type: ignore[index]
    figures["import_to_table_copy_ratio"] = round(figures["import"]["seconds"] / table_copy, 2)  # type: ignore[index]
    figures["import_to_indexed_copy_ratio"] = round(figures["import"]["seconds"] / indexed, 2)  # type: ignore[index]
    figures["reimport_to_indexed_copy_ratio"] = round(figures["reimport_unchanged"]["seconds"] / indexed, 2)  # type: ignore[index]
    # Export: the command (COPY … TO STDOUT on PostgreSQL) against a bare COPY of the same table to a file.
    figures["export"] = timed([EISO, "export_dossiers", "--agency", AGENCY, "--as-of", "2024-12-31"], env)
    figures["copy_to"] = timed(
        [*psql, "-d", args.database, "-c", f"\\copy (SELECT * FROM dossiers_dossier) TO '{finished}' CSV"],  # noqa: S608
        env,
    )
    copy_to = max(figures["copy_to"]["seconds"], 0.01)  # type: ignore[index]
    figures["export_to_copy_ratio"] = round(figures["export"]["seconds"] / copy_to, 2)  # type: ignore[index]
    if not args.stats_rows:
        print(json.dumps(figures, indent=2))
        return

    run([*psql, "-d", args.database, "-c", "TRUNCATE dossiers_dossier CASCADE"], env)
    started = time.perf_counter()
    run(
        [*psql, "-d", args.database, "-v", f"rows={args.stats_rows}", "-f", str(HERE / "stats_fill.sql")], env
    )
    figures["stats_fill_seconds"] = round(time.perf_counter() - started, 1)
    output = run([PYTHON, str(HERE / "bench_django.py"), "stats"], env).stdout
    figures["stats"] = json.loads(output.strip().splitlines()[-1])
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
