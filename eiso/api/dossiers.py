"""Dossier endpoints: the one-stop system pushes dossiers (PUT, batch) and their steps (events) through the
same services as the file import and the dossier pages, and syncs back by `updated_since` and a cursor."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from eiso.api import schemas as s
from eiso.api.auth import caller_of
from eiso.api.idempotency import run_once
from eiso.api.problems import Problem
from eiso.core.access import get_for_agency_or_404, scoped
from eiso.core.models import Agency, Division
from eiso.dossiers import rules, services
from eiso.dossiers.choices import DossierStatus, EventKind, Timeliness
from eiso.dossiers.filters import DossierFilter
from eiso.dossiers.models import Dossier
from eiso.procedures.models import Procedure
from eiso.workdays.calendar import LOCAL_TZ, calendar_for

router = Router(tags=["dossiers"])
DEFAULT_LIMIT = 100


class DossierQuery(Schema):
    """The filters of the dossier list page, plus `updated_since` for incremental sync."""

    agency: str | None = Field(None, description="Mã cơ quan (giám sát cấp tỉnh: một cơ quan trong tỉnh)")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    procedure: str | None = Field(None, description="Mã thủ tục")
    division: str | None = Field(None, description="Mã phòng")
    status: int | None = Field(None, ge=1, le=10)
    timeliness: Timeliness | None = None
    q: str | None = Field(None, max_length=64, description="Một phần mã hồ sơ")
    updated_since: dt.datetime | None = None
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=500)


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(LOCAL_TZ) if value else None


def dossier_json(dossier: Dossier, as_of: dt.date) -> dict[str, Any]:
    timeliness = getattr(dossier, "timeliness", None) or rules.timeliness_of(dossier, as_of)
    division = dossier.division
    return {
        "code": dossier.code,
        "agency": dossier.agency.code,
        "procedure": {"code": dossier.procedure.code, "name": dossier.procedure.name},
        "division": {"code": division.code, "name": division.name} if division else None,
        "channel": dossier.channel,
        "status": dossier.status,
        "status_label": str(DossierStatus(dossier.status).label),
        "timeliness": timeliness,
        "timeliness_label": str(Timeliness(timeliness).label),
        "received_at": _local(dossier.received_at),
        "due_date": dossier.due_date,
        "computed_due_date": dossier.computed_due_date,
        "due_at": _local(dossier.due_at),
        "extended_due_at": _local(dossier.extended_due_at),
        "supplement_count": dossier.supplement_count,
        "supplement_requested_at": _local(dossier.supplement_requested_at),
        "supplement_received_at": _local(dossier.supplement_received_at),
        "resolved_at": _local(dossier.resolved_at),
        "returned_at": _local(dossier.returned_at),
        "stopped_at": _local(dossier.stopped_at),
        "finished_at": _local(dossier.finished_at),
        "updated_at": dossier.updated_at,
    }


def detail_json(dossier: Dossier) -> dict[str, Any]:
    due = rules.due_for(dossier, calendar_for(dossier.agency))
    body = dossier_json(dossier, timezone.localdate())
    body["timeline"] = [
        {
            "kind": event.kind,
            "label": str(EventKind(event.kind).label) if event.kind in EventKind.values else event.kind,
            "at": _local(event.at),
            "actor": event.actor.full_name if event.actor else None,
            "note": event.note,
            "data": event.data,
        }
        for event in dossier.events.select_related("actor").order_by("at", "pk")
    ]
    body["due"] = {
        "start_date": due.start_date,
        "due_date": dossier.due_date,
        "explanation": due.explanation,
        "holidays_skipped": [{"date": day, "name": name} for day, name in due.holidays_skipped],
    }
    return s.DossierDetail.model_validate(body).model_dump(mode="json")


def _dossier(agency: Agency, code: str) -> Dossier:
    return get_for_agency_or_404(
        Dossier.objects.select_related("agency", "procedure", "division"), agency, code=code
    )


def _cursor(value: str) -> tuple[dt.datetime, int]:
    try:
        stamp, _sep, pk = base64.urlsafe_b64decode(value.encode()).decode().partition("|")
        return dt.datetime.fromisoformat(stamp), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Problem(
            422,
            _("Con trỏ phân trang không hợp lệ."),
            errors=[{"field": "cursor", "detail": _("Con trỏ phân trang không hợp lệ."), "code": "cursor"}],
        ) from exc


@router.get("/dossiers", response=s.DossierPage, summary="Danh sách hồ sơ (lọc, đồng bộ theo updated_since)")
def dossier_list(request: HttpRequest, query: Query[DossierQuery]) -> JsonResponse:
    """Ordered by last change (`updated_at`, then id): pass `next_cursor` back as `cursor` for the next
    page; remember the last `updated_at` and pass it as `updated_since` to fetch only what changed."""
    caller = caller_of(request)
    caller.require("read")
    agency = caller.read_agency(query.agency)
    data = query.model_dump(exclude={"agency", "cursor", "limit"}, exclude_none=True)
    if query.updated_since is not None:
        # In UTC: any offset Python accepts (up to ±23:59) reaches the database as one it accepts too.
        data["updated_since"] = query.updated_since.astimezone(dt.UTC).isoformat()
    filterset = DossierFilter(data, queryset=scoped(Dossier.objects.all(), agency), agency=agency)
    if not filterset.is_valid():
        raise Problem(
            422,
            _("Bộ lọc không hợp lệ."),
            errors=[
                {"field": field, "detail": str(message), "code": "invalid"}
                for field, messages in filterset.errors.items()
                for message in messages
            ],
        )
    queryset = filterset.qs.select_related("agency", "procedure", "division").order_by("updated_at", "pk")
    if query.cursor:
        stamp, pk = _cursor(query.cursor)
        queryset = queryset.filter(updated_at__gte=stamp).exclude(updated_at=stamp, pk__lte=pk)
    rows = list(queryset[: query.limit + 1])
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    next_cursor = None
    if more:
        last = rows[-1]
        next_cursor = base64.urlsafe_b64encode(f"{last.updated_at.isoformat()}|{last.pk}".encode()).decode()
    body = {"items": [dossier_json(d, filterset.as_of) for d in rows], "next_cursor": next_cursor}
    return JsonResponse(
        s.DossierPage.model_validate(body).model_dump(mode="json"), json_dumps_params={"ensure_ascii": False}
    )


@router.get(
    "/dossiers/{code}", response=s.DossierDetail, summary="Một hồ sơ, quá trình xử lý và cách tính hạn"
)
def dossier_get(request: HttpRequest, code: str, agency: str | None = None) -> JsonResponse:
    caller = caller_of(request)
    caller.require("read")
    dossier = _dossier(caller.read_agency(agency), code)
    return JsonResponse(detail_json(dossier), json_dumps_params={"ensure_ascii": False})


def _row(code: str, item: s.DossierIn) -> dict[str, str]:
    """The item as the cells of an import row (times in ISO 8601 with their offset)."""
    row: dict[str, str] = {"code": code}
    for name, value in item.model_dump(exclude={"code"}).items():
        if value is None:
            row[name] = ""
        elif isinstance(value, dt.datetime):
            row[name] = (value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)).isoformat()
        else:
            row[name] = str(value)
    return row


def _refusal(outcome: services.UpsertOutcome, codes: list[str]) -> Problem:
    errors = []
    for index, column, message in outcome.errors:
        entry: dict[str, Any] = {"field": column, "detail": message, "code": "invalid"}
        if 0 <= index < len(codes):
            entry |= {"index": index, "dossier": codes[index], "field": f"items.{index}.{column}".rstrip(".")}
        errors.append(entry)
    return Problem(
        422,
        _("Dữ liệu bị từ chối: {n} lỗi, không có hồ sơ nào được ghi.").format(n=len(errors)),
        errors=errors,
    )


@router.put(
    "/dossiers/{code}",
    response={200: s.UpsertResult, 201: s.UpsertResult},
    summary="Tạo hoặc cập nhật một hồ sơ theo mã",
)
def dossier_put(request: HttpRequest, code: str, payload: s.DossierIn) -> JsonResponse:
    """Idempotent: the same body again changes nothing (`unchanged`). Same fields and rules as the file
    import (statuses 1–10 and the times each needs)."""
    caller = caller_of(request)
    agency = caller.write_agency()
    if not code or "/" in code or len(code) > 64:
        raise Problem(422, _("Mã hồ sơ không hợp lệ."))
    outcome = services.dossiers_upsert(agency=agency, actor=caller.person, rows=[_row(code, payload)])
    if not outcome.ok:
        raise _refusal(outcome, [code])
    result = outcome.results[code]
    return JsonResponse({"code": code, "result": result}, status=201 if result == "created" else 200)


@router.post("/dossiers:batch", response=s.BatchOut, summary="Tối đa 1.000 hồ sơ một lần, tất cả hoặc không")
def dossier_batch(request: HttpRequest, payload: s.BatchIn) -> JsonResponse:
    """All or nothing: one refused item refuses the batch (422, `errors` name each item by `index`). Send an
    `Idempotency-Key` header: a batch retried after a timeout is answered from memory, not applied twice."""
    caller = caller_of(request)
    agency = caller.write_agency()
    codes = [item.code for item in payload.items]

    def write() -> tuple[int, dict[str, Any]]:
        outcome = services.dossiers_upsert(
            agency=agency, actor=caller.person, rows=[_row(item.code, item) for item in payload.items]
        )
        if not outcome.ok:
            raise _refusal(outcome, codes)
        results = [outcome.results[code] for code in codes]
        body = {
            "created": results.count("created"),
            "updated": results.count("updated"),
            "unchanged": results.count("unchanged"),
            "items": [{"code": code, "result": result} for code, result in zip(codes, results, strict=True)],
        }
        return 200, body

    return _respond(run_once(request, caller, write))


def _respond(result: tuple[int, dict[str, Any]] | JsonResponse) -> JsonResponse:
    if isinstance(result, JsonResponse):
        return result
    status, body = result
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _division(agency: Agency, code: str | None) -> Division | None:
    if not code:
        return None
    division = Division.objects.filter(agency=agency, code=code).first()
    if division is None:
        raise Problem(
            422,
            _("Không có phòng mã “{code}”.").format(code=code),
            errors=[
                {
                    "field": "division",
                    "detail": _("Không có phòng mã “{code}”.").format(code=code),
                    "code": "unknown",
                }
            ],
        )
    return division


def _missing(field: str) -> Problem:
    return Problem(
        422,
        _("Thiếu trường {field}.").format(field=field),
        errors=[{"field": field, "detail": _("Trường này là bắt buộc."), "code": "missing"}],
    )


def _receive(agency: Agency, code: str, event: s.EventIn, actor: Any) -> Dossier:
    if not event.procedure_code:
        raise _missing("procedure_code")
    procedure = Procedure.objects.filter(agency=agency, code=event.procedure_code).first()
    if procedure is None:
        message = _("Không có thủ tục mã “{code}”.").format(code=event.procedure_code)
        raise Problem(
            422, message, errors=[{"field": "procedure_code", "detail": message, "code": "unknown"}]
        )
    return services.dossier_receive(
        agency=agency,
        procedure=procedure,
        received_at=event.at,
        actor=actor,
        channel=event.channel or "direct",
        code=code,
        division=_division(agency, event.division),
        due_at=event.due_at,
        applicant_name=event.applicant_name,
        applicant_phone=event.applicant_phone,
    )


def apply_event(agency: Agency, code: str, event: s.EventIn, actor: Any) -> tuple[Dossier, bool]:
    """One step through the same service the dossier page calls; True when it created the dossier."""
    if event.kind == "received":
        return _receive(agency, code, event, actor), True
    dossier = _dossier(agency, code)
    common: dict[str, Any] = {"dossier": dossier, "actor": actor, "at": event.at}
    if event.kind == "transferred":
        services.dossier_transfer(**common, division=_division(agency, event.division), note=event.reason)
    elif event.kind == "supplement_requested":
        services.dossier_request_supplement(**common, reason=event.reason)
    elif event.kind == "supplement_received":
        services.dossier_receive_supplement(**common)
    elif event.kind == "extended":
        if event.new_due_at is None:
            raise _missing("new_due_at")
        services.dossier_extend(**common, new_due_at=event.new_due_at, reason=event.reason)
    elif event.kind == "withdrawn":
        services.dossier_withdraw(**common, note=event.reason)
    elif event.kind == "stopped":
        services.dossier_stop(**common, reason=event.reason)
    elif event.kind == "resolved":
        services.dossier_resolve(**common, note=event.reason)
    else:
        services.dossier_return(**common, note=event.reason)
    return dossier, False


@router.post(
    "/dossiers/{code}/events",
    response={200: s.DossierDetail, 201: s.DossierDetail},
    summary="Một bước xử lý hồ sơ khi nó xảy ra",
)
def dossier_event(request: HttpRequest, code: str, payload: s.EventIn) -> JsonResponse:
    """An illegal transition is refused (409) with the reason; `received` creates the dossier (201).
    An `Idempotency-Key` header makes a retried event safe."""
    caller = caller_of(request)
    agency = caller.write_agency()

    def write() -> tuple[int, dict[str, Any]]:
        dossier, created = apply_event(agency, code, payload, caller.person)
        return (201 if created else 200), detail_json(_dossier(agency, dossier.code))

    return _respond(run_once(request, caller, write))
