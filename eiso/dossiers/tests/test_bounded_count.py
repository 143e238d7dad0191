"""List pages count their rows only up to a limit: beyond it the page says "more than 10,000" instead of
paying an exact COUNT(*) over millions of dossiers."""

from __future__ import annotations

import copy
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eiso.core.tables import COUNT_LIMIT, BoundedPaginator
from eiso.core.testing import Personas, client_for
from eiso.dossiers.models import Dossier
from eiso.dossiers.tests.factories import make_procedure, received

pytestmark = pytest.mark.django_db


def _dossiers(p: Personas, n: int) -> None:
    first = received(make_procedure(p.agency), "2017-03-01 09:00")
    clones = []
    for number in range(n - 1):
        clone = copy.copy(first)
        clone.pk = None
        clone.code = f"C-{number:06d}"
        clones.append(clone)
    Dossier.objects.bulk_create(clones, batch_size=2000)


@pytest.mark.parametrize(
    ("rows", "count", "more"), [(0, 0, False), (3, 3, False), (4, 3, True), (9, 3, True)]
)
def test_the_count_stops_one_row_past_the_limit(
    personas: Personas, rows: int, count: int, more: bool
) -> None:
    class SmallLimit(BoundedPaginator):
        limit = 3

    if rows:
        _dossiers(personas, rows)
    query = Dossier.objects.order_by("-received_at")
    paginator = SmallLimit(query, 2, query=query)
    assert (paginator.count, paginator.more) == (count, more)
    assert paginator.num_pages == max(1, -(-count // 2))
    last = paginator.page(paginator.num_pages)
    assert last.end_index() == count
    listed = SmallLimit(list(query), 2, query=list(query))
    assert (listed.count, listed.more) == (count, more)


def test_a_list_past_the_limit_says_more_than_the_limit(personas: Personas) -> None:
    _dossiers(personas, COUNT_LIMIT + 2)
    client = client_for(personas.secretary)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("dossiers:list")).content.decode()
    of_dossiers = 'SELECT COUNT(*) FROM (SELECT "dossiers_dossier"'
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(of_dossiers)]
    assert counts and all(f"LIMIT {COUNT_LIMIT + 1}" in sql for sql in counts), counts
    assert "data-row-count-more" in page
    assert re.search(r"1–50 trên hơn 10[.,]000", page), page[:2000]
    last = client.get(reverse("dossiers:list"), {"page": 9999}).content.decode()
    assert re.search(r"9[.,]951–10[.,]000 trên hơn 10[.,]000", last)


def test_a_list_under_the_limit_gives_the_exact_count(personas: Personas) -> None:
    _dossiers(personas, 60)
    page = client_for(personas.secretary).get(reverse("dossiers:list")).content.decode()
    assert 'data-row-count="60"' in page and "data-row-count-more" not in page
    assert re.search(r"1–50 trên 60", page)
