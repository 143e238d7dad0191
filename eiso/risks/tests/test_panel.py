"""The dashboard's risk card says what the register says: its level counts are the rows the register lists
for that level, and its action counts add up from the register's action columns."""

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eiso.core.testing import Personas, client_for
from eiso.risks import services
from eiso.risks.models import Risk

pytestmark = pytest.mark.django_db

LABELS = {"high": "Mức cao", "medium": "Mức trung bình", "low": "Mức thấp"}

risk_specs = st.lists(
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["risk", "risk", "opportunity"]),
            "likelihood": st.integers(1, 5),
            "impact": st.integers(1, 5),
            "end": st.sampled_from(["open", "open", "closed", "cancelled"]),
            "actions": st.lists(st.tuples(st.integers(-40, 40), st.booleans()), max_size=3),
        }
    ),
    max_size=8,
)


def _build(p: Personas, specs: list[dict[str, Any]]) -> None:
    today = timezone.localdate()
    start = today - dt.timedelta(days=60)
    for n, spec in enumerate(specs):
        risk = services.risk_register(
            agency=p.agency,
            actor=p.secretary,
            code=f"R{n:02d}",
            kind=spec["kind"],
            description=f"Mô tả {n}",
            likelihood=spec["likelihood"],
            impact=spec["impact"],
            identified_on=start,
        )
        for offset, done in spec["actions"]:
            action = services.risk_action_add(
                risk=risk,
                actor=p.secretary,
                description="Biện pháp",
                owner=p.officer,
                deadline=today + dt.timedelta(days=offset),
            )
            if done:
                services.risk_action_done(action=action, actor=p.officer, on=start + dt.timedelta(days=1))
        if spec["end"] == "closed" and spec["actions"]:
            services.risk_review(
                risk=risk,
                actor=p.secretary,
                on=start + dt.timedelta(days=2),
                effectiveness="effective",
                close=True,
            )
        elif spec["end"] == "cancelled":
            services.risk_cancel(
                risk=risk, actor=p.secretary, on=start + dt.timedelta(days=3), reason="Trùng"
            )


def _figure(html: str, label: str) -> int:
    match = re.search(rf'{label}</div><div class="fs-4[^"]*">(\d+)</div>', html)
    assert match, label
    return int(match.group(1))


def _panel(client: Client) -> str:
    page = client.get(reverse("core:dashboard")).content.decode()
    start = page.index('aria-labelledby="h-panel-risks"')
    return page[start : page.index("</section>", start)]


def _row_count(client: Client, **filters: str) -> int:
    page = client.get(reverse("risks:list"), filters).content.decode()
    match = re.search(r'data-row-count="(\d+)"', page)
    assert match
    return int(match.group(1))


def _export(client: Client) -> list[dict[str, str]]:
    response: Any = client.get(reverse("risks:list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=risk_specs)
def test_the_dashboard_card_counts_what_the_register_lists(
    personas: Personas, specs: list[dict[str, Any]]
) -> None:
    Risk.objects.filter(agency=personas.agency).delete()
    _build(personas, specs)
    client = client_for(personas.viewer)
    panel = _panel(client)
    for level, label in LABELS.items():
        listed = _row_count(client, kind="risk", status="open", level=level)
        assert _figure(panel, label) == listed, level

    rows = [row for row in _export(client) if row["Trạng thái"] != "Đã hủy"]
    total = sum(int(row["Số biện pháp"]) for row in rows)
    still_open = sum(int(row["Biện pháp đang làm"]) for row in rows)
    assert f"Biện pháp hoàn thành: {total - still_open}/{total}" in panel


def test_the_card_and_the_register_header_show_the_same_figures(personas: Personas) -> None:
    _build(
        personas,
        [
            {
                "kind": "risk",
                "likelihood": 5,
                "impact": 5,
                "end": "open",
                "actions": [(-5, False), (5, True)],
            },
            {"kind": "risk", "likelihood": 2, "impact": 3, "end": "open", "actions": []},
            {"kind": "opportunity", "likelihood": 5, "impact": 5, "end": "open", "actions": []},
        ],
    )
    client = client_for(personas.viewer)
    panel = _panel(client)
    register = client.get(reverse("risks:list")).content.decode()
    for label in LABELS.values():
        assert _figure(panel, label) == _figure(register, label)
    assert (
        _figure(panel, LABELS["high"]),
        _figure(panel, LABELS["medium"]),
        _figure(panel, LABELS["low"]),
    ) == (
        1,
        1,
        0,
    )
    assert "Biện pháp hoàn thành: 1/2" in panel and "quá hạn: 1" in panel
    assert _figure(register, "Biện pháp quá hạn") == 1


def test_another_agency_sees_none_of_these_figures(personas: Personas) -> None:
    _build(
        personas, [{"kind": "risk", "likelihood": 5, "impact": 5, "end": "open", "actions": [(-5, False)]}]
    )
    panel = _panel(client_for(personas.outsider))
    assert [_figure(panel, label) for label in LABELS.values()] == [0, 0, 0]
    assert "Biện pháp hoàn thành: 0/0" in panel and "quá hạn" not in panel
