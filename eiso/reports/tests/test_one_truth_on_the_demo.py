"""One truth on the full demo: a figure shown in more than one place (dashboard, II.06a page, objectives page,
review page, minutes, self-report, province XLSX) is the same everywhere for the same agency, period and
as-of date; the review figures add up; and the self-report states only what the records say."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from eiso.core import clock
from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.core.layout import BulletList, Heading, Paragraph
from eiso.core.models import Person
from eiso.core.testing import client_for
from eiso.documents.models import Document
from eiso.reports.exports import province_summary_xlsx
from eiso.reports.selectors import province_overview
from eiso.reviews import paperwork
from eiso.reviews.models import ManagementReview
from eiso.reviews.register import overdue_legal_flags, stale_recorded_changes
from eiso.reviews.sections import section_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once inside a transaction rolled back afterwards (each test in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def _review() -> ManagementReview:
    review = ManagementReview.objects.get(agency__code=DEMO_AGENCY_CODE, year=2017)
    assert review.inputs_as_of is not None
    return review


def _as_of(review: ManagementReview) -> dt.date:
    assert review.inputs_as_of is not None
    return review.inputs_as_of


def _text(document: Any) -> str:
    return "\n".join(str(block) for block in document.blocks)


def test_the_changes_register_and_document_control_agree_on_overdue_legal_changes(demo: None) -> None:
    review = _review()
    inputs = {i.key: i.data for i in review.inputs.all()}
    as_of = _as_of(review)
    overdue_flags = overdue_legal_flags(agency=review.agency, as_of=as_of).count()
    assert overdue_flags == inputs["documents"]["legal_changes_overdue"] > 0
    overdue_in_changes = sum(
        item["pending_documents"] for item in inputs["changes"]["items"] if item["overdue"]
    )
    assert overdue_in_changes == overdue_flags
    minutes = _text(paperwork.minutes_document(review, with_charts=False))
    assert "QUÁ HẠN cập nhật 3 tháng" in minutes


def test_the_province_xlsx_says_the_update_is_late_like_the_minutes(demo: None) -> None:
    review = _review()
    supervisor = Person.objects.get(user__username="skhcn")
    as_of = _as_of(review)
    agencies = province_overview(person=supervisor, year=2017, as_of=as_of)
    row = agencies.get(code=DEMO_AGENCY_CODE)
    expected = (
        stale_recorded_changes(agency=review.agency, as_of=as_of).count()
        + overdue_legal_flags(agency=review.agency, as_of=as_of).count()
    )
    assert row.stale_changes == expected > 0  # type: ignore[attr-defined]
    ncs = {i.key: i.data for i in review.inputs.all()}["nonconformities"]
    assert (row.cars_open, row.cars_overdue) == (ncs["open"], ncs["overdue"])  # type: ignore[attr-defined]
    workbook = load_workbook(io.BytesIO(province_summary_xlsx(agencies, year=2017, province="Khánh Hòa")))
    sheet = workbook.worksheets[0]
    values = [list(line) for line in sheet.iter_rows(values_only=True)]
    header, agency_row = values[1], next(line for line in values if line[1] == row.name)
    assert agency_row[header.index("Phạm vi cập nhật")] == "Chưa"


def test_the_self_report_states_what_the_records_say(demo: None) -> None:
    review = _review()
    text = _text(paperwork.self_report_document(review))
    for asserted in (
        "chưa phát sinh",
        "không thuê tổ chức tư vấn",
        "Ban Chỉ đạo ISO đã được thành lập",
        "số …",
    ):
        assert asserted not in text
    assert "01/03/2017" in text  # the recorded scope change (QĐ 19/2014 Art. 4 cl. 4(c))
    assert "Ban Chỉ đạo ISO thành lập theo Quyết định số" in text
    missing = paperwork.self_report_missing(review)
    assert any("số văn bản" in item for item in missing)  # the effectiveness confirmation has no number
    assert all(item in text for item in missing if "phạm vi áp dụng" not in item)


def test_the_minutes_name_officials_by_their_title_in_order_of_rank(demo: None) -> None:
    text = _text(paperwork.minutes_document(_review(), with_charts=False))
    assert "Ông/Bà" not in text
    assert "Hoạch định HTQLCL năm 2018" in text and "Hoạch định HTQLCL năm sau" not in text
    present = next(line for line in text.splitlines() if "Có mặt:" in line)
    assert present.index("Giám đốc") < present.index("Phó Giám đốc")


# --- the same figures on every page and in every document, for the same agency, period and as-of date ------


@pytest.fixture
def on_the_review_day(settings: Any) -> Iterator[dt.date]:
    """The application lives on the review's as-of date (eiso.core.clock), so that the dashboard, which
    always shows "today", is measured on the same day as the review inputs."""
    review = _review()
    as_of = _as_of(review)
    original = timezone.now
    settings.EISO_TODAY = as_of.isoformat()
    clock.install()
    yield as_of
    timezone.now = original


def _plain(html: bytes) -> str:
    """A page's text, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def _running_text(document: Any) -> list[str]:
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, BulletList):
            lines += block.items
        elif isinstance(block, Paragraph | Heading):
            lines.append(block.text)
    return lines


def _panels(response: Any) -> dict[str, dict[str, Any]]:
    return dict(response.context["panels"])


def test_every_page_and_document_shows_the_same_figures_for_the_same_as_of_date(
    demo: None, on_the_review_day: dt.date
) -> None:
    review = _review()
    as_of = on_the_review_day
    inputs = {i.key: i.data for i in review.inputs.all()}
    dossiers, satisfaction, risks = inputs["dossiers"], inputs["satisfaction"], inputs["risks"]
    objectives = {item["indicator_id"]: item for item in inputs["objectives"]["items"]}
    secretary = client_for(Person.objects.get(user__username="thuky"))

    # the dashboard, on the review's as-of date
    dashboard = secretary.get(reverse("core:dashboard"))
    panels = _panels(dashboard)
    stats = panels["dossiers/_panel.html"]["stats"]
    survey = panels["surveys/_panel_satisfaction.html"]["summary"]
    assert (survey["satisfied"], survey["valid"]) == (satisfaction["satisfied"], satisfaction["valid"])
    assert (
        survey["identified"] == satisfaction["identified"]
        and survey["anonymous"] == satisfaction["anonymous"]
    )
    measured = {row["id"]: row for row in panels["objectives/_panel_objectives.html"]["rows"]}
    assert {k: row["display"] for k, row in measured.items()} == {
        k: i["display"] for k, i in objectives.items()
    }
    risk_panel = panels["risks/_panel.html"]["summary"]
    assert {k: risk_panel[k] for k in ("high", "medium", "low", "risks", "opportunities")} == {
        k: risks[k] for k in ("high", "medium", "low", "risks", "opportunities")
    }
    page = _plain(dashboard.content)
    for part in ("identified", "anonymous"):
        assert f"{satisfaction[part]['satisfied']}/{satisfaction[part]['valid']} =" in page

    # the dossier figures: dashboard card, II.06a page and the review input agree on the year to date
    ii06a = secretary.get(
        reverse("dossiers:statistics"), {"date_from": f"{review.year}-01-01", "date_to": as_of.isoformat()}
    )
    total = ii06a.context["total"]
    for key in ("received_total", "resolved_total", "resolved_early", "resolved_on_time", "resolved_late"):
        assert total[key] == dossiers[key], key
    assert f"{dossiers['resolved_early']}/{dossiers['resolved_total']} hồ sơ giải quyết sớm hạn" in _plain(
        ii06a.content
    )
    # the dashboard card counts the year to date, judged on the same day
    on_time = stats["resolved_early"] + stats["resolved_on_time"]
    assert (on_time, stats["resolved_total"]) == (
        dossiers["resolved_early"] + dossiers["resolved_on_time"],
        dossiers["resolved_total"],
    )
    # and its "Xem thống kê" link opens the II.06a page on those very figures
    link = re.search(r'href="(/ho-so/thong-ke/\?[^"]+)"[^>]*>Xem thống kê', dashboard.content.decode())
    assert link is not None
    followed = secretary.get(html.unescape(link.group(1))).context["total"]
    assert (followed["resolved_total"], followed["received_total"]) == (
        stats["resolved_total"],
        stats["received_total"],
    )

    # the objectives page as of the same date
    objective_set = review.agency.objective_sets.get(year=review.year)
    objectives_page = secretary.get(
        reverse("objectives:set_detail", kwargs={"pk": objective_set.pk}), {"as_of": as_of.isoformat()}
    )
    page = _plain(objectives_page.content)
    for item in objectives.values():
        assert item["display"] in page, item["name"]
    split = "phiếu gắn mã hồ sơ {si}/{vi}; phiếu ẩn danh {sa}/{va}".format(
        si=satisfaction["identified"]["satisfied"],
        vi=satisfaction["identified"]["valid"],
        sa=satisfaction["anonymous"]["satisfied"],
        va=satisfaction["anonymous"]["valid"],
    )
    assert split in page

    # the review page, the minutes and the self-report print the same lines
    review_page = _plain(secretary.get(reverse("reviews:detail", kwargs={"pk": review.pk})).content)
    minutes = " ".join(_running_text(paperwork.minutes_document(review, with_charts=False)))
    self_report = " ".join(_running_text(paperwork.self_report_document(review)))
    for key in inputs:
        for line in section_text(key, inputs[key]):
            assert html.escape(line, quote=False) in review_page, line
            assert line in minutes, line
    for key in ("procedures", "documents", "objectives", "dossiers", "internal_audit", "nonconformities"):
        for line in section_text(key, inputs[key]):
            assert line in self_report, line


def test_the_review_figures_add_up_and_the_audit_coverage_comes_from_the_audit_held(demo: None) -> None:
    inputs = {i.key: i.data for i in _review().inputs.all()}
    risks = inputs["risks"]
    assert risks["high"] + risks["medium"] + risks["low"] == risks["risks"]
    audit = inputs["internal_audit"]
    # the 26/07/2017 audit visited the Office, the press and the post divisions: not the IT division's 5 TTHC
    assert (audit["divisions_audited"], audit["procedures_covered"], audit["procedures_total"]) == (3, 41, 46)
    listed = [f for f in audit["finding_texts"] if f["kind"] == "observation"]
    assert len(listed) == audit["findings"]["observation"] == 2
    previous = inputs["previous_actions"]
    assert previous["done"] + previous["open"] + previous["cancelled"] == previous["total"]
    assert [i["text"] for i in previous["items"] if i["overdue"]] == [
        "Đào tạo bổ sung chuyên gia đánh giá nội bộ cho các phòng chuyên môn"
    ]
    ncs = inputs["nonconformities"]
    states = ncs["closed"] + ncs["forwarded"] + ncs["cancelled"] + ncs["open"]
    assert ncs["requested"] + ncs["carried_over"] == states
    providers = inputs["external_providers"]
    assert providers["meets"] + providers["partly"] + providers["fails"] + providers["not_evaluated"] == 2


def test_the_state_documents_name_officials_with_their_salutation_and_write_the_figures_in_words(
    demo: None,
) -> None:
    review = _review()
    for document in (
        paperwork.minutes_document(review, with_charts=False),
        paperwork.notice_document(review),
        paperwork.self_report_document(review),
    ):
        running = _running_text(document)
        text = "\n".join(running)
        assert "Ông/Bà" not in text and "≥" not in text and "năm sau" not in text
        assert not [line for line in running if "—" in line]  # no em-dash (pairs) in running text
        assert "ông Phạm Duy Lộc, Giám đốc Sở" in text or document.doc_type_name == "BÁO CÁO"
    minutes = "\n".join(_running_text(paperwork.minutes_document(review, with_charts=False)))
    assert "Thư ký: bà Nguyễn Thị Kim Anh" in minutes
    assert "bổ sung chỉ tiêu mới cho năm 2018" in minutes


@pytest.fixture
def on_the_demo_day(settings: Any) -> Iterator[dt.date]:
    """As `make demo` runs: the application lives on 07/08/2017 (EISO_TODAY)."""
    original = timezone.now
    settings.EISO_TODAY = "2017-08-07"
    clock.install()
    yield dt.date(2017, 8, 7)
    timezone.now = original


def test_make_demo_opens_the_seeds_year_with_its_figures_without_typing_a_date(
    demo: None, on_the_demo_day: dt.date
) -> None:
    """The dashboard of `make demo` tells the 2017 story: 70/70 dossiers early, 46/46 TTHC posted, 54/54
    satisfied; documents are not all overdue for review."""
    secretary = client_for(Person.objects.get(user__username="thuky"))
    dashboard = secretary.get(reverse("core:dashboard"))
    page = _plain(dashboard.content)
    assert "07/08/2017 · Sở Thông tin" in page  # the dashboard's own date follows the application's clock
    chart = _panels(dashboard)["objectives/_panel_objectives.html"]["chart"]
    assert "Tỷ lệ" in chart  # the bars carry the indicators' names, not 1 2 3
    for figure in ("70/70", "46/46", "54/54"):
        assert figure in page, figure
    overdue = secretary.get(reverse("documents:overdue")).content.decode()
    listed = len(set(re.findall(r'href="/tai-lieu/(\d+)/"', overdue)))
    documents = Document.objects.filter(agency__code=DEMO_AGENCY_CODE).count()
    assert documents > 0 and listed < documents / 2
