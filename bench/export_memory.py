"""Peak Python memory of the dossier list's XLSX and CSV exports over N generated dossiers, against the memory
of just iterating the same queryset (the floor any export pays) and of loading the rows into a list.

Runs on its own SQLite file (tables made from the models once, then reused; `--fresh` rebuilds it):

    .venv/bin/python bench/export_memory.py --rows 100000

Each measurement runs in a new Python process: its peak resident memory (Linux VmHWM, Django loaded) and how
much of it the work added; the spreadsheet's temporary file is on disk. The export is
`eiso.core.exports` exactly as the dossier list page calls it: the page's FilterSet, its declared columns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DB = Path(tempfile.gettempdir()) / "eiso_export_bench.sqlite3"


def _django(fresh: bool) -> None:
    if fresh and DB.exists():
        DB.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eiso.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MIGRATION_MODULES = _NoMigrations()  # the tables straight from the models, as the tests do
    call_command("migrate", run_syncdb=True, verbosity=0)


class _NoMigrations(dict[str, Any]):
    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def _fill(rows: int) -> Any:
    """The agency BENCH with `rows` dossiers over 40 procedures and 2 divisions (bulk insert, no services)."""
    from decimal import Decimal

    from eiso.core.models import Agency
    from eiso.core.services import agency_create, division_create
    from eiso.dossiers.models import Dossier
    from eiso.procedures.models import Procedure
    from eiso.workdays.calendar import LOCAL_TZ

    agency = Agency.objects.filter(code="BENCH").first() or agency_create(
        code="BENCH", name="Sở Bench", province="Bench"
    )
    have = Dossier.objects.filter(agency=agency).count()
    if have >= rows:
        return agency
    divisions = [
        agency.divisions.filter(code=c).first() or division_create(agency=agency, code=c, name=f"Phòng {c}")
        for c in ("VP", "P1")
    ]
    procedures = [
        Procedure.objects.get_or_create(
            agency=agency,
            code=f"BENCH-{i:02d}",
            defaults={
                "name": f"Thủ tục {i}",
                "field": f"Lĩnh vực {i % 6}",
                "time_limit_value": Decimal(10),
                "valid_from": dt.date(2015, 1, 1),
            },
        )[0]
        for i in range(40)
    ]
    start = dt.datetime(2023, 1, 2, 8, 0, tzinfo=LOCAL_TZ)
    batch: list[Dossier] = []
    for n in range(have, rows):
        received = start + dt.timedelta(minutes=3 * n)
        due = received.date() + dt.timedelta(days=14)
        finished = received + dt.timedelta(days=n % 20) if n % 3 else None
        batch.append(
            Dossier(
                agency=agency,
                code=f"BENCH-{n:08d}" if n % 1000 else f"=BENCH-{n:08d}",
                procedure=procedures[n % 40],
                division=divisions[n % 2],
                channel="direct",
                status=10 if finished else 4,
                received_at=received,
                received_on=received.date(),
                time_limit_value=Decimal(10),
                time_limit_unit="working_days",
                computed_due_date=due,
                due_date=due,
                due_at=dt.datetime.combine(due, dt.time(17, 0), tzinfo=LOCAL_TZ),
                finished_at=finished,
                finished_on=finished.date() if finished else None,
            )
        )
        if len(batch) == 5000:
            Dossier.objects.bulk_create(batch)
            batch = []
    Dossier.objects.bulk_create(batch)
    return agency


def _status(field: str) -> int:
    """A field of /proc/self/status in bytes (VmRSS: resident now; VmHWM: the peak so far)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def _measure(label: str, work: str, rows: int) -> dict[str, Any]:
    """Run one `work` in a new Python process; its peak resident memory, and above what it held before."""
    command = [sys.executable, __file__, "--rows", str(rows), "--work", work]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    count, seconds, before, peak = json.loads(done.stdout.strip().splitlines()[-1])
    result = {
        "work": label,
        "rows": count,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak / 2**20, 1),
        "growth_mb": round((peak - before) / 2**20, 1),
    }
    print(result, flush=True)
    return result


def _run(work: str, rows: int) -> None:
    """In the measuring process: do `work` over the dossiers; print [rows, seconds, rss before, peak]."""
    from django.http import QueryDict

    from eiso.core.access import scoped
    from eiso.core.exports import csv_chunks, xlsx_write
    from eiso.core.models import Agency
    from eiso.dossiers.filters import DossierFilter
    from eiso.dossiers.models import Dossier
    from eiso.dossiers.tables import EXPORT_COLUMNS

    agency = Agency.objects.get(code="BENCH")
    base = scoped(Dossier.objects.all(), agency).select_related("procedure", "division")
    queryset = DossierFilter(QueryDict(), base.order_by("-received_at", "code"), agency=agency).qs
    before = _status("VmRSS")
    started = time.perf_counter()
    if work == "iterate":
        count = sum(1 for _row in queryset.iterator(chunk_size=2000))
    elif work == "list":
        count = len(list(queryset[:rows]))
    elif work == "csv":
        count = sum(chunk.count(b"\n") for chunk in csv_chunks(queryset, EXPORT_COLUMNS)) - 1
    else:
        with tempfile.TemporaryFile() as out:
            xlsx_write(queryset, EXPORT_COLUMNS, out, title="Hồ sơ")
        count = queryset.count()
    print(json.dumps([count, time.perf_counter() - started, before, _status("VmHWM")]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="rebuild the bench database")
    parser.add_argument("--work", choices=["iterate", "list", "csv", "xlsx"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    _django(args.fresh and not args.work)
    if args.work:
        _run(args.work, args.rows)
        return
    started = time.perf_counter()
    _fill(args.rows)
    print(f"database ready in {time.perf_counter() - started:.0f} s", flush=True)
    tenth = args.rows // 10
    results = [
        _measure("iterate the queryset (reference)", "iterate", args.rows),
        _measure("CSV export", "csv", args.rows),
        _measure("XLSX export", "xlsx", args.rows),
        _measure(f"list() of {tenth} rows (what not streaming costs)", "list", tenth),
    ]
    reference = results[0]["peak_rss_mb"]
    for result in results[1:]:
        ratio = result["peak_rss_mb"] / reference
        print(f"{result['work']}: peak {result['peak_rss_mb']} MB = {ratio:.2f}× the reference")


if __name__ == "__main__":
    main()
