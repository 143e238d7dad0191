"""The filters of the risk register: one FilterSet for the page, its export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eiso.core.filters import AgencyFilterSet, period_filters
from eiso.core.models import Division, Person
from eiso.core.search import search
from eiso.risks.choices import RiskKind, RiskLevel, RiskStatus
from eiso.risks.models import Risk


class RiskFilter(AgencyFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm theo mã, mô tả"))
    kind = django_filters.ChoiceFilter(
        choices=RiskKind.choices, label=_("Loại"), empty_label=_("Rủi ro và cơ hội")
    )
    level = django_filters.ChoiceFilter(choices=RiskLevel.choices, label=_("Mức"), empty_label=_("Mọi mức"))
    status = django_filters.ChoiceFilter(
        choices=RiskStatus.choices, label=_("Trạng thái"), empty_label=_("Mọi trạng thái")
    )
    division = django_filters.ModelChoiceFilter(queryset=Division.objects.all(), label=_("Phòng"))
    owner = django_filters.ModelChoiceFilter(
        queryset=Person.objects.filter(is_active=True), label=_("Người phụ trách")
    )
    date_from, date_to = period_filters("identified_on", _("Nhận diện từ ngày"))

    class Meta:
        model = Risk
        fields: list[str] = []

    def search(self, queryset: QuerySet[Risk], name: str, value: Any) -> QuerySet[Risk]:
        return search(queryset, value, "code", "description")
