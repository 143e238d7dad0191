"""Daily reminder rules of the improvement loop (registered in apps.py, delivered by eiso.core.notifications).

Each key names one due event, so a rule may yield the same reminder on several days (catch-up after a
missed day) and it is still delivered once: "action:{id}:due-10", "action:{id}:due-3",
"action:{id}:overdue-w{n}" (n = whole weeks past the deadline), "action:{id}:escalate-w{n}" (to the
division head, from 14 days overdue), "finding:{id}:no-car" and "proposal:{id}:{date}" (late dossiers
proposed as nonconformities, told to the ISO secretaries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from eiso.audits.choices import FindingKind
from eiso.audits.models import Finding
from eiso.core.choices import Role
from eiso.core.models import Agency, Person
from eiso.core.notifications import Reminder
from eiso.improvements import services
from eiso.improvements.choices import CarState
from eiso.improvements.models import ActionItem, CorrectiveAction, Nonconformity

FINDING_GRACE_DAYS = 7
ESCALATE_AFTER_DAYS = 14


def action_item_reminders(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    items = ActionItem.objects.filter(
        corrective_action__agency=agency,
        corrective_action__state=CarState.IN_PROGRESS,
        done_at__isnull=True,
        deadline__lte=today + dt.timedelta(days=10),
    ).select_related("owner", "corrective_action__nonconformity__division")
    heads = _division_heads(agency)
    for item in items:
        car = item.corrective_action
        url = reverse("improvements:car_detail", kwargs={"pk": car.pk})
        days_left = (item.deadline - today).days
        context = {
            "number": car.number,
            "action": item.description[:80],
            "date": item.deadline.strftime("%d/%m/%Y"),
        }
        if days_left >= 0:
            step = 10 if days_left > 3 else 3
            yield Reminder(
                recipient=item.owner,
                key=f"action:{item.pk}:due-{step}",
                title=_("Phiếu {number}: hành động đến hạn ngày {date}").format(**context),
                body=context["action"],
                url=url,
                due_on=item.deadline,
            )
            continue
        week = -days_left // 7
        if week >= 1:
            yield Reminder(
                recipient=item.owner,
                key=f"action:{item.pk}:overdue-w{week}",
                title=_("Phiếu {number}: hành động quá hạn từ ngày {date}").format(**context),
                body=context["action"],
                url=url,
                due_on=item.deadline,
            )
        if -days_left >= ESCALATE_AFTER_DAYS:
            for head in heads.get(car.nonconformity.division_id, []):
                yield Reminder(
                    recipient=head,
                    key=f"action:{item.pk}:escalate-w{week}",
                    title=_("Phiếu {number}: hành động của {owner} quá hạn hơn 14 ngày").format(
                        number=car.number, owner=item.owner.full_name
                    ),
                    body=context["action"],
                    url=url,
                    due_on=item.deadline,
                )


def _division_heads(agency: Agency) -> dict[int | None, list[Person]]:
    heads: dict[int | None, list[Person]] = {}
    for person in Person.objects.filter(agency=agency, is_active=True, role_grants__role=Role.DIVISION_HEAD):
        heads.setdefault(person.division_id, []).append(person)
    return heads


def finding_without_car_reminders(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    """Nonconformity findings with no corrective action request 7 days after they were found."""
    has_car = Exists(CorrectiveAction.objects.filter(nonconformity__finding=OuterRef("pk")))
    findings = (
        Finding.objects.filter(
            audit__agency=agency,
            kind=FindingKind.NONCONFORMITY,
            found_on__lte=today - dt.timedelta(days=FINDING_GRACE_DAYS),
            found_on__gte=today - dt.timedelta(days=90),
        )
        .exclude(has_car)
        .annotate(has_nc=Exists(Nonconformity.objects.filter(finding=OuterRef("pk"))))
        .select_related("division")
    )
    secretaries = list(
        Person.objects.filter(agency=agency, is_active=True, role_grants__role=Role.ISO_SECRETARY)
    )
    for finding in findings:
        url = (
            reverse("improvements:nc_list")
            if finding.has_nc
            else reverse("improvements:nc_create") + f"?finding={finding.pk}"
        )
        for secretary in secretaries:
            yield Reminder(
                recipient=secretary,
                key=f"finding:{finding.pk}:no-car",
                title=_("Điểm không phù hợp tại {division} chưa có phiếu yêu cầu khắc phục").format(
                    division=finding.division.name
                ),
                body=finding.description[:200],
                url=url,
                due_on=finding.found_on + dt.timedelta(days=FINDING_GRACE_DAYS),
            )


def late_dossier_rule(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    """Propose nonconformities from late dossiers, and tell the ISO secretaries about new proposals."""
    proposals = services.nc_proposals_generate(agency=agency, today=today)
    if not proposals:
        return
    secretaries = Person.objects.filter(agency=agency, is_active=True, role_grants__role=Role.ISO_SECRETARY)
    for proposal in proposals:
        for secretary in secretaries:
            yield Reminder(
                recipient=secretary,
                key=f"proposal:{proposal.pk}:{today.isoformat()}",
                title=_("Đề xuất ghi nhận sự không phù hợp: hồ sơ trễ hạn thủ tục {code}").format(
                    code=proposal.procedure.code
                ),
                body=proposal.procedure.name,
                url=reverse("improvements:proposals"),
                due_on=today,
            )
