from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from eiso.core.management.import_command import ImportCommand
from eiso.core.models import Agency
from eiso.workdays.services import calendar_import


class Command(ImportCommand):
    help = _("Nhập ngày nghỉ / ngày làm bù (date,kind,note) cho một cơ quan hoặc cho toàn quốc.")
    importer = calendar_import

    def add_target_arguments(self, parser: CommandParser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--agency", help=_("Mã cơ quan"))
        target.add_argument("--national", action="store_true", help=_("Quy định chung cho mọi cơ quan"))

    def target_agency(self, options: dict[str, Any]) -> Agency | None:
        return None if options["national"] else super().target_agency(options)
