from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.access import AgencyRequest, agency_required
from eiso.core.choices import Role
from eiso.reports import selectors
from eiso.reports.exports import province_summary_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: AgencyRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


def _supervisor(request: AgencyRequest) -> None:
    if not request.person.has_role(Role.SUPERVISOR):
        raise PermissionDenied(_("Chỉ cán bộ giám sát cấp tỉnh (Sở KH&CN) xem được báo cáo này."))


@agency_required
def province_overview(request: AgencyRequest) -> HttpResponse:
    _supervisor(request)
    year = _year(request)
    as_of = min(timezone.localdate(), dt.date(year, 12, 31))
    agencies = selectors.province_overview(person=request.person, year=year, as_of=as_of)
    page = Paginator(agencies, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/province.html",
        {
            "page": page,
            "year": year,
            "as_of": as_of,
            "totals": selectors.province_totals(agencies, year=year),
            "province": request.person.agency.province,
            "query": f"year={year}",
        },
    )


@agency_required
def province_export(request: AgencyRequest) -> HttpResponse:
    _supervisor(request)
    year = _year(request)
    as_of = min(timezone.localdate(), dt.date(year, 12, 31))
    agencies = selectors.province_overview(person=request.person, year=year, as_of=as_of)
    content = province_summary_xlsx(agencies, year=year, province=request.person.agency.province)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="tong-hop-htqlcl-{year}.xlsx"'
    return response
