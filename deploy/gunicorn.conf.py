"""Gunicorn settings for eISO (docs/deployment.md): `gunicorn -c deploy/gunicorn.conf.py eiso.wsgi`.

Every value can be overridden by the environment variable named beside it. Long work (large imports,
province exports) runs as background jobs, so a request never needs more than the timeout below.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("EISO_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9))
threads = _int("EISO_WEB_THREADS", 2)
timeout = _int("EISO_WEB_TIMEOUT", 60)  # seconds a request may take before its worker is replaced
graceful_timeout = _int("EISO_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _int("EISO_WEB_MAX_REQUESTS", 1000)  # recycle workers to bound memory growth
max_requests_jitter = 100
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's heartbeat files
# Only the proxies eISO trusts may set the scheme (X-Forwarded-Proto) of a request.
forwarded_allow_ips = os.environ.get("EISO_TRUSTED_PROXIES") or "127.0.0.1"
accesslog = os.environ.get("EISO_ACCESS_LOG", "-")
errorlog = os.environ.get("EISO_ERROR_LOG", "-")
loglevel = os.environ.get("EISO_WEB_LOG_LEVEL", "info")
capture_output = True
