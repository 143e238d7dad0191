"""Following a `next` parameter only to this site (Django's allowed-host check)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, default: str) -> str:
    """The `next` of the POST (or GET) when it stays on this host and scheme, `default` otherwise.

    Backslashes, control characters, other hosts and schemes (`/\\evil.example`, `//evil.example`,
    `javascript:`) are refused by Django's check, which the login view uses too.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
