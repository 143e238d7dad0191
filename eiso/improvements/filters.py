"""The filters of the nonconformity list and of the corrective-action log: one FilterSet each for the page,
its export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.core.filters import AgencyFilterSet, period_filters
from eiso.core.models import Division, Person
from eiso.core.search import search
from eiso.improvements.choices import CarState, NcSource
from eiso.improvements.models import CorrectiveAction, Nonconformity
from eiso.procedures.models import Procedure

OPEN_CHOICES = [("open", _("Đang theo dõi")), ("cancelled", _("Đã hủy"))]


class NonconformityFilter(AgencyFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm trong mô tả"))
    source_kind = django_filters.ChoiceFilter(
        choices=NcSource.choices, label=_("Nguồn"), empty_label=_("Mọi nguồn")
    )
    division = django_filters.ModelChoiceFilter(queryset=Division.objects.all(), label=_("Phòng"))
    procedure = django_filters.ModelChoiceFilter(
        queryset=Procedure.objects.order_by("code"), label=_("Thủ tục")
    )
    status = django_filters.ChoiceFilter(
        method="filter_status", choices=OPEN_CHOICES, label=_("Trạng thái"), empty_label=_("Tất cả")
    )
    date_from, date_to = period_filters("raised_on", _("Ghi nhận từ ngày"))

    class Meta:
        model = Nonconformity
        fields: list[str] = []

    def search(self, queryset: QuerySet[Nonconformity], name: str, value: Any) -> QuerySet[Nonconformity]:
        return search(queryset, value, "description")

    def filter_status(
        self, queryset: QuerySet[Nonconformity], name: str, value: Any
    ) -> QuerySet[Nonconformity]:
        if value == "open":
            return queryset.filter(cancelled_on__isnull=True)
        if value == "cancelled":
            return queryset.filter(cancelled_on__isnull=False)
        return queryset


class CorrectiveActionFilter(AgencyFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm theo số phiếu, nội dung"))
    state = django_filters.ChoiceFilter(
        choices=CarState.choices, label=_("Trạng thái"), empty_label=_("Mọi trạng thái")
    )
    division = django_filters.ModelChoiceFilter(
        field_name="nonconformity__division", queryset=Division.objects.all(), label=_("Phòng")
    )
    requested_by = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), label=_("Người yêu cầu"))
    overdue = django_filters.ChoiceFilter(
        method="filter_overdue", choices=[("1", _("Quá hạn"))], label=_("Thời hạn"), empty_label=_("Tất cả")
    )
    date_from, date_to = period_filters("requested_on", _("Yêu cầu từ ngày"))

    class Meta:
        model = CorrectiveAction
        fields: list[str] = []

    def search(
        self, queryset: QuerySet[CorrectiveAction], name: str, value: Any
    ) -> QuerySet[CorrectiveAction]:
        if not value:
            return queryset
        return search(queryset, value, "number", "nonconformity__description")

    def filter_overdue(
        self, queryset: QuerySet[CorrectiveAction], name: str, value: Any
    ) -> QuerySet[CorrectiveAction]:
        if value != "1":
            return queryset
        done = [CarState.CLOSED, CarState.CANCELLED, CarState.FORWARDED]
        return queryset.filter(due_on__lt=timezone.localdate()).exclude(state__in=done)
