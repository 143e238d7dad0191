"""Reads of the organisation area, always scoped to one agency."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from eiso.core.models import (
    Agency,
    Division,
    DomainEvent,
    Notification,
    Person,
    QualityPolicy,
    RoleGrant,
    SteeringCommittee,
)


def division_list(*, agency: Agency) -> QuerySet[Division]:
    return Division.objects.filter(agency=agency, is_active=True)


def person_list(*, agency: Agency) -> QuerySet[Person]:
    return (
        Person.objects.filter(agency=agency, is_active=True)
        .select_related("division", "user")
        .prefetch_related(Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role")))
    )


def people_with_role(*, agency: Agency, roles: tuple[str, ...] | list[str]) -> QuerySet[Person]:
    return Person.objects.filter(agency=agency, is_active=True, role_grants__role__in=roles).distinct()


def steering_committee_current(*, agency: Agency) -> SteeringCommittee | None:
    return (
        SteeringCommittee.objects.filter(agency=agency, is_current=True)
        .select_related("head", "secretary")
        .prefetch_related("members")
        .first()
    )


def quality_policy_current(*, agency: Agency) -> QualityPolicy | None:
    return QualityPolicy.objects.filter(agency=agency).select_related("approved_by").first()


def notification_list(*, person: Person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person)


def event_list(*, agency: Agency, target_type: str, target_id: int) -> QuerySet[DomainEvent]:
    return DomainEvent.objects.filter(
        agency=agency, target_type=target_type, target_id=target_id
    ).select_related("actor")
