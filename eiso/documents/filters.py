"""The filters of the documents register: one FilterSet for the page and its export."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.core.filters import AgencyFilterSet
from eiso.core.models import Division
from eiso.core.search import search
from eiso.documents.choices import DocumentType, VersionState
from eiso.documents.models import Document


class DocumentFilter(AgencyFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Tìm theo mã, tên"))
    doc_type = django_filters.ChoiceFilter(
        choices=DocumentType.choices, label=_("Loại tài liệu"), empty_label=_("Tất cả")
    )
    state = django_filters.ChoiceFilter(
        field_name="latest_state",
        choices=VersionState.choices,
        label=_("Trạng thái"),
        empty_label=_("Tất cả"),
    )
    owner_division = django_filters.ModelChoiceFilter(
        queryset=Division.objects.all(), label=_("Phòng chủ trì")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Quá hạn xem xét"), widget=forms.CheckboxInput
    )

    class Meta:
        model = Document
        fields: list[str] = []

    def search(self, queryset: QuerySet[Document], name: str, value: Any) -> QuerySet[Document]:
        return search(queryset, value, "code", "title")

    def filter_overdue(self, queryset: QuerySet[Document], name: str, value: Any) -> QuerySet[Document]:
        if not value:
            return queryset
        return queryset.filter(
            Q(next_review_on__lt=timezone.localdate()) & Q(current_effective__isnull=False)
        )
