"""Real local servers that fault tests start, stop and kill: Redis and an SMTP sink."""

from __future__ import annotations

import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, *, up: bool, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            reachable = probe.connect_ex(("127.0.0.1", port)) == 0
        if reachable == up:
            return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} did not become {'reachable' if up else 'closed'}")


class RedisServer:
    """A throw-away redis-server on a free loopback port."""

    def __init__(self, directory: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                         "--appendonly", "no", "--dir", str(directory)]  # fmt: skip
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(self._command, stdout=subprocess.DEVNULL)  # noqa: S603
        wait_for_port(self.port, up=True)

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(10)
            self._process = None
            wait_for_port(self.port, up=False)


@contextmanager
def redis_server(directory: Path) -> Iterator[RedisServer]:
    server = RedisServer(directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()


REPO = Path(__file__).resolve().parents[3]


def database_url(settings_dict: dict[str, object]) -> str:
    """The URL of the test database pytest-django created (PostgreSQL), for a server in another process."""
    user, host = settings_dict.get("USER") or "postgres", settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


needs_postgresql = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql"},
    reason="another process must reach the test database (PostgreSQL)",
)


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def kill_9(self) -> None:
        """SIGKILL the arbiter and its workers at once, as a crash or an OOM kill would."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


@contextmanager
def gunicorn(workdir: Path, env: dict[str, str], *, workers: int = 2) -> Iterator[Server]:
    """gunicorn with the shipped configuration, started from `workdir` (not the checkout), in a process
    group of its own."""
    port = free_port()
    environment = {**os.environ, **env, "EISO_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    environment["DJANGO_SETTINGS_MODULE"] = "eiso.settings"
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "-m", "gunicorn", "-c", str(REPO / "deploy" / "gunicorn.conf.py"), "eiso.wsgi"]
    log = (workdir / "gunicorn.log").open("wb")
    process = subprocess.Popen(  # noqa: S603
        command, cwd=workdir, env=environment, stdout=log, stderr=log, start_new_session=True
    )
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        wait_for_port(port, up=True, seconds=300)
        _wait_until_serving(server.url)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(45)
        except subprocess.TimeoutExpired:
            server.kill_9()
            process.wait(10)
        log.close()


@contextmanager
def celery_worker(workdir: Path, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """A Celery worker (one process) with the shipped application, started from `workdir`, until it is
    ready to take tasks."""
    environment = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "eiso.settings"}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "-m", "celery", "-A", "eiso", "worker", "--pool", "solo", "--loglevel", "INFO"]
    log_path = workdir / "celery.log"
    log = log_path.open("wb")
    process = subprocess.Popen(  # noqa: S603
        command, cwd=workdir, env=environment, stdout=log, stderr=log, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while b"ready." not in log_path.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not start: " + log_path.read_text()[-2000:])
            time.sleep(0.2)
        yield process
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        log.close()


def _wait_until_serving(url: str, seconds: float = 300) -> None:
    """The port opens before the workers have loaded the application: wait for a real answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=30):  # noqa: S310
                return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} never answered")


class HttpSession:
    """A browser-like client over real HTTP: cookies, the CSRF token, forms and file uploads."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=120) as answer:
                return Response(answer.status, answer.geturl(), answer.read(), dict(answer.headers))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.geturl(), error.read(), dict(error.headers))

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken") or ""

    def login(self, username: str, password: str) -> Response:
        self.request("/dang-nhap/")
        form = {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf()}
        return self.request("/dang-nhap/", urllib.parse.urlencode(form).encode())

    def upload(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> Response:
        boundary = f"eiso{uuid.uuid4().hex}"
        parts = []
        for name, value in {**fields, "csrfmiddlewaretoken": self.csrf()}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: text/csv\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


@dataclass
class Response:
    status: int
    url: str
    body: bytes
    headers: dict[str, str]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")
