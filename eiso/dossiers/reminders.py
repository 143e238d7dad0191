"""Daily reminder rule: pending dossiers due on the next working day, to the heads of their division."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Agency, Person
from eiso.core.notifications import Reminder
from eiso.dossiers.choices import FINISHED, NOT_STARTED
from eiso.dossiers.models import Dossier
from eiso.workdays.calendar import calendar_for

MAX_PER_DAY = 200


def dossiers_due_soon(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    """Open dossiers whose due date is today or the next working day (one reminder per dossier and head)."""
    horizon = calendar_for(agency).next_working_day(today)
    dossiers = (
        Dossier.objects.filter(
            agency=agency, due_date__gte=today, due_date__lte=horizon, division__isnull=False
        )
        .exclude(status__in=(*NOT_STARTED, *FINISHED))
        .select_related("division")
        .order_by("due_date", "code")[:MAX_PER_DAY]
    )
    heads: dict[int, list[Person]] = {}
    for dossier in dossiers:
        division = dossier.division_id or 0
        if division not in heads:
            heads[division] = list(
                Person.objects.filter(
                    agency=agency,
                    division_id=division,
                    is_active=True,
                    role_grants__role=Role.DIVISION_HEAD,
                )
            )
        for head in heads[division]:
            yield Reminder(
                recipient=head,
                key=f"dossier-due:{dossier.pk}:{dossier.due_date.isoformat()}",
                title=_("Hồ sơ {code} đến hạn ngày {due}").format(
                    code=dossier.code, due=f"{dossier.due_date:%d/%m/%Y}"
                ),
                body=_("Nếu không kịp, phải gửi thư xin lỗi và hẹn lại chậm nhất 01 ngày trước hạn."),
                url=reverse("dossiers:detail", args=[dossier.pk]),
                due_on=dossier.due_date,
            )
