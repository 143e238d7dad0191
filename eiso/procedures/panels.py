"""The procedures module's dashboard panel: how many in-scope TTHC and processes are published today."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from eiso.procedures.selectors import publication_summary


def publication_panel(request: HttpRequest) -> dict[str, Any] | None:
    agency = getattr(request, "agency", None)
    if agency is None:
        return None
    as_of = timezone.localdate()
    return {"summary": publication_summary(agency, as_of), "as_of": as_of}
