"""Yearly partitions of the dossier table (issue 15 §4): the II.06a aggregate and the import's write step on
a table of `--rows` dossiers partitioned by year of receipt, against the same rows in one plain table.

    .venv/bin/python bench/partition_bench.py --rows 20000000 [--import-rows 1000000]

Uses its own database (eiso_bench_part, dropped and re-created; dropped again at the end unless --keep). Both
tables have the dossier table's columns (`LIKE dossiers_dossier`) and the indexes the II.06a read and the
import use: the plain one unique (agency, code), (agency, received_on), (agency, finished_on); the partitioned
one the same per partition, its unique key (agency, code, received_on) because a unique key of a partitioned
table must hold the partition key. Rows: `bench/stats_fill.sql`'s generator (2021–2025, evenly spread),
written once into the plain table and copied into the partitioned one, indexes built after the load. Then,
each on both tables, best of `--runs`:

1. the II.06a aggregate of 2023 for the agency (the hand-written one of `pages_bench.py`), and by procedure;
2. the import's write step: `--import-rows` new dossiers (2025) inserted in one `INSERT … SELECT` from a
   staging table, with the indexes in place, then the same rows again through `INSERT … ON CONFLICT …
   DO UPDATE … WHERE … IS DISTINCT FROM …` (a re-import where nothing changed).

Prints JSON with the load average. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EISO = str(ROOT / ".venv" / "bin" / "eiso")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
sys.path.insert(0, str(HERE))

ROWS_SQL = """
SELECT g AS id, now() AS created_at, now() AS updated_at, a.id AS agency_id, 'S-' || g AS code,
  p.ids[1 + (g % array_length(p.ids, 1))] AS procedure_id,
  (ARRAY['direct', 'online', 'postal'])[1 + g % 3] AS channel,
  NULL::bigint AS division_id, CASE WHEN g % 10 < 8 THEN 10 WHEN g % 10 = 8 THEN 4 ELSE 2 END AS status,
  r.at AS received_at, (r.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS received_on, 10 AS time_limit_value,
  'working_days' AS time_limit_unit, (g % 50 = 0)::int AS supplement_count,
  (r.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 14 AS computed_due_date,
  (r.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 14 AS due_date,
  CASE WHEN g % 10 < 8 THEN r.at + ((g % 19) || ' days')::interval END AS finished_at,
  CASE WHEN g % 10 < 8 THEN ((r.at + ((g % 19) || ' days')::interval) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
  END AS finished_on,
  '' AS applicant_name, '' AS applicant_address, '' AS applicant_phone, '' AS applicant_email,
  '' AS extension_reason
FROM generate_series({first}, {last}) AS g
CROSS JOIN (SELECT id FROM core_agency WHERE code = 'BENCH') AS a
CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM procedures_procedure
            WHERE agency_id = (SELECT id FROM core_agency WHERE code = 'BENCH')) AS p
CROSS JOIN LATERAL (
  SELECT {start}::timestamptz + ((g - {first}) * ({span} / {count}::float8)) * interval '1 second' AS at
) AS r
"""
COLUMNS = (
    "id, created_at, updated_at, agency_id, code, procedure_id, channel, division_id, status, received_at, "
    "received_on, time_limit_value, time_limit_unit, supplement_count, computed_due_date, due_date, "
    "finished_at, finished_on, applicant_name, applicant_address, applicant_phone, applicant_email, "
    "extension_reason"
)
COMPARED = ("procedure_id", "channel", "status", "received_at", "due_date", "finished_at", "finished_on")


def rows_sql(first: int, last: int, start: str, seconds: float) -> str:
    count = last - first + 1
    return ROWS_SQL.format(first=first, last=last, start=f"'{start}'", span=seconds, count=count)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", default="eiso_bench_part")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database (it holds two copies of the rows)"
    )
    args = parser.parse_args()
    env = dict(os.environ, DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}")
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-X"]

    def sql(text: str, database: str = args.database) -> float:
        started = time.perf_counter()
        subprocess.run(
            [*psql, "-d", database, "-c", text], env=env, check=True, capture_output=True, text=True
        )
        return round(time.perf_counter() - started, 2)

    def best(text: str) -> float:
        return min(sql(text) for _ in range(args.runs))

    figures: dict[str, object] = {"rows": args.rows, "load_before": os.getloadavg()}
    sql(f"DROP DATABASE IF EXISTS {args.database}", "postgres")
    sql(f"CREATE DATABASE {args.database}", "postgres")
    subprocess.run([EISO, "migrate", "-v0"], env=env, check=True, capture_output=True)
    subprocess.run([PYTHON, str(HERE / "bench_django.py"), "setup"], env=env, check=True, capture_output=True)
    five_years = 5 * 365 * 86400.0
    sql(
        "CREATE TABLE bench_flat (LIKE dossiers_dossier INCLUDING DEFAULTS);"
        "CREATE TABLE bench_part (LIKE dossiers_dossier INCLUDING DEFAULTS) PARTITION BY RANGE (received_on);"
        + "".join(
            f"CREATE TABLE bench_part_{y} PARTITION OF bench_part"
            f" FOR VALUES FROM ('{y}-01-01') TO ('{y + 1}-01-01');"
            for y in range(2021, 2027)
        )
    )
    fill = rows_sql(1, args.rows, "2021-01-01 08:00+07", five_years)
    figures["load_plain_s"] = sql(f"INSERT INTO bench_flat ({COLUMNS}) {fill}")
    figures["load_partitioned_s"] = sql("INSERT INTO bench_part SELECT * FROM bench_flat")
    indexes = {
        "flat": ["UNIQUE (agency_id, code)", "(agency_id, received_on)", "(agency_id, finished_on)"],
        "part": [
            "UNIQUE (agency_id, code, received_on)",
            "(agency_id, received_on)",
            "(agency_id, finished_on)",
        ],
    }
    for table, definitions in indexes.items():
        started = time.perf_counter()
        for n, definition in enumerate(definitions):
            unique, columns = (
                ("UNIQUE ", definition[7:]) if definition.startswith("UNIQUE") else ("", definition)
            )
            sql(f"CREATE {unique}INDEX bench_{table}_idx{n} ON bench_{table} {columns}")
        sql(f"VACUUM ANALYZE bench_{table}")
        figures[f"index_and_analyze_{table}_s"] = round(time.perf_counter() - started, 1)
    print(figures, file=sys.stderr, flush=True)

    from pages_bench import aggregates

    agency = subprocess.run(
        [*psql, "-d", args.database, "-tA", "-c", "SELECT id FROM core_agency WHERE code = 'BENCH'"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    for group in ("agency", "procedure"):
        query = aggregates(int(agency), [1, 3])[group]
        figures[f"ii06a_{group}_partitioned_s"] = best(query.replace("dossiers_dossier", "bench_part"))
        figures[f"ii06a_{group}_plain_s"] = best(query.replace("dossiers_dossier", "bench_flat"))
        print(figures, file=sys.stderr, flush=True)
    plan = subprocess.run(
        [
            *psql,
            "-d",
            args.database,
            "-c",
            "EXPLAIN " + aggregates(int(agency), [1, 3])["agency"].replace("dossiers_dossier", "bench_part"),
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures["ii06a_partitions_scanned"] = sorted(set(re.findall(r"\bbench_part_\d{4}\b", plan)))

    new = rows_sql(args.rows + 1, args.rows + args.import_rows, "2025-01-01 08:00+07", 360 * 86400.0)
    sql(f"CREATE TABLE bench_staging AS {new}")
    sql("ANALYZE bench_staging")
    changed = " OR ".join(f"t.{c} IS DISTINCT FROM excluded.{c}" for c in COMPARED)
    update = ", ".join(f"{c} = excluded.{c}" for c in COMPARED)
    for table, key in (("flat", "agency_id, code"), ("part", "agency_id, code, received_on")):
        insert = f"INSERT INTO bench_{table} AS t ({COLUMNS}) SELECT {COLUMNS} FROM bench_staging"  # noqa: S608
        figures[f"import_insert_{table}_s"] = sql(insert)
        figures[f"import_upsert_unchanged_{table}_s"] = sql(
            f"{insert} ON CONFLICT ({key}) DO UPDATE SET {update} WHERE {changed}"
        )
        print(figures, file=sys.stderr, flush=True)
    figures["import_rows"] = args.import_rows
    figures["load_after"] = os.getloadavg()
    if not args.keep:
        sql(f"DROP DATABASE IF EXISTS {args.database}", "postgres")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
