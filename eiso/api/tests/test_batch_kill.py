"""A `kill -9` of the server in the middle of an API batch leaves the database exactly as before.

Runs against the PostgreSQL test database, which the gunicorn process reaches (skipped on SQLite).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from eiso.api.choices import Scope
from eiso.api.services import api_client_create, api_key_create
from eiso.core.testing import Personas
from eiso.core.tests.servers import database_url, gunicorn, needs_postgresql
from eiso.dossiers.tests.factories import make_procedure
from eiso.dossiers.tests.test_job_server_faults import table_digest, wait_for_write

pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_postgresql,
]


def batch(first: int, count: int) -> bytes:
    items = [
        {
            "code": f"KB-{n:06d}",
            "procedure_code": "1.001",
            "status": 2,
            "received_at": "2017-03-02T09:15:00+07:00",
        }
        for n in range(first, first + count)
    ]
    return json.dumps({"items": items}).encode()


def post(url: str, key: str, body: bytes) -> None:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    request = urllib.request.Request(f"{url}/api/v1/dossiers:batch", data=body, headers=headers)  # noqa: S310
    with contextlib.suppress(OSError):  # the server may be killed under this request
        urllib.request.urlopen(request, timeout=300).close()  # noqa: S310


def test_kill_9_during_an_api_batch_leaves_the_database_as_before(tmp_path: Path, personas: Personas) -> None:
    make_procedure(personas.agency, code="1.001")
    client = api_client_create(agency=personas.agency, name="Hệ thống một cửa tỉnh", actor=None)
    expires = timezone.now() + dt.timedelta(days=1)
    _, key = api_key_create(client=client, scopes=[Scope.DOSSIERS_WRITE], expires_at=expires, actor=None)
    name = "eiso-batch-kill"
    env = {
        "DATABASE_URL": database_url(connection.settings_dict) + f"?application_name={name}",
        "EISO_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "test-" + "k" * 60,
    }
    with gunicorn(tmp_path, env, workers=1) as server:
        post(server.url, key, batch(0, 20))
        before = table_digest()
        sender = threading.Thread(target=post, args=(server.url, key, batch(100_000, 1000)))
        sender.start()
        wait_for_write(name)
        server.kill_9()
        sender.join(60)
    assert table_digest() == before
