from typing import Any

from eiso.core.models import Agency
from eiso.dossiers.tests.factories import make_procedure, received

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    procedure = make_procedure(agency, code="ISO-WALK")
    dossier = received(procedure, "2017-03-02 09:15", code="WALK-1")
    return {
        "dossiers:detail": {"pk": dossier.pk},
        "dossiers:action": {"pk": dossier.pk, "action": "resolve"},
        "dossiers:print": {"pk": dossier.pk, "form": "tiep-nhan"},
    }
