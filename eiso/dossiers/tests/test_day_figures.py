"""Issue 15 §2: the per-day figures kept by the database always give the figures of the dossier rows.

Hypothesis builds random histories through the services (receipts on random days, transfers, supplements,
apologies, results, returns, stops, withdrawals) plus raw updates that bypass them, then compares the
II.06a figures per procedure and division computed from the summary with those computed from the rows,
for random periods, including one not yet ended (judged today).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eiso.core.testing import Personas, needs_postgresql
from eiso.dossiers import services
from eiso.dossiers.choices import Channel
from eiso.dossiers.models import Dossier
from eiso.dossiers.selectors import dossier_stat_cells, dossier_stats
from eiso.procedures.models import Procedure
from eiso.workdays.calendar import LOCAL_TZ

pytestmark = [
    pytest.mark.django_db,
    needs_postgresql("the per-day figures are kept on PostgreSQL"),
]
START = dt.datetime(2017, 3, 1, 8, 0, tzinfo=LOCAL_TZ)
ACTIONS = ["transfer", "request", "supplied", "extend", "resolve", "return", "stop", "withdraw", "refuse"]

steps = st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 20)), max_size=4)
dossiers = st.lists(
    st.tuples(
        st.integers(0, 1),  # procedure
        st.integers(0, 2),  # division: none, office, division
        st.sampled_from(list(Channel)),
        st.integers(0, 60),  # day of receipt after START
        st.integers(0, 9),  # hour
        steps,
    ),
    min_size=1,
    max_size=10,
)
periods = st.lists(st.tuples(st.integers(0, 90), st.integers(0, 60)), min_size=1, max_size=3)


def _act(dossier: Dossier, action: str, at: dt.datetime, division: Any) -> None:
    common: dict[str, Any] = {"dossier": dossier, "actor": None, "at": at}
    try:
        if action == "transfer":
            services.dossier_transfer(**common, division=division)
        elif action == "request":
            services.dossier_request_supplement(**common, reason="Thiếu giấy tờ")
        elif action == "supplied":
            services.dossier_receive_supplement(**common)
        elif action == "extend":
            services.dossier_extend(**common, new_due_at=at + dt.timedelta(days=30), reason="Chậm")
        elif action == "resolve":
            services.dossier_resolve(**common)
        elif action == "return":
            services.dossier_return(**common)
        elif action == "stop":
            services.dossier_stop(**common, reason="Dừng")
        elif action == "withdraw":
            services.dossier_withdraw(**common)
        else:  # a raw write that bypasses the services
            Dossier.objects.filter(pk=dossier.pk).update(status=3)
    except ValidationError:
        pass


def _key(cell: dict[str, Any]) -> tuple[int, int]:
    return cell["procedure_id"], cell["division_id"] or 0


def _figures(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cells without their sort ranks (each source numbers them its own way)."""
    return [{k: v for k, v in c.items() if not k.startswith("rank_")} for c in sorted(cells, key=_key)]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(histories=dossiers, windows=periods)
def test_the_summary_gives_the_figures_of_the_rows(personas: Personas, histories: Any, windows: Any) -> None:
    agency = personas.agency
    with transaction.atomic():
        procedures = [
            Procedure.objects.create(
                agency=agency,
                code=f"P{i}",
                name=f"Thủ tục {i}",
                field="Báo chí" if i else "Đất đai",
                time_limit_value=Decimal(days),
                counts_from_next_day_after=cutoff,
                valid_from=dt.date(2015, 1, 1),
            )  # fmt: skip
            for i, (days, cutoff) in enumerate([(3, None), (0, dt.time(15))])
        ]
        divisions = [None, personas.office, personas.division]
        for n, (proc, div, channel, day, hour, actions) in enumerate(histories):
            received_at = START + dt.timedelta(days=day, hours=hour)
            dossier = services.dossier_receive(
                agency=agency, procedure=procedures[proc], received_at=received_at, actor=None,
                channel=channel, division=divisions[div], code=f"D{n}",
            )  # fmt: skip
            at = received_at
            for action, gap in actions:
                at += dt.timedelta(days=gap, minutes=5)
                dossier.refresh_from_db()
                _act(dossier, action, at, divisions[(div + 1) % 3])
        today = timezone.localdate()
        ranges = [(START.date() + dt.timedelta(days=a), b) for a, b in windows]
        ranges.append((dt.date(2017, 1, 1), (today - dt.date(2017, 1, 1)).days + 40))  # not yet ended
        for date_from, length in ranges:
            args: dict[str, Any] = {
                "agency": agency,
                "date_from": date_from,
                "date_to": date_from + dt.timedelta(days=length),
            }
            summary = dossier_stat_cells(**args, source="summary")
            raw = dossier_stat_cells(**args, source="raw")
            assert _figures(summary) == _figures(raw)
        transaction.set_rollback(True)


def test_the_statistics_read_the_summary_in_a_few_queries(
    personas: Personas, django_assert_max_num_queries: Any
) -> None:
    procedure = Procedure.objects.create(
        agency=personas.agency,
        code="P",
        name="P",
        time_limit_value=Decimal(3),
        valid_from=dt.date(2015, 1, 1),
    )
    for n in range(5):
        services.dossier_receive(
            agency=personas.agency, procedure=procedure, received_at=START + dt.timedelta(days=n), actor=None
        )
    with django_assert_max_num_queries(3):
        figures = dossier_stats(
            agency=personas.agency, date_from=dt.date(2017, 1, 1), date_to=dt.date(2017, 12, 31)
        )
    assert figures["received_total"] == 5
