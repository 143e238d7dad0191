"""9.3.2 c3: publication of the administrative procedures (TTHC) and their handling processes."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.procedures.contracts import PublicationSummary
from eiso.procedures.selectors import publication_summary
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections.base import Section


class ProceduresData(PublicationSummary):
    available: bool


class Procedures(Section[ProceduresData]):
    key = "procedures"
    clause = "c3"
    title = gettext_lazy("Công bố, niêm yết TTHC và quy trình giải quyết")
    links = ("procedures:list",)

    def compile(self, review: ManagementReview, as_of: dt.date) -> ProceduresData:
        return {"available": True, **cast(PublicationSummary, publication_summary(review.agency, as_of))}

    def text(self, data: ProceduresData) -> list[str]:
        return [
            _(
                "Đã công bố và niêm yết công khai {published}/{in_scope} TTHC chuẩn hóa và "
                "{processes_published}/{processes_total} quy trình giải quyết TTHC."
            ).format(
                published=data.get("published", 0),
                in_scope=data.get("in_scope", 0),
                processes_published=data.get("processes_published", 0),
                processes_total=data.get("processes_total", 0),
            )
        ]

    def signals(self, data: ProceduresData) -> list[str]:
        found = []
        unpublished = data.get("in_scope", 0) - data.get("published", 0)
        if unpublished > 0:
            found.append(_("{n} TTHC chưa công bố, niêm yết").format(n=unpublished))
        processes = data.get("processes_total", 0) - data.get("processes_published", 0)
        if processes > 0:
            found.append(_("{n} quy trình chưa công bố").format(n=processes))
        return found


SECTION = Procedures()
