from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from eiso.audits import forms, permissions, selectors, services
from eiso.audits.filters import FindingFilter
from eiso.audits.models import Audit, AuditProgramme, ChecklistItem, Finding
from eiso.audits.report import audit_report_document
from eiso.audits.tables import EXPORT_COLUMNS, FindingTable
from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404, role_required
from eiso.core.downloads import format_or_404, pdf_response, secure_headers
from eiso.core.flow import pressed, refuse, run_action, run_form
from eiso.core.layout import render_docx, render_pdf
from eiso.core.permissions import actor
from eiso.core.tables import list_response
from eiso.signatures.forms import ask_token_pin
from eiso.signatures.services import TOKEN_PIN_FIELD, signed_file_for, signing_configured


def _form_page(request: AgencyRequest, title: str, **extra: Any) -> Callable[[Form], HttpResponse]:
    return lambda form: render(request, "audits/form.html", {"form": form, "title": title, **extra})


@agency_required
def audit_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.audit_list(agency=request.agency), 20).get_page(request.GET.get("page"))
    can_plan = permissions.can_plan(actor(request))
    return render(request, "audits/audit_list.html", {"page": page, "can_plan": can_plan})


@agency_required
def finding_list(request: AgencyRequest) -> HttpResponse:
    filters = FindingFilter(
        request.GET or None, selectors.finding_list(agency=request.agency), agency=request.agency
    )
    return list_response(
        request,
        table=FindingTable(filters.qs),
        columns=EXPORT_COLUMNS,
        filename="phat-hien-danh-gia",
        title=gettext_lazy("Phát hiện đánh giá"),
        template="audits/finding_list.html",
        context={"filter": filters},
    )


@agency_required
def programme_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.programme_list(agency=request.agency), 20).get_page(request.GET.get("page"))
    can_plan = permissions.can_plan(actor(request))
    return render(request, "audits/programme_list.html", {"page": page, "can_plan": can_plan})


@role_required(*permissions.PLANNERS)
def programme_create(request: AgencyRequest) -> HttpResponse:
    form = forms.ProgrammeForm(request.POST or None, initial={"year": timezone.localdate().year})
    return run_form(
        request,
        form,
        lambda data: services.programme_create(agency=request.agency, actor=request.person, **data),
        page=_form_page(request, _("Lập chương trình đánh giá nội bộ")),
        success_url=lambda programme: reverse("audits:programme_detail", kwargs={"pk": programme.pk}),
    )


def _programme_page(request: AgencyRequest, programme: AuditProgramme, item_form: Form) -> HttpResponse:
    person = actor(request)
    context = {
        "programme": programme,
        "items": selectors.programme_items(programme=programme),
        "coverage": selectors.programme_coverage(programme=programme),
        "item_form": item_form,
        "can_plan": permissions.can_plan(person, programme),
        "can_approve": permissions.can_approve_programme(person, programme),
    }
    return render(request, "audits/programme_detail.html", context)


@agency_required
def programme_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    programme = get_for_agency_or_404(AuditProgramme, request.agency, pk=pk)
    return _programme_page(request, programme, forms.ProgrammeItemForm(agency=request.agency))


@role_required(*permissions.PLANNERS)
@require_POST
def programme_item_add(request: AgencyRequest, pk: int) -> HttpResponse:
    programme = get_for_agency_or_404(AuditProgramme, request.agency, pk=pk)
    return run_form(
        request,
        forms.ProgrammeItemForm(request.POST, agency=request.agency),
        lambda data: services.programme_item_add(programme=programme, actor=request.person, **data),
        page=lambda form: _programme_page(request, programme, form),
        success_url=reverse("audits:programme_detail", kwargs={"pk": pk}),
        success_message=_("Đã thêm nội dung vào chương trình."),
    )


@role_required(*permissions.APPROVERS)
@require_POST
def programme_approve(request: AgencyRequest, pk: int) -> HttpResponse:
    programme = get_for_agency_or_404(AuditProgramme, request.agency, pk=pk)
    return run_action(
        request,
        lambda: services.programme_approve(
            programme=programme, actor=request.person, on=timezone.localdate()
        ),
        success_url=reverse("audits:programme_detail", kwargs={"pk": pk}),
        success_message=_("Đã phê duyệt chương trình đánh giá."),
    )


def _detail_url(audit: Audit) -> str:
    return reverse("audits:detail", kwargs={"pk": audit.pk})


@role_required(*permissions.PLANNERS)
def audit_create(request: AgencyRequest) -> HttpResponse:
    form = forms.AuditForm(
        request.POST or None, agency=request.agency, initial={"programme": request.GET.get("programme")}
    )
    return run_form(
        request,
        form,
        lambda data: services.audit_plan(agency=request.agency, actor=request.person, **data),
        page=_form_page(request, _("Lập kế hoạch đánh giá")),
        success_url=_detail_url,
    )


def _audit(request: AgencyRequest, pk: int) -> Audit:
    return get_for_agency_or_404(
        Audit.objects.select_related("lead_auditor", "programme", "agency"), request.agency, pk=pk
    )


@role_required(*permissions.PLANNERS)
def audit_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    if not permissions.can_edit_audit(actor(request), audit):
        return _refused(request, audit)
    form = forms.AuditForm(request.POST or None, agency=request.agency, initial=forms.audit_initial(audit))
    return run_form(
        request,
        form,
        lambda data: services.audit_update(audit=audit, actor=request.person, **data),
        page=_form_page(
            request, _("Sửa kế hoạch đánh giá: {audit}").format(audit=audit), back=_detail_url(audit)
        ),
        success_url=_detail_url(audit),
        success_message=_("Đã lưu kế hoạch đánh giá."),
    )


@role_required(*permissions.PLANNERS)
@require_POST
def audit_cancel(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    return run_form(
        request,
        forms.ReasonForm(request.POST),
        lambda data: services.audit_cancel(
            audit=audit, actor=request.person, on=timezone.localdate(), **data
        ),
        page=lambda form: _detail_page(request, audit, cancel_form=form),
        success_url=_detail_url(audit),
        success_message=_("Đã hủy cuộc đánh giá."),
    )


def _refused(request: AgencyRequest, audit: Audit) -> HttpResponse:
    """An audit that is final: back to its page, which offers what can still be done."""
    message = _("Cuộc đánh giá đã kết thúc (báo cáo đã phê duyệt hoặc đã hủy), không thể sửa.")
    return refuse(request, message, _detail_url(audit))


def _detail_page(request: AgencyRequest, audit: Audit, **forms_: Form) -> HttpResponse:
    agency, person = request.agency, actor(request)
    context = {
        "audit": audit,
        "sessions": selectors.audit_sessions(audit=audit),
        "checklist": audit.checklist.select_related("division"),
        "findings": selectors.audit_findings(audit=audit),
        "is_open": permissions.is_open(audit),
        "can_edit": permissions.can_edit_audit(person, audit),
        "can_cancel": permissions.can_cancel_audit(person, audit),
        "can_record": permissions.can_record(person, audit),
        "can_record_checklist": permissions.can_record_checklist(person, audit),
        "can_write_report": permissions.can_write_report(person, audit),
        "can_approve_report": permissions.can_approve_report(person, audit),
        "signing": signing_configured(agency),
        "editable_findings": {f.pk for f in audit.findings.all() if permissions.can_edit_finding(person, f)},
        "session_form": forms_.get("session_form") or forms.SessionForm(agency=agency),
        "checklist_form": forms_.get("checklist_form") or forms.ChecklistItemForm(agency=agency),
        "copy_form": forms_.get("copy_form") or forms.ChecklistCopyForm(agency=agency, audit=audit),
        "report_form": forms_.get("report_form") or _report_form(request, audit),
        "cancel_form": forms_.get("cancel_form") or forms.ReasonForm(),
        "result_choices": forms.ChecklistResult.choices,
    }
    return render(request, "audits/audit_detail.html", context)


@agency_required
def audit_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _audit(request, pk))


def _post_on_detail(
    request: AgencyRequest,
    audit: Audit,
    form: Form,
    name: str,
    call: Callable[[dict[str, Any]], Any],
    ok: str,
) -> HttpResponse:
    """Run a form posted from the audit page; on error the page comes back with the form as typed."""
    return run_form(
        request,
        form,
        call,
        page=lambda bound: _detail_page(request, audit, **{name: bound}),
        success_url=_detail_url(audit),
        success_message=ok,
    )


@role_required(*permissions.PLANNERS)
@require_POST
def session_add(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    form = forms.SessionForm(request.POST, agency=request.agency)

    def call(data: dict[str, Any]) -> None:
        services.audit_session_add(audit=audit, actor=request.person, **data)

    return _post_on_detail(request, audit, form, "session_form", call, _("Đã thêm lịch đánh giá."))


@role_required(*permissions.PLANNERS)
@require_POST
def checklist_add(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    form = forms.ChecklistItemForm(request.POST, agency=request.agency)

    def call(data: dict[str, Any]) -> None:
        services.checklist_item_add(audit=audit, actor=request.person, **data)

    return _post_on_detail(request, audit, form, "checklist_form", call, _("Đã thêm câu hỏi."))


@role_required(*permissions.PLANNERS)
@require_POST
def checklist_copy(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    form = forms.ChecklistCopyForm(request.POST, agency=request.agency, audit=audit)

    def call(data: dict[str, Any]) -> None:
        services.checklist_copy(audit=audit, actor=request.person, **data)

    return _post_on_detail(request, audit, form, "copy_form", call, _("Đã sao chép danh mục câu hỏi."))


@role_required(*permissions.CHECKLIST_RECORDERS)
@require_POST
def checklist_record(request: AgencyRequest, pk: int) -> HttpResponse:
    item = get_for_agency_or_404(ChecklistItem.objects.select_related("audit"), request.agency, pk=pk)
    form = forms.ChecklistRecordForm(request.POST)
    return run_form(
        request,
        form,
        lambda data: services.checklist_item_record(item=item, actor=request.person, **data),
        page=lambda bound: _detail_page(request, item.audit),
        success_url=_detail_url(item.audit),
        success_message=_("Đã ghi kết quả."),
    )


@role_required(*permissions.RECORDERS)
def finding_add(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    form = forms.FindingForm(
        request.POST or None,
        agency=request.agency,
        initial={"found_on": _within(audit, timezone.localdate()), "kind": request.GET.get("kind")},
    )
    return run_form(
        request,
        form,
        lambda data: services.finding_record(audit=audit, actor=request.person, **data),
        page=_form_page(
            request, _("Ghi nhận phát hiện: {audit}").format(audit=audit), back=_detail_url(audit)
        ),
        success_url=_detail_url(audit),
        success_message=_("Đã ghi nhận phát hiện."),
    )


def _within(audit: Audit, day: dt.date) -> dt.date:
    """`day` moved into the audit's dates: what the finding form offers (a finding is dated within them)."""
    return min(max(day, audit.starts_on), audit.ends_on)


def _finding(request: AgencyRequest, pk: int) -> Finding:
    return get_for_agency_or_404(
        Finding.objects.select_related("audit__agency", "division", "auditor"), request.agency, pk=pk
    )


@role_required(*permissions.PLANNERS)
def finding_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk)
    if not permissions.can_edit_finding(actor(request), finding):
        return _refused(request, finding.audit)
    form = forms.FindingForm(
        request.POST or None, agency=request.agency, initial=forms.finding_initial(finding)
    )
    cancel_form = forms.ReasonForm()
    return run_form(
        request,
        form,
        lambda data: services.finding_update(finding=finding, actor=request.person, **data),
        page=_form_page(
            request,
            _("Sửa phát hiện: {audit}").format(audit=finding.audit),
            back=_detail_url(finding.audit),
            cancel_form=cancel_form,
            cancel_url=reverse("audits:finding_cancel", kwargs={"pk": finding.pk}),
        ),
        success_url=_detail_url(finding.audit),
        success_message=_("Đã lưu phát hiện."),
    )


@role_required(*permissions.PLANNERS)
@require_POST
def finding_cancel(request: AgencyRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk)
    return run_form(
        request,
        forms.ReasonForm(request.POST),
        lambda data: services.finding_cancel(
            finding=finding, actor=request.person, on=timezone.localdate(), **data
        ),
        page=_form_page(request, _("Hủy phát hiện"), back=_detail_url(finding.audit)),
        success_url=_detail_url(finding.audit),
        success_message=_("Đã hủy phát hiện."),
    )


def _report_form(request: AgencyRequest, audit: Audit, data: Any = None) -> forms.ReportForm:
    """The report text; for the lead auditor who signs with a registered token, also its PIN."""
    form = forms.ReportForm(data, initial={"summary": audit.summary, "conclusion": audit.conclusion})
    if permissions.can_approve_report(actor(request), audit):
        ask_token_pin(form, agency=audit.agency, signer=audit.lead_auditor)
    return form


def _report(request: AgencyRequest, pk: int, *, approve: bool) -> HttpResponse:
    """Save the report text and, with the approve button, approve (and sign) it in the same transaction.

    A refused approval (a wrong token PIN among others) brings the page back with the text as typed, the
    PIN field empty and the reason above it; nothing is approved.
    """
    audit = _audit(request, pk)

    def call(data: dict[str, Any]) -> Audit:
        pin = data.pop(TOKEN_PIN_FIELD, None)
        services.audit_report_save(audit=audit, actor=request.person, **data)
        if approve:
            services.audit_report_approve(
                audit=audit, actor=request.person, on=timezone.localdate(), token_pin=pin
            )
        return audit

    ok = _("Đã phê duyệt báo cáo đánh giá.") if approve else _("Đã lưu dự thảo báo cáo.")
    form = _report_form(request, audit, request.POST)
    return _post_on_detail(request, audit, form, "report_form", call, ok)


@sensitive_post_parameters(TOKEN_PIN_FIELD)
@role_required(*permissions.PLANNERS)
@require_POST
def report_save(request: AgencyRequest, pk: int) -> HttpResponse:
    return _report(request, pk, approve=pressed(request, "approve"))


@sensitive_post_parameters(TOKEN_PIN_FIELD)
@role_required(*permissions.PLANNERS)
@require_POST
def report_approve(request: AgencyRequest, pk: int) -> HttpResponse:
    return _report(request, pk, approve=True)


@agency_required
def report_download(request: AgencyRequest, pk: int, fmt: str) -> HttpResponse:
    """The report as DOCX or PDF; once approved with the agency's signature, every download serves the
    signed PDF (the DOCX link then leads to it)."""
    audit = _audit(request, pk)
    fmt = format_or_404(fmt, ("docx", "pdf"))
    signed = signed_file_for(audit, services.REPORT_KIND)
    if signed is not None:
        if fmt != "pdf":
            return redirect("audits:report_download", pk=audit.pk, fmt="pdf")
        return pdf_response(bytes(signed.content), filename=signed.file_name)
    document = audit_report_document(audit)
    if fmt == "pdf":
        response = HttpResponse(render_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(
            render_docx(document),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    return secure_headers(response, filename=f"bao-cao-danh-gia-noi-bo-{audit.pk}.{fmt}")
