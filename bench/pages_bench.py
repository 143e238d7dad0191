"""Staff pages over a filled agency (issue 15): time and query count of each page, II.06a against
hand-written aggregates over the dossier rows, and compiling the management-review inputs. PostgreSQL.

    .venv/bin/python bench/pages_bench.py --rows 5000000            # fill, then measure
    .venv/bin/python bench/pages_bench.py --reuse                   # measure again on the filled database

Creates its own database (default eiso_bench_pages on 127.0.0.1, dropped and re-created unless --reuse), the
agency BENCH of bench_django.py (40 procedures, two divisions) and `--rows` dossiers spread evenly over
2021–2025 by `bench/stats_fill.sql` (one INSERT; the per-day figures are maintained by their triggers in
the same statement), then a director and an ISO secretary, the 2023 objective set (dossier, procedure,
survey and manual indicators, monthly and quarterly) and the 2023 management review. Each page is requested
in-process through Django's test client (no web server: the figures are the view's own cost) `--runs` times
after one warm-up request; the best and the median wall time are printed with the page's query count.
The load average is printed before and after: the machine may be shared. Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EISO = str(ROOT / ".venv" / "bin" / "eiso")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
YEAR = 2023


def prepare(args: argparse.Namespace, env: dict[str, str]) -> dict[str, object]:
    psql = ["psql", "-h", args.host, "-U", args.user, "-v", "ON_ERROR_STOP=1", "-q"]

    def run(command: list[str]) -> None:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)

    run([*psql, "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {args.database}"])
    run([*psql, "-d", "postgres", "-c", f"CREATE DATABASE {args.database}"])
    started = time.perf_counter()
    run([EISO, "migrate", "-v0"])
    migrate = time.perf_counter() - started
    run([PYTHON, str(HERE / "bench_django.py"), "setup"])
    started = time.perf_counter()
    run([*psql, "-d", args.database, "-v", f"rows={args.rows}", "-f", str(HERE / "stats_fill.sql")])
    fill = time.perf_counter() - started
    return {"migrate_seconds": round(migrate, 1), "fill_seconds": round(fill, 1), "rows": args.rows}


@contextmanager
def counting() -> Iterator[list[int]]:
    from django.db import connection

    counter = [0]

    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counter


def timed(work: Callable[[], Any], runs: int) -> dict[str, object]:
    """One warm-up call, then `runs` timed calls: best and median seconds, and the queries of one call."""
    work()
    times = []
    for _ in range(runs):
        with counting() as queries:
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
    return {
        "best_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "queries": queries[0],
    }


def fixtures() -> dict[str, Any]:
    """The people, objective set and review the pages show (created once, found again with --reuse)."""
    from eiso.core.choices import Role
    from eiso.core.models import Agency, Person
    from eiso.core.services import person_create
    from eiso.objectives.models import ObjectiveSet
    from eiso.objectives.services import indicator_create, objective_create, objective_set_create
    from eiso.procedures.models import Procedure
    from eiso.reviews.models import ManagementReview
    from eiso.reviews.services import review_plan

    agency = Agency.objects.get(code="BENCH")

    def person(username: str, *roles: str) -> Person:
        found = Person.objects.filter(agency=agency, user__username=username).first()
        return found or person_create(
            agency=agency,
            full_name=username,
            roles=list(roles),
            username=username,
            password="bench-pages-2026",  # noqa: S106 - a throwaway account of the bench database
            email=f"{username}@example.gov.vn",
        )

    director = person("bench-director", Role.DIRECTOR)
    secretary = person("bench-secretary", Role.ISO_SECRETARY, Role.STEERING_MEMBER)
    objective_set = ObjectiveSet.objects.filter(agency=agency, year=YEAR).first()
    if objective_set is None:
        objective_set = objective_set_create(agency=agency, year=YEAR, actor=secretary)
        procedure = Procedure.objects.filter(agency=agency).order_by("code").first()
        division = agency.divisions.order_by("code").first()
        rows = [
            ("Tỷ lệ đúng hạn", "dossiers_on_time_rate", "monthly", "agency", {}),
            ("Tỷ lệ sớm hạn", "dossiers_early_rate", "quarterly", "agency", {}),
            (
                "Đúng hạn, một thủ tục",
                "dossiers_on_time_rate",
                "monthly",
                "procedure",
                {"scope_procedure": procedure},
            ),
            (
                "Đúng hạn, một phòng",
                "dossiers_on_time_rate",
                "quarterly",
                "division",
                {"scope_division": division},
            ),
            ("Hài lòng", "satisfaction_rate", "half_yearly", "agency", {}),
            ("TTHC công khai", "procedures_published_rate", "yearly", "agency", {}),
            ("Nhập tay", "manual", "quarterly", "agency", {}),
        ]
        for order, (name, source, frequency, scope, extra) in enumerate(rows, start=1):
            objective = objective_create(
                objective_set=objective_set, text=f"Mục tiêu {order}", actor=secretary
            )
            indicator_create(
                objective=objective,
                name=name,
                target_value=Decimal(95),
                actor=secretary,
                source=source,
                frequency=frequency,
                scope=scope,
                unit="%",
                **extra,
            )
    review = ManagementReview.objects.filter(agency=agency, year=YEAR).first() or review_plan(
        agency=agency,
        year=YEAR,
        planned_on=dt.date(YEAR, 12, 20),
        chair=director,
        secretary=secretary,
        actor=secretary,
    )
    return {
        "agency": agency,
        "director": director,
        "secretary": secretary,
        "set": objective_set,
        "review": review,
    }


def aggregates(agency_id: int, not_started: list[int]) -> dict[str, str]:
    """Hand-written single aggregates over the dossier rows for the year (the reference of II.06a):
    the agency total, by procedure (names joined after aggregating) and by field."""
    select = f"""
      count(*) FILTER (WHERE received_on >= '{YEAR}-01-01' AND channel = 'online') AS online,
      count(*) FILTER (WHERE received_on >= '{YEAR}-01-01' AND channel <> 'online') AS direct,
      count(*) FILTER (WHERE received_on < '{YEAR}-01-01') AS carried,
      count(*) AS received,
      count(*) FILTER (WHERE finished_on <= '{YEAR}-12-31' AND supplement_count <= 1
                        AND finished_on < due_date) AS early,
      count(*) FILTER (WHERE finished_on <= '{YEAR}-12-31' AND supplement_count <= 1
                        AND finished_on = due_date) AS on_time,
      count(*) FILTER (WHERE finished_on <= '{YEAR}-12-31'
                        AND (supplement_count > 1 OR finished_on > due_date)) AS late,
      count(*) FILTER (WHERE finished_on <= '{YEAR}-12-31') AS resolved,
      count(*) FILTER (WHERE (finished_on IS NULL OR finished_on > '{YEAR}-12-31')
                        AND due_date >= '{YEAR}-12-31') AS pending_in_time,
      count(*) FILTER (WHERE (finished_on IS NULL OR finished_on > '{YEAR}-12-31')
                        AND due_date < '{YEAR}-12-31') AS pending_overdue,
      count(*) FILTER (WHERE finished_on <= '{YEAR}-12-31'
                        AND (supplement_count > 1 OR finished_on > due_date)
                        AND extended_due_at IS NOT NULL) AS late_apology"""
    statuses = ", ".join(map(str, not_started))
    where = f"""agency_id = {agency_id} AND received_on <= '{YEAR}-12-31' AND status NOT IN ({statuses})
      AND (finished_on IS NULL OR finished_on >= '{YEAR}-01-01')"""
    return {
        "agency": f"SELECT {select} FROM dossiers_dossier WHERE {where}",  # noqa: S608 - constants only
        "procedure": f"""SELECT c.*, p.code, p.name, p.field FROM (
            SELECT procedure_id, {select} FROM dossiers_dossier WHERE {where} GROUP BY procedure_id) c
            JOIN procedures_procedure p ON p.id = c.procedure_id ORDER BY p.code""",  # noqa: S608
        "field": f"""SELECT p.field, {select} FROM (SELECT * FROM dossiers_dossier WHERE {where}) d
            JOIN procedures_procedure p ON p.id = d.procedure_id GROUP BY p.field ORDER BY p.field""",  # noqa: S608
    }


def measure(runs: int) -> dict[str, object]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from eiso.dossiers.choices import NOT_STARTED
    from eiso.dossiers.models import Dossier
    from eiso.dossiers.selectors import dossier_stats
    from eiso.reviews.services import review_collect_inputs

    setup_test_environment()
    made = fixtures()
    agency = made["agency"]
    figures: dict[str, object] = {
        "dossiers": Dossier.objects.filter(agency=agency).count(),
        "dossiers_in_year": Dossier.objects.filter(agency=agency, received_on__year=YEAR).count(),
    }
    client = Client()
    client.force_login(made["director"].user)
    procedure = agency.procedures.order_by("code")[7].code
    part = "23456"  # codes are 'S-<n>' (stats_fill.sql): part of a code, matching about 1 row in 100,000
    pages = {
        "statistics (one year)": f"/ho-so/thong-ke/?date_from={YEAR}-01-01&date_to={YEAR}-12-31",
        "objective set": f"/muc-tieu/{made['set'].pk}/",
        "dashboard": "/",
        "dossier list": "/ho-so/",
        f"dossier list ?q={part}": f"/ho-so/?q={part}",
        f"dossier list ?procedure={procedure}": f"/ho-so/?procedure={procedure}",
        "dossier list ?timeliness=late": "/ho-so/?timeliness=late",
        "dossier list ?timeliness=pending_overdue": "/ho-so/?timeliness=pending_overdue",
    }
    results: dict[str, object] = {}
    for label, url in pages.items():

        def get(url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        results[label] = timed(get, runs)
        print(label, results[label], file=sys.stderr, flush=True)
    figures["pages"] = results

    period = {"agency": agency, "date_from": dt.date(YEAR, 1, 1), "date_to": dt.date(YEAR, 12, 31)}
    stats: dict[str, object] = {}
    with connection.cursor() as cursor:
        for group, sql in aggregates(agency.pk, [int(s) for s in NOT_STARTED]).items():

            def hand(sql: str = sql) -> None:
                cursor.execute(sql)
                cursor.fetchall()

            reference = timed(hand, runs)
            page = timed(
                lambda group=group: dossier_stats(**period, group_by=None if group == "agency" else group),
                runs,
            )
            stats[group] = {
                "dossier_stats": page,
                "hand_written_aggregate": reference,
                "ratio_best": round(page["best_s"] / max(reference["best_s"], 1e-6), 3),  # type: ignore[operator]
            }
            print(group, stats[group], file=sys.stderr, flush=True)
    figures["ii06a"] = stats

    def collect() -> None:
        review_collect_inputs(review=made["review"], as_of=dt.date(YEAR, 12, 15), actor=made["secretary"])

    figures["review_collect_inputs"] = timed(collect, max(1, runs - 1))
    print("review", figures["review_collect_inputs"], file=sys.stderr, flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="measure the database filled by an earlier run")
    parser.add_argument("--database", default="eiso_bench_pages")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--user", default="postgres")
    args = parser.parse_args()
    url = f"postgres://{args.user}@{args.host}:5432/{args.database}"
    env = dict(os.environ, DATABASE_URL=url)
    figures: dict[str, object] = {"load_before": os.getloadavg()}
    if not args.reuse:
        figures["prepare"] = prepare(args, env)
        print(figures["prepare"], file=sys.stderr, flush=True)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eiso.settings")
    import django

    django.setup()
    figures.update(measure(args.runs))
    figures["load_after"] = os.getloadavg()
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
