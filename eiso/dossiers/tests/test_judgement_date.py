"""Issue 12 §1: a pending dossier is judged at min(period end, today), in one place, on every page."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from eiso.core.testing import Personas, client_for
from eiso.dossiers.choices import Timeliness
from eiso.dossiers.models import Dossier
from eiso.dossiers.rules import timeliness_of
from eiso.dossiers.selectors import (
    dossier_list_for_stat,
    dossier_stats,
    judgement_date,
    late_dossiers,
)
from eiso.dossiers.services import dossier_receive
from eiso.dossiers.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def _received_today(personas: Personas) -> Dossier:
    procedure = make_procedure(personas.agency, days="3")
    received_at = timezone.now() - dt.timedelta(minutes=1)
    return dossier_receive(
        agency=personas.agency, procedure=procedure, received_at=received_at, actor=None, code="TODAY"
    )


def test_the_judgement_date_is_the_period_end_or_today_whichever_is_earlier() -> None:
    today = dt.date(2026, 6, 15)
    assert judgement_date(dt.date(2026, 12, 31), today=today) == today
    assert judgement_date(dt.date(2026, 3, 31), today=today) == dt.date(2026, 3, 31)


def test_a_dossier_due_next_week_is_pending_in_time_for_a_period_not_yet_ended(personas: Personas) -> None:
    dossier = _received_today(personas)
    today = timezone.localdate()
    end = today + dt.timedelta(days=60)  # the period ends after the dossier's due date
    assert dossier.due_date < end
    assert timeliness_of(dossier, today) == Timeliness.PENDING_IN_TIME
    start = today - dt.timedelta(days=30)
    args: dict[str, Any] = {"agency": personas.agency, "date_from": start, "date_to": end}
    stats = dossier_stats(**args)
    assert (stats["pending_in_time"], stats["pending_overdue"]) == (1, 0)
    assert [d.code for d in dossier_list_for_stat(**args, bucket="pending_in_time")] == ["TODAY"]
    drilled = dossier_list_for_stat(**args, bucket="pending_total").get()
    assert drilled.timeliness == Timeliness.PENDING_IN_TIME  # type: ignore[attr-defined]
    assert list(late_dossiers(**args)) == []


def test_the_pages_judge_at_today_and_say_so(personas: Personas) -> None:
    dossier = _received_today(personas)
    today = timezone.localdate()
    end = today + dt.timedelta(days=60)
    shown = f"{today:%d/%m/%Y}"
    client = client_for(personas.director)
    period = {"date_from": f"{today - dt.timedelta(days=30):%Y-%m-%d}", "date_to": f"{end:%Y-%m-%d}"}
    page = client.get(reverse("dossiers:statistics"), period).content.decode()
    assert f"Hồ sơ đang giải quyết được đánh giá tại ngày {shown}." in page
    drill = client.get(reverse("dossiers:stat_list"), {**period, "bucket": "pending_in_time"})
    assert dossier.code in drill.content.decode()
    assert f"tình trạng tại ngày {shown}" in drill.content.decode()
    overdue = client.get(reverse("dossiers:stat_list"), {**period, "bucket": "pending_overdue"})
    assert dossier.code not in overdue.content.decode()
    detail = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert str(Timeliness.PENDING_IN_TIME.label) in detail


def test_the_dashboard_counts_no_pending_dossier_as_overdue_before_its_due_date(personas: Personas) -> None:
    _received_today(personas)
    page = client_for(personas.director).get(reverse("core:dashboard")).content.decode()
    shown = f"{timezone.localdate():%d/%m/%Y}"
    assert f"Hồ sơ đang giải quyết được đánh giá tại ngày {shown}." in page
    assert "Đang giải quyết quá hạn: 0" in " ".join(page.split())
