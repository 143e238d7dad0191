import datetime as dt

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.notifications import send_reminders
from eiso.jobs.services import heartbeat_record
from eiso.jobs.tasks import REMINDERS, reminders_since


class Command(BaseCommand):
    help = _("Gửi nhắc việc hằng ngày (chạy lại không gửi trùng; tự bù những ngày bị lỡ).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
        parser.add_argument("--since", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")

    def handle(self, *args: object, date: dt.date | None, since: dt.date | None, **options: object) -> None:
        today = date or timezone.localdate()
        count = send_reminders(today=today, since=since or reminders_since(today))
        if date is None:
            heartbeat_record(name=REMINDERS, detail=str(count))
        self.stdout.write(_("Đã tạo {count} nhắc việc mới.").format(count=count))
