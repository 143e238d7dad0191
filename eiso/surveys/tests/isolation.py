from typing import Any

from eiso.core.models import Agency

# The public survey pages take the agency's short code: anyone may open them, by design.
PUBLIC: set[str] = {"portal:survey_form", "portal:survey_thanks"}


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    return {}
