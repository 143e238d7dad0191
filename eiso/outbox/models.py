"""Outgoing e-mail kept until the mail server has accepted it."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One e-mail to send. Every mail the application sends is stored here first (the outbox e-mail
    backend), in the transaction that produced it, and the sender delivers it with retries: an SMTP
    outage delays mail but never loses it."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.SET_NULL
    )
    subject = models.CharField(_("tiêu đề"), max_length=998)
    body = models.TextField(_("nội dung"), blank=True)
    html_body = models.TextField(_("nội dung HTML"), blank=True)
    from_email = models.CharField(_("người gửi"), max_length=320)
    to = models.JSONField(_("người nhận"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)

    agency_path: ClassVar[str] = "agency"

    class Meta:
        verbose_name = _("thư đi")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="outbox_pending_idx")]

    def __str__(self) -> str:
        return self.subject
