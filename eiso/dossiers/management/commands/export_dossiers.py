import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.imports import parse_date
from eiso.core.models import Agency
from eiso.dossiers.exports import export_csv, export_rows


class Command(BaseCommand):
    help = _("Xuất hồ sơ, mỗi hồ sơ một dòng, kèm hạn giải quyết và kết quả đúng hạn tại một ngày.")
    requires_system_checks: list[str] = []  # as the import commands (eiso.core.management.import_command)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help=_("Mã cơ quan"))
        parser.add_argument("--as-of", default="", help=_("Ngày xét (mặc định: hôm nay)"))
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: Any, agency: str, as_of: str, format: str, **options: Any) -> None:
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(_("Không có cơ quan mã {code}.").format(code=agency))
        try:
            day = parse_date(as_of) if as_of else timezone.localdate()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        out: Any = self.stdout._out
        if format == "csv":
            export_csv(agency=found, as_of=day, out=out)  # streamed by the database on PostgreSQL
            return
        rows = export_rows(agency=found, as_of=day)
        out.write("[")
        for i, row in enumerate(rows):
            out.write(("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False))
        out.write("\n]\n")
