"""9.3.2 c3: effectiveness of the documents issued — document control, legal changes and evaluations."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.documents.contracts import DocumentsSummary, EvaluationCounts
from eiso.documents.selectors import documents_summary
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section


class DocumentsData(TypedDict):
    available: bool
    year: int
    as_of: str
    in_force: int
    issued: int
    revised: int
    overdue_reviews: int
    legal_changes_pending: int
    legal_changes_overdue: int
    evaluations: EvaluationCounts
    evaluations_total: int


class Documents(Section[DocumentsData]):
    key = "documents"
    clause = "c3"
    title = gettext_lazy("Tính hiệu lực của các tài liệu đã ban hành")
    links = ("documents:index",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> DocumentsData:
        summary = documents_summary(agency=review.agency, year=review.year, as_of=as_of)
        return {
            "available": True,
            **cast(DocumentsSummary, summary),
            "as_of": summary["as_of"].isoformat(),
        }

    def text(self, data: DocumentsData) -> list[str]:
        g = data.get
        evaluations = data.get("evaluations") or {}
        return [
            _(
                "Tài liệu nội bộ đang hiệu lực: {in_force}; ban hành mới trong năm {issued}, "
                "sửa đổi {revised}; "
                "quá hạn xem xét định kỳ {overdue}."
            ).format(
                in_force=g("in_force", 0),
                issued=g("issued", 0),
                revised=g("revised", 0),
                overdue=g("overdue_reviews", 0),
            ),
            _(
                "Thay đổi văn bản pháp luật chưa cập nhật vào tài liệu: {pending} "
                "(quá hạn 3 tháng: {overdue})."
            ).format(pending=g("legal_changes_pending", 0), overdue=g("legal_changes_overdue", 0)),
            _(
                "Đánh giá hiệu lực tài liệu: {total} lượt; áp dụng đúng như văn bản {applied}, cần sửa đổi "
                "{needs_change}, không còn phù hợp {obsolete}."
            ).format(
                total=g("evaluations_total", 0),
                applied=evaluations.get("applied_as_written", 0),
                needs_change=evaluations.get("needs_change", 0),
                obsolete=evaluations.get("obsolete", 0),
            ),
        ]

    def signals(self, data: DocumentsData) -> list[str]:
        g = data.get
        evaluations = data.get("evaluations") or {}
        found = []
        if g("overdue_reviews"):
            found.append(_("{n} tài liệu quá hạn xem xét định kỳ").format(n=g("overdue_reviews")))
        if g("legal_changes_overdue"):
            found.append(
                _("{n} thay đổi văn bản pháp luật quá hạn cập nhật").format(n=g("legal_changes_overdue"))
            )
        if evaluations.get("needs_change"):
            found.append(_("{n} lượt đánh giá: tài liệu cần sửa đổi").format(n=evaluations["needs_change"]))
        if evaluations.get("obsolete"):
            found.append(_("{n} lượt đánh giá: tài liệu không còn phù hợp").format(n=evaluations["obsolete"]))
        return found


SECTION = Documents()
