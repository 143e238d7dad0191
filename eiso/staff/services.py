"""Writes of the people and organisation pages. Each is atomic, validates first and records a DomainEvent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Agency, Division, Person, QmsProfile, QualityPolicy, RoleGrant, SteeringCommittee
from eiso.core.services import agency_create, event_record, quality_policy_approve

# Granted only by platform operators: never through these pages.
GRANTABLE_ROLES = tuple(role for role in Role if role != Role.SUPERVISOR)


def _check_roles(roles: Iterable[str]) -> list[str]:
    roles = list(dict.fromkeys(roles))
    if not roles:
        raise ValidationError({"roles": _("Chọn ít nhất một vai trò.")})
    if any(role not in GRANTABLE_ROLES for role in roles):
        raise ValidationError({"roles": _("Vai trò này không được cấp tại đây.")})
    return roles


def _check_division(agency: Agency, division: Division | None) -> None:
    if division is not None and division.agency_id != agency.pk:
        raise ValidationError({"division": _("Phòng không thuộc cơ quan này.")})


def _check_username(username: str) -> None:
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})


def set_password_link(*, user: User, base_url: str) -> str:
    """The one-time link (Django's password-reset token) with which an account sets its password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def invitation_send(*, person: Person, base_url: str) -> None:
    """E-mail the person a link to set the password of their new account."""
    if person.user is None or not person.email:
        raise ValidationError(_("Cán bộ chưa có tài khoản hoặc thư điện tử."))
    link = set_password_link(user=person.user, base_url=base_url)
    body = _(
        "Kính gửi {name},\n\nTài khoản eISO của anh/chị tại {agency} đã được tạo.\n"
        "Tên đăng nhập: {username}\n\nĐặt mật khẩu tại đường dẫn sau (dùng được một lần):\n{link}\n"
    ).format(name=person.full_name, agency=person.agency.name, username=person.user.username, link=link)
    send_mail(_("Tài khoản eISO của anh/chị"), body, settings.DEFAULT_FROM_EMAIL, [person.email])


@transaction.atomic
def staff_create(
    *,
    agency: Agency,
    actor: Person | None,
    full_name: str,
    username: str,
    email: str,
    roles: Iterable[str],
    title: str = "",
    division: Division | None = None,
    salutation: str = "",
) -> Person:
    """A staff record with a login account that has no password yet (it is set from the e-mailed link)."""
    roles = _check_roles(roles)
    _check_division(agency, division)
    _check_username(username)
    user = get_user_model().objects.create_user(username=username, email=email, password=None)
    person = Person.objects.create(
        user=user,
        agency=agency,
        full_name=full_name,
        salutation=salutation or None,
        title=title,
        division=division,
        email=email,
    )
    RoleGrant.objects.bulk_create([RoleGrant(person=person, role=role) for role in roles])
    event_record(agency=agency, actor=actor, verb="person.created", target=person, data={"roles": roles})
    return person


@transaction.atomic
def staff_update(
    *,
    person: Person,
    actor: Person | None,
    full_name: str,
    email: str,
    roles: Iterable[str],
    title: str = "",
    division: Division | None = None,
    salutation: str = "",
) -> Person:
    """Change a person's details and roles; a supervisor grant made elsewhere is kept."""
    roles = _check_roles(roles)
    _check_division(person.agency, division)
    person.full_name, person.email, person.title, person.division = full_name, email, title, division
    person.salutation = salutation or None
    person.save(update_fields=["full_name", "salutation", "email", "title", "division", "updated_at"])
    if person.user is not None and person.user.email != email:
        person.user.email = email
        person.user.save(update_fields=["email"])
    person.role_grants.filter(role__in=GRANTABLE_ROLES).exclude(role__in=roles).delete()
    held = set(person.role_grants.values_list("role", flat=True))
    RoleGrant.objects.bulk_create([RoleGrant(person=person, role=r) for r in roles if r not in held])
    person.__dict__.pop("roles", None)
    event_record(
        agency=person.agency, actor=actor, verb="person.updated", target=person, data={"roles": roles}
    )
    return person


@transaction.atomic
def staff_set_active(*, person: Person, actor: Person | None, active: bool) -> Person:
    """Deactivate (or reactivate) a person and their login; records are never deleted."""
    if actor is not None and person.pk == actor.pk and not active:
        raise ValidationError(_("Không thể tự ngừng tài khoản của mình."))
    person.is_active = active
    person.save(update_fields=["is_active", "updated_at"])
    if person.user is not None:
        person.user.is_active = active
        person.user.save(update_fields=["is_active"])
    verb = "person.reactivated" if active else "person.deactivated"
    event_record(agency=person.agency, actor=actor, verb=verb, target=person)
    return person


@transaction.atomic
def division_save(
    *,
    agency: Agency,
    actor: Person | None,
    code: str,
    name: str,
    order: int = 0,
    is_active: bool = True,
    division: Division | None = None,
) -> Division:
    """Create a division, or rename/renumber/close an existing one."""
    clash = Division.objects.filter(agency=agency, code__iexact=code)
    if division is not None:
        clash = clash.exclude(pk=division.pk)
    if clash.exists():
        raise ValidationError({"code": _("Mã phòng này đã có.")})
    if division is not None and not is_active and division.people.filter(is_active=True).exists():
        raise ValidationError(
            {"is_active": _("Phòng còn cán bộ đang công tác; chuyển họ sang phòng khác trước.")}
        )
    if division is None:
        division = Division.objects.create(agency=agency, code=code, name=name, order=order)
        verb = "division.created"
    else:
        division.code, division.name, division.order, division.is_active = code, name, order, is_active
        division.save(update_fields=["code", "name", "order", "is_active", "updated_at"])
        verb = "division.updated"
    event_record(agency=agency, actor=actor, verb=verb, target=division)
    return division


@transaction.atomic
def steering_committee_establish(
    *,
    agency: Agency,
    actor: Person | None,
    decision_number: str,
    decision_date: dt.date,
    head: Person,
    secretary: Person,
    members: Iterable[Person],
) -> SteeringCommittee:
    """Record a new decision on the steering committee; the previous one stops being current."""
    members = list(members)
    for person in [head, secretary, *members]:
        if person.agency_id != agency.pk:
            raise ValidationError(_("Thành viên phải là cán bộ của cơ quan."))
    if SteeringCommittee.objects.filter(agency=agency, decision_number=decision_number).exists():
        raise ValidationError({"decision_number": _("Quyết định số này đã được ghi nhận.")})
    SteeringCommittee.objects.filter(agency=agency, is_current=True).update(is_current=False)
    committee = SteeringCommittee.objects.create(
        agency=agency,
        decision_number=decision_number,
        decision_date=decision_date,
        head=head,
        secretary=secretary,
        is_current=True,
    )
    committee.members.set(members)
    event_record(agency=agency, actor=actor, verb="steering_committee.established", target=committee)
    return committee


def quality_policy_add(
    *, agency: Agency, text: str, approved_on: dt.date, approved_by: Person
) -> QualityPolicy:
    """The next version of the quality policy, approved by the agency's leadership."""
    if approved_by.agency_id != agency.pk or not approved_by.has_role(Role.DIRECTOR, Role.DEPUTY_DIRECTOR):
        raise ValidationError({"approved_by": _("Người phê duyệt phải là lãnh đạo cơ quan.")})
    if not text.strip():
        raise ValidationError({"text": _("Nhập nội dung chính sách chất lượng.")})
    return quality_policy_approve(
        agency=agency, text=text.strip(), approved_on=approved_on, approved_by=approved_by
    )


QMS_FIELDS = (
    "standard",
    "scope",
    "exclusions",
    "announced_on",
    "announcement_number",
    "effectiveness_confirmed_on",
)


@transaction.atomic
def qms_profile_update(*, agency: Agency, actor: Person | None, **values: object) -> QmsProfile:
    """Update the QMS profile (standard, scope, exclusions, announcement of conformity)."""
    unknown = set(values) - set(QMS_FIELDS)
    if unknown:
        raise ValidationError(_("Trường không hợp lệ: {fields}").format(fields=", ".join(sorted(unknown))))
    profile, _created = QmsProfile.objects.get_or_create(agency=agency)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save(update_fields=[*values, "updated_at"])
    event_record(agency=agency, actor=actor, verb="qms_profile.updated", target=profile)
    return profile


@transaction.atomic
def agency_create_with_secretary(
    *,
    actor: Person,
    code: str,
    name: str,
    short_name: str,
    secretary_name: str,
    secretary_username: str,
    secretary_email: str,
) -> Person:
    """A province administrator registers an agency of their province and its first ISO secretary."""
    if not (actor.agency.is_supervisor and actor.has_role(Role.SUPERVISOR)):
        raise ValidationError(_("Chỉ cán bộ của cơ quan giám sát cấp tỉnh được thêm cơ quan."))
    if Agency.objects.filter(code__iexact=code).exists():
        raise ValidationError({"code": _("Mã cơ quan này đã có.")})
    _check_username(secretary_username)
    province = actor.agency.province
    agency = agency_create(
        code=code,
        name=name,
        province=province,
        actor=None,
        short_name=short_name,
        parent=actor.agency.parent,
        governing_body=actor.agency.governing_body,
        place_name=actor.agency.place_name,
    )
    office = Division.objects.create(agency=agency, code="VP", name=_("Văn phòng"))
    return staff_create(
        agency=agency,
        actor=None,
        full_name=secretary_name,
        username=secretary_username,
        email=secretary_email,
        roles=[Role.ISO_SECRETARY, Role.STEERING_MEMBER],
        division=office,
    )
