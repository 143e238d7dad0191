"""GET /healthz: what the proxy and the monitoring ask (no login, no write).

200 while the database answers, with "degraded" when the cache or the worker is not healthy (the site still
serves its pages then); 503 when the database does not answer.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from eiso.jobs.models import Heartbeat
from eiso.outbox.selectors import oldest_unsent_age_seconds

logger = logging.getLogger(__name__)
WORKER_SILENT_AFTER_SECONDS = 180


def _database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as exc:
        logger.error("Health check: database unreachable: %s", exc)
        return {"ok": False, "error": type(exc).__name__}


def _cache() -> dict[str, Any]:
    try:
        cache.get("healthz-probe")
        return {"ok": True}
    except Exception as exc:
        logger.warning("Health check: cache unreachable: %s", exc)
        return {"ok": False, "error": type(exc).__name__}


def _worker() -> dict[str, Any]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process"}
    beat = Heartbeat.objects.filter(name="worker").values_list("at", flat=True).first()
    if beat is None:
        return {"ok": False, "last_heartbeat": None}
    age = (timezone.now() - beat).total_seconds()
    return {
        "ok": age < WORKER_SILENT_AFTER_SECONDS,
        "last_heartbeat": beat.isoformat(),
        "age_seconds": int(age),
    }


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database()
    if not database["ok"]:
        return JsonResponse({"status": "down", "database": database}, status=503)
    checks = {"database": database, "cache": _cache(), "worker": _worker()}
    oldest = oldest_unsent_age_seconds()
    checks["outbox"] = {"oldest_unsent_age_seconds": None if oldest is None else int(oldest)}
    status = "ok" if all(check["ok"] for check in (checks["cache"], checks["worker"])) else "degraded"
    return JsonResponse({"status": status, **checks})
