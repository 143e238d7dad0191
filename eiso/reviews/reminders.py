"""The daily reminder rule of the management review (registered in apps.py, delivered by
eiso.core.notifications): no review planned by the configured month, or none held by December."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Agency, Person
from eiso.core.notifications import Reminder
from eiso.reviews.choices import ReviewState
from eiso.reviews.models import ManagementReview


def review_reminders(*, agency: Agency, today: dt.date) -> Iterator[Reminder]:
    """No review planned for the year by the configured month (default June), or none held by year end."""
    month = getattr(settings, "EISO_REVIEW_PLAN_BY_MONTH", 6)
    review = ManagementReview.objects.filter(agency=agency, year=today.year).first()
    recipients = Person.objects.filter(
        agency=agency, is_active=True, role_grants__role__in=[Role.ISO_SECRETARY, Role.DIRECTOR]
    ).distinct()
    if review is None and today.month >= month:
        for person in recipients:
            yield Reminder(
                recipient=person,
                key=f"review:{today.year}:unplanned",
                title=_("Chưa lập kế hoạch họp xem xét của lãnh đạo năm {year}").format(year=today.year),
                body=_("QĐ 19/2014 yêu cầu xem xét của lãnh đạo ít nhất mỗi năm một lần."),
                url=reverse("reviews:list"),
                due_on=dt.date(today.year, 12, 31),
            )
    held = review is not None and review.state not in (ReviewState.PLANNED, ReviewState.INPUTS_COLLECTED)
    if not held and today >= dt.date(today.year, 12, 1):
        for person in recipients:
            yield Reminder(
                recipient=person,
                key=f"review:{today.year}:overdue",
                title=_("Cuộc họp xem xét của lãnh đạo năm {year} chưa được tổ chức").format(year=today.year),
                body=_("Năm sắp kết thúc: cần họp xem xét của lãnh đạo trước 31/12."),
                url=reverse("reviews:list"),
                due_on=dt.date(today.year, 12, 31),
            )
