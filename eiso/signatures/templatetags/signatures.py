"""`{% signature_status record %}`: the latest signature verification of a record's uploaded PDF, and
`{% signed_state record kind %}`: whether an issued record carries its signed PDF or says it is unsigned."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from eiso.signatures import selectors, services

register = template.Library()


@register.inclusion_tag("signatures/_status.html")
def signature_status(record: models.Model) -> dict[str, Any]:
    agency = getattr(record, "agency", None) or getattr(getattr(record, "document", None), "agency", None)
    verification = None
    if agency is not None and record.pk:
        verification = selectors.verifications_of(agency, record._meta.label_lower, record.pk).first()
    return {"verification": verification, "result": verification.signatures if verification else None}


@register.inclusion_tag("signatures/_signed.html")
def signed_state(record: models.Model, kind: str) -> dict[str, Any]:
    return {"signed": services.signed_file_for(record, kind)}
