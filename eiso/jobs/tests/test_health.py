"""/healthz tells the proxy and the monitoring how the database, the cache and the worker are."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from eiso.core.tests.servers import redis_server
from eiso.jobs.tasks import heartbeat

pytestmark = pytest.mark.django_db


def health(client: Client | None = None) -> tuple[int, dict[str, object]]:
    response = (client or Client()).get("/healthz")
    return response.status_code, response.json()


def test_healthz_answers_without_login_and_writes_nothing() -> None:
    with CaptureQueriesContext(connection) as queries:
        status, body = health()
    assert status == 200 and body["status"] == "ok"
    assert body["database"] == {"ok": True}
    statements = [query["sql"].lstrip().upper() for query in queries]
    writes = [sql for sql in statements if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []


def test_a_cache_outage_is_reported_as_degraded_not_down(tmp_path: Path) -> None:
    with redis_server(tmp_path) as redis:
        caches = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis.url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
        with override_settings(CACHES=caches):
            assert health()[1]["cache"] == {"ok": True}
            redis.stop()
            status, body = health()
    assert status == 200
    assert body["status"] == "degraded" and body["cache"]["ok"] is False  # type: ignore[index]


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_a_silent_worker_is_reported_until_its_heartbeat_arrives() -> None:
    status, body = health()
    assert status == 200 and body["status"] == "degraded"
    assert body["worker"] == {"ok": False, "last_heartbeat": None}
    heartbeat()
    status, body = health()
    assert body["status"] == "ok" and body["worker"]["age_seconds"] < 5  # type: ignore[index]
