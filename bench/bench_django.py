"""The Django side of dossiers_bench.py: `setup` (agency BENCH and its procedures) and `stats` (timings)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from decimal import Decimal
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eiso.settings")
django.setup()

from eiso.core.models import Agency  # noqa: E402
from eiso.core.services import agency_create, division_create  # noqa: E402
from eiso.dossiers.selectors import dossier_stats  # noqa: E402
from eiso.procedures.models import Procedure  # noqa: E402

CODE = "BENCH"


def setup() -> None:
    agency = Agency.objects.filter(code=CODE).first() or agency_create(
        code=CODE, name="Bench", province="Bench"
    )
    for code in ("VP", "P1"):
        if not agency.divisions.filter(code=code).exists():
            division_create(agency=agency, code=code, name=code)
    for i in range(40):
        Procedure.objects.get_or_create(
            agency=agency,
            code=f"BENCH-{i:02d}",
            defaults={
                "name": f"Thủ tục {i}",
                "field": f"Lĩnh vực {i % 6}",
                "time_limit_value": Decimal((3, 5, 7, 10, 15)[i % 5]),
                "valid_from": dt.date(2015, 1, 1),
                "counts_from_next_day_after": dt.time(15, 0) if i % 7 == 0 else None,
            },
        )


def stats() -> None:
    """Best of 3 wall times of the II.06a statistics for 2023, for the agency and grouped."""
    agency = Agency.objects.get(code=CODE)
    period: dict[str, Any] = {"agency": agency, "date_from": dt.date(2023, 1, 1)}
    period["date_to"] = dt.date(2023, 12, 31)
    runs: dict[str, object] = {}
    for label, group in (("agency", None), ("by_procedure", "procedure"), ("by_field", "field")):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            dossier_stats(**period, group_by=group)
            best = min(best, time.perf_counter() - started)
        runs[label] = round(best, 3)
    runs["received_total_2023"] = dossier_stats(**period)["received_total"]
    print(json.dumps(runs))


if __name__ == "__main__":
    {"setup": setup, "stats": stats}[sys.argv[1]]()
