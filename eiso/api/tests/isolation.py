from typing import Any

from eiso.api.tests.keys import client_of, key_for
from eiso.core.models import Agency
from eiso.dossiers.tests.factories import make_procedure, received

PUBLIC: set[str] = {"api:docs", "api:api-v1:openapi-json"}


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    key_for(agency)
    key = client_of(agency).keys.get()
    procedure = make_procedure(agency, code="ISO.API.1")
    dossier = received(procedure, "2017-03-02 09:15", code=f"{agency.code}-API-1")
    return {
        "api:key_revoke": {"pk": key.pk},
        "api:api-v1:dossier_get": {"code": dossier.code},
        "api:api-v1:dossier_event": {"code": dossier.code},
    }
