"""Reads of document control: scoped querysets with their joins chosen, and KPIs computed by the database."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from eiso.core.models import Agency, Person
from eiso.core.search import search
from eiso.documents.choices import DocumentType, EvaluationResult, VersionState
from eiso.documents.contracts import DocumentsSummary
from eiso.documents.models import (
    Acknowledgement,
    CodePattern,
    Distribution,
    Document,
    DocumentEvaluation,
    DocumentReview,
    DocumentVersion,
    LegalChangeFlag,
)
from eiso.procedures.models import Procedure

IN_FORCE_STATES = (VersionState.ISSUED, VersionState.SUPERSEDED)


def _latest(field: str) -> Subquery:
    versions = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-issue_no", "-revision_no")
    return Subquery(versions.values(field)[:1])


def _current(field: str) -> Subquery:
    versions = DocumentVersion.objects.filter(document=OuterRef("pk"), state=VersionState.ISSUED)
    return Subquery(versions.values(field)[:1])


def document_list(
    *,
    agency: Agency,
    doc_type: str = "",
    state: str = "",
    overdue: bool = False,
    query: str = "",
    today: dt.date | None = None,
) -> QuerySet[Document]:
    """The register: each document with its newest version's state and its current issued version."""
    documents = (
        Document.objects.filter(agency=agency)
        .select_related("owner_division")
        .annotate(
            latest_state=_latest("state"),
            latest_issue=_latest("issue_no"),
            latest_revision=_latest("revision_no"),
            current_effective=_current("effective_from"),
        )
        .order_by("doc_type", "code")
    )
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if state:
        documents = documents.filter(latest_state=state)
    if overdue and today is not None:
        documents = documents.filter(next_review_on__lt=today, current_effective__isnull=False)
    if query:
        documents = search(documents, query, "code", "title")
    return documents


def document_versions(*, document: Document) -> QuerySet[DocumentVersion]:
    return document.versions.select_related("drafted_by", "reviewed_by", "approved_by").order_by(
        "-issue_no", "-revision_no"
    )


def current_version(*, document: Document) -> DocumentVersion | None:
    return document.versions.filter(state=VersionState.ISSUED).first()


def open_version(*, document: Document) -> DocumentVersion | None:
    return document.versions.exclude(state__in=[*IN_FORCE_STATES, VersionState.WITHDRAWN]).first()


def distribution_status(*, document: Document) -> QuerySet[Distribution]:
    """Each distribution with its count of confirmations and the people who have not read it yet."""
    return (
        Distribution.objects.filter(version__document=document)
        .select_related("version", "sent_by")
        .annotate(
            total=Count("acknowledgements"),
            confirmed=Count("acknowledgements", filter=Q(acknowledgements__acknowledged_at__isnull=False)),
        )
        .prefetch_related(
            Prefetch(
                "acknowledgements",
                queryset=Acknowledgement.objects.filter(acknowledged_at__isnull=True).select_related(
                    "person"
                ),
                to_attr="unread",
            )
        )
    )


def reading_list(*, person: Person) -> QuerySet[Acknowledgement]:
    """Documents this person was sent and has not yet confirmed reading (issued versions only)."""
    return (
        Acknowledgement.objects.filter(
            person=person, acknowledged_at__isnull=True, distribution__version__state=VersionState.ISSUED
        )
        .select_related("distribution__version__document", "distribution__sent_by")
        .order_by("distribution__sent_at", "pk")
    )


def overdue_reviews(*, agency: Agency, today: dt.date) -> QuerySet[Document]:
    return (
        Document.objects.filter(agency=agency, next_review_on__lt=today)
        .exclude(doc_type=DocumentType.EXTERNAL)
        .filter(versions__state=VersionState.ISSUED)
        .select_related("owner_division")
        .order_by("next_review_on", "code")
    )


def legal_changes(*, agency: Agency, pending_only: bool = True) -> QuerySet[LegalChangeFlag]:
    flags = LegalChangeFlag.objects.filter(document__agency=agency).select_related(
        "document", "amending", "amended", "resolved_by"
    )
    return flags.filter(resolved_on__isnull=True) if pending_only else flags


def evaluations(*, agency: Agency, year: int) -> QuerySet[DocumentEvaluation]:
    return DocumentEvaluation.objects.filter(document__agency=agency, year=year).select_related(
        "document", "evaluated_by"
    )


def _in_force_q(as_of: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}state__in": IN_FORCE_STATES, f"{prefix}effective_from__lte": as_of}) & (
        Q(**{f"{prefix}superseded_on__isnull": True}) | Q(**{f"{prefix}superseded_on__gt": as_of})
    )


def _internal_in_force(agency: Agency, as_of: dt.date) -> QuerySet[Document]:
    in_force = DocumentVersion.objects.filter(_in_force_q(as_of), document=OuterRef("pk"))
    return (
        Document.objects.filter(agency=agency)
        .exclude(doc_type=DocumentType.EXTERNAL)
        .filter(Exists(in_force))
    )


def documents_summary(*, agency: Agency, year: int, as_of: dt.date) -> DocumentsSummary:
    """Document control for the management review: in force, issued or revised in `year`, overdue
    reviews, legal changes not yet taken in, and the year's evaluation results by kind."""
    in_force = _internal_in_force(agency, as_of)
    documents = in_force.aggregate(
        in_force=Count("pk"), overdue_reviews=Count("pk", filter=Q(next_review_on__lt=as_of))
    )
    versions = DocumentVersion.objects.filter(
        document__agency=agency,
        state__in=IN_FORCE_STATES,
        effective_from__year=year,
        effective_from__lte=as_of,
    ).exclude(document__doc_type=DocumentType.EXTERNAL)
    issued = versions.aggregate(
        issued=Count("pk", filter=Q(revision_no=0)), revised=Count("pk", filter=Q(revision_no__gt=0))
    )
    flags = LegalChangeFlag.objects.filter(
        Q(resolved_on__isnull=True) | Q(resolved_on__gt=as_of),
        document__agency=agency,
        amending__legal_effective_from__lte=as_of,
    ).aggregate(pending=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=as_of)))
    results = evaluations(agency=agency, year=year).aggregate(
        total=Count("pk"),
        **{value: Count("pk", filter=Q(result=value)) for value in EvaluationResult.values},
    )
    summary = {
        "year": year,
        "as_of": as_of,
        "in_force": documents["in_force"],
        "issued": issued["issued"],
        "revised": issued["revised"],
        "overdue_reviews": documents["overdue_reviews"],
        "legal_changes_pending": flags["pending"],
        "legal_changes_overdue": flags["overdue"],
        "evaluations": {value: results[value] for value in EvaluationResult.values},
        "evaluations_total": results["total"],
    }
    return cast(DocumentsSummary, summary)


def documents_reviewed_rate(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> tuple[int, int]:
    """(reviewed, in force): internal documents in force on `date_to`, and how many of them were reviewed
    or issued anew between `date_from` and `date_to` (for the quality objectives)."""
    reviewed = DocumentReview.objects.filter(document=OuterRef("pk"), reviewed_on__range=(date_from, date_to))
    reissued = DocumentVersion.objects.filter(
        document=OuterRef("pk"), state__in=IN_FORCE_STATES, effective_from__range=(date_from, date_to)
    )
    counts = _internal_in_force(agency, date_to).aggregate(
        denominator=Count("pk"), numerator=Count("pk", filter=Exists(reviewed) | Exists(reissued))
    )
    return counts["numerator"], counts["denominator"]


# --- public portal -----------------------------------------------------------------------------------


def public_agencies() -> QuerySet[Agency]:
    return (
        Agency.objects.filter(is_supervisor=False)
        .filter(Exists(Procedure.objects.filter(agency=OuterRef("pk"), published_online_on__isnull=False)))
        .order_by("name")
    )


def public_procedures(*, agency: Agency, field: str = "") -> QuerySet[Procedure]:
    """The agency's TTHC published online, by field."""
    procedures = Procedure.objects.filter(agency=agency, is_active=True, published_online_on__isnull=False)
    if field:
        procedures = procedures.filter(field=field)
    return procedures.order_by("field", "code")


def public_fields(*, agency: Agency) -> list[str]:
    return list(
        Procedure.objects.filter(agency=agency, is_active=True, published_online_on__isnull=False)
        .exclude(field="")
        .order_by("field")
        .values_list("field", flat=True)
        .distinct()
    )


def public_versions(*, procedure: Procedure) -> QuerySet[DocumentVersion]:
    """Current issued versions of the public documents (procedure documents, forms) of a TTHC."""
    return (
        DocumentVersion.objects.filter(
            state=VersionState.ISSUED, document__is_public=True, document__procedures=procedure
        )
        .select_related("document")
        .order_by("document__doc_type", "document__code")
    )


def public_version(*, agency: Agency, pk: int) -> DocumentVersion | None:
    return (
        DocumentVersion.objects.filter(
            pk=pk, state=VersionState.ISSUED, document__is_public=True, document__agency=agency
        )
        .select_related("document")
        .first()
    )


def code_patterns(*, agency: Agency) -> dict[str, str]:
    """The agency's own pattern per document type (types without one use the default pattern)."""
    return dict(CodePattern.objects.filter(agency=agency).values_list("doc_type", "pattern"))
