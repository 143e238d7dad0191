"""API tokens: an agency's machine clients act as one staff member, identified by a hashed bearer key."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Person, TimeStampedModel


class ApiToken(TimeStampedModel):
    """A bearer key for the JSON API; only its SHA-256 digest is stored, the key is shown once."""

    person = models.ForeignKey(
        Person, verbose_name=_("thay mặt cán bộ"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên ứng dụng"), max_length=100)
    prefix = models.CharField(_("tiền tố khóa"), max_length=8, db_index=True)
    digest = models.CharField(_("mã băm khóa"), max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    agency_path: ClassVar[str] = "person__agency"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
