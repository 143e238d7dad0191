"""Writes of the organisation area. Every write is atomic and records a DomainEvent."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Agency, Division, DomainEvent, Person, QualityPolicy, RoleGrant


class ConsoleOperator:
    """The platform operator at the server's console (management commands, the demo loader)."""

    is_superuser = True
    is_authenticated = True
    pk = None


CONSOLE = ConsoleOperator()


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
    granted_by: Any = None,
) -> Person:
    """Create a staff record, optionally with a login account, and grant its roles (see `role_grant`)."""
    user = None
    if username:
        user = get_user_model().objects.create_user(username=username, email=email, password=password)
    person = Person.objects.create(
        user=user, agency=agency, full_name=full_name, title=title, division=division, email=email
    )
    for role in roles:
        role_grant(person=person, role=role, granted_by=granted_by)
    return person


def _is_platform_operator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_superuser", False))


@transaction.atomic
def role_grant(*, person: Person, role: str, granted_by: Any) -> RoleGrant:
    """Grant `role` to `person`; `granted_by` is the login account (or CONSOLE) granting it.

    The provincial supervisor role lets its holder read every agency of the province, so it is granted
    only by a platform operator (a superuser) and only to a person of the province's supervisor body;
    a database trigger refuses the second condition too (migration core 0002).
    """
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")}, code="invalid")
    if role == Role.SUPERVISOR:
        if not _is_platform_operator(granted_by):
            raise ValidationError(
                {"role": _("Chỉ người quản trị nền tảng được cấp vai trò giám sát cấp tỉnh.")},
                code="forbidden",
            )
        if not person.agency.is_supervisor:
            raise ValidationError(
                {"role": _("Vai trò giám sát chỉ dành cho cán bộ của cơ quan giám sát cấp tỉnh.")},
                code="forbidden",
            )
    grant, created = RoleGrant.objects.get_or_create(person=person, role=role)
    if created:
        person.__dict__.pop("roles", None)
        actor = person_of_user(granted_by)
        event_record(
            agency=person.agency, actor=actor, verb="role.granted", target=person, data={"role": role}
        )
    return grant


def person_of_user(user: Any) -> Person | None:
    try:
        return user.person if getattr(user, "pk", None) is not None else None
    except Person.DoesNotExist:
        return None


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
