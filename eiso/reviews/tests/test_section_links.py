"""Every link a review section declares resolves and opens for a reader of the agency (a wrong URL name
used to make the link vanish silently)."""

from typing import Any

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.reviews.sections import SECTIONS, section_links
from eiso.reviews.sections.base import Section

FROM_RECORDS = {"changes", "objectives", "satisfaction", "dossiers", "procedures", "internal_audit"}
FROM_RECORDS |= {"nonconformities", "documents", "risks", "external_providers"}


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_every_declared_link_of_a_section_resolves_and_opens(
    personas: Personas, section: Section[Any]
) -> None:
    client = client_for(personas.viewer)
    for name in section.links:
        response = client.get(reverse(name))
        assert response.status_code == 200, name


def test_every_section_compiled_from_records_links_to_them() -> None:
    assert {s.key for s in SECTIONS if s.links} == FROM_RECORDS
    assert section_links("satisfaction") == [reverse("surveys:results"), reverse("improvements:nc_list")]
    assert section_links("no-longer-compiled") == []


def test_section_keys_are_unique_and_every_9_3_2_input_is_covered() -> None:
    keys = [s.key for s in SECTIONS]
    assert len(keys) == len(set(keys))
    clauses = {part for s in SECTIONS for part in s.clause.split("/")}
    assert {"a", "b", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "d", "e", "f"} <= clauses
