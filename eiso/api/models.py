"""API clients: service identities of an agency (e.g. the provincial one-stop system), their scoped,
expiring keys (stored as digests), and the remembered results of idempotent requests."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Person, TimeStampedModel


class ApiClient(TimeStampedModel):
    """A system of the agency that calls the API (not a person).

    Writes through the API need an actor for the domain events, the dossier timeline and the field history;
    `identity` is the client's own staff record for that purpose: no roles, no password, never active, named
    after the client, so every record it touches shows "Hệ thống một cửa tỉnh" as who did it.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="api_clients"
    )
    name = models.CharField(_("tên hệ thống"), max_length=100)
    identity = models.OneToOneField(
        Person, verbose_name=_("danh tính ghi nhận"), on_delete=models.PROTECT, related_name="api_client"
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "agency"

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("hệ thống kết nối API")
        verbose_name_plural = _("hệ thống kết nối API")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="api_client_name_unique_per_agency")
        ]

    def __str__(self) -> str:
        return self.name


class ApiKey(TimeStampedModel):
    """A bearer key of a client: shown once, only its SHA-256 digest is stored; scoped and expiring."""

    client = models.ForeignKey(
        ApiClient, verbose_name=_("hệ thống"), on_delete=models.CASCADE, related_name="keys"
    )
    prefix = models.CharField(_("tiền tố khóa"), max_length=8, db_index=True)
    digest = models.CharField(_("mã băm khóa"), max_length=64, unique=True)
    scopes = models.JSONField(_("phạm vi"), default=list)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    rate_per_minute = models.PositiveIntegerField(_("số yêu cầu tối đa mỗi phút"), default=600)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    last_used_address = models.GenericIPAddressField(_("địa chỉ dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at", "last_used_address"])

    agency_path: ClassVar[str] = "client__agency"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        constraints = [
            models.CheckConstraint(condition=models.Q(rate_per_minute__gte=1), name="api_key_rate_positive")
        ]

    def __str__(self) -> str:
        return f"{self.client.name} ({self.prefix}…)"


class IdempotencyRecord(models.Model):
    """The response of a write made with an `Idempotency-Key`, replayed when the same request comes again."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    agency_path: ClassVar[str] = "client__agency"

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_unique")]

    def __str__(self) -> str:
        return self.key
