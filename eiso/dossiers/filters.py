"""The filters of the dossier list, as one FilterSet shared by the list page and the API.

`as_of` (the date each dossier's timeliness is judged at) is the end of the period when it has passed,
else today, as on the list page; every row is annotated with `timeliness`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.dossiers.choices import DossierStatus, Timeliness
from eiso.dossiers.models import Dossier
from eiso.dossiers.selectors import timeliness_expression


class DossierFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("Tiếp nhận từ ngày")
    )
    date_to = django_filters.DateFilter(field_name="received_on", lookup_expr="lte", label=_("đến ngày"))
    procedure = django_filters.CharFilter(field_name="procedure__code", label=_("Thủ tục"))
    division = django_filters.CharFilter(field_name="division__code", label=_("Phòng"))
    status = django_filters.TypedChoiceFilter(
        choices=DossierStatus.choices, coerce=int, label=_("Trạng thái")
    )
    timeliness = django_filters.ChoiceFilter(
        choices=Timeliness.choices, method="filter_timeliness", label=_("Tình trạng")
    )
    q = django_filters.CharFilter(field_name="code", lookup_expr="icontains", label=_("Mã hồ sơ"))
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Dossier
        fields: list[str] = []

    @property
    def as_of(self) -> dt.date:
        today = timezone.localdate()
        date_to = self.form.cleaned_data.get("date_to") if self.form.is_valid() else None
        return min(today, date_to) if date_to else today

    def filter_queryset(self, queryset: QuerySet[Dossier]) -> QuerySet[Dossier]:
        queryset = queryset.annotate(timeliness=timeliness_expression(self.as_of))
        return super().filter_queryset(queryset)

    def filter_timeliness(self, queryset: QuerySet[Dossier], name: str, value: Any) -> QuerySet[Dossier]:
        return queryset.filter(timeliness=value) if value else queryset  # type: ignore[misc]
