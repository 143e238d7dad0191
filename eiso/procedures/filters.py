"""The filters of the procedure catalogue: one FilterSet for the page, its export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eiso.core.filters import AgencyFilterSet, date_input
from eiso.core.search import search
from eiso.procedures import selectors
from eiso.procedures.models import Procedure


def _flag(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value or "")


class ProcedureFilter(AgencyFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm theo mã hoặc tên"))
    field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), empty_label=_("Tất cả lĩnh vực"))
    published = django_filters.ChoiceFilter(
        method="filter_published",
        label=_("Công khai"),
        empty_label=_("Tất cả"),
        choices=[("1", _("Đã công khai")), ("0", _("Chưa công khai"))],
    )
    in_scope = django_filters.ChoiceFilter(
        method="filter_in_scope",
        label=_("Phạm vi HTQLCL"),
        empty_label=_("Tất cả"),
        choices=[("1", _("Thuộc phạm vi")), ("0", _("Ngoài phạm vi"))],
    )
    as_of = django_filters.DateFilter(method="keep", label=_("Công khai tính đến ngày"), widget=date_input())

    class Meta:
        model = Procedure
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = selectors.procedure_fields(agency=self.agency)
        self.filters["field"].extra["choices"] = [(f, f) for f in sorted(fields)]

    def search(self, queryset: QuerySet[Procedure], name: str, value: Any) -> QuerySet[Procedure]:
        return search(queryset, value, "code", "name")

    def filter_published(self, queryset: QuerySet[Procedure], name: str, value: Any) -> QuerySet[Procedure]:
        published = _flag(value)
        if published is None:
            return queryset
        condition = selectors.published_q(self.cleaned.get("as_of"))
        return queryset.filter(condition) if published else queryset.exclude(condition)

    def keep(self, queryset: QuerySet[Procedure], name: str, value: Any) -> QuerySet[Procedure]:
        return queryset  # the date the publication is judged at, read by `filter_published`

    def filter_in_scope(self, queryset: QuerySet[Procedure], name: str, value: Any) -> QuerySet[Procedure]:
        in_scope = _flag(value)
        return queryset if in_scope is None else queryset.filter(in_scope=in_scope)
