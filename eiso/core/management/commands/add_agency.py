from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from eiso.core.models import Agency
from eiso.core.services import agency_create


class Command(BaseCommand):
    help = _("Tạo một cơ quan mới.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--province", default="")

    def handle(self, *args: object, code: str, name: str, province: str, **options: object) -> None:
        if Agency.objects.filter(code=code).exists():
            raise CommandError(_("Mã cơ quan {code} đã tồn tại.").format(code=code))
        agency = agency_create(code=code, name=name, province=province)
        self.stdout.write(
            self.style.SUCCESS(_("Đã tạo cơ quan {code}: {name}").format(code=agency.code, name=agency.name))
        )
