"""Read endpoints for the rest of the QMS, scoped to an agency exactly like the pages: the caller's own, or
for a provincial supervisor any agency of its province (`?agency=CODE`); another agency's code gives 404.
Each is a thin call to the owning module's selector."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from eiso.api.auth import caller_of
from eiso.api.problems import Problem
from eiso.core.access import get_for_agency_or_404, scoped
from eiso.core.downloads import file_response
from eiso.core.filters import AgencyFilterSet
from eiso.core.models import Agency
from eiso.documents.choices import VersionState
from eiso.documents.models import Document, DocumentVersion
from eiso.documents.selectors import current_version
from eiso.dossiers import selectors as dossier_selectors
from eiso.dossiers.models import Dossier
from eiso.improvements.filters import NonconformityFilter
from eiso.improvements.selectors import corrective_action_list, nonconformity_list
from eiso.objectives.models import ObjectiveSet
from eiso.objectives.selectors import objectives_snapshot
from eiso.procedures.filters import ProcedureFilter
from eiso.procedures.selectors import procedure_list, procedure_rule_at
from eiso.reviews.selectors import review_decisions, review_inputs, review_list
from eiso.risks.filters import RiskFilter
from eiso.risks.selectors import risk_list
from eiso.surveys.selectors import satisfaction_summary

router = Router(tags=["read"])


class AgencyQuery(Schema):
    agency: str | None = Field(None, description="Mã cơ quan; mặc định cơ quan của khóa")


class PeriodQuery(AgencyQuery):
    date_from: dt.date | None = Field(None, description="Mặc định: đầu năm có hồ sơ tiếp nhận gần nhất")
    date_to: dt.date | None = Field(None, description="Mặc định: cuối năm đó")


class ProcedureQuery(AgencyQuery):
    """The filters of the catalogue page (`ProcedureFilter`)."""

    q: str | None = Field(None, max_length=100, description="Một phần mã hoặc tên")
    field: str | None = Field(None, max_length=255, description="Lĩnh vực")
    published: str | None = Field(None, description="1: đã công khai; 0: chưa")
    in_scope: str | None = Field(None, description="1: thuộc phạm vi HTQLCL; 0: ngoài phạm vi")
    as_of: dt.date | None = Field(None, description="Công khai tính đến ngày")


class NonconformityQuery(AgencyQuery):
    """The filters of the nonconformity page (`NonconformityFilter`)."""

    q: str | None = Field(None, max_length=100, description="Một phần mô tả")
    source_kind: str | None = None
    division: int | None = Field(None, description="Mã số (id) của phòng")
    procedure: int | None = Field(None, description="Mã số (id) của thủ tục")
    status: str | None = Field(None, description="open hoặc cancelled")
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class RiskQuery(AgencyQuery):
    """The filters of the risk register page (`RiskFilter`)."""

    q: str | None = Field(None, max_length=100, description="Một phần mã hoặc mô tả")
    kind: str | None = Field(None, description="risk hoặc opportunity")
    level: str | None = Field(None, description="low, medium hoặc high")
    status: str | None = Field(None, description="open, closed hoặc cancelled")
    division: int | None = Field(None, description="Mã số (id) của phòng")
    owner: int | None = Field(None, description="Mã số (id) của người phụ trách")
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class Listing(Schema):
    agency: str
    items: list[dict[str, Any]]


class Statistics(Schema):
    agency: str
    date_from: dt.date
    date_to: dt.date
    total: dict[str, Any]
    by_field: list[dict[str, Any]]
    by_procedure: list[dict[str, Any]]
    by_division: list[dict[str, Any]]


class Survey(Schema):
    agency: str
    date_from: dt.date
    date_to: dt.date
    responses: int
    valid: int
    satisfied: int
    rate: float | None
    per_question: list[dict[str, Any]]


def _agency(request: HttpRequest, code: str | None) -> Agency:
    caller = caller_of(request)
    caller.require("read")
    return caller.read_agency(code)


def _json(body: dict[str, Any]) -> JsonResponse:
    return JsonResponse(_plain(body), json_dumps_params={"ensure_ascii": False})


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _filtered(
    filterset: type[AgencyFilterSet], query: Schema, queryset: QuerySet[Any], agency: Agency
) -> Any:
    """The rows of `queryset` through the page's FilterSet; an invalid filter is a 422 naming the field."""
    data = {k: str(v) for k, v in query.model_dump(exclude={"agency"}, exclude_none=True).items()}
    filters = filterset(data, queryset, agency=agency)
    if not filters.is_valid():
        raise Problem(
            422,
            _("Bộ lọc không hợp lệ."),
            errors=[
                {"field": field, "detail": str(message), "code": "invalid"}
                for field, messages in filters.errors.items()
                for message in messages
            ],
        )
    return filters.qs


def _period(agency: Agency, query: PeriodQuery) -> tuple[dt.date, dt.date]:
    """The statistics page's default: the year of the latest received dossier."""
    if query.date_from and query.date_to:
        if query.date_to < query.date_from:
            message = _("Ngày kết thúc kỳ phải sau ngày bắt đầu.")
            raise Problem(422, message, errors=[{"field": "date_to", "detail": message, "code": "invalid"}])
        return query.date_from, query.date_to
    last = scoped(Dossier.objects.all(), agency).aggregate(last=Max("received_on"))["last"]
    year = (last or timezone.localdate()).year
    return query.date_from or dt.date(year, 1, 1), query.date_to or dt.date(year, 12, 31)


@router.get("/procedures", response=Listing, summary="Thủ tục hành chính, thời hạn đang áp dụng, công khai")
def procedures(request: HttpRequest, query: Query[ProcedureQuery]) -> JsonResponse:
    agency = _agency(request, query.agency)
    today = timezone.localdate()
    items = []
    for p in _filtered(ProcedureFilter, query, procedure_list(agency=agency), agency):
        value, unit, cutoff = procedure_rule_at(p, today)
        items.append(
            {
                "code": p.code,
                "name": p.name,
                "field": p.field,
                "level": p.level,
                "in_scope": p.in_scope,
                "is_active": p.is_active,
                "valid_from": p.valid_from,
                "valid_to": p.valid_to,
                "current_rule": {"time_limit_value": value, "time_limit_unit": unit, "cutoff": cutoff},
                "published": p.is_published,
                "published_at_office_on": p.published_at_office_on,
                "published_online_on": p.published_online_on,
            }
        )
    return _json({"agency": agency.code, "items": items})


@router.get(
    "/statistics/ii06a", response=Statistics, summary="Biểu II.06a của một kỳ (cùng số liệu với trang)"
)
def statistics(request: HttpRequest, query: Query[PeriodQuery]) -> JsonResponse:
    agency = _agency(request, query.agency)
    start, end = _period(agency, query)
    args: dict[str, Any] = {"agency": agency, "date_from": start, "date_to": end}
    body = {
        "agency": agency.code,
        "date_from": start,
        "date_to": end,
        "total": dossier_selectors.dossier_stats(**args),
        "by_field": dossier_selectors.dossier_stats(**args, group_by="field"),
        "by_procedure": dossier_selectors.dossier_stats(**args, group_by="procedure"),
        "by_division": dossier_selectors.dossier_stats(**args, group_by="division"),
    }
    return _json(body)


@router.get("/objectives", response=Listing, summary="Mục tiêu chất lượng và giá trị hiện tại")
def objectives(request: HttpRequest, query: Query[AgencyQuery], year: int | None = None) -> JsonResponse:
    agency = _agency(request, query.agency)
    today = timezone.localdate()
    sets = scoped(ObjectiveSet.objects.all(), agency).order_by("-year")
    if year is not None:
        sets = sets.filter(year=year)
    items = [
        {
            "year": objective_set.year,
            "state": objective_set.state,
            "decision_number": objective_set.decision_number,
            "decision_date": objective_set.decision_date,
            "indicators": objectives_snapshot(objective_set=objective_set, as_of=today),
        }
        for objective_set in sets[:1]
    ]
    return _json({"agency": agency.code, "items": items})


@router.get("/surveys/results", response=Survey, summary="Kết quả khảo sát sự hài lòng của một kỳ")
def survey_results(request: HttpRequest, query: Query[PeriodQuery]) -> JsonResponse:
    agency = _agency(request, query.agency)
    start, end = _period(agency, query)
    summary = satisfaction_summary(agency=agency, date_from=start, date_to=end)
    return _json({"agency": agency.code, "date_from": start, "date_to": end, **summary})


@router.get("/documents", response=Listing, summary="Tài liệu đang hiệu lực và tệp hiện hành")
def documents(request: HttpRequest, query: Query[AgencyQuery]) -> JsonResponse:
    agency = _agency(request, query.agency)
    versions = (
        DocumentVersion.objects.filter(
            document__agency=agency, state=VersionState.ISSUED, effective_from__lte=timezone.localdate()
        )
        .select_related("document", "document__owner_division")
        .order_by("document__doc_type", "document__code")
    )
    items = [
        {
            "id": v.document_id,
            "code": v.document.code,
            "title": v.document.title,
            "doc_type": v.document.doc_type,
            "owner_division": v.document.owner_division.name if v.document.owner_division else None,
            "next_review_on": v.document.next_review_on,
            "version": {
                "id": v.pk,
                "issue_no": v.issue_no,
                "revision_no": v.revision_no,
                "effective_from": v.effective_from,
                "file_name": v.file_name or None,
                "file_size": v.file_size,
                "file_sha256": v.file_sha256 or None,
                "file_url": f"/api/v1/documents/{v.document_id}/file" if v.file else None,
            },
        }
        for v in versions
    ]
    return _json({"agency": agency.code, "items": items})


@router.get("/documents/{document_id}/file", summary="Tệp của phiên bản hiện hành", response={200: None})
def document_file(request: HttpRequest, document_id: int, query: Query[AgencyQuery]) -> HttpResponse:
    agency = _agency(request, query.agency)
    document = get_for_agency_or_404(Document, agency, pk=document_id)
    version = current_version(document=document)
    if version is None or not version.file:
        raise Problem(404, _("Tài liệu chưa có tệp hiện hành."))
    return file_response(version.file, filename=version.file_name or "document")


@router.get("/nonconformities", response=Listing, summary="Điểm không phù hợp và hành động khắc phục")
def nonconformities(request: HttpRequest, query: Query[NonconformityQuery]) -> JsonResponse:
    agency = _agency(request, query.agency)
    actions: dict[int, list[dict[str, Any]]] = {}
    for action in corrective_action_list(agency=agency).order_by("pk"):
        actions.setdefault(action.nonconformity_id, []).append(
            {
                "number": action.number,
                "state": action.state,
                "requested_on": action.requested_on,
                "root_cause": action.root_cause,
                "correction": action.correction,
                "due_on": action.due_on,
                "verified_on": action.verified_on,
                "closed_on": action.closed_on,
            }
        )
    items = [
        {
            "id": nc.pk,
            "source_kind": nc.source_kind,
            "description": nc.description,
            "division": nc.division.name if nc.division else None,
            "raised_on": nc.raised_on,
            "cancelled_on": nc.cancelled_on,
            "corrective_actions": actions.get(nc.pk, []),
        }
        for nc in _filtered(NonconformityFilter, query, nonconformity_list(agency=agency), agency).order_by(
            "pk"
        )
    ]
    return _json({"agency": agency.code, "items": items})


@router.get("/risks", response=Listing, summary="Sổ rủi ro và cơ hội")
def risks(request: HttpRequest, query: Query[RiskQuery]) -> JsonResponse:
    agency = _agency(request, query.agency)
    items = [
        {
            "code": r.code,
            "kind": r.kind,
            "description": r.description,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "score": r.score,
            "level": r.level,
            "status": r.status,
            "owner": r.owner.full_name if r.owner else None,
            "review_on": r.review_on,
            "open_actions": r.open_actions,
        }
        for r in _filtered(RiskFilter, query, risk_list(agency=agency), agency)
    ]
    return _json({"agency": agency.code, "items": items})


@router.get(
    "/management-reviews", response=Listing, summary="Xem xét của lãnh đạo: đầu vào đã chốt, quyết định"
)
def management_reviews(request: HttpRequest, query: Query[AgencyQuery]) -> JsonResponse:
    agency = _agency(request, query.agency)
    items = [
        {
            "year": review.year,
            "state": review.state,
            "planned_on": review.planned_on,
            "held_on": review.held_on,
            "inputs_as_of": review.inputs_as_of,
            "conclusion": review.conclusion,
            "inputs": [
                {
                    "key": i.key,
                    "clause": i.clause,
                    "title": i.title,
                    "data": i.data,
                    "commentary": i.commentary,
                }
                for i in review_inputs(review=review)
            ],
            "decisions": [
                {
                    "kind": d.kind,
                    "text": d.text,
                    "owner": d.owner.full_name if d.owner else None,
                    "deadline": d.deadline,
                    "state": d.state,
                    "closed_on": d.closed_on,
                }
                for d in review_decisions(review=review)
            ],
        }
        for review in review_list(agency=agency)
    ]
    return _json({"agency": agency.code, "items": items})
