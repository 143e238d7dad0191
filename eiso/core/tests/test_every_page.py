"""Every staff page without arguments renders for the demo's ISO secretary, within a query budget.

A smoke test over the whole site on realistic data: a page that breaks, loads a whole table row by
row (N+1 queries), or forgets to paginate shows up here.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eiso.core.models import Person
from eiso.core.tests.test_isolation import _named_patterns

QUERY_BUDGET = 60
SKIPPED = {"logout", "set_language"}
PUBLIC_NAMESPACES = ("portal:",)
# Pages meant for someone other than the ISO secretary, and pages that need a query string.
VIEWER = {"reports:province": "skhcn", "staff:agency_create": "skhcn"}
QUERY = {"dossiers:stat_list": "?bucket=resolved_total&date_from=2017-01-01&date_to=2017-12-31"}


def _pages_without_arguments() -> list[str]:
    from django.urls import get_resolver

    return sorted(
        name
        for name, pattern in _named_patterns(get_resolver())
        if not pattern.pattern.regex.groups and name not in SKIPPED
    )


@pytest.fixture(scope="module")
def demo_db(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once for this module inside a transaction that is rolled back afterwards,
    so no other test module ever sees it (each test runs in a savepoint within it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("url_name", _pages_without_arguments())
def test_page_renders_for_its_user_within_the_query_budget(
    url_name: str, language: str, demo_db: None
) -> None:
    person = Person.objects.get(user__username=VIEWER.get(url_name, "thuky"))
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if not url_name.startswith(PUBLIC_NAMESPACES):
        assert person.user is not None
        client.force_login(person.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(url_name) + QUERY.get(url_name, ""))
    assert response.status_code in (200, 302, 405), f"{url_name}: {response.status_code}"
    assert len(queries) <= QUERY_BUDGET, f"{url_name}: {len(queries)} queries"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert f'lang="{language}"' in response.content.decode()
