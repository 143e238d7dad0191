"""What the risk register adds to "Việc của tôi": the open treatment actions the person carries out, of
risks still followed (an action of a closed or cancelled risk can no longer be reported done)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eiso.core.models import Person
from eiso.core.registry import InboxItem, InboxSource, register_inbox
from eiso.risks.choices import RiskStatus
from eiso.risks.models import RiskAction


def my_actions(person: Person) -> QuerySet[RiskAction]:
    return (
        RiskAction.objects.filter(owner=person, done_on__isnull=True, risk__status=RiskStatus.OPEN)
        .select_related("risk")
        .order_by("deadline")
    )


def _items(person: Person) -> Iterator[InboxItem]:
    for action in my_actions(person)[:20]:
        yield InboxItem(
            title=f"{action.risk.code} · {action.description[:80]}",
            url=reverse("risks:detail", args=[action.risk_id]),
            due_on=action.deadline,
        )


register_inbox(
    InboxSource(
        key="risks-actions",
        title=_("Biện pháp xử lý rủi ro tôi thực hiện"),
        items=_items,
        count=lambda person: my_actions(person).count(),
        order=50,
        more_url_name="risks:list",
    )
)
