"""No page offers an action its user will be refused: buttons follow the `can_<action>` predicates."""

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for

pytestmark = pytest.mark.django_db


def test_a_reader_is_not_offered_paper_survey_entry(personas: Personas) -> None:
    url = reverse("surveys:results")
    entry = reverse("surveys:paper_entry")
    assert entry not in client_for(personas.viewer).get(url).content.decode()
    assert client_for(personas.viewer).get(entry).status_code == 403
    assert entry in client_for(personas.officer).get(url).content.decode()
