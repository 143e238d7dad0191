"""The agency's own risk scale: likelihood × impact gives the score, the thresholds give the level, and
every reader (the register's SQL, the detail page, the summary) agrees with the rule for any scale."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eiso.core.testing import Personas, client_for
from eiso.risks import services
from eiso.risks.choices import DEFAULT_IMPACT_LABELS, DEFAULT_LIKELIHOOD_LABELS, RiskLevel
from eiso.risks.models import Risk, RiskScale
from eiso.risks.selectors import risk_list, risk_summary, scale_of
from eiso.risks.tests.factories import DAY, make_risk

pytestmark = pytest.mark.django_db


PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def expected_level(score: int, medium_from: int, high_from: int) -> str:
    """The rule, written independently of the code: high from `high_from`, medium from `medium_from`."""
    if score >= high_from:
        return "high"
    return "medium" if score >= medium_from else "low"


@st.composite
def scales(draw: st.DrawFn) -> tuple[int, int, int, int]:
    """A valid scale: 2–7 steps on each axis, 1 ≤ medium < high ≤ the top score."""
    steps_l = draw(st.integers(2, 7))
    steps_i = draw(st.integers(2, 7))
    top = steps_l * steps_i
    medium = draw(st.integers(1, top - 1))
    high = draw(st.integers(medium + 1, top))
    return steps_l, steps_i, medium, high


def _set_scale(p: Personas, steps_l: int, steps_i: int, medium: int, high: int) -> RiskScale:
    return services.risk_scale_update(
        agency=p.agency,
        actor=p.secretary,
        likelihood_labels=[f"K{n}" for n in range(1, steps_l + 1)],
        impact_labels=[f"A{n}" for n in range(1, steps_i + 1)],
        medium_from=medium,
        high_from=high,
    )


@PROPERTY
@given(scale=scales(), data=st.data())
def test_for_any_scale_the_register_the_detail_and_the_summary_agree_with_the_level_rule(
    personas: Personas, scale: tuple[int, int, int, int], data: st.DataObject
) -> None:
    Risk.objects.filter(agency=personas.agency).delete()
    steps_l, steps_i, medium, high = scale
    _set_scale(personas, *scale)
    pairs = data.draw(
        st.lists(st.tuples(st.integers(1, steps_l), st.integers(1, steps_i)), min_size=1, max_size=8)
    )
    for n, (likelihood, impact) in enumerate(pairs):
        make_risk(personas, f"R{n}", likelihood, impact)

    rows = {r.code: r for r in risk_list(agency=personas.agency)}
    for n, (likelihood, impact) in enumerate(pairs):
        row = rows[f"R{n}"]
        assert row.score == likelihood * impact
        assert row.level == expected_level(likelihood * impact, medium, high)  # type: ignore[attr-defined]
        assert scale_of(personas.agency).level_of(row.score) == row.level  # type: ignore[attr-defined]
    summary = risk_summary(agency=personas.agency, as_of=DAY)
    for level in RiskLevel.values:
        assert summary[level] == sum(  # type: ignore[literal-required]
            1 for li, im in pairs if expected_level(li * im, medium, high) == level
        )
    assert summary["low"] + summary["medium"] + summary["high"] == summary["risks"] == len(pairs)


@PROPERTY
@given(scale=scales(), likelihood=st.integers(-1, 9), impact=st.integers(-1, 9))
def test_a_score_is_accepted_exactly_when_both_steps_are_on_the_scale(
    personas: Personas, scale: tuple[int, int, int, int], likelihood: int, impact: int
) -> None:
    Risk.objects.filter(agency=personas.agency).delete()
    steps_l, steps_i, _medium, _high = scale
    _set_scale(personas, *scale)
    bad = {
        name
        for name, value, top in (("likelihood", likelihood, steps_l), ("impact", impact, steps_i))
        if not 1 <= value <= top
    }
    if bad:
        with pytest.raises(ValidationError) as caught:
            make_risk(personas, "R", likelihood, impact)
        assert set(caught.value.error_dict) == bad
        assert not Risk.objects.filter(agency=personas.agency).exists()
    else:
        assert make_risk(personas, "R", likelihood, impact).score == likelihood * impact


@PROPERTY
@given(
    steps_l=st.integers(2, 6),
    steps_i=st.integers(2, 6),
    medium=st.integers(-2, 40),
    high=st.integers(-2, 40),
)
def test_thresholds_are_accepted_exactly_when_ordered_within_the_top_score(
    personas: Personas, steps_l: int, steps_i: int, medium: int, high: int
) -> None:
    before = (scale_of(personas.agency).medium_from, scale_of(personas.agency).high_from)
    if 1 <= medium < high <= steps_l * steps_i:
        saved = _set_scale(personas, steps_l, steps_i, medium, high)
        assert (saved.medium_from, saved.high_from) == (medium, high)
        assert len(saved.likelihood_labels) == steps_l and len(saved.impact_labels) == steps_i
    else:
        with pytest.raises(ValidationError) as caught:
            _set_scale(personas, steps_l, steps_i, medium, high)
        assert "high_from" in caught.value.error_dict
        stored = scale_of(personas.agency)
        assert (stored.medium_from, stored.high_from) == before


@PROPERTY
@given(
    used=st.tuples(st.integers(1, 5), st.integers(1, 5)), new=st.tuples(st.integers(2, 5), st.integers(2, 5))
)
def test_a_scale_shrinks_only_when_no_risk_uses_a_step_beyond_it(
    personas: Personas, used: tuple[int, int], new: tuple[int, int]
) -> None:
    Risk.objects.filter(agency=personas.agency).delete()
    services.risk_scale_update(
        agency=personas.agency,
        actor=personas.secretary,
        likelihood_labels=list(DEFAULT_LIKELIHOOD_LABELS),
        impact_labels=list(DEFAULT_IMPACT_LABELS),
        medium_from=5,
        high_from=12,
    )
    make_risk(personas, "R", *used)
    fits = used[0] <= new[0] and used[1] <= new[1]
    call = lambda: _set_scale(personas, new[0], new[1], 1, 2)  # noqa: E731
    if fits:
        assert len(call().likelihood_labels) == new[0]
    else:
        with pytest.raises(ValidationError, match="vượt quá thang"):
            call()
        assert len(scale_of(personas.agency).likelihood_labels) == 5


def test_an_agency_without_a_saved_scale_reads_the_default_one_and_nothing_is_written(
    personas: Personas,
) -> None:
    scale = scale_of(personas.agency)
    assert scale.pk is None
    assert (scale.likelihood_labels, scale.impact_labels) == (
        DEFAULT_LIKELIHOOD_LABELS,
        DEFAULT_IMPACT_LABELS,
    )
    assert (scale.medium_from, scale.high_from) == (5, 12)
    assert [scale.level_of(s) for s in (4, 5, 11, 12, 25)] == ["low", "medium", "medium", "high", "high"]
    client_for(personas.viewer).get(reverse("risks:list"))
    assert not RiskScale.objects.filter(agency=personas.agency).exists()


def test_each_agency_keeps_its_own_scale(personas: Personas) -> None:
    _set_scale(personas, 3, 3, 2, 3)
    other = scale_of(personas.other_agency)
    assert (other.medium_from, other.high_from, len(other.likelihood_labels)) == (5, 12, 5)


def test_a_scale_needs_two_steps_on_each_axis_blank_labels_not_counting(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="ít nhất 2 mức"):
        services.risk_scale_update(
            agency=personas.agency,
            actor=personas.secretary,
            likelihood_labels=["Thấp", "  ", ""],
            impact_labels=["a", "b"],
            medium_from=1,
            high_from=2,
        )
    saved = services.risk_scale_update(
        agency=personas.agency,
        actor=personas.secretary,
        likelihood_labels=[" Thấp ", "", "Cao"],
        impact_labels=["a", "b"],
        medium_from=1,
        high_from=2,
    )
    assert saved.likelihood_labels == ["Thấp", "Cao"]


def test_the_secretary_sets_the_scale_on_its_page_and_the_forms_offer_its_steps(personas: Personas) -> None:
    client = client_for(personas.secretary)
    response = client.post(
        reverse("risks:scale"),
        {
            "likelihood_labels": "Hiếm\n\nĐôi khi\nThường xuyên\n",
            "impact_labels": "Nhẹ\nNặng",
            "medium_from": 3,
            "high_from": 5,
        },
    )
    assert response.status_code == 302
    scale = scale_of(personas.agency)
    assert (scale.likelihood_labels, scale.impact_labels) == (
        ["Hiếm", "Đôi khi", "Thường xuyên"],
        ["Nhẹ", "Nặng"],
    )
    create_page = client.get(reverse("risks:create")).content.decode()
    assert "3 – Thường xuyên" in create_page and "2 – Nặng" in create_page
    assert "4 – " not in create_page.split('name="impact"')[1].split("</select>")[0]
    list_page = client.get(reverse("risks:list")).content.decode()
    assert "trung bình từ 3 điểm, cao từ 5 điểm" in list_page


def test_thresholds_out_of_order_come_back_on_the_page_with_the_labels_typed(personas: Personas) -> None:
    response = client_for(personas.director).post(
        reverse("risks:scale"),
        {"likelihood_labels": "Một\nHai", "impact_labels": "Ba\nBốn", "medium_from": 4, "high_from": 3},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "trung bình &lt; cao" in page or "trung bình < cao" in page
    assert "Một" in page and "Bốn" in page
    assert scale_of(personas.agency).pk is None


@pytest.mark.parametrize("who", ["division_head", "officer", "auditor", "viewer", "deputy"])
def test_only_the_secretary_and_the_director_change_the_scale(personas: Personas, who: str) -> None:
    client = client_for(getattr(personas, who))
    assert client.get(reverse("risks:scale")).status_code == 403
    data = {"likelihood_labels": "a\nb", "impact_labels": "c\nd", "medium_from": 1, "high_from": 2}
    assert client.post(reverse("risks:scale"), data).status_code == 403
    assert scale_of(personas.agency).pk is None


def test_the_detail_page_names_the_steps_and_the_level_of_the_agency_scale(personas: Personas) -> None:
    _set_scale(personas, 3, 4, 4, 9)
    risk = make_risk(personas, "R1", 3, 3)
    page = client_for(personas.viewer).get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "3 (K3)" in page and "3 (A3)" in page and "<strong>9</strong>" in page
    assert '<span class="badge text-bg-danger">Cao</span>' in page  # 9 ≥ the agency's "high from 9"
    medium = make_risk(personas, "R2", 2, 2)
    page = client_for(personas.viewer).get(reverse("risks:detail", args=[medium.pk])).content.decode()
    assert '<span class="badge text-bg-warning">Trung bình</span>' in page
