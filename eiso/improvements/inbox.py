"""What the improvement loop adds to "Việc của tôi": corrective-action steps and requests waiting for the
person, nonconformity findings without a request, and proposals from late dossiers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, cast

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eiso.audits.choices import FindingKind
from eiso.audits.models import Finding
from eiso.core.choices import Role
from eiso.core.models import Division, Person
from eiso.core.registry import InboxItem, InboxSource, register_inbox
from eiso.improvements import selectors
from eiso.improvements.models import CorrectiveAction, Nonconformity
from eiso.procedures.models import Procedure

ORDER = 30


def _car_items(person: Person) -> Iterator[InboxItem]:
    tasks = selectors.my_tasks(person=person)
    for item in tasks["actions"][:20]:
        yield InboxItem(
            title=f"{item.corrective_action.number} · {item.description[:80]}",
            url=reverse("improvements:car_detail", args=[item.corrective_action_id]),
            due_on=item.deadline,
            badge=_("Thực hiện"),
        )
    for key, badge in (
        ("to_plan", _("Lập kế hoạch")),
        ("to_approve", _("Phê duyệt")),
        ("to_verify", _("Xác minh")),
    ):
        for car in tasks[key][:20]:
            yield InboxItem(
                title=f"{car.number} · {car.nonconformity.description[:80]}",
                url=reverse("improvements:car_detail", args=[car.pk]),
                badge=badge,
            )


def _car_count(person: Person) -> int:
    tasks = selectors.my_tasks(person=person)
    return sum(tasks[key].count() for key in ("actions", "to_plan", "to_approve", "to_verify"))


def findings_without_request(person: Person) -> QuerySet[Finding]:
    """Nonconformity findings of the person's agency with no corrective-action request yet (ISO secretary)."""
    if not person.has_role(Role.ISO_SECRETARY):
        return Finding.objects.none()
    has_car = Exists(CorrectiveAction.objects.filter(nonconformity__finding=OuterRef("pk")))
    return (
        Finding.objects.filter(audit__agency_id=person.agency_id, kind=FindingKind.NONCONFORMITY)
        .exclude(has_car)
        .annotate(has_nc=Exists(Nonconformity.objects.filter(finding=OuterRef("pk"))))
        .select_related("division")
        .order_by("found_on", "pk")
    )


class _FindingRow(Protocol):
    pk: int
    description: str
    division: Division
    has_nc: bool  # annotated by findings_without_request


class _ProposalRow(Protocol):
    procedure: Procedure
    dossier_count: int  # annotated by proposal_list


def _finding_items(person: Person) -> Iterator[InboxItem]:
    for found in findings_without_request(person)[:20]:
        finding = cast(_FindingRow, found)
        url = (
            reverse("improvements:nc_list")
            if finding.has_nc
            else reverse("improvements:nc_create") + f"?finding={finding.pk}"
        )
        yield InboxItem(title=finding.description[:100], url=url, detail=finding.division.name)


def _proposal_items(person: Person) -> Iterator[InboxItem]:
    if not person.has_role(Role.ISO_SECRETARY):
        return
    for proposed in selectors.proposal_list(agency=person.agency)[:20]:
        proposal = cast(_ProposalRow, proposed)
        yield InboxItem(
            title=f"{proposal.procedure.code} · {proposal.procedure.name[:80]}",
            url=reverse("improvements:proposals"),
            badge=proposal.dossier_count,
        )


def _proposal_count(person: Person) -> int:
    if not person.has_role(Role.ISO_SECRETARY):
        return 0
    return selectors.proposal_list(agency=person.agency).count()


register_inbox(
    InboxSource(
        key="improvements-cars",
        title=_("Hành động khắc phục chờ tôi"),
        items=_car_items,
        count=_car_count,
        order=ORDER,
        more_url_name="improvements:my_tasks",
    )
)
register_inbox(
    InboxSource(
        key="improvements-findings",
        title=_("Điểm không phù hợp chưa có phiếu yêu cầu khắc phục"),
        items=_finding_items,
        count=lambda person: findings_without_request(person).count(),
        order=ORDER + 1,
        more_url_name="improvements:nc_list",
    )
)
register_inbox(
    InboxSource(
        key="improvements-proposals",
        title=_("Đề xuất từ hồ sơ trễ hạn"),
        items=_proposal_items,
        count=_proposal_count,
        order=ORDER + 2,
        more_url_name="improvements:proposals",
    )
)
