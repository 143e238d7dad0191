"""Reads of the internal audit, each scoped to an agency; summaries are computed by the database."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from eiso.audits.choices import FindingKind
from eiso.audits.contracts import AuditSummary
from eiso.audits.models import Audit, AuditProgramme, AuditSession, Finding, ProgrammeItem
from eiso.core.access import scoped
from eiso.core.choices import Role
from eiso.core.models import Agency, Division, Person
from eiso.procedures.models import Procedure, ProcessStep


def programme_list(*, agency: Agency) -> QuerySet[AuditProgramme]:
    return (
        scoped(AuditProgramme.objects.all(), agency)
        .select_related("approved_by")
        .annotate(item_count=Count("items", distinct=True), audit_count=Count("audits", distinct=True))
        .order_by("-year")
    )


def programme_items(*, programme: AuditProgramme) -> QuerySet[ProgrammeItem]:
    return programme.items.select_related("division", "procedure", "process")


def _procedure_covered(items: QuerySet[ProgrammeItem]) -> Any:
    """A procedure is covered when the programme names it, names a process applying it, or names a division
    that carries out a step of such a process."""
    steps_in_covered_divisions = ProcessStep.objects.filter(
        process__procedures=OuterRef("pk"),
        division__in=items.filter(division__isnull=False).values("division"),
    )
    return (
        Exists(items.filter(procedure=OuterRef("pk")))
        | Exists(items.filter(process__procedures=OuterRef("pk")))
        | Exists(steps_in_covered_divisions)
    )


def programme_coverage(*, programme: AuditProgramme) -> dict[str, Any]:
    """Every active division and every in-scope procedure, each marked covered or not by the programme."""
    items = ProgrammeItem.objects.filter(programme=programme)
    divisions = (
        Division.objects.filter(agency_id=programme.agency_id, is_active=True)
        .annotate(covered=Exists(items.filter(division=OuterRef("pk"))))
        .order_by("order", "name")
    )
    procedure_covered = _procedure_covered(items)
    procedures = (
        Procedure.objects.filter(agency_id=programme.agency_id, in_scope=True, is_active=True)
        .annotate(covered=procedure_covered)
        .order_by("code")
    )
    division_counts = {"total": divisions.count(), "covered": divisions.filter(covered=True).count()}
    procedure_counts = {"total": procedures.count(), "covered": procedures.filter(covered=True).count()}
    return {
        "divisions": divisions,
        "procedures": procedures,
        "division_counts": division_counts,
        "procedure_counts": procedure_counts,
    }


def audit_list(*, agency: Agency) -> QuerySet[Audit]:
    return (
        scoped(Audit.objects.all(), agency)
        .select_related("lead_auditor", "programme")
        .annotate(
            finding_count=Count("findings", distinct=True),
            nc_count=Count("findings", filter=Q(findings__kind=FindingKind.NONCONFORMITY), distinct=True),
        )
        .order_by("-starts_on", "-id")
    )


def audit_sessions(*, audit: Audit) -> QuerySet[AuditSession]:
    return audit.sessions.select_related("division").prefetch_related("auditors")


def finding_list(*, agency: Agency) -> QuerySet[Finding]:
    """Every finding of the agency's audits, newest first, with its audit, division and auditor."""
    return (
        scoped(Finding.objects.all(), agency)
        .select_related("audit", "division", "auditor")
        .order_by("-found_on", "-id")
    )


def audit_findings(*, audit: Audit) -> QuerySet[Finding]:
    return (
        audit.findings.select_related("division", "auditor")
        .prefetch_related("nonconformities__corrective_actions")
        .order_by("kind", "division__order", "id")
    )


def auditors(*, agency: Agency) -> QuerySet[Person]:
    auditors = Person.objects.filter(agency=agency, is_active=True, role_grants__role=Role.AUDITOR)
    return auditors.select_related("division")


def sessions_of(*, person: Person, date_from: dt.date) -> QuerySet[AuditSession]:
    return (
        AuditSession.objects.filter(auditors=person, starts_at__date__gte=date_from)
        .select_related("audit", "division")
        .order_by("starts_at")
    )


def audits_held(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> QuerySet[Audit]:
    """Audits that started in the period, were not cancelled by its end, and were actually held: at least one
    session at a division, or one finding, recorded by the period's end. A planned audit is not an audit."""
    sessions = AuditSession.objects.filter(audit=OuterRef("pk"), starts_at__date__lte=date_to)
    findings = _findings_by(date_to).filter(audit=OuterRef("pk"))
    return (
        scoped(Audit.objects.all(), agency)
        .filter(starts_on__gte=date_from, starts_on__lte=date_to)
        .filter(Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=date_to))
        .filter(Exists(sessions) | Exists(findings))
    )


def _findings_by(date_to: dt.date) -> QuerySet[Finding]:
    return Finding.objects.filter(found_on__lte=date_to).filter(
        Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=date_to)
    )


def divisions_audited(*, audits: QuerySet[Audit], date_to: dt.date) -> QuerySet[Division]:
    """Divisions where a held audit had a session, or recorded a finding, by `date_to`."""
    session_at = AuditSession.objects.filter(
        audit__in=audits, division=OuterRef("pk"), starts_at__date__lte=date_to
    )
    finding_at = _findings_by(date_to).filter(audit__in=audits, division=OuterRef("pk"))
    return Division.objects.filter(Exists(session_at) | Exists(finding_at))


def _procedure_audited(audited: QuerySet[Division]) -> Any:
    """A procedure was audited when every division responsible for a step of its handling processes was
    audited (and it has such a step): the one-stop office taking in every dossier does not make the
    specialist division's procedures audited."""
    steps = ProcessStep.objects.filter(
        process__procedures=OuterRef("pk"), process__is_active=True, division__isnull=False
    )
    return Exists(steps) & ~Exists(steps.exclude(division__in=audited))


def audit_summary(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> AuditSummary:
    """Audits held in the period; the divisions and procedures they actually covered (from the sessions and
    findings recorded, not from the programme), with those left out named; findings by kind and division,
    and the text of every finding counted (strengths, observations and nonconformities alike)."""
    audits = audits_held(agency=agency, date_from=date_from, date_to=date_to)
    findings = _findings_by(date_to).filter(audit__in=audits)
    active_divisions = Division.objects.filter(agency=agency, is_active=True)
    audited = divisions_audited(audits=audits, date_to=date_to)
    in_scope = Procedure.objects.filter(agency=agency, in_scope=True, is_active=True)
    covered = _procedure_audited(audited)
    by_kind = findings.aggregate(
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in FindingKind.values}, total=Count("pk")
    )
    by_division = list(
        findings.values("division__code", "division__name")
        .annotate(**{kind: Count("pk", filter=Q(kind=kind)) for kind in FindingKind.values})
        .order_by("division__order", "division__name")
    )
    finding_texts = [
        {"kind": kind, "division": division, "description": description}
        for kind, division, description in findings.order_by("kind", "division__order", "id").values_list(
            "kind", "division__name", "description"
        )[:FINDINGS_QUOTED]
    ]
    summary = {
        "audits": list(audits.order_by("starts_on", "id").values("id", "title", "starts_on", "ends_on")[:20]),
        "finding_texts": finding_texts,
        "audits_held": audits.count(),
        "divisions_total": active_divisions.count(),
        "divisions_audited": active_divisions.filter(pk__in=audited.values("pk")).count(),
        "divisions_not_audited": list(
            active_divisions.exclude(pk__in=audited.values("pk"))
            .order_by("order", "name")
            .values_list("name", flat=True)
        ),
        "procedures_total": in_scope.count(),
        "procedures_covered": in_scope.filter(covered).count(),
        "procedures_not_covered": list(
            in_scope.exclude(covered).order_by("code").values_list("code", flat=True)[:FINDINGS_QUOTED]
        ),
        "findings": by_kind,
        "findings_by_division": by_division,
    }
    return cast(AuditSummary, summary)


FINDINGS_QUOTED = 100
"""At most this many finding texts and uncovered procedure codes are quoted; the audit pages list the rest."""
