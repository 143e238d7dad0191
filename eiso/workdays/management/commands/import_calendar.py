from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from eiso.core.imports import TerminalProgress
from eiso.core.models import Agency
from eiso.workdays.services import calendar_import


class Command(BaseCommand):
    help = _("Nhập ngày nghỉ / ngày làm bù (date,kind,note) cho một cơ quan hoặc cho toàn quốc.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--agency", help=_("Mã cơ quan"))
        target.add_argument("--national", action="store_true", help=_("Quy định chung cho mọi cơ quan"))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi"))

    def handle(
        self, *args: Any, file: str, agency: str | None, national: bool, dry_run: bool, **options: Any
    ) -> None:
        found = None
        if not national:
            found = Agency.objects.filter(code=agency).first()
            if found is None:
                raise CommandError(_("Không có cơ quan mã {code}.").format(code=agency))
        try:
            report = calendar_import(
                agency=found, file=file, dry_run=dry_run, progress=TerminalProgress(self.stderr._out)
            )
        except FileNotFoundError as exc:
            raise CommandError(_("Không mở được tệp {file}.").format(file=file)) from exc
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
