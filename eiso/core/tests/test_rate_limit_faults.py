"""The public rate limit behind a proxy and when its shared cache (Redis) is down."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from eiso.core.tests.servers import redis_server

LOOKUP = "portal:dossier_lookup"


def redis_cache(url: str) -> dict[str, dict[str, object]]:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.mark.django_db
@override_settings(EISO_PUBLIC_RATE_PER_MINUTE=3)
def test_the_portal_keeps_answering_when_redis_goes_down(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client(REMOTE_ADDR="198.51.100.20")
    with redis_server(tmp_path) as redis, override_settings(CACHES=redis_cache(redis.url)):
        assert client.get(reverse(LOOKUP)).status_code == 200
        redis.stop()
        with caplog.at_level(logging.WARNING, logger="eiso.core.ratelimit"):
            statuses = [client.get(reverse(LOOKUP)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429], "falls back to a local limit, never a 500"
    assert "Rate-limit cache unreachable" in caplog.text


@pytest.mark.django_db
@override_settings(EISO_PUBLIC_RATE_PER_MINUTE=3)
def test_the_limit_is_shared_through_redis_by_every_worker(tmp_path: Path) -> None:
    with redis_server(tmp_path) as redis, override_settings(CACHES=redis_cache(redis.url)):
        from django.core.cache import caches

        statuses = []
        for _ in range(4):
            caches.close_all()  # a new connection each time, as a request in another worker would have
            statuses.append(Client(REMOTE_ADDR="198.51.100.21").get(reverse(LOOKUP)).status_code)
    assert statuses == [200, 200, 200, 429]


def test_a_shared_count_is_one_redis_integer_that_expires(tmp_path: Path) -> None:
    """The count is created with its expiry and incremented in one round trip: a plain Redis integer (so
    `cache.get` reads it), gone after two windows, and counted again from 1 in the next window."""
    from django.core.cache import cache, caches
    from django.core.cache.backends.redis import RedisCache

    from eiso.core import ratelimit

    with redis_server(tmp_path) as redis, override_settings(CACHES=redis_cache(redis.url)):
        caches.close_all()
        assert [ratelimit._shared_count("rl:test:198.51.100.50:1", 120) for _ in range(3)] == [1, 2, 3]
        assert cache.get("rl:test:198.51.100.50:1") == 3
        backend = caches["default"]
        assert isinstance(backend, RedisCache)
        key = backend.make_and_validate_key("rl:test:198.51.100.50:1")
        assert 0 < backend._cache.get_client(key).ttl(key) <= 120
        assert ratelimit._shared_count("rl:test:198.51.100.50:2", 120) == 1


@pytest.mark.django_db
@override_settings(EISO_PUBLIC_RATE_PER_MINUTE=2, EISO_TRUSTED_PROXIES=["127.0.0.1"])
def test_citizens_behind_the_proxy_are_limited_one_by_one() -> None:
    def lookup(citizen: str) -> int:
        client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=citizen)
        return client.get(reverse(LOOKUP)).status_code

    assert [lookup("198.51.100.30") for _ in range(3)] == [200, 200, 429]
    assert lookup("198.51.100.31") == 200, "another citizen behind the same proxy is not blocked"


@pytest.mark.django_db
@override_settings(EISO_TRUSTED_PROXIES=["127.0.0.1"])
def test_one_attacker_behind_the_proxy_does_not_lock_out_the_real_user(personas: object) -> None:
    from eiso.core.testing import PASSWORD

    username = personas.officer.user.username  # type: ignore[attr-defined]
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(6):
        attacker.post(reverse("login"), {"username": username, "password": "wrong-password"})
    user = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.40")
    response = user.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the real user signs in from her own address"
    locked = attacker.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert locked.status_code != 302, "the attacker's address stays locked"
