"""Walks every URL of the site as a user of agency A against objects of agency B: all must be 403/404.

To cover a new URL that takes arguments, add it to your app's tests/isolation.py.
"""

import importlib
import importlib.util
from typing import Any

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from eiso.core.testing import Personas, client_for

IGNORED_NAMESPACES = {"admin"}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace not in IGNORED_NAMESPACES:
                found.extend(_named_patterns(entry, inner))
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


def _patterns_with_arguments() -> list[str]:
    return sorted(name for name, p in _named_patterns(get_resolver()) if p.pattern.regex.groups)


def _providers() -> list[Any]:
    modules = []
    for app in settings.EISO_APPS:
        if importlib.util.find_spec(f"{app}.tests.isolation") is not None:
            modules.append(importlib.import_module(f"{app}.tests.isolation"))
    return modules


@pytest.mark.django_db
def test_every_url_refuses_objects_of_another_agency(personas: Personas) -> None:
    from django.urls import reverse

    kwargs_by_name: dict[str, dict[str, Any]] = {}
    public: set[str] = set()
    for provider in _providers():
        kwargs_by_name.update(provider.url_kwargs(personas.other_agency))
        public |= set(getattr(provider, "PUBLIC", set()))

    uncovered = [n for n in _patterns_with_arguments() if n not in kwargs_by_name and n not in public]
    assert not uncovered, f"add these URLs to an app's tests/isolation.py: {uncovered}"

    client = client_for(personas.secretary)
    leaks = []
    for name, kwargs in kwargs_by_name.items():
        if name in public:
            continue
        url = reverse(name, kwargs=kwargs)
        for method, allowed in (("get", {403, 404, 405}), ("post", {403, 404})):
            status = getattr(client, method)(url).status_code
            if status not in allowed:
                leaks.append(f"{method.upper()} {url} -> {status}")
    assert not leaks, leaks


@pytest.mark.django_db
def test_the_walk_would_see_a_leak(personas: Personas) -> None:
    """The same request as the owner's own user succeeds, so a 404 above means isolation, not a broken URL."""
    from django.urls import reverse

    from eiso.core.tests.isolation import url_kwargs

    kwargs = url_kwargs(personas.agency)["core:history"]
    response = client_for(personas.secretary).get(reverse("core:history", kwargs=kwargs))
    assert response.status_code == 200
