"""The one shape of an `eiso import_*` command: FILE --agency CODE [--dry-run], all-or-nothing,
every problem on stderr, a non-zero exit on errors, and the created/updated/unchanged summary."""

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from eiso.core.imports import ImportReport, TerminalProgress
from eiso.core.models import Agency


class ImportCommand(BaseCommand):
    """Subclasses set `importer(*, agency, file, dry_run, progress) -> ImportReport` and `help`."""

    importer: Callable[..., ImportReport]
    # Data commands serve no page: like `migrate`, they skip the system checks, which load every URLconf
    # (and the API's schemas) at each start. `eiso check` and the web server still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        self.add_target_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi"))

    def add_target_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help=_("Mã cơ quan"))

    def target_agency(self, options: dict[str, Any]) -> Agency | None:
        found = Agency.objects.filter(code=options["agency"]).first()
        if found is None:
            raise CommandError(_("Không có cơ quan mã {code}.").format(code=options["agency"]))
        return found

    def handle(self, *args: Any, **options: Any) -> None:
        agency = self.target_agency(options)
        file = options["file"]
        try:
            report = type(self).importer(
                agency=agency,
                file=file,
                dry_run=options["dry_run"],
                progress=TerminalProgress(self.stderr._out),
            )
        except FileNotFoundError as exc:
            raise CommandError(_("Không mở được tệp {file}.").format(file=file)) from exc
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
