from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404, role_required
from eiso.core.flow import run_form
from eiso.core.permissions import actor
from eiso.core.tables import list_response
from eiso.procedures import permissions, selectors, services
from eiso.procedures.filters import ProcedureFilter
from eiso.procedures.forms import ImportForm, ProcedureForm, PublishForm
from eiso.procedures.models import Procedure
from eiso.procedures.tables import EXPORT_COLUMNS, ProcedureTable
from eiso.workdays.calendar import calendar_for

PAGE_SIZE = 25
EDITORS = permissions.EDITORS


@agency_required
def procedure_list(request: AgencyRequest) -> HttpResponse:
    queryset = selectors.procedure_list(agency=request.agency)
    filters = ProcedureFilter(request.GET or None, queryset, agency=request.agency)
    context = {
        "filter": filters,
        "summary": selectors.publication_summary(request.agency, timezone.localdate()),
        "can_edit": permissions.can_edit_catalogue(actor(request)),
    }
    return list_response(
        request,
        table=ProcedureTable(filters.qs),
        columns=EXPORT_COLUMNS,
        filename="danh-muc-thu-tuc",
        title=gettext_lazy("Thủ tục hành chính"),
        template="procedures/procedure_list.html",
        context=context,
    )


@agency_required
def procedure_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    procedure = get_for_agency_or_404(
        selectors.procedure_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    now = timezone.now()
    value, unit, cutoff = selectors.procedure_rule_at(procedure, timezone.localdate(now))
    context = {
        "procedure": procedure,
        "can_edit": permissions.can_edit_catalogue(actor(request)),
        "due_now": calendar_for(request.agency).due(now, value, unit, cutoff),
    }
    return render(request, "procedures/procedure_detail.html", context)


def _detail_url(pk: int) -> str:
    return reverse("procedures:detail", kwargs={"pk": pk})


def _form_page(request: AgencyRequest, template: str, **extra: Any) -> Any:
    return lambda form: render(request, template, {"form": form, **extra})


@role_required(*EDITORS)
def procedure_create(request: AgencyRequest) -> HttpResponse:
    def call(data: dict[str, Any]) -> Procedure:
        fields = dict(data)
        code = fields.pop("code")
        return services.procedure_create(agency=request.agency, actor=request.person, code=code, **fields)

    return run_form(
        request,
        ProcedureForm(request.POST or None),
        call,
        page=_form_page(request, "procedures/procedure_form.html"),
        success_url=lambda procedure: _detail_url(procedure.pk),
        success_message=lambda procedure: _("Đã thêm thủ tục {code}.").format(code=procedure.code),
    )


@role_required(*EDITORS)
def procedure_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    procedure = get_for_agency_or_404(Procedure, request.agency, pk=pk)

    def call(data: dict[str, Any]) -> bool:
        fields = dict(data)
        fields.pop("code", None)
        effective_on = fields.pop("effective_on", None)
        legal_reference = fields.pop("legal_reference", "")
        return services.procedure_update(
            procedure=procedure,
            actor=request.person,
            effective_on=effective_on,
            legal_reference=legal_reference,
            **fields,
        )

    form: BaseForm = ProcedureForm(request.POST or None, instance=Procedure.objects.get(pk=procedure.pk))
    return run_form(
        request,
        form,
        call,
        page=_form_page(request, "procedures/procedure_form.html", procedure=procedure),
        success_url=_detail_url(procedure.pk),
        success_message=lambda changed: _("Đã lưu thay đổi.") if changed else _("Không có gì thay đổi."),
    )


@role_required(*EDITORS)
def procedure_publish(request: AgencyRequest, pk: int) -> HttpResponse:
    procedure = get_for_agency_or_404(Procedure, request.agency, pk=pk)
    initial = {
        "published_at_office_on": procedure.published_at_office_on,
        "published_online_on": procedure.published_online_on,
    }
    return run_form(
        request,
        PublishForm(request.POST or None, initial=initial),
        lambda data: services.procedure_publish(
            procedure=procedure,
            actor=request.person,
            at_office_on=data["published_at_office_on"],
            online_on=data["published_online_on"],
        ),
        page=_form_page(request, "procedures/procedure_publish.html", procedure=procedure),
        success_url=_detail_url(procedure.pk),
        success_message=_("Đã cập nhật tình trạng công khai."),
    )


@role_required(*EDITORS)
def procedure_import(request: AgencyRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.procedure_import(
            agency=request.agency,
            file=form.cleaned_data["file"],
            actor=request.person,
            dry_run=form.cleaned_data["dry_run"],
        )
    context = {"form": form, "report": report}
    partial = bool(getattr(request, "htmx", False))
    template = "procedures/_import_result.html" if partial else "procedures/procedure_import.html"
    status = 422 if report is not None and not report.ok and not partial else 200
    return render(request, template, context, status=status)


@agency_required
def process_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.process_list(agency=request.agency), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "procedures/process_list.html", {"page": page})


@agency_required
def process_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    process = get_for_agency_or_404(
        selectors.process_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    return render(request, "procedures/process_detail.html", {"process": process})
