"""Background work: long jobs with their progress, and the heartbeats of the periodic work."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Không thành công")


class Job(models.Model):
    """A long piece of work a person started (a large import, a province-wide export): it runs outside the
    request, on the Celery worker in production or on a thread of the web process in the embedded default,
    and reports its progress to the page the person is looking at."""

    agency = models.ForeignKey("core.Agency", verbose_name=_("cơ quan"), on_delete=models.CASCADE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(_("loại việc"), max_length=64)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    input_file = models.FileField(_("tệp đầu vào"), upload_to="jobs/", blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveBigIntegerField(_("đã xử lý"), default=0)
    total = models.PositiveBigIntegerField(_("tổng số"), null=True, blank=True)
    message = models.TextField(_("thông báo"), blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    output_file = models.FileField(_("tệp kết quả"), upload_to="jobs/", blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    runner = models.CharField(_("tiến trình chạy"), max_length=300, blank=True)

    agency_path: ClassVar[str] = "agency"

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(self.done * 100 / self.total))

    @property
    def finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}


class Heartbeat(models.Model):
    """The last time a periodic piece of work ran (the worker's heartbeat, the daily reminders)."""

    name = models.CharField(_("tên"), max_length=64, unique=True)
    at = models.DateTimeField(_("lúc"))
    detail = models.CharField(_("chi tiết"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhịp hoạt động")
        verbose_name_plural = _("nhịp hoạt động")

    def __str__(self) -> str:
        return self.name
