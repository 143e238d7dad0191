"""Admin of the working calendar: overrides (national rows only for superusers) and office hours."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from eiso.core.access import person_of
from eiso.core.admin import AgencyScopedAdmin
from eiso.workdays.models import CalendarOverride, OfficeHours


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AgencyScopedAdmin):
    list_display = ["date", "kind", "agency", "note", "legal_reference"]
    list_filter = ["kind"]
    search_fields = ["note", "legal_reference"]
    date_hierarchy = "date"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = CalendarOverride.objects.select_related("agency")
        if request.user.is_superuser:
            return queryset
        person = person_of(request.user)
        return queryset.filter(agency=person.agency) if person else queryset.none()


@admin.register(OfficeHours)
class OfficeHoursAdmin(AgencyScopedAdmin):
    list_display = ["agency", "morning_start", "morning_end", "afternoon_start", "afternoon_end"]
