"""The filters of the dossier list, as one FilterSet shared by the list page, its export and the API.

`as_of` (the date each dossier's timeliness is judged at) is the end of the period when it has passed,
else today, as on the list page; every row is annotated with `timeliness`. Procedures and divisions are
named by their codes (the page offers the agency's as choices; the API takes any code).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from eiso.core.filters import AgencyFilterSet, period_filters
from eiso.core.models import Division
from eiso.dossiers.choices import DossierStatus, Timeliness
from eiso.dossiers.models import Dossier
from eiso.dossiers.selectors import timeliness_expression
from eiso.procedures.models import Procedure

BLANK = ("", "---------")


class DossierFilter(AgencyFilterSet):
    date_from, date_to = period_filters("received_on", _("Tiếp nhận từ ngày"))
    procedure = django_filters.CharFilter(field_name="procedure__code", label=_("Thủ tục"))
    division = django_filters.CharFilter(field_name="division__code", label=_("Phòng"))
    # A plain choice filter, so that the list offers "every status" first (a typed one has no empty choice
    # and showed the first status as if it were chosen, while the list held every status).
    status = django_filters.ChoiceFilter(
        choices=DossierStatus.choices, label=_("Trạng thái"), empty_label=_("Mọi trạng thái")
    )
    timeliness = django_filters.ChoiceFilter(
        choices=Timeliness.choices, method="filter_timeliness", label=_("Tình trạng")
    )
    q = django_filters.CharFilter(field_name="code", lookup_expr="icontains", label=_("Mã hồ sơ"))
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", widget=forms.HiddenInput
    )

    class Meta:
        model = Dossier
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["procedure"].extra["widget"] = forms.Select(
            choices=CallableChoiceIterator(lambda: self._procedures)
        )
        self.filters["division"].extra["widget"] = forms.Select(
            choices=CallableChoiceIterator(lambda: self._divisions)
        )

    @cached_property
    def _procedures(self) -> list[tuple[str, str]]:
        rows = Procedure.objects.filter(agency=self.agency).order_by("code").values_list("code", "name")
        return [BLANK, *((code, f"{code} — {name[:60]}") for code, name in rows)]

    @cached_property
    def _divisions(self) -> list[tuple[str, str]]:
        rows = (
            Division.objects.filter(agency=self.agency).order_by("order", "name").values_list("code", "name")
        )
        return [BLANK, *rows]

    @property
    def as_of(self) -> dt.date:
        today = timezone.localdate()
        date_to = self.cleaned.get("date_to")
        return min(today, date_to) if date_to else today

    def filter_queryset(self, queryset: QuerySet[Dossier]) -> QuerySet[Dossier]:
        queryset = queryset.annotate(timeliness=timeliness_expression(self.as_of))
        return super().filter_queryset(queryset)

    def filter_timeliness(self, queryset: QuerySet[Dossier], name: str, value: Any) -> QuerySet[Dossier]:
        return queryset.filter(timeliness=value) if value else queryset  # type: ignore[misc]
