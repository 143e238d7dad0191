"""Writes of the API area: clients (service identities), their keys, and remembered idempotent results."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.api.choices import Scope
from eiso.api.models import ApiClient, ApiKey, IdempotencyRecord
from eiso.core.models import Agency, Person
from eiso.core.services import event_record

KEY_PREFIX = "eiso_"
IDEMPOTENCY_HOURS = 24


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_client_create(*, agency: Agency, name: str, actor: Person | None) -> ApiClient:
    """A system of the agency that calls the API, with the inactive identity its writes are recorded as."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Cần nhập tên hệ thống.")}, code="required")
    if ApiClient.objects.filter(agency=agency, name=name).exists():
        raise ValidationError({"name": _("Đã có hệ thống tên “{name}”.").format(name=name)}, code="duplicate")
    user = get_user_model().objects.create_user(username=f"api-{uuid.uuid4().hex[:20]}", is_active=False)
    identity = Person.objects.create(
        user=user, agency=agency, full_name=name, title=_("Hệ thống kết nối qua API"), is_active=False
    )
    client = ApiClient.objects.create(agency=agency, name=name, identity=identity)
    event_record(agency=agency, actor=actor, verb="api_client.created", target=client)
    return client


@transaction.atomic
def api_key_create(
    *,
    client: ApiClient,
    scopes: list[str],
    expires_at: dt.datetime,
    actor: Person | None,
    rate_per_minute: int = 600,
) -> tuple[ApiKey, str]:
    """A key of `client`; returns the key and the raw secret, which is never stored (only its digest)."""
    unknown = set(scopes) - set(Scope.values)
    if not scopes or unknown:
        raise ValidationError({"scopes": _("Cần chọn ít nhất một phạm vi hợp lệ.")}, code="scopes")
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Thời hạn của khóa phải ở tương lai.")}, code="expired")
    if rate_per_minute < 1:
        raise ValidationError({"rate_per_minute": _("Giới hạn phải lớn hơn 0.")}, code="rate")
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        client=client,
        prefix=raw[len(KEY_PREFIX) : len(KEY_PREFIX) + 8],
        digest=digest_of(raw),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        rate_per_minute=rate_per_minute,
    )
    event_record(
        agency=client.agency, actor=actor, verb="api_key.created", target=key, data={"scopes": key.scopes}
    )
    return key, raw


@transaction.atomic
def api_key_revoke(*, key: ApiKey, actor: Person | None) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at", "updated_at"])
        event_record(agency=key.client.agency, actor=actor, verb="api_key.revoked", target=key)
    return key


def api_key_authenticate(*, raw: str, address: str | None) -> ApiKey | None:
    """The live key with this secret (not revoked, not expired), its last use recorded; else None."""
    now = timezone.now()
    key = (
        ApiKey.objects.select_related("client__agency", "client__identity__user")
        .filter(digest=digest_of(raw), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if key is None:
        return None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=now, last_used_address=address)
    return key


def request_fingerprint(*, method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


def idempotent_result(*, client: ApiClient, key: str) -> IdempotencyRecord | None:
    """The remembered result of `key`, if it is younger than IDEMPOTENCY_HOURS (older ones are dropped)."""
    cutoff = timezone.now() - dt.timedelta(hours=IDEMPOTENCY_HOURS)
    IdempotencyRecord.objects.filter(client=client, key=key, created_at__lt=cutoff).delete()
    return IdempotencyRecord.objects.filter(client=client, key=key).first()


def idempotent_remember(
    *, client: ApiClient, key: str, fingerprint: str, status: int, body: dict[str, Any]
) -> IdempotencyRecord:
    """Call inside the write's transaction: a concurrent twin then fails on the unique key and replays."""
    return IdempotencyRecord.objects.create(
        client=client, key=key, fingerprint=fingerprint, status=status, body=body
    )
