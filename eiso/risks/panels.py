"""The risk register card of the dashboard."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from eiso.risks.selectors import risk_summary


def risk_panel(request: HttpRequest) -> dict[str, Any] | None:
    agency = getattr(request, "agency", None)
    if agency is None:
        return None
    return {"summary": risk_summary(agency=agency, as_of=timezone.localdate())}
