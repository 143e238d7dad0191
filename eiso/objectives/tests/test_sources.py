"""Every source against hand-counted records, including periods without data (no data, never 0% or 100%)."""

import datetime as dt
from decimal import Decimal

import pytest

from eiso.core.testing import Personas, client_for
from eiso.dossiers.tests.factories import make_procedure, received, resolved
from eiso.objectives.selectors import indicator_measure
from eiso.objectives.services import manual_value_post, manual_value_record
from eiso.objectives.sources import get_source
from eiso.objectives.tests.factories import make_indicator
from eiso.surveys.services import questionnaire_default_create
from eiso.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db
D = dt.date


def _three_dossiers(personas: Personas) -> None:
    """Received 02/03/2017 with 10 working days → due 16/03/2017: one early, one on time, one late."""
    procedure = make_procedure(personas.agency, days="10")
    resolved(procedure, "2017-03-02 09:00", "2017-03-10 10:00", code="early")
    resolved(procedure, "2017-03-02 09:00", "2017-03-16 16:00", code="on-time")
    resolved(procedure, "2017-03-02 09:00", "2017-03-17 08:00", code="late")
    received(procedure, "2017-03-20 09:00", code="pending")  # not resolved: not in the denominator


def test_on_time_rate_counts_early_and_on_time_over_resolved_dossiers(personas: Personas) -> None:
    _three_dossiers(personas)
    row = indicator_measure(make_indicator(personas.agency, "dossiers_on_time_rate"), D(2017, 8, 1))
    assert (row["numerator"], row["denominator"], row["display"], row["value"]) == (
        2,
        3,
        "2/3",
        Decimal("66.67"),
    )
    assert row["extra"] == {"early": 1, "on_time": 1}
    assert row["status"] == "not_met"
    assert (
        row["link"] == "/ho-so/thong-ke/ho-so/?bucket=resolved_total&date_from=2017-01-01&date_to=2017-08-01"
    )
    html = client_for(personas.viewer).get(row["link"]).content.decode()
    assert all(code in html for code in ("early", "on-time", "late")) and "pending" not in html


def test_early_rate_counts_only_dossiers_finished_before_the_due_day(personas: Personas) -> None:
    _three_dossiers(personas)
    row = indicator_measure(make_indicator(personas.agency, "dossiers_early_rate", "30"), D(2017, 8, 1))
    assert (row["numerator"], row["denominator"], row["status"]) == (1, 3, "met")


def test_dossier_rates_have_no_data_before_any_dossier_is_resolved(personas: Personas) -> None:
    _three_dossiers(personas)
    row = indicator_measure(make_indicator(personas.agency, "dossiers_on_time_rate"), D(2017, 2, 28))
    assert (row["value"], row["numerator"], row["denominator"], row["status"]) == (
        None,
        None,
        None,
        "no_data",
    )


def test_the_trend_shows_each_quarter_and_leaves_empty_quarters_without_data(personas: Personas) -> None:
    _three_dossiers(personas)
    row = indicator_measure(make_indicator(personas.agency, "dossiers_on_time_rate"), D(2017, 8, 1))
    assert [(p["label"], p["numerator"], p["denominator"]) for p in row["trend"]] == [
        ("Q1/2017", 2, 3),
        ("Q2/2017", None, None),
        ("Q3/2017", None, None),
    ]


def test_a_division_scoped_indicator_counts_only_that_divisions_dossiers(personas: Personas) -> None:
    procedure = make_procedure(personas.agency, days="10")
    resolved(procedure, "2017-03-02 09:00", "2017-03-10 10:00", code="a", division=personas.division)
    resolved(procedure, "2017-03-02 09:00", "2017-03-17 08:00", code="b", division=personas.office)
    indicator = make_indicator(
        personas.agency, "dossiers_on_time_rate", scope="division", scope_division=personas.division
    )
    row = indicator_measure(indicator, D(2017, 8, 1))
    assert (row["numerator"], row["denominator"], row["status"]) == (1, 1, "met")


def test_published_rate_counts_in_scope_procedures_posted_by_the_as_of_date(personas: Personas) -> None:
    make_procedure(personas.agency, code="1", published_at_office_on=D(2017, 1, 5))
    make_procedure(personas.agency, code="2", published_online_on=D(2017, 6, 1))
    make_procedure(personas.agency, code="3")
    make_procedure(personas.agency, code="4", in_scope=False, published_at_office_on=D(2017, 1, 5))
    indicator = make_indicator(personas.agency, "procedures_published_rate")
    assert indicator_measure(indicator, D(2017, 3, 1))["display"] == "1/3"
    row = indicator_measure(indicator, D(2017, 8, 1))
    assert (row["display"], row["status"]) == ("2/3", "not_met")
    assert row["link"].startswith("/thu-tuc/?published=1&in_scope=1")
    assert set(row["extra"]) == {"processes_published", "processes_total"}


def test_published_rate_has_no_data_for_an_empty_catalogue(personas: Personas) -> None:
    row = indicator_measure(make_indicator(personas.agency, "procedures_published_rate"), D(2017, 8, 1))
    assert row["status"] == "no_data"


def test_satisfaction_rate_counts_satisfied_over_valid_responses(personas: Personas) -> None:
    questionnaire = questionnaire_default_create(agency=personas.agency)
    for day, overall in [(D(2017, 1, 5), 5), (D(2017, 2, 5), 4), (D(2017, 5, 5), 2), (D(2018, 1, 5), 1)]:
        respond(questionnaire, day, overall)
    row = indicator_measure(make_indicator(personas.agency, "satisfaction_rate", "60"), D(2017, 12, 31))
    # 2/3 meets 60%, but Q2 (0/1) fell below the target after Q1 (2/2): a falling trend
    assert (row["display"], row["value"], row["status"]) == ("2/3", Decimal("66.67"), "at_risk")
    assert row["link"].startswith("/khao-sat/phieu/?date_from=2017-01-01&date_to=2017-12-31")


def test_satisfaction_rate_has_no_data_without_responses(personas: Personas) -> None:
    row = indicator_measure(make_indicator(personas.agency, "satisfaction_rate"), D(2017, 12, 31))
    assert (row["value"], row["status"]) == (None, "no_data")


def test_manual_values_count_once_posted_and_add_their_counts(personas: Personas) -> None:
    indicator = make_indicator(personas.agency, "manual", year=2018)
    manual_value_record(
        indicator=indicator,
        period_start=D(2018, 1, 1),
        period_end=D(2018, 6, 30),
        actor=None,
        numerator=21,
        denominator=24,
        evidence_text="Danh sách lớp",
        post=True,
    )
    draft = manual_value_record(
        indicator=indicator,
        period_start=D(2018, 7, 1),
        period_end=D(2018, 12, 31),
        actor=None,
        numerator=3,
        denominator=3,
        evidence_text="Danh sách lớp 2",
    )
    assert indicator_measure(indicator, D(2018, 12, 31))["display"] == "21/24"
    manual_value_post(manual_value=draft, actor=None)
    row = indicator_measure(indicator, D(2018, 12, 31))
    assert (row["display"], row["value"]) == ("24/27", Decimal("88.89"))


def test_a_manual_indicator_without_posted_values_has_no_data(personas: Personas) -> None:
    indicator = make_indicator(personas.agency, "manual")
    manual_value_record(
        indicator=indicator,
        period_start=D(2017, 1, 1),
        period_end=D(2017, 3, 31),
        actor=None,
        value=Decimal(95),
    )
    assert indicator_measure(indicator, D(2017, 12, 31))["status"] == "no_data"


def test_a_manual_value_cannot_be_posted_without_evidence(personas: Personas) -> None:
    from django.core.exceptions import ValidationError

    indicator = make_indicator(personas.agency, "manual")
    with pytest.raises(ValidationError) as error:
        manual_value_record(
            indicator=indicator,
            period_start=D(2017, 1, 1),
            period_end=D(2017, 3, 31),
            actor=None,
            value=Decimal(95),
            post=True,
        )
    assert "evidence_text" in error.value.message_dict


@pytest.mark.parametrize("key", ["documents_reviewed_rate", "corrective_actions_closed_on_time_rate"])
def test_later_modules_rates_are_offered_and_an_empty_period_has_no_data(
    personas: Personas, key: str
) -> None:
    assert get_source(key) is not None
    row = indicator_measure(make_indicator(personas.agency, key), D(2017, 8, 1))
    assert (row["value"], row["denominator"], row["status"]) == (None, None, "no_data")
