"""The filters of the survey pages: one FilterSet for the results page, the responses list and their exports.

The period defaults to the current year to date, as the results page always did.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.core.filters import AgencyFilterSet, date_input
from eiso.core.models import Division
from eiso.procedures.models import Procedure
from eiso.surveys.choices import Channel
from eiso.surveys.models import SurveyResponse
from eiso.surveys.selectors import SATISFIED


class SurveyPeriodFilter(AgencyFilterSet):
    date_from = django_filters.DateFilter(
        field_name="period", lookup_expr="gte", label=_("Từ ngày"), widget=date_input()
    )
    date_to = django_filters.DateFilter(
        field_name="period", lookup_expr="lte", label=_("Đến ngày"), widget=date_input()
    )
    procedure = django_filters.ModelChoiceFilter(
        queryset=Procedure.objects.order_by("code"), label=_("Thủ tục")
    )
    division = django_filters.ModelChoiceFilter(queryset=Division.objects.all(), label=_("Phòng"))

    class Meta:
        model = SurveyResponse
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        today = timezone.localdate()
        data = data.copy() if data is not None else QueryDict(mutable=True)
        for name, default in (("date_from", dt.date(today.year, 1, 1)), ("date_to", today)):
            if not data.get(name):
                data[name] = default.isoformat()
        super().__init__(data, *args, **kwargs)

    @property
    def values(self) -> dict[str, Any]:
        """The survey selectors' arguments: the period (its default when mistyped), procedure, division."""
        today = timezone.localdate()
        cleaned = self.cleaned
        values: dict[str, Any] = {
            "date_from": cleaned.get("date_from") or dt.date(today.year, 1, 1),
            "date_to": cleaned.get("date_to") or today,
        }
        for key in ("procedure", "division"):
            if cleaned.get(key):
                values[key] = cleaned[key]
        return values


class SurveyResponseFilter(SurveyPeriodFilter):
    satisfied = django_filters.ChoiceFilter(
        method="filter_satisfied",
        label=_("Hài lòng"),
        empty_label=_("Tất cả"),
        choices=[("1", _("Hài lòng")), ("0", _("Chưa hài lòng"))],
    )
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Kênh"), empty_label=_("Mọi kênh"))

    def filter_satisfied(
        self, queryset: QuerySet[SurveyResponse], name: str, value: Any
    ) -> QuerySet[SurveyResponse]:
        if value == "1":
            return queryset.filter(SATISFIED)
        if value == "0":
            return queryset.filter(overall__isnull=False).exclude(SATISFIED)
        return queryset
