"""A small fixed-window rate limit per client address for the public pages (lookup, survey)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

View = Callable[..., HttpResponse]


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def hit(*, scope: str, key: str, limit: int, window_seconds: int = 60) -> bool:
    """Count one request; True while the caller is still within `limit` for the current window."""
    window = int(timezone.now().timestamp()) // window_seconds
    cache_key = f"rl:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=window_seconds * 2)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=window_seconds * 2)
        count = 1
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
