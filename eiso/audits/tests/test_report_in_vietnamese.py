"""The internal audit report is a state document: Vietnamese whatever the reader's language, and a one-day
audit is dated "ngày X", not "từ ngày X đến ngày X"."""

from __future__ import annotations

from django.utils import translation

from eiso.audits.report import audit_report_document
from eiso.audits.tests.factories import make_audit
from eiso.core.layout import render_html
from eiso.core.testing import Personas


def test_the_audit_report_is_vietnamese_for_an_english_reader(personas: Personas) -> None:
    audit = make_audit(personas)
    with translation.override("en"):
        html = render_html(audit_report_document(audit))
    assert "BÁO CÁO" in html and "TRƯỞNG ĐOÀN ĐÁNH GIÁ" in html
    assert "Mục tiêu, phạm vi và chuẩn mực đánh giá" in html
    for english in ("REPORT", "LEAD AUDITOR", "On the results"):
        assert english not in html


def test_a_one_day_audit_is_dated_with_one_date(personas: Personas) -> None:
    html = render_html(audit_report_document(make_audit(personas)))
    assert "ngày 26/07/2017" in html
    assert "từ ngày 26/07/2017 đến ngày 26/07/2017" not in html
