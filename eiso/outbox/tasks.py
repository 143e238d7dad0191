from celery import shared_task

import eiso.celery  # noqa: F401 - the application these shared_tasks bind to (not imported by `eiso`)
from eiso.outbox.services import outbox_send_pending


@shared_task(name="eiso.outbox.tasks.send_outbox")
def send_outbox() -> tuple[int, int]:
    """Deliver the pending mail (also run every few minutes by beat, so failures are retried)."""
    return outbox_send_pending()
