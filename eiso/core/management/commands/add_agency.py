from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Agency
from eiso.core.services import CONSOLE, agency_create, person_create


class Command(BaseCommand):
    help = _("Tạo một cơ quan mới, và nếu có --secretary thì tạo luôn tài khoản thư ký ISO đầu tiên.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--province", default="")
        parser.add_argument("--secretary", default="", help=_("Tên đăng nhập của thư ký ISO đầu tiên"))
        parser.add_argument("--secretary-name", default="", help=_("Họ và tên thư ký ISO"))
        parser.add_argument("--secretary-email", default="")

    @transaction.atomic
    def handle(self, *args: object, code: str, name: str, province: str, **options: str) -> None:
        if Agency.objects.filter(code=code).exists():
            raise CommandError(_("Mã cơ quan {code} đã tồn tại.").format(code=code))
        agency = agency_create(code=code, name=name, province=province)
        self.stdout.write(
            self.style.SUCCESS(_("Đã tạo cơ quan {code}: {name}").format(code=agency.code, name=agency.name))
        )
        username = options["secretary"]
        if username:
            person_create(
                agency=agency,
                full_name=options["secretary_name"] or username,
                roles=[Role.ISO_SECRETARY],
                username=username,
                email=options["secretary_email"],
                granted_by=CONSOLE,
            )
            self.stdout.write(
                _("Đã tạo thư ký ISO {username}; đặt mật khẩu bằng: eiso changepassword {username}").format(
                    username=username
                )
            )
