from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.choices import Role
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
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row, _outcome = services.override_save(
                agency=request.agency, actor=request.person, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu ngày {date}.").format(date=f"{row.date:%d/%m/%Y}"))
            return redirect(f"{_calendar_url()}?nam={row.date.year}")
    return render(request, "workdays/override_form.html", {"form": form})


@role_required(*EDITORS)
@require_POST
def override_delete(request: AgencyRequest, pk: int) -> HttpResponse:
    row = get_for_agency_or_404(CalendarOverride, request.agency, pk=pk)
    year = row.date.year
    services.override_delete(override=row, actor=request.person)
    messages.success(request, _("Đã xóa ngày điều chỉnh."))
    return redirect(f"{_calendar_url()}?nam={year}")


@role_required(*EDITORS)
def office_hours(request: AgencyRequest) -> HttpResponse:
    current = selectors.office_hours_of(agency=request.agency)
    initial = {
        "morning_start": current.morning_start,
        "morning_end": current.morning_end,
        "afternoon_start": current.afternoon_start,
        "afternoon_end": current.afternoon_end,
    }
    form = OfficeHoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.office_hours_save(agency=request.agency, actor=request.person, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu giờ làm việc."))
            return redirect("workdays:calendar")
    return render(request, "workdays/office_hours_form.html", {"form": form})


def _calendar_url() -> str:
    from django.urls import reverse

    return reverse("workdays:calendar")
