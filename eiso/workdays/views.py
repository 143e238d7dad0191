from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.choices import Role
from eiso.core.flow import run_action, run_form
from eiso.workdays import selectors, services
from eiso.workdays.forms import OfficeHoursForm, OverrideForm
from eiso.workdays.models import CalendarOverride

EDITORS = (Role.ISO_SECRETARY,)


@agency_required
def year_calendar(request: AgencyRequest) -> HttpResponse:
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
    context = {
        "year": year,
        "months": selectors.year_view(agency=request.agency, year=year),
        "days_off": selectors.days_off_of_year(agency=request.agency, year=year),
        "overrides": selectors.override_list(agency=request.agency, year=year),
        "hours": selectors.office_hours_of(agency=request.agency),
        "can_edit": can_act(request, *EDITORS),
        "form": OverrideForm(initial={"date": f"{year}-01-01"}),
    }
    return render(request, "workdays/calendar.html", context)


@role_required(*EDITORS)
def override_add(request: AgencyRequest) -> HttpResponse:
    def saved(data: dict[str, Any]) -> CalendarOverride:
        return services.override_save(agency=request.agency, actor=request.person, **data)[0]

    return run_form(
        request,
        OverrideForm(request.POST or None),
        saved,
        page=lambda form: render(
            request, "workdays/override_form.html", {"form": form}, status=400 if form.errors else 200
        ),
        success_url=lambda row: f"{reverse('workdays:calendar')}?nam={row.date.year}",
        success_message=lambda row: _("Đã lưu ngày {date}.").format(date=f"{row.date:%d/%m/%Y}"),
    )


@role_required(*EDITORS)
@require_POST
def override_delete(request: AgencyRequest, pk: int) -> HttpResponse:
    row = get_for_agency_or_404(CalendarOverride, request.agency, pk=pk)
    return run_action(
        request,
        lambda: services.override_delete(override=row, actor=request.person),
        success_url=f"{reverse('workdays:calendar')}?nam={row.date.year}",
        success_message=_("Đã xóa ngày điều chỉnh."),
    )


@role_required(*EDITORS)
def office_hours(request: AgencyRequest) -> HttpResponse:
    current = selectors.office_hours_of(agency=request.agency)
    initial = {
        "morning_start": current.morning_start,
        "morning_end": current.morning_end,
        "afternoon_start": current.afternoon_start,
        "afternoon_end": current.afternoon_end,
    }
    return run_form(
        request,
        OfficeHoursForm(request.POST or None, initial=initial),
        lambda data: services.office_hours_save(agency=request.agency, actor=request.person, **data),
        page=lambda form: render(
            request, "workdays/office_hours_form.html", {"form": form}, status=400 if form.errors else 200
        ),
        success_url=reverse("workdays:calendar"),
        success_message=_("Đã lưu giờ làm việc."),
    )
