"""Compiling the review inputs (ISO 9001 cl. 9.3.2) from every module's records, one function per section.

Each section calls the owning module's selector. A module that is not installed (or lacks the selector)
compiles to an explicit "no data yet" entry, so the review still assembles. Sections are listed in the
order the reference meeting (07/08/2017) used; every entry is JSON-serialisable (frozen in ReviewInput.data).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from eiso.reviews.choices import ActionState

if TYPE_CHECKING:
    from eiso.reviews.models import ManagementReview

Data = dict[str, Any]


@dataclass(frozen=True)
class Section:
    key: str
    clause: str
    title: Any
    compile: Callable[[ManagementReview, dt.date], Data]
    links: tuple[str, ...] = field(default_factory=tuple)


def selector(module: str, name: str) -> Callable[..., Any] | None:
    """The named selector of another module, or None while that module has not landed."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def missing(module: str) -> Data:
    return {"available": False, "module": module}


def _json(value: Any) -> Any:
    """Dates, decimals and other values made JSON-friendly, recursively."""
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def year_start(review: ManagementReview) -> dt.date:
    return dt.date(review.year, 1, 1)


# --- sections ---------------------------------------------------------------------------------------------


def changes(review: ManagementReview, as_of: dt.date) -> Data:
    from eiso.reviews.models import QmsChange

    rows = QmsChange.objects.filter(
        agency=review.agency, effective_on__gte=dt.date(review.year - 1, review_month_floor(review), 1)
    ).filter(effective_on__lte=as_of)
    items = [
        {
            "kind": c.kind,
            "title": c.title,
            "reference": c.reference,
            "effective_on": c.effective_on.isoformat(),
            "effect_on_documents": c.effect_on_documents,
            "documents_updated_on": c.documents_updated_on.isoformat() if c.documents_updated_on else None,
            "within_3_months": bool(
                c.documents_updated_on and (c.documents_updated_on - c.effective_on).days <= 92
            ),
        }
        for c in rows.order_by("effective_on", "id")[:200]
    ]
    return {"available": True, "count": len(items), "items": items}


def review_month_floor(review: ManagementReview) -> int:
    """Changes since the previous review's month (or January of last year when there is none)."""
    from eiso.reviews.models import ManagementReview as Model

    previous = Model.objects.filter(agency=review.agency, year=review.year - 1).only("held_on").first()
    return previous.held_on.month if previous and previous.held_on else 1


def previous_actions(review: ManagementReview, as_of: dt.date) -> Data:
    """Decisions of earlier reviews: all still open, and those closed since last year's review."""
    from eiso.reviews.models import ReviewDecision

    rows = (
        ReviewDecision.objects.filter(review__agency=review.agency, review__year__lt=review.year)
        .filter(Q(state=ActionState.OPEN) | Q(review__year=review.year - 1))
        .select_related("review", "owner", "owner_division")
        .order_by("review__year", "id")
    )
    items = [
        {
            "year": d.review.year,
            "kind": d.kind,
            "text": d.text,
            "owner": str(d.owner or d.owner_division or ""),
            "deadline": d.deadline.isoformat() if d.deadline else None,
            "state": d.state,
            "result_note": d.result_note,
            "overdue": bool(d.state == ActionState.OPEN and d.deadline and d.deadline < as_of),
        }
        for d in rows[:200]
    ]
    counts = rows.aggregate(
        done=Count("id", filter=Q(state=ActionState.DONE)),
        open=Count("id", filter=Q(state=ActionState.OPEN)),
        cancelled=Count("id", filter=Q(state=ActionState.CANCELLED)),
    )
    return {"available": True, "total": len(items), **counts, "items": items}


def objectives(review: ManagementReview, as_of: dt.date) -> Data:
    snapshot = selector("eiso.objectives.selectors", "objectives_snapshot")
    models = _models("eiso.objectives.models")
    if snapshot is None or models is None or not hasattr(models, "ObjectiveSet"):
        return missing("objectives")
    objective_set = models.ObjectiveSet.objects.filter(agency=review.agency, year=review.year).first()
    if objective_set is None:
        return {"available": True, "items": [], "met": 0, "total": 0}
    items = _json(list(snapshot(objective_set=objective_set, as_of=as_of)))
    met = sum(1 for i in items if i.get("status") in ("met", "achieved", "dat"))
    return {"available": True, "items": items, "met": met, "total": len(items)}


def satisfaction(review: ManagementReview, as_of: dt.date) -> Data:
    summary = selector("eiso.surveys.selectors", "satisfaction_summary")
    if summary is None:
        return missing("surveys")
    data = summary(agency=review.agency, date_from=year_start(review), date_to=as_of)
    return {"available": True, **_json(dict(data))}


def dossiers(review: ManagementReview, as_of: dt.date) -> Data:
    stats = selector("eiso.dossiers.selectors", "dossier_stats")
    if stats is None:
        return missing("dossiers")
    start = year_start(review)
    data: Data = {
        "available": True,
        **_json(dict(stats(agency=review.agency, date_from=start, date_to=as_of))),
    }
    quarters = []
    for q in range(4):
        q_from = dt.date(review.year, 3 * q + 1, 1)
        if q_from > as_of:
            break
        q_end = dt.date(review.year, 3 * q + 4, 1) if q < 3 else dt.date(review.year + 1, 1, 1)
        q_to = min(as_of, q_end - dt.timedelta(days=1))
        figures = stats(agency=review.agency, date_from=q_from, date_to=q_to)
        quarters.append(
            {
                "label": f"Q{q + 1}",
                "received_total": _json(figures.get("received_total")),
                "resolved_early": _json(figures.get("resolved_early")),
                "resolved_on_time": _json(figures.get("resolved_on_time")),
                "resolved_late": _json(figures.get("resolved_late")),
            }
        )
    data["quarters"] = quarters
    late = selector("eiso.dossiers.selectors", "late_dossiers")
    if late is not None:
        try:
            rows = list(late(agency=review.agency, date_from=start, date_to=as_of)[:50])
        except TypeError:
            rows = []
        data["late"] = [_late_row(r) for r in rows]
    return data


def _late_row(row: Any) -> Data:
    if isinstance(row, dict):
        return _json(row)
    return {
        "code": str(getattr(row, "code", getattr(row, "pk", ""))),
        "procedure": str(getattr(row, "procedure", "")),
        "cause": str(
            getattr(row, "late_cause", "")
            or getattr(row, "late_reason", "")
            or getattr(row, "extension_reason", "")
        ),
    }


def procedures(review: ManagementReview, as_of: dt.date) -> Data:
    summary = selector("eiso.procedures.selectors", "publication_summary")
    if summary is None:
        return missing("procedures")
    return {"available": True, **_json(dict(summary(review.agency, as_of)))}


def internal_audit(review: ManagementReview, as_of: dt.date) -> Data:
    summary = selector("eiso.audits.selectors", "audit_summary")
    if summary is None:
        return missing("audits")
    return {
        "available": True,
        **_json(dict(summary(agency=review.agency, date_from=year_start(review), date_to=as_of))),
    }


def nonconformities(review: ManagementReview, as_of: dt.date) -> Data:
    summary = selector("eiso.improvements.selectors", "nonconformity_summary")
    if summary is None:
        return missing("improvements")
    data = summary(agency=review.agency, date_from=year_start(review), date_to=as_of)
    return {"available": True, **_json(dict(data))}


def documents(review: ManagementReview, as_of: dt.date) -> Data:
    summary = selector("eiso.documents.selectors", "documents_summary")
    if summary is None:
        return missing("documents")
    return {"available": True, **_json(dict(summary(agency=review.agency, year=review.year, as_of=as_of)))}


def risks(review: ManagementReview, as_of: dt.date) -> Data:
    summary = selector("eiso.risks.selectors", "risk_summary")
    if summary is None:
        return missing("risks")
    return {"available": True, **_json(dict(summary(agency=review.agency, as_of=as_of)))}


def resources(review: ManagementReview, as_of: dt.date) -> Data:
    """Adequacy of resources: the secretary's text, with last year's budget decisions for reference."""
    from eiso.reviews.models import ReviewDecision

    budget = ReviewDecision.objects.filter(
        review__agency=review.agency, budget_year=review.year, amount_vnd__isnull=False
    ).values_list("text", "amount_vnd")
    return {"available": True, "budget_lines": [{"text": t, "amount_vnd": a} for t, a in budget]}


def improvement(review: ManagementReview, as_of: dt.date) -> Data:
    """Opportunities for improvement: proposed by the secretary in the commentary."""
    return {"available": True}


def _models(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


SECTIONS: list[Section] = [
    Section("changes", "b", _("Các thay đổi liên quan đến HTQLCL"), changes, ("reviews:changes",)),
    Section("previous_actions", "a", _("Kết quả thực hiện từ cuộc họp xem xét lần trước"), previous_actions),
    Section(
        "objectives", "c2", _("Mục tiêu chất lượng và kết quả thực hiện"), objectives, ("objectives:index",)
    ),
    Section("satisfaction", "c1", _("Sự hài lòng của tổ chức, công dân"), satisfaction, ("surveys:index",)),
    Section(
        "dossiers",
        "c3/c5",
        _("Kết quả giải quyết thủ tục hành chính"),
        dossiers,
        ("dossiers:index", "dossiers:list"),
    ),
    Section(
        "procedures",
        "c3",
        _("Công bố, niêm yết TTHC và quy trình giải quyết"),
        procedures,
        ("procedures:list",),
    ),
    Section("internal_audit", "c6", _("Kết quả đánh giá nội bộ"), internal_audit, ("audits:index",)),
    Section(
        "nonconformities",
        "c4",
        _("Sự không phù hợp và hành động khắc phục"),
        nonconformities,
        ("improvements:index",),
    ),
    Section(
        "documents",
        "c3",
        _("Tính hiệu lực của các tài liệu đã ban hành"),
        documents,
        ("documents:index", "documents:list"),
    ),
    Section(
        "risks", "e", _("Hiệu lực của các hành động giải quyết rủi ro và cơ hội"), risks, ("risks:index",)
    ),
    Section("resources", "d", _("Sự thỏa đáng của nguồn lực"), resources),
    Section("improvement", "f", _("Các cơ hội cải tiến"), improvement),
]
SECTION_BY_KEY = {s.key: s for s in SECTIONS}
