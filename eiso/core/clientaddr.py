"""Which address a request comes from, behind a reverse proxy or not.

Only a proxy the operator lists in EISO_TRUSTED_PROXIES may speak for the client: for a request whose
direct peer is such a proxy, the forwarded chain is read from the right, skipping the trusted hops, and
the first address that is not trusted is the client. Without that setting, or when the header is
missing or malformed, the direct peer counts, so nobody can choose their own address by sending a header.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _parse(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    parsed = _parse(address)
    networks = _networks(tuple(settings.EISO_TRUSTED_PROXIES))
    return parsed is not None and any(parsed in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as the rate limit and the login throttle count it."""
    # A request built without a peer (a test client's force_login) counts as the unspecified address:
    # still a valid address for the login throttle's address column on PostgreSQL.
    peer = str(request.META.get("REMOTE_ADDR") or "0.0.0.0")  # noqa: S104 - an address, not a bind
    if not is_trusted_proxy(peer):
        return peer
    header = str(request.META.get(settings.EISO_FORWARDED_FOR_HEADER, ""))
    for hop in reversed(header.split(",")):
        address = _parse(hop)
        if address is None:
            return peer
        if not is_trusted_proxy(str(address)):
            return str(address)
    return peer
