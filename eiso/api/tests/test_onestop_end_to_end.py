"""Done when of issue 14: a day of one-stop events for 200 dossiers pushed through the API over real HTTP
(batches retried with the same Idempotency-Key, illegal steps refused), and the II.06a figures, the dossier
pages and the API's own statistics agree with the same data imported from a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from eiso.api.models import ApiClient
from eiso.api.tests.keys import bearer, key_for
from eiso.core.models import Agency, DomainEvent
from eiso.core.testing import Personas, client_for, make_agency
from eiso.dossiers import selectors
from eiso.dossiers.imports import dossier_import
from eiso.dossiers.models import Dossier, DossierEvent
from eiso.dossiers.tests.factories import make_procedure

DAY = dt.date(2026, 3, 2)  # a Monday, no holiday
PROCEDURES = [
    ("1.001", "10", "Báo chí"),
    ("1.002", "5", "Xuất bản"),
    ("2.001", "3", "Viễn thông"),
    ("2.002", "15", "Báo chí"),
]


def _procedures(agency: Agency) -> None:
    for code, days, field in PROCEDURES:
        make_procedure(agency, code=code, days=days, field=field)


def _by_procedure_code(agency: Agency, period: dict[str, dt.date]) -> dict[str, dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        dict(row) for row in selectors.dossier_stats(agency=agency, **period, group_by="procedure")
    ]
    keys = [*selectors.STAT_KEYS, "on_time_rate"]
    return {row["procedure__code"]: {k: row[k] for k in keys} for row in rows}


@pytest.mark.django_db(transaction=True)
def test_a_day_of_onestop_events_agrees_with_the_same_data_imported_from_a_file(
    live_server: Any, personas: Personas, tmp_path: Path
) -> None:
    agency, twin = personas.agency, make_agency(province=personas.agency.province)
    _procedures(agency)
    _procedures(twin)
    raw = key_for(agency, rate=100000)
    ledger = tmp_path / "onestop.csv"

    call_command(
        "simulate_onestop",
        agency=agency.code,
        days=1,
        url=live_server.url,
        key=raw,
        per_day=200,
        start=DAY,
        ledger=ledger,
        stdout=open(tmp_path / "out.txt", "w"),  # noqa: SIM115
    )

    summary = (tmp_path / "out.txt").read_text()
    assert summary.startswith("200 hồ sơ"), summary
    counts = dict(part.split("=") for part in summary.split("; ")[1].strip().split(", "))
    assert int(counts["batches"]) == 2 and int(counts["batches_replayed"]) == 2
    assert int(counts["illegal_refused"]) > 0
    assert Dossier.objects.filter(agency=agency).count() == 200

    report = dossier_import(agency=twin, file=ledger)
    assert report.ok, report.errors[:5]
    assert report.created == 200

    period: dict[str, Any] = {"date_from": DAY, "date_to": DAY + dt.timedelta(days=30)}
    pushed: dict[str, Any] = dict(selectors.dossier_stats(agency=agency, **period, group_by=None))
    imported: dict[str, Any] = dict(selectors.dossier_stats(agency=twin, **period, group_by=None))
    assert pushed == imported
    assert pushed["received_total"] == 200 and pushed["resolved_total"] > 50 and pushed["pending_total"] > 0
    assert _by_procedure_code(agency, period) == _by_procedure_code(twin, period)

    api = Client().get(
        "/api/v1/statistics/ii06a",
        {"date_from": period["date_from"].isoformat(), "date_to": period["date_to"].isoformat()},
        headers=bearer(raw),
    )
    assert api.status_code == 200
    assert {k: api.json()["total"][k] for k in selectors.STAT_KEYS} == {
        k: pushed[k] for k in selectors.STAT_KEYS
    }

    secretary = client_for(personas.secretary)
    page = secretary.get(
        reverse("dossiers:statistics"),
        {"date_from": period["date_from"].isoformat(), "date_to": period["date_to"].isoformat()},
    )
    assert {k: page.context["total"][k] for k in selectors.STAT_KEYS} == {
        k: pushed[k] for k in selectors.STAT_KEYS
    }

    listing = secretary.get(
        reverse("dossiers:list"), {"date_from": DAY.isoformat(), "date_to": DAY.isoformat()}
    )
    assert listing.context["table"].paginator.count == 200

    identity = ApiClient.objects.get(agency=agency).identity
    returned = Dossier.objects.filter(agency=agency, status=10).order_by("code").first()
    assert returned is not None
    detail = secretary.get(reverse("dossiers:detail", kwargs={"pk": returned.pk})).content.decode()
    assert "Hệ thống một cửa tỉnh" in detail
    assert DossierEvent.objects.filter(dossier=returned, actor=identity).exists()
    assert DomainEvent.objects.filter(agency=agency, actor=identity, verb="dossier.resolved").exists()
    assert returned.history.filter(history_user=identity.user).exists()
