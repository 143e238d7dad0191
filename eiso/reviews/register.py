"""One register of the external and internal changes relevant to the QMS (ISO 9001 9.3.2 b; QĐ 19/2014
Art. 4 cl. 4(a) and (c)): the changes recorded in the review's register (organisation, scope, standard,
laws recorded by hand) together with the legal amendments document control flagged on the documents that
rest on them. The review's changes input, the minutes, the self-report and the province overview all read
it here, so they cannot disagree."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from eiso.core.models import Agency
from eiso.documents.models import LegalChangeFlag
from eiso.reviews.choices import ChangeKind
from eiso.reviews.models import QmsChange

# QĐ 19/2014 Art. 4 cl. 4(a): changes in law are folded into the QMS within 3 months.
UPDATE_WINDOW = dt.timedelta(days=92)


def pending_legal_flags(*, agency: Agency | Any, as_of: dt.date) -> QuerySet[LegalChangeFlag]:
    """Documents still to update on `as_of` for an amendment already in force (`agency` may be an
    OuterRef)."""
    return LegalChangeFlag.objects.filter(
        Q(resolved_on__isnull=True) | Q(resolved_on__gt=as_of),
        document__agency=agency,
        amending__legal_effective_from__lte=as_of,
    )


def stale_recorded_changes(*, agency: Agency | Any, as_of: dt.date) -> QuerySet[QmsChange]:
    """Recorded legal or scope changes in force for over 3 months whose documents were not updated."""
    return QmsChange.objects.filter(
        agency=agency,
        kind__in=[ChangeKind.LAW, ChangeKind.SCOPE],
        effective_on__lt=as_of - UPDATE_WINDOW,
    ).filter(Q(documents_updated_on__isnull=True) | Q(documents_updated_on__gt=as_of))


def overdue_legal_flags(*, agency: Agency | Any, as_of: dt.date) -> QuerySet[LegalChangeFlag]:
    return pending_legal_flags(agency=agency, as_of=as_of).filter(due_on__lt=as_of)


def legal_amendments(*, agency: Agency, since: dt.date, as_of: dt.date) -> list[dict[str, Any]]:
    """The legal amendments flagged by document control, one row per amending document: in force from
    `since` to `as_of`, or still pending on `as_of` whenever they took effect."""
    flags = LegalChangeFlag.objects.filter(document__agency=agency, amending__legal_effective_from__lte=as_of)
    flags = flags.filter(
        Q(amending__legal_effective_from__gte=since) | Q(resolved_on__isnull=True) | Q(resolved_on__gt=as_of)
    )
    return [
        dict(row)
        for row in flags.values(
            "amending_id", "amending__title", "amending__code", "amending__legal_effective_from"
        )
        .annotate(
            documents=Count("pk"),
            pending=Count("pk", filter=Q(resolved_on__isnull=True) | Q(resolved_on__gt=as_of)),
            due_on=Min("due_on"),
            updated_on=Max("resolved_on", filter=Q(resolved_on__lte=as_of)),
        )
        .order_by("amending__legal_effective_from", "amending_id")
    ]


def overdue_changes_count(*, agency: Agency, as_of: dt.date) -> int:
    """Changes past their 3-month window on `as_of`: recorded changes plus flagged documents."""
    return (
        stale_recorded_changes(agency=agency, as_of=as_of).count()
        + overdue_legal_flags(agency=agency, as_of=as_of).count()
    )
