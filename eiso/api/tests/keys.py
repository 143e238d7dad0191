"""Builders for the API tests: a client of an agency with a key of the given scopes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from eiso.api.choices import Scope
from eiso.api.models import ApiClient
from eiso.api.services import api_client_create, api_key_create
from eiso.core.models import Agency

ALL = [Scope.READ, Scope.DOSSIERS_WRITE]


def client_of(agency: Agency, name: str = "Hệ thống một cửa tỉnh") -> ApiClient:
    return ApiClient.objects.filter(agency=agency, name=name).first() or api_client_create(
        agency=agency, name=name, actor=None
    )


def key_for(
    agency: Agency, scopes: list[str] | None = None, rate: int = 600, name: str = "Hệ thống một cửa tỉnh"
) -> str:
    _key, raw = api_key_create(
        client=client_of(agency, name),
        scopes=list(scopes or ALL),
        expires_at=timezone.now() + dt.timedelta(days=30),
        rate_per_minute=rate,
        actor=None,
    )
    return raw


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}
