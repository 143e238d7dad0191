import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from eiso.core.imports import parse_date
from eiso.core.models import Agency
from eiso.dossiers.selectors import STAT_KEYS, dossier_stats


class Command(BaseCommand):
    help = _("In số liệu Biểu II.06a (tiếp nhận, đã giải quyết, đang giải quyết) của một kỳ.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help=_("Mã cơ quan"))
        parser.add_argument("--from", dest="date_from", required=True, help=_("Từ ngày"))
        parser.add_argument("--to", dest="date_to", required=True, help=_("Đến ngày"))
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, agency: str, date_from: str, date_to: str, **options: Any) -> None:
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(_("Không có cơ quan mã {code}.").format(code=agency))
        try:
            start, end = parse_date(date_from), parse_date(date_to)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if end < start:
            raise CommandError(_("Ngày kết thúc kỳ phải sau ngày bắt đầu."))
        figures = dossier_stats(agency=found, date_from=start, date_to=end)
        by_procedure = dossier_stats(agency=found, date_from=start, date_to=end, group_by="procedure")
        result = {
            **figures,
            "by_procedure": [
                {"procedure_code": row["procedure__code"], "procedure_name": row["procedure__name"]}
                | {key: dict(row)[key] for key in [*STAT_KEYS, "on_time_rate"]}
                for row in by_procedure
            ],
        }
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
