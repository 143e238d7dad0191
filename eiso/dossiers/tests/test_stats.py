import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eiso.core.testing import Personas
from eiso.dossiers.choices import Channel
from eiso.dossiers.models import Dossier
from eiso.dossiers.rules import timeliness_of
from eiso.dossiers.selectors import (
    STAT_KEYS,
    dossier_list,
    dossier_list_for_stat,
    dossier_stats,
    late_dossiers,
)
from eiso.dossiers.services import dossier_request_supplement, dossier_transfer
from eiso.dossiers.tests.factories import at, make_procedure, received, resolved
from eiso.procedures.models import Procedure

pytestmark = pytest.mark.django_db
D = dt.date


def _check_invariant(stats: dict) -> None:
    assert (
        stats["received_total"] == stats["received_online"] + stats["received_direct"] + stats["carried_over"]
    )
    assert (
        stats["resolved_total"]
        == stats["resolved_early"] + stats["resolved_on_time"] + stats["resolved_late"]
    )
    assert stats["pending_total"] == stats["pending_in_time"] + stats["pending_overdue"]
    assert stats["received_total"] == stats["resolved_total"] + stats["pending_total"]


def test_the_period_report_counts_each_column_by_the_rules(personas: Personas) -> None:
    p = make_procedure(personas.agency, days="10")  # received 02/03/2017 → due 16/03/2017
    resolved(p, "2017-03-02 09:00", "2017-03-10 10:00", code="early", channel=Channel.ONLINE)
    resolved(p, "2017-03-02 09:00", "2017-03-16 16:00", code="on-time")
    resolved(p, "2017-03-02 09:00", "2017-03-17 08:00", code="late", channel=Channel.POSTAL)
    received(p, "2017-03-02 09:00", code="pending-overdue")
    received(p, "2017-03-20 09:00", code="pending-in-time")
    resolved(p, "2017-02-01 09:00", "2017-02-28 10:00", code="finished-before")
    resolved(p, "2017-02-20 09:00", "2017-03-05 10:00", code="carried")
    resolved(p, "2017-03-25 09:00", "2017-04-05 10:00", code="finished-after")
    received(p, "2017-04-02 09:00", code="after-period")
    stats = dossier_stats(agency=personas.agency, date_from=D(2017, 3, 1), date_to=D(2017, 3, 31))
    assert isinstance(stats, dict)
    assert {k: dict(stats)[k] for k in STAT_KEYS} == {
        "received_online": 1,
        "received_direct": 5,
        "carried_over": 1,
        "received_total": 7,
        "resolved_early": 2,
        "resolved_on_time": 1,
        "resolved_late": 1,
        "resolved_total": 4,
        "pending_in_time": 2,
        "pending_overdue": 1,
        "pending_total": 3,
    }
    assert stats["on_time_rate"] == 0.75


def test_statuses_1_and_3_are_never_counted(personas: Personas) -> None:
    p = make_procedure(personas.agency)
    dossier = received(p, "2017-03-02 09:00", code="R")
    Dossier.objects.filter(pk=dossier.pk).update(status=3)
    stats = dossier_stats(agency=personas.agency, date_from=D(2017, 3, 1), date_to=D(2017, 3, 31))
    assert stats["received_total"] == 0


def test_a_second_supplement_request_makes_the_result_late(personas: Personas) -> None:
    p = make_procedure(personas.agency, days="10")
    dossier = received(p, "2017-03-02 09:00", code="S")
    Dossier.objects.filter(pk=dossier.pk).update(supplement_count=2, status=9, finished_on=D(2017, 3, 3))
    stats = dossier_stats(agency=personas.agency, date_from=D(2017, 3, 1), date_to=D(2017, 3, 31))
    assert stats["resolved_late"] == 1


def test_the_rate_is_none_when_nothing_was_resolved(personas: Personas) -> None:
    stats = dossier_stats(agency=personas.agency, date_from=D(2017, 3, 1), date_to=D(2017, 3, 31))
    assert stats["on_time_rate"] is None
    assert stats["received_total"] == 0


def test_figures_are_grouped_by_procedure_field_and_division_in_one_query(
    personas: Personas, django_assert_num_queries
) -> None:
    a = make_procedure(personas.agency, code="A", field="Báo chí")
    b = make_procedure(personas.agency, code="B", field="Xuất bản")
    resolved(a, "2017-03-02 09:00", "2017-03-03 10:00", code="1", division=personas.division)
    resolved(b, "2017-03-02 09:00", "2017-03-03 10:00", code="2")
    received(b, "2017-03-02 09:00", code="3")
    with django_assert_num_queries(1):
        rows = dossier_stats(
            agency=personas.agency, date_from=D(2017, 3, 1), date_to=D(2017, 3, 31), group_by="procedure"
        )
    assert [(r["procedure__code"], r["received_total"], r["resolved_total"]) for r in rows] == [
        ("A", 1, 1),
        ("B", 2, 1),
    ]
    fields = dossier_stats(
        agency=personas.agency, date_from=D(2017, 3, 1), date_to=D(2017, 3, 31), group_by="field"
    )
    assert {r["procedure__field"]: r["received_total"] for r in fields} == {"Báo chí": 1, "Xuất bản": 2}
    divisions = dossier_stats(
        agency=personas.agency, date_from=D(2017, 3, 1), date_to=D(2017, 3, 31), group_by="division"
    )
    assert {r["division__name"]: r["received_total"] for r in divisions} == {"Phòng Chuyên môn 1": 1, None: 2}


def test_the_records_behind_a_figure_and_the_late_list_match_the_counts(personas: Personas) -> None:
    p = make_procedure(personas.agency, days="10")
    resolved(p, "2017-03-02 09:00", "2017-03-17 08:00", code="late")
    received(p, "2017-03-02 09:00", code="overdue")
    resolved(p, "2017-03-02 09:00", "2017-03-03 08:00", code="early")
    args: dict[str, Any] = {"agency": personas.agency, "date_from": D(2017, 3, 1), "date_to": D(2017, 3, 31)}
    assert [d.code for d in dossier_list_for_stat(**args, bucket="resolved_early")] == ["early"]
    assert sorted(d.code for d in late_dossiers(**args)) == ["late", "overdue"]
    found = {d.code: d.timeliness for d in late_dossiers(**args)}  # type: ignore[attr-defined]
    assert found == {"late": "late", "overdue": "pending_overdue"}


def test_other_agencies_dossiers_never_count(personas: Personas) -> None:
    p = make_procedure(personas.other_agency)
    received(p, "2017-03-02 09:00", code="X")
    stats = dossier_stats(agency=personas.agency, date_from=D(2017, 3, 1), date_to=D(2017, 3, 31))
    assert stats["received_total"] == 0


dossier_specs = st.lists(
    st.tuples(
        st.integers(0, 120),  # received, days after 2017-01-01
        st.one_of(st.none(), st.integers(0, 40)),  # finished, days after receipt
        st.sampled_from([Channel.DIRECT, Channel.ONLINE, Channel.POSTAL]),
        st.integers(0, 2),  # supplement requests
        st.sampled_from([2, 3, 4, 9, 10]),
    ),
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=dossier_specs, start=st.integers(0, 100), length=st.integers(0, 60))
def test_received_total_always_equals_resolved_plus_pending_and_agrees_with_the_python_rules(
    personas: Personas, specs: list, start: int, length: int
) -> None:
    Dossier.objects.all().delete()
    p = Procedure.objects.filter(agency=personas.agency, code="H").first() or make_procedure(
        personas.agency, code="H", days="5"
    )
    base = dt.datetime(2017, 1, 1, 9, 0)
    for i, (offset, finished, channel, supplements, status) in enumerate(specs):
        when = base + dt.timedelta(days=offset)
        dossier = received(p, f"{when:%Y-%m-%d %H:%M}", code=f"P{i}", channel=channel)
        if finished is not None and status in (9, 10):
            done = when + dt.timedelta(days=finished)
            dossier = resolved_existing(dossier, done, supplements)
        elif status == 3:
            Dossier.objects.filter(pk=dossier.pk).update(status=3)
        elif supplements:
            Dossier.objects.filter(pk=dossier.pk).update(supplement_count=supplements)
    date_from = D(2017, 1, 1) + dt.timedelta(days=start)
    date_to = date_from + dt.timedelta(days=length)
    stats = dossier_stats(agency=personas.agency, date_from=date_from, date_to=date_to)
    assert isinstance(stats, dict)
    _check_invariant(dict(stats))
    python_view = [
        timeliness_of(d, date_to)
        for d in Dossier.objects.filter(agency=personas.agency)
        if d.status != 3
        and d.received_on <= date_to
        and (d.finished_on is None or d.finished_on >= date_from)
    ]
    assert python_view.count("early") == stats["resolved_early"]
    assert python_view.count("late") == stats["resolved_late"]
    assert python_view.count("pending_overdue") == stats["pending_overdue"]
    annotated = dossier_list(agency=personas.agency, as_of=date_to, date_to=date_to)
    for d in annotated:
        assert d.timeliness == timeliness_of(d, date_to)  # type: ignore[attr-defined]


def resolved_existing(dossier: Dossier, done: dt.datetime, supplements: int) -> Dossier:
    from eiso.dossiers.services import dossier_resolve

    dossier_transfer(dossier=dossier, actor=None, at=dossier.received_at)
    if supplements:
        dossier_request_supplement(dossier=dossier, actor=None, at=dossier.received_at, reason="thiếu")
        Dossier.objects.filter(pk=dossier.pk).update(supplement_count=supplements, status=4)
        dossier.refresh_from_db()
    return dossier_resolve(dossier=dossier, actor=None, at=done.replace(tzinfo=at("2017-01-01 00:00").tzinfo))
