from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core.access import (
    AgencyRequest,
    agency_required,
    get_for_agency_or_404,
    role_required,
    scoped,
)
from eiso.core.charts import bar_chart, inline_svg
from eiso.core.downloads import format_or_404, secure_headers
from eiso.core.flow import run_form
from eiso.core.permissions import actor
from eiso.core.tables import list_response
from eiso.dossiers import ii06a, permissions, rules, selectors, services
from eiso.dossiers.choices import DossierStatus, Timeliness
from eiso.dossiers.filters import DossierFilter
from eiso.dossiers.forms import ActionForm, ImportForm, PeriodForm, ReceiveForm
from eiso.dossiers.models import Dossier
from eiso.dossiers.tables import EXPORT_COLUMNS, DossierTable
from eiso.jobs.services import job_start
from eiso.workdays.calendar import calendar_for

PAGE_SIZE = 25
S = DossierStatus
# Which steps are offered for a dossier in each status (the services check them again).
ACTIONS_BY_STATUS: dict[int, list[str]] = {
    S.ACCEPTED: ["transfer", "request_supplement", "extend", "resolve", "withdraw"],
    S.PROCESSING: ["resolve", "request_supplement", "extend", "transfer", "stop", "withdraw"],
    S.SUPPLEMENT: ["receive_supplement", "withdraw"],
    S.FINANCIAL: ["resolve", "extend", "withdraw"],
    S.WITHDRAWAL: ["stop"],
    S.RESOLVED: ["return"],
}


def _labels() -> dict[str, str]:
    return {
        "transfer": _("Chuyển xử lý"),
        "request_supplement": _("Yêu cầu bổ sung"),
        "receive_supplement": _("Nhận đủ bổ sung"),
        "extend": _("Xin lỗi, hẹn lại ngày trả"),
        "withdraw": _("Công dân rút hồ sơ"),
        "stop": _("Dừng xử lý"),
        "resolve": _("Đã xử lý xong"),
        "return": _("Trả kết quả"),
    }


def _bucket_labels() -> dict[str, str]:
    return {
        "received_online": _("Tiếp nhận trực tuyến"),
        "received_direct": _("Tiếp nhận trực tiếp, dịch vụ bưu chính"),
        "carried_over": _("Từ kỳ trước chuyển sang"),
        "received_total": _("Tổng số tiếp nhận"),
        "resolved_early": _("Đã giải quyết trước hạn"),
        "resolved_on_time": _("Đã giải quyết đúng hạn"),
        "resolved_late": _("Đã giải quyết quá hạn"),
        "resolved_total": _("Tổng số đã giải quyết"),
        "pending_in_time": _("Đang giải quyết trong hạn"),
        "pending_overdue": _("Đang giải quyết quá hạn"),
        "pending_total": _("Tổng số đang giải quyết"),
        "resolved_late_with_apology": _("Quá hạn có thư xin lỗi"),
    }


def _query_without_page(request: AgencyRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@agency_required
def dossier_list(request: AgencyRequest) -> HttpResponse:
    queryset = scoped(Dossier.objects.all(), request.agency).select_related("procedure", "division")
    filters = DossierFilter(
        request.GET or None, queryset.order_by("-received_at", "code"), agency=request.agency
    )
    context = {
        "filter": filters,
        "as_of": filters.as_of,
        "can_act": permissions.can_handle(actor(request)),
    }
    return list_response(
        request,
        table=DossierTable(filters.qs),
        columns=EXPORT_COLUMNS,
        filename="ho-so-tthc",
        title=gettext_lazy("Hồ sơ thủ tục hành chính"),
        template="dossiers/dossier_list.html",
        partial="dossiers/_list_table.html",
        context=context,
    )


@agency_required
def dossier_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    return _detail_page(request, pk)


def _detail_page(request: AgencyRequest, pk: int, bound: ActionForm | None = None) -> HttpResponse:
    """The dossier page; an action form that failed comes back bound, with its errors and what was typed."""
    dossier = get_for_agency_or_404(
        selectors.dossier_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    today = timezone.localdate()
    due = rules.due_for(dossier, calendar_for(request.agency))
    actions = ACTIONS_BY_STATUS.get(dossier.status, []) if permissions.can_handle(actor(request)) else []
    labels = _labels()

    def form_for(action: str) -> ActionForm:
        if bound is not None and bound.prefix == action:
            return bound
        return ActionForm(agency=request.agency, action=action, prefix=action)

    context = {
        "dossier": dossier,
        "due": due,
        "timeliness": Timeliness(rules.timeliness_of(dossier, today)).label,
        "timeliness_code": rules.timeliness_of(dossier, today),
        "actions": [(a, labels[a], form_for(a)) for a in actions],
        "events": dossier.events.all(),
    }
    return render(request, "dossiers/dossier_detail.html", context)


def _act(dossier: Dossier, action: str, actor: Any, data: dict[str, Any]) -> object:
    common = {"dossier": dossier, "actor": actor, "at": data["at"]}
    if action == "transfer":
        return services.dossier_transfer(**common, division=data.get("division"))
    if action == "request_supplement":
        return services.dossier_request_supplement(**common, reason=data["note"])
    if action == "receive_supplement":
        return services.dossier_receive_supplement(**common)
    if action == "extend":
        return services.dossier_extend(**common, new_due_at=data["new_due_at"], reason=data["note"])
    if action == "withdraw":
        return services.dossier_withdraw(**common)
    if action == "stop":
        return services.dossier_stop(**common, reason=data["note"])
    if action == "resolve":
        return services.dossier_resolve(**common)
    return services.dossier_return(**common)


@role_required(*permissions.HANDLERS)
@require_POST
def dossier_action(request: AgencyRequest, pk: int, action: str) -> HttpResponse:
    dossier = get_for_agency_or_404(Dossier, request.agency, pk=pk)
    if action not in ActionForm.FIELDS:
        raise Http404(_("Không tìm thấy bản ghi."))
    return run_form(
        request,
        ActionForm(request.POST, agency=request.agency, action=action, prefix=action),
        lambda data: _act(dossier, action, request.person, data),
        page=lambda form: _detail_page(request, dossier.pk, form),
        success_url=reverse("dossiers:detail", kwargs={"pk": dossier.pk}),
        success_message=_("Đã cập nhật hồ sơ {code}.").format(code=dossier.code),
    )


@role_required(*permissions.HANDLERS)
def dossier_receive(request: AgencyRequest) -> HttpResponse:
    def call(data: dict[str, Any]) -> Dossier:
        return services.dossier_receive(
            agency=request.agency,
            actor=request.person,
            procedure=data["procedure"],
            channel=data["channel"],
            received_at=data["received_at"],
            division=data.get("division"),
            code=data.get("code") or "",
            applicant_name=data.get("applicant_name") or "",
            applicant_phone=data.get("applicant_phone") or "",
        )

    return run_form(
        request,
        ReceiveForm(request.POST or None, agency=request.agency),
        call,
        page=lambda form: render(request, "dossiers/dossier_receive.html", {"form": form}),
        success_url=lambda dossier: reverse("dossiers:detail", kwargs={"pk": dossier.pk}),
        success_message=lambda dossier: _("Đã tiếp nhận hồ sơ {code}, hẹn trả ngày {due}.").format(
            code=dossier.code, due=f"{dossier.due_date:%d/%m/%Y}"
        ),
    )


def _stat_period(request: AgencyRequest) -> tuple[PeriodForm, dt.date, dt.date]:
    """The period of the statistics page and its downloads: as typed when valid, else the default year."""
    start, end = selectors.stat_default_period(agency=request.agency)
    form = PeriodForm(
        request.GET if "date_from" in request.GET else None, initial={"date_from": start, "date_to": end}
    )
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return form, start, end


@agency_required
def dossier_statistics(request: AgencyRequest) -> HttpResponse:
    form, start, end = _stat_period(request)
    figures = selectors.ii06a_figures(agency=request.agency, date_from=start, date_to=end)
    total, by_field = figures["total"], figures["field"]
    by_procedure, by_division = figures["procedure"], figures["division"]
    base_query = f"date_from={start:%Y-%m-%d}&date_to={end:%Y-%m-%d}"
    total["link"] = base_query
    for row in by_field:
        row["link"] = f"{base_query}&{urlencode({'field': row['procedure__field'] or ''})}"
    for row in by_procedure:
        row["link"] = f"{base_query}&procedure={row['procedure_id']}"
    chart = bar_chart(
        [str(i) for i in range(1, len(by_field) + 1)],  # the STT of each field in the table below
        {
            _("Trước hạn"): [row["resolved_early"] for row in by_field],
            _("Đúng hạn"): [row["resolved_on_time"] for row in by_field],
            _("Quá hạn"): [row["resolved_late"] for row in by_field],
            _("Đang giải quyết"): [row["pending_total"] for row in by_field],
        },
        title=_("Kết quả giải quyết theo lĩnh vực"),
        stacked=True,
    )
    context = {
        "form": form,
        "date_from": start,
        "date_to": end,
        "total": total,
        "by_field": by_field,
        "by_procedure": by_procedure,
        "by_division": by_division,
        "chart": inline_svg(chart),
        "as_of": figures["as_of"],
        "download_query": base_query,  # the downloads keep the period shown
    }
    return render(request, "dossiers/statistics.html", context)


@agency_required
def dossier_statistics_download(request: AgencyRequest, fmt: str) -> HttpResponse:
    """Biểu II.06a of the period shown on the statistics page, as XLSX or PDF, from the page's selector."""
    fmt = format_or_404(fmt, ii06a.FORMATS)
    _form, start, end = _stat_period(request)
    sheet = ii06a.ii06a_sheet(
        agency=request.agency,
        date_from=start,
        date_to=end,
        preparer=request.person,
        issued_on=timezone.localdate(),
    )
    content = ii06a.render_xlsx(sheet) if fmt == "xlsx" else ii06a.render_pdf(sheet)
    response = HttpResponse(content, content_type=ii06a.FORMATS[fmt])
    return secure_headers(response, filename=f"bieu-II.06a-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}")


@agency_required
def dossier_stat_list(request: AgencyRequest) -> HttpResponse:
    """The dossiers behind one figure of the statistics page (an auditor's drill-down)."""
    form = PeriodForm(request.GET)
    bucket = request.GET.get("bucket", "")
    if not form.is_valid() or bucket not in _bucket_labels():
        raise Http404(_("Không tìm thấy bản ghi."))
    start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    queryset = selectors.dossier_list_for_stat(
        agency=request.agency, date_from=start, date_to=end, bucket=bucket
    )
    if request.GET.get("procedure", "").isdigit():
        queryset = queryset.filter(procedure_id=int(request.GET["procedure"]))
    elif "field" in request.GET:
        queryset = queryset.filter(procedure__field=request.GET["field"])
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": _query_without_page(request),
        "date_from": start,
        "date_to": end,
        "bucket": _bucket_labels()[bucket],
        "as_of": selectors.judgement_date(end),
    }
    return render(request, "dossiers/stat_list.html", context)


@role_required(*permissions.HANDLERS)
def dossier_import_view(request: AgencyRequest) -> HttpResponse:
    """The file is checked and imported by a background job; the page follows its progress."""
    form = ImportForm(request.POST or None, request.FILES or None)
    job = None
    if request.method == "POST" and form.is_valid():
        job = job_start(
            agency=request.agency,
            kind="dossiers.import",
            created_by=request.user,
            params={"dry_run": form.cleaned_data["dry_run"], "language": get_language()},
            input_file=form.cleaned_data["file"],
        )
        if not getattr(request, "htmx", False):
            return redirect("jobs:detail", pk=job.pk)
    template = "dossiers/_import_result.html" if getattr(request, "htmx", False) else "dossiers/import.html"
    return render(request, template, {"form": form, "job": job})
