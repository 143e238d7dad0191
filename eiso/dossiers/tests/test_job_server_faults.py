"""The production path as a process: gunicorn started elsewhere, long uploads, a kill -9 in an import.

These run against the PostgreSQL test database, which other processes (gunicorn, a command) can reach;
on SQLite the test database lives in this process's memory and they are skipped.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from eiso.core.testing import PASSWORD, Personas
from eiso.core.tests.servers import (
    HttpSession,
    celery_worker,
    database_url,
    gunicorn,
    needs_postgresql,
    redis_server,
)
from eiso.dossiers.models import Dossier
from eiso.dossiers.tests.factories import make_procedure

pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_postgresql,
]


def server_env(tmp_path: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url(connection.settings_dict),
        "EISO_VAR_DIR": str(tmp_path / "var"),
        "EISO_JOBS_MODE": "thread",
        "SECRET_KEY": "test-" + "k" * 60,
        "EISO_LOGIN_FAILURE_LIMIT": "50",
    }


def dossier_file(rows: int, procedure_code: str) -> bytes:
    lines = ["code,procedure_code,received_at,status"]
    lines += [f"SV-{n:07d},{procedure_code},02/03/2017 09:15,2" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_gunicorn_started_from_another_directory_serves_pages_static_files_and_health(tmp_path: Path) -> None:
    with gunicorn(tmp_path, server_env(tmp_path)) as server:
        url = server.url
        client = HttpSession(url)
        assert client.request("/dang-nhap/").status == 200
        assert client.request("/static/vendor/bootstrap/css/bootstrap.min.css").status == 200
        health = client.request("/healthz")
    assert health.status == 200 and json.loads(health.body)["database"] == {"ok": True}


@pytest.mark.parametrize("mode", ["thread", "celery"])
def test_a_large_upload_answers_at_once_and_the_import_finishes_in_the_background(
    tmp_path: Path, personas: Personas, mode: str
) -> None:
    """In the embedded default the job runs on a thread of the web process; in production (Redis set) on
    the Celery worker."""
    make_procedure(personas.agency, code="1.001")
    rows = 20_000
    content = dossier_file(rows, "1.001")
    env = server_env(tmp_path)
    with ExitStack() as stack:
        if mode == "celery":
            redis = stack.enter_context(redis_server(tmp_path))
            env.update(EISO_JOBS_MODE="celery", REDIS_URL=redis.url)
            stack.enter_context(celery_worker(tmp_path, env))
        server = stack.enter_context(gunicorn(tmp_path, env))
        url = server.url
        client = HttpSession(url)
        user = personas.secretary.user
        assert user is not None
        # The server hashes with the production hashers, not the test suite's fast one.
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
        user.save(update_fields=["password"])
        assert "/dang-nhap/" not in client.login(user.username, PASSWORD).url, "signed in"
        answer = client.upload(reverse("dossiers:import"), {}, {"file": ("hoso.csv", content)})
        assert answer.status == 200 and "/viec-nen/" in answer.url, answer.text[:500]
        first_seen = job_status(answer.text)
        job_path = answer.url.removeprefix(url)
        deadline = time.monotonic() + 600
        progress_page = answer
        while job_status(progress_page.text) not in {"done", "failed"} and time.monotonic() < deadline:
            time.sleep(1)
            progress_page = client.request(job_path)
    assert first_seen in {"queued", "running"}, "the upload answered before the import ended"
    assert job_status(progress_page.text) == "done", progress_page.text[-2000:]
    assert Dossier.objects.filter(agency=personas.agency).count() == rows
    assert f"{rows} dòng" in progress_page.text


def job_status(page: str) -> str:
    match = re.search(r'data-status="([a-z]+)"', page)
    return match.group(1) if match else ""


def table_digest() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT md5(coalesce(string_agg(d::text, '|' ORDER BY d.id), '')) FROM dossiers_dossier d"
        )
        dossiers = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM dossiers_dossierevent")
        events = cursor.fetchone()[0]
    return f"{dossiers}:{events}"


def wait_for_write(application_name: str, seconds: float = 300) -> None:
    """Until the import's connection is inside its writing transaction."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND xact_start IS NOT NULL"
                " AND query ~* '^\\s*(insert|copy|update)'",
                [application_name],
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise TimeoutError("the import never started writing")


def test_kill_9_in_the_middle_of_an_import_leaves_the_database_exactly_as_before(
    tmp_path: Path, personas: Personas
) -> None:
    make_procedure(personas.agency, code="1.001")
    existing = tmp_path / "first.csv"
    existing.write_bytes(dossier_file(50, "1.001"))
    environment = {**os.environ, **server_env(tmp_path), "DJANGO_SETTINGS_MODULE": "eiso.settings"}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "-m", "eiso", "import_dossiers", "--agency", personas.agency.code]
    subprocess.run([*command, str(existing)], env=environment, check=True, capture_output=True)  # noqa: S603
    before = table_digest()

    big = tmp_path / "big.csv"
    big.write_bytes(dossier_file(400_000, "1.001"))
    name = "eiso-kill-test"
    environment["DATABASE_URL"] += f"?application_name={name}"
    process = subprocess.Popen([*command, str(big)], env=environment, stdout=subprocess.DEVNULL)  # noqa: S603
    try:
        wait_for_write(name)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL
    assert table_digest() == before
