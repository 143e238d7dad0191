from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.charts import inline_svg
from eiso.core.choices import QMS_MANAGERS
from eiso.core.layout import StateDocument
from eiso.core.redirects import safe_next_url
from eiso.reviews import paperwork, selectors, services
from eiso.reviews.choices import Attendance, ReviewState
from eiso.reviews.forms import (
    ActionForm,
    ChangeForm,
    CollectForm,
    CommentForm,
    ConclusionForm,
    DecisionForm,
    HoldForm,
    PlanForm,
    RecordForm,
)
from eiso.reviews.models import ManagementReview, QmsRecord, ReviewDecision, ReviewInput
from eiso.reviews.sections import SECTION_BY_KEY, section_links, section_text
from eiso.signatures.services import signed_file_for

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _errors(request: AgencyRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request: AgencyRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@agency_required
def review_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.review_list(agency=request.agency), 20).get_page(request.GET.get("page"))
    today = timezone.localdate()
    form = PlanForm(agency=request.agency, initial={"year": today.year})
    return render(
        request,
        "reviews/list.html",
        {"page": page, "form": form, "can_manage": can_act(request, *QMS_MANAGERS)},
    )


@role_required(*QMS_MANAGERS)
@require_POST
def review_create(request: AgencyRequest) -> HttpResponse:
    form = PlanForm(request.POST, agency=request.agency)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("reviews:list")
    try:
        review = services.review_plan(agency=request.agency, actor=request.person, **form.cleaned_data)
    except ValidationError as error:
        _errors(request, error)
        return redirect("reviews:list")
    messages.success(request, _("Đã lập kế hoạch họp xem xét của lãnh đạo."))
    return redirect("reviews:detail", pk=review.pk)


@agency_required
def review_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    review = get_for_agency_or_404(
        selectors.review_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    inputs = [
        (
            item,
            SECTION_BY_KEY[item.key].title if item.key in SECTION_BY_KEY else item.title,
            section_text(item.key, item.data),
            section_links(item.key),
            inline_svg(item.chart_svg.encode("utf-8")) if item.chart_svg else "",
        )
        for item in selectors.review_inputs(review=review)
    ]
    invited = [p.person for p in review.attendance.select_related("person")]
    hold_form = HoldForm(
        agency=request.agency,
        initial={"held_on": review.planned_on, "present": invited, "discussion": review.discussion},
    )
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "inputs": inputs,
            "decisions": [
                (d, ActionForm(initial={"state": d.state})) for d in selectors.review_decisions(review=review)
            ],
            "present": selectors.attendance(review=review, status=Attendance.PRESENT),
            "absent": selectors.attendance(review=review, status=Attendance.ABSENT),
            "invited": invited,
            "collect_form": CollectForm(
                initial={"as_of": review.inputs_as_of or min(timezone.localdate(), review.planned_on)}
            ),
            "hold_form": hold_form,
            "decision_form": DecisionForm(agency=request.agency),
            "conclusion_form": ConclusionForm(initial={"conclusion": review.conclusion}),
            "can_manage": can_act(request, *QMS_MANAGERS),
            "states": ReviewState,
            "documents": paperwork.FILENAMES,
            "plan": selectors.plan_for(agency=request.agency, year=review.year + 1),
        },
    )


def _review(request: AgencyRequest, pk: int) -> ManagementReview:
    return get_for_agency_or_404(ManagementReview, request.agency, pk=pk)


@role_required(*QMS_MANAGERS)
@require_POST
def review_collect(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = CollectForm(request.POST)
    if form.is_valid():
        try:
            services.review_collect_inputs(
                review=review, as_of=form.cleaned_data["as_of"], actor=request.person
            )
            messages.success(request, _("Đã tổng hợp số liệu đầu vào."))
        except ValidationError as error:
            _errors(request, error)
    else:
        _form_errors(request, form)
    return redirect("reviews:detail", pk=review.pk)


@role_required(*QMS_MANAGERS)
@require_POST
def input_comment(request: AgencyRequest, pk: int) -> HttpResponse:
    review_input = get_for_agency_or_404(ReviewInput, request.agency, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.input_comment(
                review_input=review_input, commentary=form.cleaned_data["commentary"], actor=request.person
            )
            messages.success(request, _("Đã lưu nhận xét."))
        except ValidationError as error:
            _errors(request, error)
    return redirect(f"{_detail_url(review_input.review_id)}#input-{review_input.key}")


def _detail_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("reviews:detail", kwargs={"pk": pk})


@role_required(*QMS_MANAGERS)
@require_POST
def review_hold(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = HoldForm(request.POST, agency=request.agency)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.review_hold(
                review=review,
                held_on=data["held_on"],
                present=list(data["present"]),
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                discussion=data["discussion"],
                actor=request.person,
            )
            messages.success(request, _("Đã ghi nhận cuộc họp; số liệu đầu vào đã được chốt."))
        except ValidationError as error:
            _errors(request, error)
    else:
        _form_errors(request, form)
    return redirect("reviews:detail", pk=review.pk)


@role_required(*QMS_MANAGERS)
@require_POST
def decision_add(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = DecisionForm(request.POST, agency=request.agency)
    if form.is_valid():
        try:
            services.decision_add(review=review, actor=request.person, **form.cleaned_data)
            messages.success(request, _("Đã ghi kết luận."))
        except ValidationError as error:
            _errors(request, error)
    else:
        _form_errors(request, form)
    return redirect(f"{_detail_url(review.pk)}#decisions")


@role_required(*QMS_MANAGERS)
@require_POST
def decision_update(request: AgencyRequest, pk: int) -> HttpResponse:
    decision = get_for_agency_or_404(ReviewDecision.objects.select_related("review"), request.agency, pk=pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.decision_close(
                decision=decision,
                state=form.cleaned_data["state"],
                result_note=form.cleaned_data["result_note"],
                actor=request.person,
                on=timezone.localdate(),
            )
            messages.success(request, _("Đã cập nhật tình trạng thực hiện."))
        except ValidationError as error:
            _errors(request, error)
    return redirect(safe_next_url(request, f"{_detail_url(decision.review_id)}#decisions"))


@role_required(*QMS_MANAGERS)
@require_POST
def review_issue_minutes(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            services.review_update(
                review=review, conclusion=form.cleaned_data["conclusion"], actor=request.person
            )
            services.review_issue_minutes(
                review=review, number=form.cleaned_data["minutes_number"], actor=request.person
            )
            messages.success(request, _("Đã ban hành biên bản."))
        except ValidationError as error:
            _errors(request, error)
    return redirect("reviews:detail", pk=review.pk)


@role_required(*QMS_MANAGERS)
@require_POST
def review_close(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    try:
        services.review_close(review=review, actor=request.person)
        messages.success(request, _("Đã kết thúc cuộc họp xem xét."))
    except ValidationError as error:
        _errors(request, error)
    return redirect("reviews:detail", pk=review.pk)


@role_required(*QMS_MANAGERS)
@require_POST
def plan_next_year(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    try:
        plan = services.plan_next_year(review=review, actor=request.person)
        messages.success(request, _("Đã lập hoạch định HTQLCL năm {year}.").format(year=plan.year))
    except ValidationError as error:
        _errors(request, error)
    return redirect("reviews:detail", pk=review.pk)


def _download(doc: StateDocument, fmt: str, filename: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Không tìm thấy bản ghi."))
    response = HttpResponse(paperwork.render(doc, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@agency_required
def review_document(request: AgencyRequest, pk: int, document: str, fmt: str) -> HttpResponse:
    review = get_for_agency_or_404(
        selectors.review_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    if document not in paperwork.DOCUMENTS:
        raise Http404(_("Không tìm thấy bản ghi."))
    signed = signed_file_for(review, document) if fmt == "pdf" else None
    if signed is not None:  # once signed on issue, the signed file is what every download serves
        response = HttpResponse(bytes(signed.content), content_type=CONTENT_TYPES["pdf"])
        response["Content-Disposition"] = f'attachment; filename="{signed.file_name}"'
        return response
    doc = paperwork.DOCUMENTS[document](review)
    return _download(doc, fmt, f"{paperwork.FILENAMES[document]}-{review.year}")


@agency_required
def change_list(request: AgencyRequest) -> HttpResponse:
    form = ChangeForm()
    if request.method == "POST":
        if not can_act(request, *QMS_MANAGERS):
            raise Http404
        form = ChangeForm(request.POST)
        if form.is_valid():
            try:
                services.qms_change_record(agency=request.agency, actor=request.person, **form.cleaned_data)
                messages.success(request, _("Đã ghi nhận thay đổi."))
                return redirect("reviews:changes")
            except ValidationError as error:
                _errors(request, error)
    page = Paginator(selectors.change_list(agency=request.agency), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/changes.html",
        {
            "page": page,
            "form": form,
            "can_manage": can_act(request, *QMS_MANAGERS),
            "today": timezone.localdate(),
        },
    )


@agency_required
def record_list(request: AgencyRequest) -> HttpResponse:
    form = RecordForm(agency=request.agency)
    if request.method == "POST":
        if not can_act(request, *QMS_MANAGERS):
            raise Http404
        form = RecordForm(request.POST, agency=request.agency)
        if form.is_valid():
            try:
                services.qms_record_issue(agency=request.agency, actor=request.person, **form.cleaned_data)
                messages.success(request, _("Đã lưu hồ sơ."))
                return redirect("reviews:records")
            except ValidationError as error:
                _errors(request, error)
    page = Paginator(selectors.record_list(agency=request.agency), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/records.html",
        {"page": page, "form": form, "can_manage": can_act(request, *QMS_MANAGERS)},
    )


@agency_required
def record_document(request: AgencyRequest, pk: int, fmt: str) -> HttpResponse:
    record = get_for_agency_or_404(
        QmsRecord.objects.select_related("agency", "signed_by"), request.agency, pk=pk
    )
    return _download(paperwork.record_document(record), fmt, f"{record.kind}-{record.issued_on:%Y%m%d}")
