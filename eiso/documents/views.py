"""Staff pages of document control: thin views calling one service or selector each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.downloads import file_response, format_or_404, secure_headers
from eiso.documents import cover, selectors, services
from eiso.documents.choices import DocumentType
from eiso.documents.forms import (
    CommentForm,
    DistributionForm,
    DocumentForm,
    EvaluationForm,
    IssueForm,
    NewVersionForm,
    RegisterFilterForm,
    ResolveForm,
    ReviewForm,
    VersionForm,
    WithdrawForm,
)
from eiso.documents.models import Acknowledgement, Document, DocumentVersion, LegalChangeFlag

PAGE_SIZE = 25


def _apply(request: AgencyRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service; show its refusal as a message instead of an error page."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def _form_errors(request: AgencyRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@agency_required
def document_list(request: AgencyRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    documents = selectors.document_list(
        agency=request.agency,
        doc_type=filters.get("doc_type", ""),
        state=filters.get("state", ""),
        overdue=bool(filters.get("overdue")),
        query=filters.get("q", ""),
        today=timezone.localdate(),
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, str(v)) for k, v in request.GET.items() if k != "page" and v])
    return render(
        request,
        "documents/document_list.html",
        {
            "page": page,
            "form": form,
            "query": query,
            "today": timezone.localdate(),
            "can_draft": can_act(request, *services.DRAFTER_ROLES),
        },
    )


@role_required(*services.DRAFTER_ROLES)
def document_create(request: AgencyRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        created: list[Document] = []
        ok = _apply(
            request,
            lambda: created.append(
                services.document_create(agency=request.agency, actor=request.person, **fields)
            ),
            _("Đã thêm tài liệu vào danh mục."),
        )
        if ok:
            return redirect("documents:document_detail", pk=created[0].pk)
    return render(request, "documents/document_form.html", {"form": form, "document": None})


@role_required(*services.DRAFTER_ROLES)
def document_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(Document, request.agency, pk=pk)
    form = DocumentForm(request.POST or None, instance=document, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields["code"] = fields["code"] or document.code
        if _apply(
            request,
            lambda: services.document_update(document=document, actor=request.person, **fields),
            _("Đã lưu thông tin tài liệu."),
        ):
            return redirect("documents:document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "document": document})


@agency_required
def document_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(
        Document.objects.select_related("owner_division", "amends", "handling_process"), request.agency, pk=pk
    )
    open_version = selectors.open_version(document=document)
    context = {
        "document": document,
        "current": selectors.current_version(document=document),
        "open_version": open_version,
        "versions": selectors.document_versions(document=document),
        "distributions": selectors.distribution_status(document=document),
        "flags": document.legal_flags.select_related("amending").order_by("due_on"),
        "reviews": document.reviews.select_related("reviewed_by")[:10],
        "today": timezone.localdate(),
        "edit_form": VersionForm(
            initial={
                "changed_sections": open_version.changed_sections,
                "change_summary": open_version.change_summary,
                "body": open_version.body,
            }
        )
        if open_version
        else None,
        "new_form": NewVersionForm(),
        "comment_form": CommentForm(),
        "issue_form": IssueForm(),
        "withdraw_form": WithdrawForm(),
        "distribution_form": DistributionForm(agency=request.agency),
        "review_form": ReviewForm(),
        "can_draft": can_act(request, *services.DRAFTER_ROLES),
        "can_review": can_act(request, *services.REVIEWER_ROLES),
        "can_approve": can_act(request, *services.APPROVER_ROLES),
        "can_issue": can_act(request, *services.ISSUER_ROLES),
    }
    return render(request, "documents/document_detail.html", context)


@role_required(*services.DRAFTER_ROLES)
@require_POST
def version_create(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(Document, request.agency, pk=pk)
    form = NewVersionForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        _apply(
            request,
            lambda: services.version_create(document=document, actor=request.person, **data),
            _("Đã tạo dự thảo mới."),
        )
    else:
        _form_errors(request, form)
    return redirect("documents:document_detail", pk=document.pk)


def _version(request: AgencyRequest, pk: int) -> DocumentVersion:
    return get_for_agency_or_404(DocumentVersion.objects.select_related("document"), request.agency, pk=pk)


@role_required(*services.DRAFTER_ROLES)
@require_POST
def version_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if not data["file"]:
            data.pop("file")
        _apply(
            request,
            lambda: services.version_update(version=version, actor=request.person, **data),
            _("Đã lưu dự thảo."),
        )
    else:
        _form_errors(request, form)
    return redirect("documents:document_detail", pk=version.document_id)


def _comment(request: AgencyRequest) -> str:
    form = CommentForm(request.POST)
    return form.cleaned_data["comment"] if form.is_valid() else ""


@role_required(*services.DRAFTER_ROLES)
@require_POST
def version_submit(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    _apply(
        request,
        lambda: services.version_submit(version=version, actor=request.person),
        _("Đã gửi dự thảo để xem xét."),
    )
    return redirect("documents:document_detail", pk=version.document_id)


@role_required(*services.REVIEWER_ROLES)
@require_POST
def version_review(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    comment = _comment(request)
    _apply(
        request,
        lambda: services.version_review_pass(version=version, reviewer=request.person, comment=comment),
        _("Đã ghi nhận kết quả xem xét: dự thảo đạt, chờ phê duyệt."),
    )
    return redirect("documents:document_detail", pk=version.document_id)


@role_required(*services.REVIEWER_ROLES)
@require_POST
def version_return(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    comment = _comment(request)
    _apply(
        request,
        lambda: services.version_return(version=version, actor=request.person, comment=comment),
        _("Đã trả lại dự thảo cho người soạn thảo."),
    )
    return redirect("documents:document_detail", pk=version.document_id)


@role_required(*services.APPROVER_ROLES)
@require_POST
def version_approve(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    comment = _comment(request)
    _apply(
        request,
        lambda: services.version_approve(version=version, approved_by=request.person, comment=comment),
        _("Đã phê duyệt tài liệu."),
    )
    return redirect("documents:document_detail", pk=version.document_id)


@role_required(*services.ISSUER_ROLES)
@require_POST
def version_issue(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["effective_from"]
        _apply(
            request,
            lambda: services.version_issue(version=version, actor=request.person, effective_from=day),
            _("Đã ban hành tài liệu."),
        )
    else:
        _form_errors(request, form)
    return redirect("documents:document_detail", pk=version.document_id)


@role_required(*services.ISSUER_ROLES)
@require_POST
def version_withdraw(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        _apply(
            request,
            lambda: services.version_withdraw(version=version, actor=request.person, reason=reason),
            _("Đã thu hồi phiên bản."),
        )
    else:
        _form_errors(request, form)
    return redirect("documents:document_detail", pk=version.document_id)


@agency_required
def version_file(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    if not version.file:
        raise Http404(_("Phiên bản này không có tệp."))
    return file_response(version.file, filename=version.file_name or str(version.file.name))


@role_required(*services.ISSUER_ROLES)
@require_POST
def distribution_send(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    form = DistributionForm(request.POST, agency=request.agency)
    if form.is_valid():
        data = form.cleaned_data
        _apply(
            request,
            lambda: services.distribution_send(
                version=version,
                actor=request.person,
                divisions=data["divisions"],
                people=data["people"],
                note=data["note"],
            ),
            _("Đã phân phối tài liệu."),
        )
    else:
        _form_errors(request, form)
    return redirect("documents:document_detail", pk=version.document_id)


@agency_required
def reading_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.reading_list(person=request.person), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "documents/reading_list.html", {"page": page})


@agency_required
@require_POST
def acknowledge(request: AgencyRequest, pk: int) -> HttpResponse:
    acknowledgement = get_for_agency_or_404(
        Acknowledgement.objects.filter(person=request.person), request.agency, pk=pk
    )
    _apply(
        request,
        lambda: services.acknowledgement_confirm(acknowledgement=acknowledgement, person=request.person),
        _("Đã xác nhận đã đọc tài liệu."),
    )
    return redirect("documents:reading_list")


@role_required(*services.REVIEWER_ROLES)
@require_POST
def review_record(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(Document, request.agency, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _apply(
            request,
            lambda: services.document_review_record(document=document, actor=request.person, **data),
            _("Đã ghi nhận lần xem xét định kỳ."),
        )
    else:
        _form_errors(request, form)
    return redirect("documents:document_detail", pk=document.pk)


@agency_required
def overdue_list(request: AgencyRequest) -> HttpResponse:
    today = timezone.localdate()
    documents = selectors.overdue_reviews(agency=request.agency, today=today)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "documents/overdue_list.html", {"page": page, "today": today})


@agency_required
def legal_change_list(request: AgencyRequest) -> HttpResponse:
    show_all = request.GET.get("tat-ca") == "1"
    flags = selectors.legal_changes(agency=request.agency, pending_only=not show_all)
    page = Paginator(flags, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/legal_change_list.html",
        {
            "page": page,
            "show_all": show_all,
            "today": timezone.localdate(),
            "form": ResolveForm(),
            "can_issue": can_act(request, *services.ISSUER_ROLES),
        },
    )


@role_required(*services.ISSUER_ROLES)
@require_POST
def legal_change_resolve(request: AgencyRequest, pk: int) -> HttpResponse:
    flag = get_for_agency_or_404(LegalChangeFlag, request.agency, pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        resolution = form.cleaned_data["resolution"]
        _apply(
            request,
            lambda: services.legal_flag_resolve(flag=flag, actor=request.person, resolution=resolution),
            _("Đã ghi nhận kết quả xử lý thay đổi pháp lý."),
        )
    else:
        _form_errors(request, form)
    return redirect("documents:legal_changes")


@agency_required
def evaluation_list(request: AgencyRequest) -> HttpResponse:
    year_text = request.GET.get("nam", "")
    year = (
        int(year_text)
        if year_text.isdigit() and 2000 <= int(year_text) <= 2100
        else timezone.localdate().year
    )
    as_of = min(timezone.localdate(), dt.date(year, 12, 31))
    summary = selectors.documents_summary(agency=request.agency, year=year, as_of=as_of)
    documents = (
        selectors.document_list(agency=request.agency)
        .exclude(doc_type=DocumentType.EXTERNAL)
        .filter(current_effective__isnull=False)  # type: ignore[misc]
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = selectors.evaluations(agency=request.agency, year=year).filter(document__in=[d.pk for d in page])
    done = {e.document_id: e for e in shown}
    rows = [(document, done.get(document.pk)) for document in page]
    return render(
        request,
        "documents/evaluation_list.html",
        {
            "page": page,
            "rows": rows,
            "year": year,
            "summary": summary,
            "query": urlencode({"nam": year}),
            "form": EvaluationForm(initial={"year": year}),
            "can_review": can_act(request, *services.REVIEWER_ROLES),
        },
    )


@role_required(*services.REVIEWER_ROLES)
@require_POST
def evaluation_record(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(Document, request.agency, pk=pk)
    form = EvaluationForm(request.POST)
    year = timezone.localdate().year
    if form.is_valid():
        data = form.cleaned_data
        year = data["year"]
        _apply(
            request,
            lambda: services.evaluation_record(document=document, actor=request.person, **data),
            _("Đã ghi nhận đánh giá hiệu lực."),
        )
    else:
        _form_errors(request, form)
    return redirect(f"{reverse('documents:evaluations')}?nam={year}")


@agency_required
def cover_download(request: AgencyRequest, pk: int, fmt: str) -> HttpResponse:
    """The cover page, responsibility grid and revision table of a procedure in the Decree 30/2020 layout."""
    document = get_for_agency_or_404(Document, request.agency, pk=pk)
    fmt = format_or_404(fmt, ("docx", "pdf"))
    if document.is_external:
        raise Http404(_("Văn bản bên ngoài không có trang bìa."))
    content = cover.cover_document(document=document)
    if fmt == "pdf":
        data, mime = cover.render_pdf(content), "application/pdf"
    else:
        data, mime = cover.render_docx(content), cover.DOCX_MIME
    response = HttpResponse(data, content_type=mime)
    return secure_headers(response, filename=f"{document.code}-bia.{fmt}")
