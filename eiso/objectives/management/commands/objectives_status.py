import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.models import Agency
from eiso.objectives.models import ObjectiveSet
from eiso.objectives.selectors import objectives_snapshot


def _number(value: Any) -> Any:
    if isinstance(value, Decimal | float):
        return int(value) if value == int(value) else float(value)
    return value


class Command(BaseCommand):
    help = _("In kết quả các chỉ tiêu mục tiêu chất lượng của một năm, tính đến một ngày.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help=_("Mã cơ quan, ví dụ STTTT-KH"))
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--as-of", dest="as_of", help=_("Ngày tính, YYYY-MM-DD (mặc định: hôm nay)"))
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(_("Không có cơ quan mã {code}.").format(code=options["agency"]))
        objective_set = ObjectiveSet.objects.filter(agency=agency, year=options["year"]).first()
        if objective_set is None:
            raise CommandError(_("Chưa có mục tiêu chất lượng năm {year}.").format(year=options["year"]))
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(_("Ngày không hợp lệ: {value}").format(value=options["as_of"])) from exc
        rows = [
            {
                "name": row["name"],
                "source": row["source"],
                "target": row["target"],
                "value": _number(row["value"]),
                "numerator": _number(row["numerator"]),
                "denominator": _number(row["denominator"]),
                "status": row["status"],
                **({"extra": {k: _number(v) for k, v in row["extra"].items()}} if row["extra"] else {}),
            }
            for row in objectives_snapshot(objective_set=objective_set, as_of=as_of)
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            figure = f"{row['numerator']}/{row['denominator']}" if row["denominator"] else "—"
            self.stdout.write(f"{row['status']:<8} {figure:>9} {row['target']:>8}  {row['name']}")
