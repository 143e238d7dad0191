"""The filters of the audit findings list: one FilterSet for the page and its export."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eiso.audits.choices import FindingKind
from eiso.audits.models import Audit, Finding
from eiso.core.filters import AgencyFilterSet, period_filters
from eiso.core.models import Division, Person
from eiso.core.search import search

STATUS_CHOICES = [("open", _("Còn hiệu lực")), ("cancelled", _("Đã hủy"))]


class FindingFilter(AgencyFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm trong nội dung, điều khoản"))
    kind = django_filters.ChoiceFilter(
        choices=FindingKind.choices, label=_("Loại phát hiện"), empty_label=_("Tất cả")
    )
    audit = django_filters.ModelChoiceFilter(
        queryset=Audit.objects.order_by("-starts_on"), label=_("Cuộc đánh giá")
    )
    division = django_filters.ModelChoiceFilter(queryset=Division.objects.all(), label=_("Phòng"))
    auditor = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), label=_("Chuyên gia đánh giá"))
    status = django_filters.ChoiceFilter(
        method="filter_status", choices=STATUS_CHOICES, label=_("Trạng thái"), empty_label=_("Tất cả")
    )
    date_from, date_to = period_filters("found_on", _("Phát hiện từ ngày"))

    class Meta:
        model = Finding
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        auditors = self.filters["auditor"]
        auditors.queryset = auditors.queryset.filter(findings__isnull=False).distinct()

    def search(self, queryset: QuerySet[Finding], name: str, value: Any) -> QuerySet[Finding]:
        return search(queryset, value, "description", "clause") if value else queryset

    def filter_status(self, queryset: QuerySet[Finding], name: str, value: Any) -> QuerySet[Finding]:
        if value in ("open", "cancelled"):
            return queryset.filter(cancelled_on__isnull=value == "open")
        return queryset
