"""The base of every list's FilterSet: one set of filters shared by the page, its export and the API.

A list's FilterSet acts in one agency: its choices of divisions, procedures, people… offer only that
agency's rows (`scoped`), and its form carries the Bootstrap classes of every other form.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_filters import DateFilter

from eiso.core.access import scoped
from eiso.core.forms import BootstrapFormMixin
from eiso.core.models import Agency, Notification

YES_NO = [("1", "✓"), ("0", "✗")]


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def period_filters(field: str, label_from: str | Promise) -> tuple[DateFilter, DateFilter]:
    """`date_from, date_to = period_filters("raised_on", _("Ghi nhận từ ngày"))`: a list's period, both ends
    included, typed as dd/mm/yyyy."""
    return (
        DateFilter(field_name=field, lookup_expr="gte", label=label_from, widget=date_input()),
        DateFilter(field_name=field, lookup_expr="lte", label=_("đến ngày"), widget=date_input()),
    )


class AgencyFilterSet(django_filters.FilterSet):
    """Filters of a list in `agency`; model choice filters are scoped to it."""

    def __init__(
        self, data: Any = None, queryset: QuerySet[Any] | None = None, *, agency: Agency, **kwargs: Any
    ):
        self.agency = agency
        super().__init__(data, queryset, **kwargs)
        for item in self.filters.values():
            model_choice = django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter
            if isinstance(item, model_choice) and isinstance(item.queryset, QuerySet):
                item.queryset = scoped(item.queryset, agency)

    def get_form_class(self) -> type[forms.Form]:
        base = super().get_form_class()
        return type(base.__name__, (BootstrapFormMixin, base), {})

    @property
    def cleaned(self) -> dict[str, Any]:
        """The valid filters typed (an invalid one is left out, as it is when filtering)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {})


class NotificationFilter(AgencyFilterSet):
    """A person's notifications: by kind (the start of the key, chosen on the page's tabs), read or not, and
    when they came."""

    kind = django_filters.CharFilter(method="filter_kind", widget=forms.HiddenInput)
    unread = django_filters.ChoiceFilter(
        method="filter_unread",
        label=_("Đã đọc"),
        empty_label=_("Tất cả"),
        choices=[("1", _("Chưa đọc")), ("0", _("Đã đọc"))],
    )
    date_from, date_to = period_filters("created_at__date", _("Từ ngày"))

    class Meta:
        model = Notification
        fields: list[str] = []

    def filter_kind(self, queryset: QuerySet[Notification], name: str, value: Any) -> QuerySet[Notification]:
        return queryset.filter(key__startswith=f"{value}:") if value else queryset

    def filter_unread(
        self, queryset: QuerySet[Notification], name: str, value: Any
    ) -> QuerySet[Notification]:
        if value in ("1", "0"):
            return queryset.filter(read_at__isnull=value == "1")
        return queryset
