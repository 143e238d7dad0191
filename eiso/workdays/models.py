"""The working calendar's data: national and agency overrides of the public-holiday package, office hours."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, TimeStampedModel
from eiso.workdays.choices import OverrideKind

DEFAULT_MORNING = (dt.time(7, 0), dt.time(11, 30))
DEFAULT_AFTERNOON = (dt.time(13, 30), dt.time(17, 0))


class CalendarOverride(TimeStampedModel):
    """A day that differs from "Monday–Friday minus the `holidays` package's VN holidays".

    Without an agency it is a national rule for every agency (e.g. a make-up Saturday announced by the
    Government); with an agency it applies to that agency only and wins over a national row of the same date.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        on_delete=models.CASCADE,
        related_name="calendar_overrides",
        null=True,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi cơ quan (quy định chung của Nhà nước)."),
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=16, choices=OverrideKind.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    legal_reference = models.CharField(_("căn cứ"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "agency"]
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        constraints = [
            models.UniqueConstraint(fields=["agency", "date"], name="calendar_override_unique_per_agency"),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(agency__isnull=True),
                name="calendar_override_unique_national",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=OverrideKind.values), name="calendar_override_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"


class OfficeHours(TimeStampedModel):
    """The agency's office hours, used for limits in working hours and for the due time of day limits."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="office_hours"
    )
    morning_start = models.TimeField(_("sáng từ"), default=DEFAULT_MORNING[0])
    morning_end = models.TimeField(_("sáng đến"), default=DEFAULT_MORNING[1])
    afternoon_start = models.TimeField(_("chiều từ"), default=DEFAULT_AFTERNOON[0])
    afternoon_end = models.TimeField(_("chiều đến"), default=DEFAULT_AFTERNOON[1])
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency"]
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(morning_start__lt=models.F("morning_end"))
                & models.Q(morning_end__lte=models.F("afternoon_start"))
                & models.Q(afternoon_start__lt=models.F("afternoon_end")),
                name="office_hours_in_order",
            )
        ]

    def __str__(self) -> str:
        return _("Giờ làm việc: {ms}–{me}, {as_}–{ae}").format(
            ms=f"{self.morning_start:%H:%M}",
            me=f"{self.morning_end:%H:%M}",
            as_=f"{self.afternoon_start:%H:%M}",
            ae=f"{self.afternoon_end:%H:%M}",
        )

    def periods(self) -> list[tuple[dt.time, dt.time]]:
        return [(self.morning_start, self.morning_end), (self.afternoon_start, self.afternoon_end)]


class WorkdayNumber(models.Model):
    """Every date of an agency's calendar with its running working-day number (a derived table).

    `number` counts the working days up to and including `day`, so "the N-th working day after D" is the
    working day numbered number(D) + N: one indexed lookup, which lets a set-based import compute a million
    due dates in SQL. Rebuilt from `eiso.workdays.calendar` by `services.workday_table_refresh` whenever the
    agency's calendar changes (its fingerprint is kept in `WorkdayTable`).
    """

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    number = models.PositiveIntegerField(_("số thứ tự ngày làm việc"))
    working = models.BooleanField(_("ngày làm việc"))

    class Meta:
        verbose_name = _("số thứ tự ngày làm việc")
        verbose_name_plural = _("số thứ tự ngày làm việc")
        constraints = [
            # number(D) of a start date D: the import's join on (agency, day).
            models.UniqueConstraint(fields=["agency", "day"], name="workday_number_unique_day"),
            # the day numbered number(D) + N: the import's join on (agency, number) among working days.
            models.UniqueConstraint(
                fields=["agency", "number"],
                condition=models.Q(working=True),
                name="workday_number_unique_working",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} #{self.number}"


class WorkdayTable(models.Model):
    """Which calendar the agency's `WorkdayNumber` rows were built from, and the dates they cover."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="+"
    )
    fingerprint = models.CharField(_("dấu vân lịch"), max_length=255)
    first_day = models.DateField(_("từ ngày"))
    last_day = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("bảng ngày làm việc")
        verbose_name_plural = _("bảng ngày làm việc")

    def __str__(self) -> str:
        return f"{self.first_day:%d/%m/%Y}–{self.last_day:%d/%m/%Y}"
