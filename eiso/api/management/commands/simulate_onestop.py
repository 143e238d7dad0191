"""`eiso simulate_onestop --agency CODE --days N --url URL`: play a one-stop system's dossier events
against the API (for demos and the end-to-end test; see eiso.api.onestop)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from eiso.api.onestop import ApiError, Simulator, Transport


class Command(BaseCommand):
    help = "Phát luồng sự kiện hồ sơ của hệ thống một cửa tỉnh vào API (thử nghiệm, trình diễn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="mã cơ quan")
        parser.add_argument("--days", type=int, default=1)
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="địa chỉ gốc của eISO")
        parser.add_argument("--key", default="", help="khóa API (mặc định: biến môi trường EISO_API_KEY)")
        parser.add_argument("--per-day", type=int, default=200, help="số hồ sơ tiếp nhận mỗi ngày")
        parser.add_argument("--start", type=dt.date.fromisoformat, default=None, help="ngày đầu (YYYY-MM-DD)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--ledger", type=Path, default=None, help="ghi sổ hồ sơ (CSV của tệp nhập)")

    def handle(self, *args: Any, **options: Any) -> None:
        key = options["key"] or os.environ.get("EISO_API_KEY", "")
        if not key:
            raise CommandError("Cần --key hoặc biến môi trường EISO_API_KEY.")
        if options["days"] < 1 or options["per_day"] < 1:
            raise CommandError("--days và --per-day phải lớn hơn 0.")
        start = options["start"] or timezone.localdate() - dt.timedelta(days=options["days"])
        simulator = Simulator(
            transport=Transport(options["url"], key),
            agency=options["agency"],
            start=start,
            days=options["days"],
            per_day=options["per_day"],
            seed=options["seed"],
        )
        try:
            counts = simulator.run()
        except ApiError as exc:
            raise CommandError(str(exc)) from exc
        if options["ledger"]:
            simulator.write_ledger(options["ledger"])
        summary = ", ".join(f"{name}={counts[name]}" for name in sorted(counts))
        self.stdout.write(f"{len(simulator.ledger)} hồ sơ; {summary}")
