from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, role_required
from eiso.core.choices import QMS_MANAGERS, Role
from eiso.core.downloads import format_or_404, pdf_response, secure_headers
from eiso.core.flow import refuse, run_form
from eiso.core.layout import render_docx, render_pdf
from eiso.jobs.services import job_start
from eiso.reports import selectors, services
from eiso.reports.forms import SelfReportForm
from eiso.reports.jobs import PROVINCE_SUMMARY
from eiso.reviews import paperwork
from eiso.reviews.models import ManagementReview
from eiso.signatures.forms import ask_token_pin
from eiso.signatures.services import TOKEN_PIN_FIELD, signed_file_for, signing_configured, signing_token

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request: AgencyRequest) -> int:
    value = request.POST.get("year") or request.GET.get("year", "")
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


@require_POST
@agency_required
def province_export(request: AgencyRequest) -> HttpResponse:
    """Start the province summary as a background job (a province has many agencies) and show its progress."""
    _supervisor(request)
    job = job_start(
        agency=request.agency,
        kind=PROVINCE_SUMMARY,
        created_by=request.user,
        params={"year": _year(request), "language": translation.get_language() or "vi"},
    )
    return redirect("jobs:detail", pk=job.pk)


# --- the yearly self-report (TT 26/2014/TT-BKHCN, Art. 36) ---------------------------------------------


@role_required(*QMS_MANAGERS)
def self_report_latest(request: AgencyRequest) -> HttpResponse:
    review = selectors.self_report_review(agency=request.agency)
    if review is None:
        return render(request, "reports/self_report.html", {"review": None})
    return redirect("reports:self_report", year=review.year)


def _self_report_review(request: AgencyRequest, year: int) -> ManagementReview:
    review = selectors.self_report_review(agency=request.agency, year=year)
    if review is None:
        raise Http404(_("Không tìm thấy bản ghi."))
    return review


@sensitive_post_parameters(TOKEN_PIN_FIELD)
@role_required(*QMS_MANAGERS)
def self_report(request: AgencyRequest, year: int) -> HttpResponse:
    """The year's self-report: what it cannot state from records, and its issue (signed by the Director)."""
    review = _self_report_review(request, year)
    report = selectors.self_report_of(review)
    signer = services.self_report_signer(review)
    token = signing_token(request.agency, signer)
    form = SelfReportForm(request.POST or None, initial={"issued_on": timezone.localdate()})
    if signer is not None and signer.pk == request.person.pk:
        ask_token_pin(form, agency=request.agency, signer=signer)
    can_issue = (
        report is None
        and review.state in services.ISSUABLE
        and signer is not None
        and (token is None or signer.pk == request.person.pk)
    )

    def page(bound: SelfReportForm) -> HttpResponse:
        context = {
            "review": review,
            "report": report,
            "signer": signer,
            "token": token,
            "form": bound,
            "can_issue": can_issue,
            "ready": review.state in services.ISSUABLE,
            "signing": signing_configured(request.agency),
            "missing": paperwork.self_report_missing(review),
            "kind": services.KIND,
        }
        return render(request, "reports/self_report.html", context)

    if request.method == "POST" and not can_issue:
        return refuse(request, _("Báo cáo năm này không ban hành được từ trang này."), request.path)
    return run_form(
        request,
        form,
        lambda data: services.self_report_issue(
            review=review,
            actor=request.person,
            number=data["number"],
            issued_on=data["issued_on"],
            token_pin=data.get(TOKEN_PIN_FIELD),
        ),
        page=page,
        success_url=request.path,
        success_message=_("Đã ban hành báo cáo năm {year}.").format(year=review.year),
    )


@agency_required
def self_report_download(request: AgencyRequest, year: int, fmt: str) -> HttpResponse:
    """The self-report as DOCX or PDF; once issued signed, every download serves the signed PDF."""
    review = _self_report_review(request, year)
    fmt = format_or_404(fmt, ("docx", "pdf"))
    signed = signed_file_for(review, services.KIND)
    if signed is not None:
        if fmt != "pdf":
            return redirect("reports:self_report_download", year=year, fmt="pdf")
        return pdf_response(bytes(signed.content), filename=signed.file_name)
    document = services.self_report_document(review, selectors.self_report_of(review))
    content = render_pdf(document) if fmt == "pdf" else render_docx(document)
    content_type = "application/pdf" if fmt == "pdf" else DOCX
    name = services.file_name(review).removesuffix(".pdf")
    return secure_headers(HttpResponse(content, content_type=content_type), filename=f"{name}.{fmt}")
