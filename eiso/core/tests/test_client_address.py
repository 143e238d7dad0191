"""The client address behind a reverse proxy: only a trusted proxy may name the client."""

from __future__ import annotations

import pytest
from django.http import HttpRequest
from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st

from eiso.core.clientaddr import client_address

factory = RequestFactory()


def request_from(peer: str, forwarded: str | None = None) -> HttpRequest:
    request = factory.get("/", REMOTE_ADDR=peer)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_trusted_proxies_the_direct_peer_counts_whatever_the_header_says() -> None:
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(EISO_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_the_forwarded_client_counts() -> None:
    assert client_address(request_from("127.0.0.1", "198.51.100.1")) == "198.51.100.1"


@override_settings(EISO_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_a_spoofed_leftmost_address_is_ignored_and_trusted_hops_are_skipped() -> None:
    request = request_from("127.0.0.1", "1.2.3.4, 198.51.100.1, 10.1.2.3")
    assert client_address(request) == "198.51.100.1"


@override_settings(EISO_TRUSTED_PROXIES=["127.0.0.1"])
def test_an_untrusted_peer_cannot_choose_its_address_with_the_header() -> None:
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(EISO_TRUSTED_PROXIES=["127.0.0.1"])
@pytest.mark.parametrize("header", ["", "not-an-ip", "198.51.100.1, garbage"])
def test_a_malformed_header_from_the_proxy_falls_back_to_the_peer(header: str) -> None:
    assert client_address(request_from("127.0.0.1", header)) == "127.0.0.1"


@override_settings(EISO_TRUSTED_PROXIES=["127.0.0.1"])
@given(chain=st.lists(st.ip_addresses(v=4).map(str), min_size=1, max_size=5))
def test_the_client_is_the_rightmost_untrusted_hop(chain: list[str]) -> None:
    untrusted = [address for address in chain if address != "127.0.0.1"]
    expected = untrusted[-1] if untrusted else "127.0.0.1"
    assert client_address(request_from("127.0.0.1", ", ".join(chain))) == expected
