"""Reads of the procedure catalogue, scoped to an agency; figures come from database aggregates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from eiso.core.access import scoped
from eiso.core.models import Agency
from eiso.core.search import search as text_search
from eiso.procedures.contracts import PublicationSummary
from eiso.procedures.models import HandlingProcess, Procedure, ProcedureRule, ProcessStep, RequiredComponent

RuleTuple = tuple[Decimal, str, dt.time | None]


def procedure_list(
    *,
    agency: Agency,
    field: str = "",
    published: bool | None = None,
    in_scope: bool | None = None,
    search: str = "",
    as_of: dt.date | None = None,
) -> QuerySet[Procedure]:
    """The agency's procedures, filtered; `published`: posted at the office or online (by as_of)."""
    queryset = scoped(Procedure.objects.all(), agency)
    if field:
        queryset = queryset.filter(field=field)
    if in_scope is not None:
        queryset = queryset.filter(in_scope=in_scope)
    if published is not None:
        condition = _published_q(as_of)
        queryset = queryset.filter(condition) if published else queryset.exclude(condition)
    if search:
        queryset = text_search(queryset, search, "code", "name")
    return queryset.order_by("field", "code")


def procedure_fields(*, agency: Agency) -> list[str]:
    return list(
        scoped(Procedure.objects.all(), agency).exclude(field="").values_list("field", flat=True).distinct()
    )


def procedure_detail_queryset(*, agency: Agency) -> QuerySet[Procedure]:
    return scoped(Procedure.objects.all(), agency).prefetch_related(
        Prefetch("rules", queryset=ProcedureRule.objects.order_by("-valid_from")),
        Prefetch("components", queryset=RequiredComponent.objects.order_by("order", "id")),
        Prefetch(
            "processes",
            queryset=HandlingProcess.objects.prefetch_related(
                Prefetch("steps", queryset=ProcessStep.objects.select_related("division").order_by("order"))
            ),
        ),
    )


def process_list(*, agency: Agency) -> QuerySet[HandlingProcess]:
    return (
        scoped(HandlingProcess.objects.all(), agency)
        .annotate(
            procedure_count=Count("procedures", distinct=True), step_count=Count("steps", distinct=True)
        )
        .order_by("code")
    )


def process_detail_queryset(*, agency: Agency) -> QuerySet[HandlingProcess]:
    return scoped(HandlingProcess.objects.all(), agency).prefetch_related(
        "procedures", Prefetch("steps", queryset=ProcessStep.objects.select_related("division"))
    )


def procedures_by_code(agency: Agency) -> dict[str, Procedure]:
    """Every procedure of the agency by code, with its rules prefetched, for fast lookups during an import."""
    return {p.code: p for p in scoped(Procedure.objects.all(), agency).prefetch_related("rules")}


def procedure_rule_at(procedure: Procedure, on: dt.date) -> RuleTuple:
    """(value, unit, cutoff) of the rule valid on `on`: the dossier keeps the limit in force when received.

    Uses the prefetched rules when the procedure comes from `procedures_by_code`. Before the first rule (or
    without rules) the earliest known rule applies, falling back to the procedure's own current fields.
    """
    rules = sorted(procedure.rules.all(), key=lambda r: r.valid_from)
    for rule in reversed(rules):
        if rule.valid_from <= on and (rule.valid_to is None or on <= rule.valid_to):
            return (rule.time_limit_value, rule.time_limit_unit, rule.counts_from_next_day_after)
    if rules and on < rules[0].valid_from:
        first = rules[0]
        return (first.time_limit_value, first.time_limit_unit, first.counts_from_next_day_after)
    return (procedure.time_limit_value, procedure.time_limit_unit, procedure.counts_from_next_day_after)


def published_q(as_of: dt.date | None = None) -> Q:
    """Posted at the office or online (by `as_of` when given)."""
    return _published_q(as_of)


def _published_q(as_of: dt.date | None, prefix: str = "") -> Q:
    if as_of is None:
        return Q(**{f"{prefix}published_at_office_on__isnull": False}) | Q(
            **{f"{prefix}published_online_on__isnull": False}
        )
    return Q(**{f"{prefix}published_at_office_on__lte": as_of}) | Q(
        **{f"{prefix}published_online_on__lte": as_of}
    )


def publication_summary(agency: Agency, as_of: dt.date) -> PublicationSummary:
    """How many in-scope TTHC and handling processes were published (posted at the office OR online) by as_of.

    A procedure counts when it is active, in the QMS scope and valid on as_of; a process when it is active.
    Two aggregate queries.
    """
    valid = Q(is_active=True, in_scope=True, valid_from__lte=as_of) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=as_of)
    )
    procedures = scoped(Procedure.objects.all(), agency).aggregate(
        n_in_scope=Count("id", filter=valid), n_published=Count("id", filter=valid & _published_q(as_of))
    )
    processes = scoped(HandlingProcess.objects.all(), agency).aggregate(
        n_total=Count("id", filter=Q(is_active=True)),
        n_published=Count("id", filter=Q(is_active=True) & _published_q(as_of)),
    )
    return {
        "in_scope": procedures["n_in_scope"],
        "published": procedures["n_published"],
        "processes_total": processes["n_total"],
        "processes_published": processes["n_published"],
    }
