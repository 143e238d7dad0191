from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.audits import forms, selectors, services
from eiso.audits.models import Audit, AuditProgramme, ChecklistItem
from eiso.audits.report import audit_report_document
from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.choices import Role
from eiso.core.flow import apply_error, form_action
from eiso.core.layout import render_docx, render_pdf

PLANNERS = (Role.ISO_SECRETARY, Role.AUDITOR, Role.DIRECTOR, Role.DEPUTY_DIRECTOR)


@agency_required
def audit_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.audit_list(agency=request.agency), 20).get_page(request.GET.get("page"))
    return render(request, "audits/audit_list.html", {"page": page, "can_plan": can_act(request, *PLANNERS)})


@agency_required
def programme_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.programme_list(agency=request.agency), 20).get_page(request.GET.get("page"))
    return render(
        request, "audits/programme_list.html", {"page": page, "can_plan": can_act(request, *PLANNERS)}
    )


@role_required(*PLANNERS)
def programme_create(request: AgencyRequest) -> HttpResponse:
    form = forms.ProgrammeForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                agency=request.agency, actor=request.person, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            return redirect("audits:programme_detail", pk=programme.pk)
    return render(request, "audits/form.html", {"form": form, "title": _("Lập chương trình đánh giá nội bộ")})


@agency_required
def programme_detail(request: AgencyRequest, pk: int, item_form: Any = None) -> HttpResponse:
    programme = get_for_agency_or_404(AuditProgramme, request.agency, pk=pk)
    context = {
        "programme": programme,
        "items": selectors.programme_items(programme=programme),
        "coverage": selectors.programme_coverage(programme=programme),
        "item_form": item_form or forms.ProgrammeItemForm(agency=request.agency),
        "can_plan": can_act(request, *PLANNERS),
        "can_approve": can_act(request, Role.DIRECTOR, Role.DEPUTY_DIRECTOR) and not programme.approved_on,
    }
    return render(request, "audits/programme_detail.html", context)


@role_required(*PLANNERS)
@require_POST
def programme_item_add(request: AgencyRequest, pk: int) -> HttpResponse:
    programme = get_for_agency_or_404(AuditProgramme, request.agency, pk=pk)
    form = forms.ProgrammeItemForm(request.POST, agency=request.agency)
    if form.is_valid():
        try:
            services.programme_item_add(programme=programme, actor=request.person, **form.cleaned_data)
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã thêm nội dung vào chương trình."))
            return redirect("audits:programme_detail", pk=pk)
    return programme_detail(request, pk, item_form=form)


@role_required(Role.DIRECTOR, Role.DEPUTY_DIRECTOR)
@require_POST
def programme_approve(request: AgencyRequest, pk: int) -> HttpResponse:
    programme = get_for_agency_or_404(AuditProgramme, request.agency, pk=pk)
    try:
        services.programme_approve(programme=programme, actor=request.person, on=timezone.localdate())
        messages.success(request, _("Đã phê duyệt chương trình đánh giá."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("audits:programme_detail", pk=pk)


@role_required(*PLANNERS)
def audit_create(request: AgencyRequest) -> HttpResponse:
    form = forms.AuditForm(
        request.POST or None, agency=request.agency, initial={"programme": request.GET.get("programme")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            audit = services.audit_plan(agency=request.agency, actor=request.person, **form.cleaned_data)
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            return redirect("audits:detail", pk=audit.pk)
    return render(request, "audits/form.html", {"form": form, "title": _("Lập kế hoạch đánh giá")})


def _detail_context(request: AgencyRequest, audit: Audit, **forms_: Any) -> dict[str, Any]:
    agency = request.agency
    is_draft = audit.report_status == "draft"
    return {
        "audit": audit,
        "sessions": selectors.audit_sessions(audit=audit),
        "checklist": audit.checklist.select_related("division"),
        "findings": selectors.audit_findings(audit=audit),
        "can_plan": can_act(request, *PLANNERS) and is_draft,
        "can_record": can_act(request, Role.AUDITOR) and is_draft,
        "is_lead": request.person.pk == audit.lead_auditor_id and is_draft and not request.read_only,
        "session_form": forms_.get("session_form") or forms.SessionForm(agency=agency),
        "checklist_form": forms_.get("checklist_form") or forms.ChecklistItemForm(agency=agency),
        "copy_form": forms_.get("copy_form") or forms.ChecklistCopyForm(agency=agency, audit=audit),
        "report_form": forms_.get("report_form")
        or forms.ReportForm(initial={"summary": audit.summary, "conclusion": audit.conclusion}),
        "result_choices": forms.ChecklistResult.choices,
    }


@agency_required
def audit_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = get_for_agency_or_404(
        Audit.objects.select_related("lead_auditor", "programme"), request.agency, pk=pk
    )
    return render(request, "audits/audit_detail.html", _detail_context(request, audit))


def _post_form(
    request: AgencyRequest, audit: Audit, form: Form, name: str, call: Any, ok: str
) -> HttpResponse:
    """Validate `form` and run `call(cleaned_data)`; on error re-render the audit page with the errors."""
    return form_action(
        request,
        form,
        call,
        success_message=ok,
        success_url=reverse("audits:detail", kwargs={"pk": audit.pk}),
        invalid_page=lambda: render(
            request, "audits/audit_detail.html", _detail_context(request, audit, **{name: form})
        ),
    )


@role_required(*PLANNERS)
@require_POST
def session_add(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = get_for_agency_or_404(Audit, request.agency, pk=pk)
    form = forms.SessionForm(request.POST, agency=request.agency)

    def call(data: dict[str, Any]) -> None:
        services.audit_session_add(audit=audit, actor=request.person, **data)

    return _post_form(request, audit, form, "session_form", call, _("Đã thêm lịch đánh giá."))


@role_required(*PLANNERS)
@require_POST
def checklist_add(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = get_for_agency_or_404(Audit, request.agency, pk=pk)
    form = forms.ChecklistItemForm(request.POST, agency=request.agency)

    def call(data: dict[str, Any]) -> None:
        services.checklist_item_add(audit=audit, actor=request.person, **data)

    return _post_form(request, audit, form, "checklist_form", call, _("Đã thêm câu hỏi."))


@role_required(*PLANNERS)
@require_POST
def checklist_copy(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = get_for_agency_or_404(Audit, request.agency, pk=pk)
    form = forms.ChecklistCopyForm(request.POST, agency=request.agency, audit=audit)

    def call(data: dict[str, Any]) -> None:
        services.checklist_copy(audit=audit, actor=request.person, **data)

    return _post_form(request, audit, form, "copy_form", call, _("Đã sao chép danh mục câu hỏi."))


@role_required(Role.AUDITOR, Role.ISO_SECRETARY)
@require_POST
def checklist_record(request: AgencyRequest, pk: int) -> HttpResponse:
    item = get_for_agency_or_404(ChecklistItem.objects.select_related("audit"), request.agency, pk=pk)
    form = forms.ChecklistRecordForm(request.POST)
    if form.is_valid():
        try:
            services.checklist_item_record(item=item, actor=request.person, **form.cleaned_data)
            messages.success(request, _("Đã ghi kết quả."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("audits:detail", pk=item.audit_id)


@role_required(Role.AUDITOR)
def finding_add(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = get_for_agency_or_404(Audit, request.agency, pk=pk)
    form = forms.FindingForm(
        request.POST or None,
        agency=request.agency,
        initial={"found_on": timezone.localdate(), "kind": request.GET.get("kind")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_record(audit=audit, actor=request.person, **form.cleaned_data)
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận phát hiện."))
            return redirect("audits:detail", pk=pk)
    return render(
        request,
        "audits/form.html",
        {"form": form, "title": _("Ghi nhận phát hiện: {audit}").format(audit=audit)},
    )


@role_required(*PLANNERS)
@require_POST
def report_save(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = get_for_agency_or_404(Audit, request.agency, pk=pk)
    form = forms.ReportForm(request.POST)

    def call(data: dict[str, Any]) -> None:
        services.audit_report_save(audit=audit, actor=request.person, **data)

    return _post_form(request, audit, form, "report_form", call, _("Đã lưu dự thảo báo cáo."))


@role_required(Role.AUDITOR)
@require_POST
def report_approve(request: AgencyRequest, pk: int) -> HttpResponse:
    audit = get_for_agency_or_404(Audit, request.agency, pk=pk)
    try:
        services.audit_report_approve(audit=audit, actor=request.person, on=timezone.localdate())
        messages.success(request, _("Đã phê duyệt báo cáo đánh giá."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("audits:detail", pk=pk)


@agency_required
def report_download(request: AgencyRequest, pk: int, fmt: str) -> HttpResponse:
    audit = get_for_agency_or_404(
        Audit.objects.select_related("lead_auditor", "agency"), request.agency, pk=pk
    )
    document = audit_report_document(audit)
    if fmt == "pdf":
        response = HttpResponse(render_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(
            render_docx(document),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    response["Content-Disposition"] = f'attachment; filename="bao-cao-danh-gia-noi-bo-{audit.pk}.{fmt}"'
    return response
