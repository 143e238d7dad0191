"""Writes of the organisation area. Every write is atomic and records a DomainEvent."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction

from eiso.core.models import Agency, Division, DomainEvent, Person, QualityPolicy, RoleGrant


def event_record(
    *,
    agency: Agency,
    actor: Person | None,
    verb: str,
    target: models.Model,
    data: dict[str, Any] | None = None,
) -> DomainEvent:
    """Record who did what to which record; call inside the service's transaction."""
    return DomainEvent.objects.create(
        agency=agency,
        actor=actor,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        data=data or {},
    )


@transaction.atomic
def agency_create(
    *, code: str, name: str, province: str, actor: Person | None = None, **fields: Any
) -> Agency:
    agency = Agency.objects.create(code=code, name=name, province=province, **fields)
    event_record(agency=agency, actor=actor, verb="agency.created", target=agency)
    return agency


@transaction.atomic
def division_create(*, agency: Agency, code: str, name: str, order: int = 0) -> Division:
    return Division.objects.create(agency=agency, code=code, name=name, order=order)


@transaction.atomic
def person_create(
    *,
    agency: Agency,
    full_name: str,
    roles: list[str],
    username: str | None = None,
    password: str | None = None,
    title: str = "",
    division: Division | None = None,
    email: str = "",
) -> Person:
    """Create a staff record, optionally with a login account, and grant its roles."""
    user = None
    if username:
        user = get_user_model().objects.create_user(username=username, email=email, password=password)
    person = Person.objects.create(
        user=user, agency=agency, full_name=full_name, title=title, division=division, email=email
    )
    for role in roles:
        RoleGrant.objects.create(person=person, role=role)
    return person


@transaction.atomic
def quality_policy_approve(
    *, agency: Agency, text: str, approved_on: Any, approved_by: Person
) -> QualityPolicy:
    """Add the next version of the quality policy, approved by the agency head."""
    last = agency.quality_policies.aggregate(models.Max("version"))["version__max"] or 0
    policy = QualityPolicy.objects.create(
        agency=agency, version=last + 1, text=text, approved_on=approved_on, approved_by=approved_by
    )
    event_record(agency=agency, actor=approved_by, verb="quality_policy.approved", target=policy)
    return policy
