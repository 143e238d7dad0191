"""Every source reads its module's selector directly, and every link a source declares resolves and opens
for a reader, whatever the indicator's scope."""

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from eiso.core.testing import Personas, client_for
from eiso.dossiers.tests.factories import make_procedure
from eiso.objectives.choices import Scope
from eiso.objectives.sources import get_source, source_choices
from eiso.objectives.tests.factories import make_indicator

pytestmark = pytest.mark.django_db
SOURCES = [key for key, _label in source_choices()]
WITH_LINK = {"dossiers_on_time_rate", "dossiers_early_rate", "procedures_published_rate"}
WITH_LINK |= {"satisfaction_rate", "satisfaction_rate_identified", "manual"}


def test_the_registry_holds_the_sources_of_every_module_below_objectives() -> None:
    assert set(SOURCES) == WITH_LINK | {"corrective_actions_closed_on_time_rate", "documents_reviewed_rate"}


@pytest.mark.parametrize("scope", [Scope.AGENCY, Scope.DIVISION, Scope.PROCEDURE])
@pytest.mark.parametrize("key", SOURCES)
def test_every_declared_link_resolves_and_opens(personas: Personas, key: str, scope: str) -> None:
    fields: dict[str, Any] = {"scope": scope}
    if scope == Scope.DIVISION:
        fields["scope_division"] = personas.office
    if scope == Scope.PROCEDURE:
        fields["scope_procedure"] = make_procedure(personas.agency)
    indicator = make_indicator(personas.agency, key, **fields)
    source = get_source(key)
    assert source is not None
    if source.link is None:
        assert key not in WITH_LINK
        return
    link = source.link(indicator, dt.date(2017, 1, 1), dt.date(2017, 8, 1))
    assert link is not None
    resolve(urlsplit(link).path)
    assert client_for(personas.viewer).get(link).status_code == 200
