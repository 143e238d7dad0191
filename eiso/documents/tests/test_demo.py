"""The demo register: what the 2017 management review of the reference case looks at, re-runnable."""

import datetime as dt

import pytest
from django.core.management import call_command

from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.core.models import Agency
from eiso.documents import selectors
from eiso.documents.models import Document, DocumentVersion, LegalChangeFlag

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        Document.objects.count(),
        DocumentVersion.objects.count(),
        LegalChangeFlag.objects.count(),
        DocumentVersion.objects.filter(state="issued").count(),
    )


def test_the_demo_register_holds_the_reference_documents_and_is_rerunnable() -> None:
    call_command("load_demo", verbosity=0)
    first = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == first
    agency = Agency.objects.get(code=DEMO_AGENCY_CODE)
    codes = set(Document.objects.filter(agency=agency).values_list("code", flat=True))
    assert {"STCL-01", "CSCL-01", "MTCL-01", "QT-01", "QT-02", "QT-03", "QT-04", "QT-05"} <= codes
    assert Document.objects.filter(agency=agency, doc_type="tthc_procedure", is_public=True).count() == 48
    assert selectors.public_procedures(agency=agency).count() == 46
    summary = selectors.documents_summary(agency=agency, year=2017, as_of=dt.date(2017, 8, 1))
    assert summary["overdue_reviews"] == 4
    assert summary["legal_changes_pending"] == 3
    assert summary["evaluations_total"] > 50
