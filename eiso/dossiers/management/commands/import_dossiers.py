from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from eiso.core.imports import TerminalProgress
from eiso.core.models import Agency
from eiso.dossiers.imports import dossier_import


class Command(BaseCommand):
    help = _("Nhập hồ sơ từ tệp CSV/XLSX (tất cả hoặc không; nhập lại cùng mã thì cập nhật).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help=_("Mã cơ quan"))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi"))

    def handle(self, *args: Any, file: str, agency: str, dry_run: bool, **options: Any) -> None:
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(_("Không có cơ quan mã {code}.").format(code=agency))
        try:
            report = dossier_import(
                agency=found, file=file, dry_run=dry_run, progress=TerminalProgress(self.stderr._out)
            )
        except FileNotFoundError as exc:
            raise CommandError(_("Không mở được tệp {file}.").format(file=file)) from exc
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
