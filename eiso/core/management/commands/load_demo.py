import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from eiso.core import demo


class Command(BaseCommand):
    help = _("Nạp dữ liệu mẫu: Sở TT&TT Khánh Hòa năm 2017 (chạy lại nhiều lần vẫn cho cùng kết quả).")

    def handle(self, *args: object, **options: object) -> None:
        ctx = demo.load()
        for app in settings.EISO_APPS[1:]:
            if importlib.util.find_spec(f"{app}.demo") is not None:
                self.stdout.write(_("Đang nạp dữ liệu mẫu: {app}").format(app=app))
                importlib.import_module(f"{app}.demo").load(ctx)
        self.stdout.write(self.style.SUCCESS(_("Đã nạp cơ quan mẫu {code}.").format(code=ctx.agency.code)))
        self.stdout.write(
            _("Tài khoản đăng nhập (mật khẩu chung: {password}):").format(password=demo.DEMO_PASSWORD)
        )
        for username, name, roles in ctx.logins:
            self.stdout.write(f"  {username:<18} {name:<24} {roles}")
