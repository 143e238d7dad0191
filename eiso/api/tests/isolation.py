from typing import Any

from eiso.api.services import api_token_create
from eiso.core.models import Agency
from eiso.core.testing import make_person

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    person = make_person(agency)
    token, _ = api_token_create(person=person, name="Cổng DVC", actor=person)
    return {"api:token_revoke": {"pk": token.pk}}
