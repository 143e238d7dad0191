"""The web server the load benches measure: gunicorn with deploy/gunicorn.conf.py on 127.0.0.1 only."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def server_env(*, database: str, port: int, workers: int, rate_per_minute: int) -> dict[str, str]:
    """The environment of the server and of the commands that prepare its database."""
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "EISO_PUBLIC_RATE_PER_MINUTE": str(rate_per_minute),  # raised so that it does not cut the measurement
        "DJANGO_SETTINGS_MODULE": "eiso.settings",
        "EISO_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "EISO_ACCESS_LOG": "/dev/null",
    }


@contextmanager
def running_server(env: dict[str, str]) -> Iterator[str]:
    """Start gunicorn, wait until /healthz answers, yield its base URL; stop it on leaving."""
    config = str(ROOT / "deploy" / "gunicorn.conf.py")
    server = subprocess.Popen([str(BIN / "gunicorn"), "-c", config, "eiso.wsgi"], env=env, cwd="/tmp")  # noqa: S108
    base = f"http://{env['EISO_BIND']}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).close()  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(30)
