from __future__ import annotations

import datetime as dt
from typing import Any

from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core import charts
from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404, role_required
from eiso.core.downloads import file_response
from eiso.core.flow import refuse, run_action, run_form
from eiso.core.permissions import actor
from eiso.objectives import permissions, selectors, services
from eiso.objectives.forms import (
    AsOfForm,
    CopyForm,
    IndicatorForm,
    IssueForm,
    ManualValueForm,
    ObjectiveForm,
    ObjectiveSetForm,
    indicator_initial,
)
from eiso.objectives.models import Indicator, ManualValue, Objective, ObjectiveSet


def _as_of(request: AgencyRequest, year: int) -> tuple[AsOfForm, dt.date]:
    """The as-of date from the query; by default today, or the year's last day for a past year."""
    today = timezone.localdate()
    default = today if today.year <= year else dt.date(year, 12, 31)
    form = AsOfForm(request.GET or None)
    as_of = (
        form.cleaned_data["as_of"]
        if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]
        else default
    )
    if not form.is_bound:
        form = AsOfForm(initial={"as_of": as_of})
    return form, as_of


def _index_page(request: AgencyRequest, form: BaseForm) -> HttpResponse:
    sets = selectors.objective_set_list(agency=request.agency)
    can_manage = permissions.can_manage(actor(request))
    return render(request, "objectives/index.html", {"sets": sets, "form": form, "can_manage": can_manage})


@agency_required
def index(request: AgencyRequest) -> HttpResponse:
    return _index_page(request, ObjectiveSetForm(initial={"year": timezone.localdate().year}))


def _set_url(pk: int) -> str:
    return reverse("objectives:set_detail", kwargs={"pk": pk})


@role_required(*permissions.MANAGERS)
@require_POST
def set_create(request: AgencyRequest) -> HttpResponse:
    return run_form(
        request,
        ObjectiveSetForm(request.POST),
        lambda data: services.objective_set_create(agency=request.agency, actor=request.person, **data),
        page=lambda form: _index_page(request, form),
        success_url=lambda objective_set: _set_url(objective_set.pk),
    )


def _set_page(request: AgencyRequest, pk: int, **forms_: BaseForm) -> HttpResponse:
    objective_set = get_for_agency_or_404(
        selectors.objective_set_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    as_of_form, as_of = _as_of(request, objective_set.year)
    person = actor(request)
    context: dict[str, Any] = {
        "objective_set": objective_set,
        "groups": selectors.objective_set_measure(objective_set, as_of),
        "as_of": as_of,
        "as_of_form": as_of_form,
        "can_manage": permissions.can_manage(person),
        "can_edit": permissions.can_edit_set(person, objective_set),
        "can_issue": permissions.can_issue(person, objective_set),
        "copy_form": CopyForm(initial={"year": objective_set.year + 1}),
        "issue_form": IssueForm(
            initial={
                "decision_number": objective_set.decision_number,
                "decision_date": objective_set.decision_date,
            }
        ),
        "objective_form": ObjectiveForm(),
        "indicator_form": IndicatorForm(objective_set=objective_set),
        **forms_,
    }
    return render(request, "objectives/set_detail.html", context)


@agency_required
def set_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    return _set_page(request, pk)


def _set_for(request: AgencyRequest, pk: int) -> ObjectiveSet:
    return get_for_agency_or_404(ObjectiveSet, request.agency, pk=pk)


@role_required(*permissions.MANAGERS)
def set_copy(request: AgencyRequest, pk: int) -> HttpResponse:
    """Next year's objectives from this year's set; new indicators are added afterwards."""
    source = _set_for(request, pk)
    return run_form(
        request,
        CopyForm(request.POST or None, initial={"year": source.year + 1}),
        lambda data: services.objective_set_copy(source=source, year=data["year"], actor=request.person),
        page=lambda form: render(
            request, "objectives/set_copy.html", {"objective_set": source, "form": form}
        ),
        success_url=lambda target: _set_url(target.pk),
        success_message=lambda target: _(
            "Đã tạo mục tiêu chất lượng năm {year} từ năm {source}. Có thể bổ sung chỉ tiêu mới."
        ).format(year=target.year, source=source.year),
    )


@role_required(*permissions.MANAGERS)
@require_POST
def set_issue(request: AgencyRequest, pk: int) -> HttpResponse:
    objective_set = _set_for(request, pk)
    return run_form(
        request,
        IssueForm(request.POST),
        lambda data: services.objective_set_issue(objective_set=objective_set, actor=request.person, **data),
        page=lambda form: _set_page(request, pk, issue_form=form),
        success_url=_set_url(pk),
        success_message=_("Đã ghi nhận quyết định ban hành."),
    )


@role_required(*permissions.MANAGERS)
@require_POST
def objective_add(request: AgencyRequest, pk: int) -> HttpResponse:
    objective_set = _set_for(request, pk)
    return run_form(
        request,
        ObjectiveForm(request.POST),
        lambda data: services.objective_create(
            objective_set=objective_set, text=data["text"], actor=request.person
        ),
        page=lambda form: _set_page(request, pk, objective_form=form),
        success_url=_set_url(pk),
        success_message=_("Đã thêm mục tiêu."),
    )


@role_required(*permissions.MANAGERS)
def objective_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    objective = get_for_agency_or_404(
        Objective.objects.select_related("objective_set"), request.agency, pk=pk
    )
    objective_set = objective.objective_set
    if not permissions.can_edit_set(actor(request), objective_set):
        return refuse(request, _("Bộ mục tiêu đã ban hành, không sửa được."), _set_url(objective_set.pk))
    return run_form(
        request,
        ObjectiveForm(request.POST or None, initial={"text": objective.text}),
        lambda data: services.objective_update(objective=objective, actor=request.person, text=data["text"]),
        page=lambda form: render(
            request,
            "objectives/indicator_add.html",
            {"objective_set": objective_set, "form": form, "title": _("Sửa mục tiêu")},
        ),
        success_url=_set_url(objective_set.pk),
        success_message=_("Đã lưu mục tiêu."),
    )


@role_required(*permissions.MANAGERS)
def indicator_add(request: AgencyRequest, pk: int) -> HttpResponse:
    objective_set = _set_for(request, pk)

    def call(data: dict[str, Any]) -> object:
        fields = dict(data)
        objective = fields.pop("objective")
        return services.indicator_create(objective=objective, actor=request.person, **fields)

    return run_form(
        request,
        IndicatorForm(request.POST or None, objective_set=objective_set),
        call,
        page=lambda form: render(
            request, "objectives/indicator_add.html", {"objective_set": objective_set, "form": form}
        ),
        success_url=_set_url(objective_set.pk),
        success_message=_("Đã thêm chỉ tiêu."),
    )


@role_required(*permissions.MANAGERS)
def indicator_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    indicator = get_for_agency_or_404(
        Indicator.objects.select_related("objective__objective_set__agency"), request.agency, pk=pk
    )
    objective_set = indicator.objective.objective_set
    if not permissions.can_edit_set(actor(request), objective_set):
        return refuse(request, _("Bộ mục tiêu đã ban hành, không sửa được."), _set_url(objective_set.pk))
    form = IndicatorForm(
        request.POST or None, objective_set=objective_set, initial=indicator_initial(indicator)
    )
    return run_form(
        request,
        form,
        lambda data: services.indicator_update(indicator=indicator, actor=request.person, **data),
        page=lambda bound: render(
            request,
            "objectives/indicator_add.html",
            {"objective_set": objective_set, "form": bound, "title": _("Sửa chỉ tiêu")},
        ),
        success_url=reverse("objectives:indicator", kwargs={"pk": indicator.pk}),
        success_message=_("Đã lưu chỉ tiêu."),
    )


def _indicator_page(request: AgencyRequest, indicator: Indicator, form: BaseForm | None) -> HttpResponse:
    as_of_form, as_of = _as_of(request, indicator.objective.objective_set.year)
    row = selectors.indicator_measure(indicator, as_of)
    chart = None
    if any(p["value"] is not None for p in row["trend"]):
        chart = charts.inline_svg(
            charts.line_chart(
                [p["label"] for p in row["trend"]],
                {
                    indicator.name[:40]: [
                        float(p["value"]) if p["value"] is not None else None for p in row["trend"]
                    ]
                },
                target=float(indicator.target_value),
            )
        )
    person = actor(request)
    if form is None and indicator.source == "manual" and permissions.can_enter_values(person):
        form = ManualValueForm()
    context = {
        "indicator": indicator,
        "row": row,
        "chart": chart,
        "as_of": as_of,
        "as_of_form": as_of_form,
        "form": form,
        "values": indicator.manual_values.all(),
        "can_post": permissions.can_post_values(person),
        "can_edit": permissions.can_edit_set(person, indicator.objective.objective_set),
    }
    return render(request, "objectives/indicator_detail.html", context)


@agency_required
def evidence_file(request: AgencyRequest, pk: int) -> HttpResponse:
    """A manual value's evidence file, served only to its agency, with safe headers."""
    value = get_for_agency_or_404(ManualValue, request.agency, pk=pk)
    if not value.evidence_file:
        raise Http404(_("Số liệu này không có tệp bằng chứng."))
    return file_response(value.evidence_file, filename=value.evidence_file.name or "evidence")


@agency_required
def indicator_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    indicator = get_for_agency_or_404(
        selectors.indicator_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    return _indicator_page(request, indicator, None)


@role_required(*permissions.VALUE_ROLES)
@require_POST
def manual_value_add(request: AgencyRequest, pk: int) -> HttpResponse:
    indicator = get_for_agency_or_404(Indicator, request.agency, pk=pk)
    return run_form(
        request,
        ManualValueForm(request.POST, request.FILES),
        lambda data: services.manual_value_record(indicator=indicator, actor=request.person, **data),
        page=lambda form: _indicator_page(request, indicator, form),
        success_url=reverse("objectives:indicator", kwargs={"pk": indicator.pk}),
        success_message=_("Đã lưu số liệu."),
    )


@role_required(*permissions.MANAGERS)
@require_POST
def manual_value_post(request: AgencyRequest, pk: int) -> HttpResponse:
    manual_value = get_for_agency_or_404(ManualValue, request.agency, pk=pk)
    return run_action(
        request,
        lambda: services.manual_value_post(manual_value=manual_value, actor=request.person),
        success_url=reverse("objectives:indicator", kwargs={"pk": manual_value.indicator_id}),
        success_message=_("Đã ghi nhận số liệu."),
    )
