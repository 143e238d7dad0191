from typing import Any

from django.core.management.base import BaseCommand

from eiso.outbox.services import outbox_send_pending


class Command(BaseCommand):
    help = "Gửi các thư đang chờ trong hộp thư đi (thư lỗi được gửi lại theo lịch lùi dần)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent, failed = outbox_send_pending()
        self.stdout.write(f"sent={sent} failed={failed}")
