"""A fixed-window rate limit per client address for the public pages (lookup, survey).

The count lives in the shared cache (Redis in production), so every worker enforces one limit. When the
cache is unreachable the page keeps working: the count falls back to this process's memory and a
warning is logged, so a cache outage weakens the limit for a while instead of taking the portal down.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from eiso.core.clientaddr import client_address

View = Callable[..., HttpResponse]
logger = logging.getLogger(__name__)

_local_counts: dict[str, int] = {}
_local_lock = threading.Lock()


def _shared_count(cache_key: str, timeout: int) -> int:
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        # One round trip instead of three (`add`, then `incr`, which is EXISTS + INCR): the count is created
        # with its expiry when absent, then incremented, pipelined. Django's Redis cache stores integers as
        # plain Redis integers, so the value stays readable through `cache.get`.
        key = backend.make_and_validate_key(cache_key)
        pipe = backend._cache.get_client(key, write=True).pipeline(transaction=False)
        pipe.set(key, 0, ex=timeout, nx=True)
        pipe.incr(key)
        return int(pipe.execute()[1])
    cache.add(cache_key, 0, timeout=timeout)
    try:
        return cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=timeout)
        return 1


def _local_count(cache_key: str, window: int) -> int:
    with _local_lock:
        for stale in [key for key in _local_counts if not key.endswith(f":{window}")]:
            del _local_counts[stale]
        _local_counts[cache_key] = _local_counts.get(cache_key, 0) + 1
        return _local_counts[cache_key]


def hit(*, scope: str, key: str, limit: int, window_seconds: int = 60) -> bool:
    """Count one request; True while the caller is still within `limit` for the current window."""
    window = int(timezone.now().timestamp()) // window_seconds
    cache_key = f"rl:{scope}:{key}:{window}"
    try:
        count = _shared_count(cache_key, window_seconds * 2)
    except Exception:  # any cache backend failure: connection refused, timeout, protocol error
        logger.warning("Rate-limit cache unreachable; counting %s in this process", scope, exc_info=True)
        count = _local_count(cache_key, window)
    return count <= limit


def ratelimited(
    scope: str, *, methods: tuple[str, ...] = ("GET", "POST"), limit: int | None = None
) -> Callable[[View], View]:
    """Answer 429 with a translated page once a client address exceeds the per-minute limit."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            allowed = limit or settings.EISO_PUBLIC_RATE_PER_MINUTE
            if request.method in methods and not hit(scope=scope, key=client_address(request), limit=allowed):
                return render(request, "core/rate_limited.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
