from typing import Any

from eiso.core.models import Agency

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    return {}
